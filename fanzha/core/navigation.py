"""The navigation bar: one entry per domain. A domain app, when built, names its list page here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavEntry:
    slug: str
    label: str
    url_name: str  # the domain's list page; until it exists the entry shows a placeholder page
    perm: str = ""  # shown only to holders of this capability ("" = everyone with a unit)


NAV: tuple[NavEntry, ...] = (
    NavEntry("cases", "案件", "cases:list"),
    NavEntry("clues", "线索", "clues:list"),
    NavEntry("freeze", "止付冻结", "freeze:list"),
    NavEntry("alerts", "预警劝阻", "alerts:list"),
    NavEntry("screening", "柜面筛查", "screening:list"),
    NavEntry("linking", "串并案", "linking:list"),
    NavEntry("people", "重点人员", "people:list"),
    NavEntry("outreach", "宣传", "outreach:list"),
    NavEntry("detect", "文本检测", "detect:desk", "detect.run"),
    NavEntry("telecom", "通信分析", "telecom:list", "telecom.run"),
    NavEntry("reports", "研判与报表", "reports:list"),
    NavEntry("admin", "系统管理", "org:units", "org.manage"),
)


def entry_url(entry: NavEntry) -> str:
    try:
        return reverse(entry.url_name)
    except NoReverseMatch:
        return reverse("core:module", args=[entry.slug])


def entry_for(slug: str) -> NavEntry | None:
    return next((e for e in NAV if e.slug == slug), None)
