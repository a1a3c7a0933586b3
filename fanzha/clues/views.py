"""Clue pages: inbox, overdue, all (filters in the URL, export), detail with timeline and actions."""

from __future__ import annotations

import base64
from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from pydantic import ValidationError

from fanzha.accounts.choices import Perm
from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.clues import display, exchange, indicators, queries, services
from fanzha.clues.choices import ClueSource, ClueStatus, Priority
from fanzha.clues.forms import (
    POLICY_FIELDS,
    AssessForm,
    ClueForm,
    DeadlineForm,
    DispatchForm,
    FeedbackForm,
    ImportForm,
    StepForm,
)
from fanzha.clues.models import Clue
from fanzha.core import excel
from fanzha.core.access import get_visible, require
from fanzha.core.decorators import page
from fanzha.core.errors import DomainError
from fanzha.core.forms import apply_errors
from fanzha.core.listing import listing
from fanzha.core.privacy import has_clearance
from fanzha.detect import services as detect
from fanzha.org import services as org

_SORTS = {"received": "received_at", "due": "due_at", "updated": "updated_at"}
_BOXES = {
    None: ("全部线索", "-received", "clues:list"),
    "inbox": ("待办线索", "due", "clues:inbox"),
    "overdue": ("超期线索", "due", "clues:overdue"),
}


def _filters(request: HttpRequest) -> tuple[queries.ClueFilter, dict[str, Any], str]:
    raw: dict[str, Any] = {k: v for k, v in request.GET.items() if v and k in queries.ClueFilter.model_fields}
    try:
        return queries.ClueFilter.model_validate(raw), raw, ""
    except ValidationError:
        return queries.ClueFilter.model_validate({}), {}, "筛选条件格式错误，已显示全部线索"


def _list(request: HttpRequest, box: str | None) -> HttpResponse:
    title, default_sort, url_name = _BOXES[box]
    user: Any = request.user
    f, raw, error = _filters(request)
    if box:
        f.box = box
    clues = queries.filter_clues(request.user, f)
    if request.GET.get("export") == "xlsx":
        require(request.user, Perm.EXPORT)
        export = exchange.export(user, clues.order_by("due_at" if box else "-received_at"), title)
        return cast(HttpResponse, export)  # a streamed file; @page types views as HttpResponse
    result = listing(request, clues, sorts=_SORTS, default_sort=default_sort)
    context = {
        "title": title, "box": box, "url_name": url_name, "listing": result, "f": raw, "error": error,
        "rows": display.rows(result.items), "statuses": ClueStatus.choices, "priorities": Priority.choices,
        "sources": ClueSource.choices, "fraud_types": detect.fraud_type_choices(),
        "can_create": user.can(Perm.DISPATCH_CLUES), "can_export": user.can(Perm.EXPORT),
    }  # fmt: skip
    return render(request, "clues/clue_list.html", context)


@page()
def clue_list(request: HttpRequest) -> HttpResponse:
    return _list(request, None)


@page()
def clue_inbox(request: HttpRequest) -> HttpResponse:
    return _list(request, "inbox")


@page()
def clue_overdue(request: HttpRequest) -> HttpResponse:
    return _list(request, "overdue")


def _get(request: HttpRequest, pk: int) -> Clue:
    return get_visible(Clue.objects.select_related("owner_unit", "holder_unit"), request.user, pk=pk)


@page()
def clue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    clue = _get(request, pk)
    if has_clearance(request.user):
        audit.record(AuditAction.VIEW, clue, summary=f"查看线索 {clue.number}")
    return _detail(request, clue)


