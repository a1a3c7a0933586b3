from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def sort_link(listing: Any, key: str, label: str) -> SafeString:
    """A column header that sorts by `key`, toggling direction, with an arrow on the current one."""
    current = listing.sort
    descending = current == f"-{key}"
    target = key if descending else f"-{key}" if current == key else key
    arrow = "▼" if descending else "▲" if current == key else ""
    sep = "&" if listing.querystring else ""
    return format_html('<a href="?{}{}sort={}">{}{}</a>', listing.querystring, sep, target, label, arrow)


@register.simple_tag
def page_link(listing: Any, number: int) -> str:
    sep = "&" if listing.querystring else ""
    return f"?{listing.querystring}{sep}sort={listing.sort}&page={number}"
