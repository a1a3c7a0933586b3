from __future__ import annotations

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from fanzha.core import homecards
from fanzha.core.decorators import page
from fanzha.core.navigation import entry_for


@page()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"cards": homecards.cards_for(request.user)})


@page()
def module(request: HttpRequest, slug: str) -> HttpResponse:
    entry = entry_for(slug)
    if entry is None:
        raise Http404
    return render(request, "core/module.html", {"entry": entry})


def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy, whatever its class
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})
