"""List pages: sorting and paging from the URL, the same way on every domain's list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

PAGE_SIZES = (20, 50, 100)


@dataclass
class Listing:
    page: Page[Any]
    sort: str
    querystring: str  # the current filters without page/sort, for links that change only those

    @property
    def items(self) -> list[Any]:
        return list(self.page.object_list)


def listing(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    sorts: dict[str, str],
    default_sort: str,
    per_page: int = 20,
) -> Listing:
    """`sorts` maps a URL sort key ("at", "-at") to an ORM ordering; unknown keys fall back."""
    sort = request.GET.get("sort", default_sort)
    key = sort.lstrip("-")
    if key not in sorts:
        sort, key = default_sort, default_sort.lstrip("-")
    ordering = sorts[key]
    if sort.startswith("-"):
        ordering = ordering[1:] if ordering.startswith("-") else "-" + ordering
    size = _int(request.GET.get("size"), per_page)
    size = size if size in PAGE_SIZES else per_page
    paginator = Paginator(queryset.order_by(ordering, "-pk"), size)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    for name in ("page", "sort"):
        params.pop(name, None)
    return Listing(page=page, sort=sort, querystring=params.urlencode())


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw) if raw else default
    except ValueError:
        return default


def day_start(day: date) -> datetime:
    """Midnight Beijing time, as an aware datetime (stored values are UTC)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_range(field: str, date_from: date | None, date_to: date | None) -> Q:
    """`field` within whole local days from `date_from` to `date_to` inclusive (either may be open)."""
    query = Q()
    if date_from:
        query &= Q(**{f"{field}__gte": day_start(date_from)})
    if date_to:
        query &= Q(**{f"{field}__lt": day_start(date_to + timedelta(days=1))})
    return query
