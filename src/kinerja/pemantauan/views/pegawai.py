"""An employee's dashboard: "Dasbor saya" for every employee, and the same page of a person
for whoever may read it (the person, their appraiser, HR readers of their unit). Missing and
unreadable are the same 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.pemantauan import access
from kinerja.pemantauan.selectors import pegawai as selectors

NAV_OWN = "dasbor_saya"
NAV_TEAM = "dasbor_tim"
NAV_HR = "dasbor"


def _section(scope: Lingkup, found: Pegawai) -> str:
    if found.pk == scope.pegawai_id:
        return NAV_OWN
    return NAV_HR if scope.reads_path(found.unit.jalur) else NAV_TEAM


def _page(request: HttpRequest, scope: Lingkup, found: Pegawai) -> HttpResponse:
    context = {
        "nav_section": _section(scope, found),
        "data": selectors.dashboard(found, scope),
        "ke_unit": scope.reads_path(found.unit.jalur),
        "ke_tim": scope.pegawai_id is not None and found.penilai_id == scope.pegawai_id,
    }
    return render(request, "pemantauan/pegawai.html", context)


@login_required
def saya(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    return _page(request, scope, access.own_pegawai(scope))


@login_required
def pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    return _page(request, scope, access.pegawai_for_read(scope, pegawai_id))
