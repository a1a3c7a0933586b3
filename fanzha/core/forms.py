"""Shared form helpers for every domain's pages."""

from __future__ import annotations

from django import forms

from fanzha.core.errors import DomainError


def apply_errors(form: forms.Form, exc: DomainError) -> None:
    """Puts a service's field messages next to the matching fields; when any message has no field on
    this form (or there are none), the service's overall message goes on top of the form."""
    unplaced = not exc.fields
    for name, message in exc.fields.items():
        if name in form.fields:
            form.add_error(name, message)
        else:
            unplaced = True
    if unplaced:
        form.add_error(None, exc.message)
