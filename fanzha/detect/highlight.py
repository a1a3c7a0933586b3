"""Marks the cue spans of a detection in the original text, HTML-escaped."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlight(text: str, spans: list[dict[str, Any]]) -> SafeString:
    """Wraps each reason span in <mark>; overlapping spans are merged into the first."""
    ordered = sorted((int(s["start"]), int(s["end"]), s.get("label") or s.get("cue") or "") for s in spans)
    out: list[str] = []
    pos = 0
    for start, end, label in ordered:
        if start < pos or end <= start:
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<mark title="{escape(label)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
