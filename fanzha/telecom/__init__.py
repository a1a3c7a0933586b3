"""Telecom domain: carrier call-record analytics (see analytics/) and, later, the Django app."""
