from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fanzha.accounts.choices import Perm
from fanzha.core.access import get_visible, require
from fanzha.core.decorators import page
from fanzha.core.errors import DomainError
from fanzha.core.forms import apply_errors
from fanzha.core.listing import listing
from fanzha.org import services
from fanzha.org.choices import UnitKind
from fanzha.org.forms import UnitForm
from fanzha.org.models import OrgUnit


@page(Perm.MANAGE_UNITS)
def unit_list(request: HttpRequest) -> HttpResponse:
    units = OrgUnit.objects.visible_to(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(name__contains=q) | units.filter(code__contains=q)
    if request.GET.get("kind"):
        units = units.filter(kind=request.GET["kind"])
    result = listing(
        request, units, sorts={"path": "path", "name": "name", "kind": "kind"}, default_sort="path"
    )
    return render(request, "org/unit_list.html", {"listing": result, "q": q, "kinds": UnitKind.choices})


@page(Perm.MANAGE_UNITS)
def unit_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    unit = get_visible(OrgUnit.objects, request.user, code=code) if code else None
    initial = {f: getattr(unit, f) for f in ("code", "name", "kind", "parent", "is_active")} if unit else None
    parents = OrgUnit.objects.visible_to(request.user).exclude(
        kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE]
    )
    form = UnitForm(request.POST or None, initial=initial, units=parents, editing=unit is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            require(request.user, Perm.MANAGE_UNITS, data["parent"])
            if unit is None:
                services.create_unit(
                    code=data["code"], name=data["name"], kind=data["kind"], parent=data["parent"]
                )
            else:
                changes = {k: data[k] for k in ("name", "parent", "is_active")}
                services.update_unit(unit, **changes)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "单位已保存")
            return redirect("org:units")
    return render(request, "org/unit_form.html", {"form": form, "edited": unit})
