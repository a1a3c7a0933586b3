"""Shared form helpers for every domain's pages."""

from __future__ import annotations

from django import forms

from fanzha.core.errors import DomainError


def apply_errors(form: forms.Form, exc: DomainError, *, prefix: str = "") -> None:
    """Puts a service's field messages next to the matching fields (`prefix` is taken off the
    service's keys first: `payment.amount_yuan` → `amount_yuan`); when any message has no visible
    field on this form (or there are none), the service's overall message goes on top of the form.
    A hidden field counts as none: a stale `version` is explained by the overall message."""
    unplaced = not exc.fields
    for key, message in exc.fields.items():
        name = key.removeprefix(prefix)
        field = form.fields.get(name)
        if field is not None and not field.widget.is_hidden:
            form.add_error(name, message)
        else:
            unplaced = True
    if unplaced:
        form.add_error(None, exc.message)
