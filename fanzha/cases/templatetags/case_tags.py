"""Template helpers for case and freeze pages: masked identifiers, type names, durations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template

from fanzha.cases.present import type_name
from fanzha.core.privacy import shown as _shown
from fanzha.freeze.services import human_duration

register = template.Library()


@register.simple_tag(takes_context=True)
def shown(context: dict[str, Any], kind: str, value: str | None) -> str:
    """{% shown "phone" victim.phone %}: whole with clearance, masked without."""
    request = context.get("request")
    return _shown(getattr(request, "user", None), kind, value)


@register.filter
def fraud_type_name(code: str) -> str:
    return type_name(code)


@register.filter
def duration(value: timedelta | None) -> str:
    return human_duration(value)
