"""Pages for stop-payment/freeze requests (banks answer here) and shutdown requests (carriers)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fanzha.accounts.choices import Perm
from fanzha.cases.models import Case, Payment
from fanzha.core import excel
from fanzha.core.access import get_visible, owns
from fanzha.core.decorators import page
from fanzha.core.errors import DomainError
from fanzha.core.listing import listing
from fanzha.freeze import forms, present, services
from fanzha.freeze.choices import FreezeStatus, ShutdownStatus
from fanzha.freeze.models import FreezeRequest, ShutdownRequest

SORTS = {"sent": "sent_at", "amount": "amount_yuan", "status": "status"}


def _visible(request: HttpRequest) -> QuerySet[FreezeRequest]:
    found = FreezeRequest.objects.visible_to(request.user).select_related("case", "bank", "owner_unit")
    status = request.GET.get("status", "")
    if status:
        found = found.filter(status=status)
    q = request.GET.get("q", "").strip()[:50]
    if q:
        found = found.filter(Q(account=q) | Q(case__number=q.upper()))
    return found


def _request(request: HttpRequest, pk: int) -> FreezeRequest:
    found = FreezeRequest.objects.select_related("case", "bank", "owner_unit", "parent")
    return get_visible(found, request.user, pk=pk)


def _is_bank(user: Any) -> bool:
    return bool(user.unit and user.unit.kind in ("bank", "bank_branch"))


def _user(request: HttpRequest) -> Any:
    return request.user


@page()
def request_list(request: HttpRequest) -> HttpResponse:
    result = listing(request, _visible(request), sorts=SORTS, default_sort="-sent")
    rows = [(r, present.account_shown(request.user, r)) for r in result.items]
    title = "发往本行的止付冻结请求" if _is_bank(request.user) else "止付冻结请求"
    return render(
        request,
        "freeze/request_list.html",
        {
            "listing": result,
            "rows": rows,
            "title": title,
            "statuses": FreezeStatus.choices,
            "can_export": _user(request).can(Perm.EXPORT),
        },
    )


@page()
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request(request, pk)
    user = _user(request)
    answers = user.can(Perm.ANSWER_FREEZE) and owns(user, req.bank)
    return render(
        request,
        "freeze/request_detail.html",
        {
            "req": req,
            "account": present.account_shown(user, req),
            "answers": answers,
            "can_return": answers or (user.can(Perm.WRITE_CASES) and owns(user, req.owner_unit)),
            "children": req.children.select_related("bank"),
            "form": forms.AnswerForm(),
            "onward": forms.OnwardFormSet(prefix="onward"),
            "return_form": forms.ReturnForm(),
        },
    )


def _done(request: HttpRequest, req: FreezeRequest, ok: str, exc: DomainError | None) -> HttpResponse:
    if exc is None:
        messages.success(request, ok)
    else:
        details = "；".join(exc.fields.values()) if exc.fields else ""
        messages.error(request, f"{exc.message}{'：' + details if details else ''}")
    return redirect("freeze:detail", pk=req.pk)


@require_POST
@page(Perm.ANSWER_FREEZE)
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request(request, pk)
    try:
        services.acknowledge(request.user, req)
    except DomainError as exc:
        return _done(request, req, "", exc)
    return _done(request, req, "已确认接收", None)


@require_POST
@page(Perm.ANSWER_FREEZE)
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request(request, pk)
    form = forms.AnswerForm(request.POST)
    onward = forms.OnwardFormSet(request.POST, prefix="onward")
    if not (form.is_valid() and onward.is_valid()):
        return _done(request, req, "", DomainError("答复内容不完整，请检查后重新提交"))
    hops = [h for h in (f.hop() for f in onward.forms) if h is not None]
    d = form.cleaned_data
    try:
        services.answer(
            request.user,
            req,
            d["result"],
            amount_yuan=d["amount_yuan"],
            reason=d["reason"],
            note=d["note"],
            onward=hops,
        )
    except DomainError as exc:
        return _done(request, req, "", exc)
    return _done(request, req, f"已答复：{req.get_status_display()}", None)


@require_POST
@page()
def record_return(request: HttpRequest, pk: int) -> HttpResponse:
    req = _request(request, pk)
    try:
        services.record_return(request.user, req, request.POST.get("recovered_yuan", ""))
    except DomainError as exc:
        return _done(request, req, "", exc)
    return _done(request, req, "已登记返还", None)


@require_POST
@page(Perm.WRITE_CASES)
def send(request: HttpRequest, payment_id: int) -> HttpResponse:
    visible = Case.objects.visible_to(request.user)
    payment = get_visible(
        Payment.objects.filter(case__in=visible).select_related("case", "to_bank"),
        request.user,
        pk=payment_id,
    )
    try:
        req = services.request_for_payment(request.user, payment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已向{req.bank.name}发起止付请求")
    return redirect("cases:detail", pk=payment.case_id)


@page(Perm.EXPORT)
def request_export(request: HttpRequest) -> Any:
    rows = (
        {
            **present.freeze_dict(request.user, r),
            "bank": r.bank.name,
            "owner_unit": r.owner_unit.name,
            "status": r.get_status_display(),
            "children": "",
        }
        for r in _visible(request).order_by("-sent_at").iterator(2000)
    )
    return excel.export_response(
        request.user, EXPORT_COLUMNS, rows, filename="止付冻结请求", object_type="freeze.freezerequest"
    )


_C = excel.Column
# The account is already shown per viewer by present.freeze_dict (whole for the receiving bank).
EXPORT_COLUMNS = (
    _C("case_number", "案件编号"),
    _C("hop", "资金层级"),
    _C("owner_unit", "发起单位"),
    _C("bank", "接收银行"),
    _C("account", "涉案账号"),
    _C("account_name", "户名"),
    _C("amount_yuan", "请求金额（元）"),
    _C("status", "状态"),
    _C("sent_at", "发送时间"),
    _C("answered_at", "答复时间"),
    _C("stopped_yuan", "止付金额（元）"),
    _C("frozen_yuan", "冻结金额（元）"),
    _C("failure_reason", "未能止付原因"),
    _C("recovered_yuan", "返还金额（元）"),
)


@page()
def shutdown_list(request: HttpRequest) -> HttpResponse:
    found = ShutdownRequest.objects.visible_to(request.user).select_related(
        "addressed_to", "owner_unit", "case"
    )
    if request.GET.get("status"):
        found = found.filter(status=request.GET["status"])
    result = listing(request, found, sorts={"sent": "sent_at", "status": "status"}, default_sort="-sent")
    user = _user(request)
    rows = [
        (r, present.target_shown(user, r), user.can(Perm.ANSWER_SHUTDOWN) and owns(user, r.addressed_to))
        for r in result.items
    ]
    return render(
        request,
        "freeze/shutdown_list.html",
        {
            "listing": result,
            "rows": rows,
            "statuses": ShutdownStatus.choices,
            "form": forms.ShutdownAnswerForm(),
        },
    )


@require_POST
@page(Perm.ANSWER_SHUTDOWN)
def shutdown_answer(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_visible(ShutdownRequest.objects.select_related("addressed_to", "case"), request.user, pk=pk)
    try:
        services.answer_shutdown(
            request.user, req, request.POST.get("result", ""), note=request.POST.get("note", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已答复关停请求")
    return redirect("freeze:shutdowns")


@require_POST
@page(Perm.WRITE_CASES)
def shutdown_send(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_visible(Case.objects.select_related("owner_unit"), request.user, pk=case_id)
    try:
        req = services.request_shutdown(
            request.user, case, request.POST.get("target_kind", ""), request.POST.get("target", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已向{req.addressed_to.name}发起关停请求")
    return redirect("cases:detail", pk=case.pk)
