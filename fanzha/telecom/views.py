from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fanzha.accounts.choices import Perm
from fanzha.core.access import get_visible
from fanzha.core.decorators import page
from fanzha.core.listing import listing
from fanzha.telecom import services
from fanzha.telecom.choices import FlagKind
from fanzha.telecom.models import FlaggedNumber, Scan


@page(Perm.RUN_TELECOM)
def scan_list(request: HttpRequest) -> HttpResponse:
    scans = Scan.objects.visible_to(request.user).select_related("owner_unit")
    result = listing(
        request, scans, sorts={"created": "created_at", "calls": "calls"}, default_sort="-created"
    )
    return render(request, "telecom/scan_list.html", {"listing": result})


@page(Perm.RUN_TELECOM)
def scan_detail(request: HttpRequest, scan_id: int) -> HttpResponse:
    scan = get_visible(Scan.objects.select_related("owner_unit"), request.user, pk=scan_id)
    numbers = scan.numbers.all()
    kind = request.GET.get("kind", "")
    if kind:
        numbers = numbers.filter(kind=kind)
    result = listing(
        request,
        numbers,
        sorts={"score": "score", "victims": "victims", "number": "number"},
        default_sort="-score",
    )
    context = {
        "scan": scan,
        "listing": result,
        "kinds": FlagKind.choices,
        "kind": kind,
        "devices": scan.devices.all()[:200],
        "can_push": request.user.can(Perm.DISPATCH_CLUES),  # type: ignore[union-attr]
    }
    return render(request, "telecom/scan_detail.html", context)


@require_POST
@page(Perm.DISPATCH_CLUES)
def push(request: HttpRequest, scan_id: int) -> HttpResponse:
    scan = get_visible(Scan.objects, request.user, pk=scan_id)
    ids = [int(i) for i in request.POST.getlist("number") if i.isdigit()]
    chosen = list(FlaggedNumber.objects.visible_to(request.user).filter(scan=scan, pk__in=ids))
    if not chosen:
        messages.error(request, "请先勾选要推送的号码")
    else:
        pushed = services.push_as_clues(request.user, chosen)
        messages.success(request, f"已推送 {pushed} 条线索至市局反诈中心（已推送过的号码不再重复推送）")
    return redirect("telecom:scan", scan_id=scan.pk)
