"""The case list's filters, shared by the page, the API and the export."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page
from django.db.models import Q, QuerySet

from fanzha.cases.models import Case, Victim
from fanzha.core.access import units_under
from fanzha.core.listing import day_range
from fanzha.org.models import OrgUnit

_NUMBER_RE = re.compile(r"AJ\d{8}[A-Z0-9]{6,8}")
_ID_RE = re.compile(r"\d{17}[\dXx]")
MAX_NAME_MATCHES = 5000
SORTS = {"reported": "reported_at", "loss": "loss_yuan", "status": "status", "incident": "incident_at"}


@dataclass
class CaseQuery:
    status: str = ""
    fraud_type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    station: str = ""  # a unit code: that station, or every station below a district
    q: str = ""
    text: str = ""  # words in the narrative (a scan; combine with other filters on big databases)

    @classmethod
    def from_params(cls, params: Any) -> CaseQuery:
        return cls(
            status=params.get("status", "").strip(),
            fraud_type=params.get("fraud_type", "").strip(),
            date_from=parse_date(params.get("date_from")),
            date_to=parse_date(params.get("date_to")),
            station=params.get("station", "").strip(),
            q=params.get("q", "").strip()[:50],
            text=params.get("text", "").strip()[:50],
        )


def parse_date(raw: Any) -> date | None:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw).strip()) if raw else None
    except ValueError:
        return None


def search(user: Any, query: CaseQuery) -> QuerySet[Case]:
    cases = Case.objects.visible_to(user)
    if query.status:
        cases = cases.filter(status=query.status)
    if query.fraud_type:
        cases = cases.filter(fraud_type=query.fraud_type)
    if query.date_from or query.date_to:
        cases = cases.filter(day_range("reported_at", query.date_from, query.date_to))
    if query.station:
        station = OrgUnit.objects.filter(code=query.station).first()
        cases = cases.filter(owner_unit_id__in=units_under(station.path)) if station else cases.none()
    if query.q:
        cases = cases.filter(text_q(query.q))
    if query.text:
        cases = cases.filter(narrative__contains=query.text)
    return cases


def text_q(text: str) -> Q:
    """Every branch is an indexed lookup: case number, ID number, source case number, or the start of
    the victim's name (a range, so that SQLite uses the index too). Narrative text is `text`."""
    if _NUMBER_RE.fullmatch(text.upper()):
        return Q(number=text.upper())
    if _ID_RE.fullmatch(text):
        return Q(pk__in=Victim.objects.filter(id_number=text.upper()).values("case_id"))
    # One materialized list of ids: with "source_ref = ? OR pk IN (…)" SQLite scans every visible
    # case; the `exclude` lets it use the partial unique index on source_ref.
    named = Victim.objects.filter(name__gte=text, name__lt=text + "\U0010ffff").values_list(
        "case_id", flat=True
    )
    by_ref = Case.objects.filter(source_ref=text).exclude(source_ref="").values_list("pk", flat=True)
    return Q(pk__in=[*by_ref, *named[:MAX_NAME_MATCHES]])


def load_page(page: Page[Case]) -> None:
    """Replaces the page's lazy slice by its cases, read in two steps: the page's ids (sorted from the
    case table's indexes alone), then those rows with their victim and unit. Sorting the joined rows
    made SQLite read and join every case a district sees (~34,000 at 200,000) for each page."""
    ids = list(page.object_list.values_list("pk", flat=True))  # type: ignore[attr-defined]
    rows = Case.objects.select_related("owner_unit", "victim").in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
