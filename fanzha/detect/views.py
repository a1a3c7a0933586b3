from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fanzha.accounts.choices import Perm
from fanzha.core.decorators import page
from fanzha.core.errors import DomainError
from fanzha.core.listing import listing
from fanzha.detect import services
from fanzha.detect.choices import IndicatorKind
from fanzha.detect.engine import fraud_types
from fanzha.detect.engine.cues import cue_labels
from fanzha.detect.forms import DeskForm, ImportForm, IndicatorForm
from fanzha.detect.highlight import highlight
from fanzha.detect.models import Indicator

KIND_NAMES = {**dict(IndicatorKind.choices), "amount": "金额"}


@page(Perm.RUN_DETECTION)
def desk(request: HttpRequest) -> HttpResponse:
    form = DeskForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            context.update(_verdict(request.user, form.cleaned_data["text"]))
        except DomainError as exc:
            form.add_error("text", exc.message)
    template = "detect/_verdict.html" if request.headers.get("HX-Request") else "detect/desk.html"
    return render(request, template, context)


# What the detector's non-rule reasons are called on the page (and in each highlight's title).
FEATURE_LABELS = {"known_indicator": "已知涉案标识", "type_hint": "类型线索", "ngram": "模型特征"}


def _verdict(user: Any, text: str) -> dict[str, Any]:
    result = services.detect_for(user, text)
    looked = services.lookup((i["kind"], i["value"]) for i in result["indicators"] if i["kind"] != "amount")
    history = {(r.kind, r.value): r for r in looked}
    ftype = fraud_types().get(result["fraud_type"] or "")
    labels = cue_labels()
    reasons = [
        {**r, "label": labels.get(r.get("cue") or "") or FEATURE_LABELS.get(r.get("feature") or "", "")}
        for r in result["reasons"]
    ]
    indicators = [
        {
            **i,
            "kind_name": KIND_NAMES.get(i["kind"], i["kind"]),
            "lookup": history.get((i["kind"], i["value"])),
        }
        for i in result["indicators"]
    ]
    return {
        "result": result,
        "reasons": reasons,
        "marked": highlight(text, reasons),
        "indicators": indicators,
        "ftype": ftype,
        "percent": round(result["score"] * 100),
    }


@page(Perm.RUN_DETECTION)
def indicator_list(request: HttpRequest) -> HttpResponse:
    found = Indicator.objects.all()
    q = request.GET.get("q", "").strip()
    if q:
        found = found.filter(value__contains=q)
    if request.GET.get("kind"):
        found = found.filter(kind=request.GET["kind"])
    result = listing(
        request,
        found,
        sorts={"last_seen": "last_seen", "sightings": "sightings", "kind": "kind", "value": "value"},
        default_sort="-last_seen",
    )
    context = {
        "listing": result,
        "q": q,
        "kinds": IndicatorKind.choices,
        "form": IndicatorForm(),
        "upload": ImportForm(),
    }
    return render(request, "detect/indicator_list.html", context)


@page(Perm.MANAGE_INDICATORS)
def indicator_new(request: HttpRequest) -> HttpResponse:
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_indicator(owner_unit=getattr(request.user, "unit", None), **form.cleaned_data)
        except DomainError as exc:
            form.add_error("value" if "value" in exc.fields or not exc.fields else None, exc.message)
        else:
            messages.success(request, "涉案标识已添加")
            return redirect("detect:indicators")
    return render(request, "detect/indicator_form.html", {"form": form})


@page(Perm.MANAGE_INDICATORS)
def indicator_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.import_file(
                form.cleaned_data["file"], owner_unit=getattr(request.user, "unit", None)
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            done = f"导入完成：新增 {summary.created}，合并 {summary.updated}"
            messages.success(request, f"{done}，白名单跳过 {summary.skipped_allowlisted}")
            for number, message in summary.errors[:20]:
                messages.error(request, f"第 {number} 条：{message}")
            return redirect("detect:indicators")
    return render(request, "detect/indicator_import.html", {"form": form})
