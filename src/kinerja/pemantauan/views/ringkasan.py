"""The HR / leaders' dashboard: the top readable unit (`index`) or any readable unit (`unit`,
the drill-down) for a period and a jenis jabatan, its tables as XLSX (`ekspor`), the monthly
report for leaders as a PDF (`pdf`), and starting the refresh of the stored figures
(`perbarui`, admin kepegawaian and superuser). Readers: admin kepegawaian and pimpinan of a
subtree, auditor, superuser; everyone else 404."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisJabatan
from kinerja.pemantauan import access, documents, services
from kinerja.pemantauan import ekspor as ekspor_module
from kinerja.pemantauan.forms import SaringanForm
from kinerja.pemantauan.lembar import XLSX
from kinerja.pemantauan.selectors import ringkasan as selectors

NAV_SECTION = "dasbor"


def _dashboard(
    request: HttpRequest, unit_id: int | None, *, paged: bool = True
) -> tuple[SaringanForm, selectors.Dasbor]:
    scope = scope_for(request.user)
    form = SaringanForm(request.GET)
    chosen = form.chosen()
    unit = access.unit_for_read(scope, chosen.unit_id if unit_id is None else unit_id)
    saringan = selectors.filters_resolve(chosen.periode_id, chosen.jenis_jabatan, chosen.tahun)
    if saringan.periode_salah:
        form.periode_unknown()
    halaman = chosen.halaman if paged else None
    halaman_unit = chosen.halaman_unit if paged else None
    return form, selectors.dashboard(
        scope, unit, saringan, halaman=halaman, halaman_unit=halaman_unit
    )


def _query(dasbor: selectors.Dasbor, *, unit: bool = True) -> str:
    values = {
        "unit": dasbor.unit.pk if unit else None,
        "periode": dasbor.periode.pk if dasbor.periode else None,
        "jenis_jabatan": dasbor.jenis_jabatan,
    }
    return "?" + urlencode({k: v for k, v in values.items() if v not in (None, "")})


def _page(request: HttpRequest, unit_id: int | None) -> HttpResponse:
    form, dasbor = _dashboard(request, unit_id)
    context = {
        "nav_section": NAV_SECTION,
        "tab": "ringkasan",
        "form": form,
        "dasbor": dasbor,
        "query": _query(dasbor),
        "saringan_query": _query(dasbor, unit=False),
        "jenis_pilihan": JenisJabatan.choices(),
        "boleh_perbarui": scope_for(request.user).is_admin,
        "tabel_ekspor": ekspor_module.TABLES,
    }
    return render(request, "pemantauan/ringkasan.html", context)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return _page(request, None)


@login_required
def unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _page(request, unit_id)


@login_required
def ekspor(request: HttpRequest, tabel: str) -> HttpResponse:
    if tabel not in ekspor_module.TABLES:
        raise Http404
    _form, dasbor = _dashboard(request, None, paged=False)
    response = HttpResponse(ekspor_module.workbook(tabel, dasbor), content_type=XLSX)
    name = ekspor_module.filename(tabel, dasbor)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def pdf(request: HttpRequest) -> HttpResponse:
    _form, dasbor = _dashboard(request, None, paged=False)
    response = HttpResponse(documents.laporan_pdf(dasbor), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.laporan_filename(dasbor)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def perbarui(request: HttpRequest) -> HttpResponse:
    """Start the refresh (a background job) and follow it on the job's page."""
    scope = scope_for(request.user)
    access.hr_check(scope)
    if not scope.is_admin:
        raise PermissionDenied
    job = services.refresh_start(
        aktor=Aktor.of_request(request), sebab=_("Diminta dari dasbor kinerja")
    )
    return redirect("jobs:detail", job_id=job.pk)
