from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from kinerja.core.context_processors import navigation_items
from kinerja.organisasi.access import scope_for


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    return render(request, "core/beranda.html", {"shortcuts": navigation_items(scope)[1:]})


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
