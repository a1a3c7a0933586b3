from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from pydantic import ValidationError

from fanzha.accounts.choices import Perm
from fanzha.audit.choices import AuditAction
from fanzha.audit.filters import AuditFilter, filter_entries
from fanzha.core.decorators import page
from fanzha.core.listing import listing


@page(Perm.VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    raw = {k: v for k, v in request.GET.items() if v and k in AuditFilter.model_fields}
    error = ""
    try:
        filters = AuditFilter.model_validate(raw)
    except ValidationError:
        filters = AuditFilter.model_validate({})
        error = "筛选条件格式错误（日期应为 YYYY-MM-DD），已显示全部记录"
    entries = filter_entries(request.user, filters)
    result = listing(request, entries, sorts={"at": "id"}, default_sort="-at", per_page=50)
    context = {"listing": result, "f": raw, "actions": AuditAction.choices, "error": error}
    return render(request, "audit/audit_list.html", context)
