"""Credit-point pages: the employee's own history ("Angka Kredit Saya"), one employee's history
for its readers (same template), the unit list of a year with its XLSX export, and the
"Penetapan Angka Kredit" PDF of a finalised year."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kinerja.angka_kredit import access, documents, selectors
from kinerja.angka_kredit.forms import DaftarFilterForm, year_choices
from kinerja.organisasi.access import Lingkup, scope_for, unit_readable
from kinerja.organisasi.models import Pegawai

NAV_SAYA = "angka_kredit_saya"
NAV_DAFTAR = "angka_kredit"
PAGE_SIZE = 50


def _history(request: HttpRequest, scope: Lingkup, pegawai: Pegawai, section: str) -> HttpResponse:
    riwayat = selectors.credit_history(
        pegawai, drafts=access.sees_drafts(scope, pegawai), today=timezone.localdate()
    )
    context = {
        "nav_section": section,
        "riwayat": riwayat,
        "sendiri": scope.pegawai_id == pegawai.pk,
        "ke_daftar": scope.reads_units,
    }
    return render(request, "angka_kredit/riwayat.html", context)


@login_required
def saya(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    return _history(request, scope, access.own_get(scope), NAV_SAYA)


@login_required
def pegawai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    found = access.pegawai_get_for_read(scope, pegawai_id)
    section = NAV_SAYA if scope.pegawai_id == found.pk else NAV_DAFTAR
    return _history(request, scope, found, section)


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    query = DaftarFilterForm(request.GET)
    tahun = query.chosen_year()
    unit, employees = access.list_employees(scope, query.chosen_unit())
    rows = selectors.unit_credits(employees, tahun=tahun)
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav_section": NAV_DAFTAR,
        "tahun": tahun,
        "years": year_choices(tahun),
        "unit": unit,
        "units": unit_readable(scope).filter(aktif=True).order_by("jalur"),
        "jumlah": len(rows),
        "layak_pangkat": sum(1 for row in rows if row.kumulatif.layak_pangkat),
        "layak_jenjang": sum(1 for row in rows if row.kumulatif.layak_jenjang),
        "page_obj": page_obj,
        "rows": page_obj.object_list,
    }
    return render(request, "angka_kredit/daftar.html", context)


@login_required
def ekspor(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    query = DaftarFilterForm(request.GET)
    tahun = query.chosen_year()
    unit, employees = access.list_employees(scope, query.chosen_unit())
    rows = selectors.unit_credits(employees, tahun=tahun)
    response = HttpResponse(
        documents.daftar_xlsx(rows, tahun=tahun, unit=unit),
        content_type=documents.XLSX_CONTENT_TYPE,
    )
    filename = documents.daftar_filename(tahun, unit)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def pdf(request: HttpRequest, pegawai_id: int, tahun: int) -> HttpResponse:
    found = access.pegawai_get_for_read(scope_for(request.user), pegawai_id)
    dokumen = selectors.credit_year(found, tahun)
    if dokumen is None:
        context = {"nav_section": NAV_DAFTAR, "pegawai": found, "tahun": tahun}
        return render(request, "angka_kredit/pdf_tidak_ada.html", context, status=404)
    response = HttpResponse(
        documents.penetapan_pdf(dokumen, timezone.localdate()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{documents.penetapan_filename(dokumen)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
