"""Case pages: list (filters in the URL), intake, detail, edit, status, indicators, Excel."""

from __future__ import annotations

import secrets
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fanzha.accounts.choices import Perm
from fanzha.cases import filters, forms, importer, services
from fanzha.cases.choices import CaseStatus
from fanzha.cases.models import Case
from fanzha.cases.present import type_name
from fanzha.core import excel
from fanzha.core.access import get_visible
from fanzha.core.decorators import page
from fanzha.core.errors import DomainError
from fanzha.core.forms import apply_errors
from fanzha.core.listing import listing
from fanzha.detect import services as detect
from fanzha.freeze import services as freeze
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

_REPORT_DIR = Path(tempfile.gettempdir()) / "fanzha-import-reports"


def _case(request: HttpRequest, pk: int) -> Case:
    return get_visible(Case.objects.select_related("owner_unit", "victim__community"), request.user, pk=pk)


def _user(request: HttpRequest) -> Any:
    return request.user


@page()
def case_list(request: HttpRequest) -> HttpResponse:
    query = filters.CaseQuery.from_params(request.GET)
    found = filters.search(request.user, query)
    result = listing(request, found, sorts=filters.SORTS, default_sort="-reported")
    filters.load_page(result.page)
    stations = OrgUnit.objects.visible_to(request.user).filter(kind__in=[UnitKind.STATION, UnitKind.DISTRICT])
    return render(
        request,
        "cases/case_list.html",
        {
            "listing": result,
            "query": query,
            "statuses": CaseStatus.choices,
            "types": detect.fraud_type_choices(),
            "stations": stations,
            "can_write": _user(request).can(Perm.WRITE_CASES),
            "can_export": _user(request).can(Perm.EXPORT),
        },
    )


@page(Perm.WRITE_CASES)
def case_new(request: HttpRequest) -> HttpResponse:
    form = forms.CaseForm(request.POST or None, user=request.user)
    payments = forms.PaymentFormSet(request.POST or None, prefix="payments")
    if request.method == "POST" and form.is_valid() and payments.is_valid():
        data, rows = forms.case_input(form, payments)
        try:
            case = services.create_case(request.user, data)
        except DomainError as exc:
            forms.attach_errors(exc, form, payments, rows)
        else:
            messages.success(request, f"案件 {case.number} 已受理，主办单位：{case.owner_unit.name}")
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "payments": payments})


@page()
def suggest(request: HttpRequest) -> HttpResponse:
    """htmx: the detector's fraud-type suggestion for the narrative being typed."""
    found = services.suggest(request.POST.get("narrative", ""))
    return render(request, "cases/_suggestion.html", {"found": found})


@page()
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    services.view_case(request.user, case)
    requests = case.freeze_requests.select_related("bank", "parent").order_by("sent_at", "pk")
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "victim": case.victim,
            "type_name": type_name(case.fraud_type),
            "suggested_name": type_name(case.suggested_type),
            "payments": case.payments.select_related("to_bank").prefetch_related("freeze_requests"),
            "freeze_requests": requests,
            "shutdowns": case.shutdown_requests.select_related("addressed_to"),
            "golden": freeze.golden_time(case),
            "events": case.events.all(),
            "indicators": case.indicators.all(),
            "related": services.related(request.user, case),
            "next_statuses": services.allowed_next(case),
            "can_write": _user(request).can(Perm.WRITE_CASES),
        },
    )


@page(Perm.WRITE_CASES)
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    initial = {name: _initial(getattr(case, name)) for name in services.EDITABLE} | {"version": case.version}
    form = forms.CaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.pop("version")
        changes = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
        try:
            services.update_case(request.user, case, version=version, changes=changes)
        except DomainError as exc:
            forms.attach_errors(exc, form)
        else:
            messages.success(request, "案件已保存")
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_edit.html", {"form": form, "case": case})


def _initial(value: object) -> object:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value


@require_POST
@page(Perm.WRITE_CASES)
def case_status(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    version = request.POST.get("version", "")
    try:
        services.change_status(
            request.user,
            case,
            request.POST.get("status", ""),
            note=request.POST.get("note", ""),
            version=int(version) if version.isdigit() else None,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"案件状态已变更为“{case.get_status_display()}”")
    return redirect("cases:detail", pk=case.pk)


@require_POST
@page(Perm.WRITE_CASES)
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        services.add_indicator(
            request.user, case, request.POST.get("kind", ""), request.POST.get("value", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("cases:detail", pk=case.pk)


@page(Perm.WRITE_CASES)
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = forms.AddPaymentForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.add_payment(
                request.user, case, form.to_input(), version=form.cleaned_data["version"]
            )
        except DomainError as exc:
            apply_errors(form, exc, prefix="payment.")
        else:
            messages.success(request, f"已补充转账 {payment.amount_yuan} 元，损失合计 {case.loss_yuan} 元")
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/payment_form.html", {"form": form, "case": case})


@require_POST
@page(Perm.WRITE_CASES)
def indicator_remove(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    case = _case(request, pk)
    services.remove_indicator(request.user, case, indicator_id)
    return redirect("cases:detail", pk=case.pk)


@page(Perm.EXPORT)
def case_export(request: HttpRequest) -> Any:
    found = filters.search(request.user, filters.CaseQuery.from_params(request.GET))
    found = found.select_related("owner_unit", "victim").order_by("-reported_at")
    return excel.export_response(
        request.user,
        importer.EXPORT_COLUMNS,
        importer.export_rows(found.iterator(2000)),
        filename="案件列表",
        object_type="cases.case",
    )


@page(Perm.WRITE_CASES)
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(importer.template(), content_type=excel.XLSX)
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E6%A1%88%E4%BB%B6%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    )
    return response


@page(Perm.WRITE_CASES)
def case_import(request: HttpRequest) -> HttpResponse:
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = report = None
    if request.method == "POST" and form.is_valid():
        try:
            result = importer.import_cases(request.user, form.cleaned_data["file"], form.cleaned_data["mode"])
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            report = _keep_report(request, result) if result.problems else None
    return render(request, "cases/case_import.html", {"form": form, "result": result, "report": report})


def _keep_report(request: HttpRequest, result: excel.ImportResult) -> str:
    token = secrets.token_urlsafe(12)
    _REPORT_DIR.mkdir(exist_ok=True)
    (_REPORT_DIR / f"{token}.xlsx").write_bytes(excel.error_report(result.problems))
    request.session.setdefault("import_reports", [])
    request.session["import_reports"] = [*request.session["import_reports"][-9:], token]
    return token


@page(Perm.WRITE_CASES)
def import_report(request: HttpRequest, token: str) -> Any:
    if token not in request.session.get("import_reports", []):
        raise Http404
    path = _REPORT_DIR / f"{token}.xlsx"
    if not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"), as_attachment=True, filename="import-errors.xlsx", content_type=excel.XLSX
    )