def _detail(
    request: HttpRequest, clue: Clue, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    user, now = request.user, timezone.now()
    can = {action: services.allowed(user, clue, action) for action in services.ACTIONS}
    forms = forms or {}
    if can["dispatch"] and "dispatch" not in forms:
        forms["dispatch"] = _dispatch_form(clue)
    forms.setdefault("assess", AssessForm(auto_id="assess_%s"))
    forms.setdefault("feedback", FeedbackForm(auto_id="feedback_%s"))
    hops = clue.hops.select_related("from_unit", "to_unit", "sent_by").order_by("seq")
    hop = services.current_hop(clue)
    can["assess"] = can["assess"] and hop is not None and hop.assessed_at is None
    context = {
        "clue": clue,
        "content": display.content_for(user, clue),
        "indicators": display.indicator_rows(user, clue),
        "row": display.rows([clue], now)[0],
        "timeline": [(h, display.marks(h, now)) for h in hops],
        "related": display.related_rows(user, services.related(user, clue)),
        "can": can,
        "forms": forms,
        "can_edit": services.can_edit(user, clue),
        "fraud_type_name": display.fraud_type_name(clue.fraud_type),
    }
    return render(request, "clues/clue_detail.html", context, status=status)


def _dispatch_form(clue: Clue, data: Any = None) -> DispatchForm:
    return DispatchForm(data, targets=services.dispatch_targets(clue), holder=clue.holder_unit)


def _run(request: HttpRequest, clue: Clue, action: str, form: Any) -> None:
    user, data = request.user, form.cleaned_data
    if action == "dispatch":
        services.dispatch(user, clue, org.get_unit(data["to_unit"]), note=data["note"])
    elif action == "acknowledge":
        services.acknowledge(user, clue)
    elif action == "assess":
        services.assess(user, clue, data["text"])
    elif action == "feedback":
        services.feedback(user, clue, data["result"], data["text"])
    else:
        services.close(user, clue)


_FORMS: dict[str, Any] = {"assess": AssessForm, "feedback": FeedbackForm}
_DONE = {
    "dispatch": "线索已下发",
    "acknowledge": "已签收",
    "assess": "研判意见已保存",
    "feedback": "已反馈",
    "close": "线索已办结",
}


@page()
def clue_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    clue = _get(request, pk)
    if action not in services.ACTIONS:
        return render(request, "404.html", status=404)
    form = (
        _dispatch_form(clue, request.POST)
        if action == "dispatch"
        else _FORMS.get(action, StepForm)(request.POST)
    )
    if not form.is_valid():
        return _detail(request, clue, {action: form}, status=400)
    try:
        _run(request, clue, action, form)
    except DomainError as exc:
        apply_errors(form, exc)
        return _detail(
            request, _get(request, pk), {action: form}, status=exc.status if exc.status != 404 else 400
        )
    messages.success(request, _DONE[action])
    return redirect("clues:detail", pk=clue.pk)


def _data(cleaned: dict[str, Any], creating: bool) -> dict[str, Any]:
    text = cleaned.get("indicators", "")
    items = indicators.parse_lines(text) if text.strip() else (None if creating else [])
    return {
        **{k: cleaned[k] for k in ("source", "source_ref", "title", "content", "priority", "fraud_type")},
        "indicators": items,
    }


@page(Perm.DISPATCH_CLUES)
def clue_new(request: HttpRequest) -> HttpResponse:
    form = ClueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            clue = services.create_clue(request.user, services.ClueData(**_data(form.cleaned_data, True)))
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"线索 {clue.number} 已登记")
            return redirect("clues:detail", pk=clue.pk)
    return render(request, "clues/clue_form.html", {"form": form, "clue": None})


@page(Perm.DISPATCH_CLUES)
def clue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    clue = _get(request, pk)
    initial = {
        k: getattr(clue, k)
        for k in ("source", "source_ref", "title", "content", "priority", "fraud_type", "version")
    }
    initial["indicators"] = indicators.as_lines(clue.indicators.values_list("kind", "value"))
    form = ClueForm(request.POST or None, initial=initial)
    form.fields["source"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            changes = _data(form.cleaned_data, False)
            services.update_clue(request.user, clue, changes, version=form.cleaned_data.get("version"))
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "线索已保存")
            return redirect("clues:detail", pk=clue.pk)
    return render(request, "clues/clue_form.html", {"form": form, "clue": clue})


@page(Perm.DISPATCH_CLUES)
def clue_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result, report = None, ""
    if request.method == "POST" and form.is_valid():
        try:
            result = exchange.import_file(request.user, form.cleaned_data["file"], form.cleaned_data["mode"])
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            if result.problems:
                report = base64.b64encode(excel.error_report(result.problems)).decode()
    context = {
        "form": form,
        "result": result,
        "report": report,
        "problems": result.problems[:200] if result else [],
    }
    return render(request, "clues/clue_import.html", context, status=400 if result and not result.ok else 200)


@page(Perm.DISPATCH_CLUES)
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(exchange.template(), content_type=excel.XLSX)
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E7%BA%BF%E7%B4%A2%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    )
    return response


@page()
def deadline_settings(request: HttpRequest) -> HttpResponse:
    """The center's clue time limits: everyone who works clues may read them, the city center
    (SET_DEADLINES at city level) edits them."""
    user: Any = request.user
    can_edit = services.may_set_policies(user)
    form = DeadlineForm(
        request.POST if can_edit and request.method == "POST" else None, table=services.policy_table()
    )
    if request.method == "POST":
        if not can_edit:
            return HttpResponseForbidden("线索时限由市局反诈中心统一设置")
        if form.is_valid():
            try:
                changed = services.set_policies(user, form.policies())
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已保存，{changed} 项时限有变化" if changed else "没有变化")
                return redirect("clues:deadlines")
    return render(
        request,
        "clues/deadline_settings.html",
        {"form": form, "fields": POLICY_FIELDS, "can_edit": can_edit, "tab": "deadlines"},
    )
