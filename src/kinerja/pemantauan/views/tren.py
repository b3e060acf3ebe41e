"""Trends (naik / stagnan / turun), the projection of the next period, the backtest of the
projection model and the early warnings, from the stored monitoring figures: HR readers for a
unit subtree, an appraiser (who reads no unit) for their own team. Each list exports to XLSX."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.enums import JenisJabatan
from kinerja.pemantauan import access
from kinerja.pemantauan import ekspor_tren as ekspor
from kinerja.pemantauan.forms_tren import SaringanForm, TrenForm
from kinerja.pemantauan.lembar import XLSX
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.selectors import baca
from kinerja.pemantauan.selectors import tren as selectors
from kinerja.talenta.access import may_manage_plan_for

F = TypeVar("F", bound=SaringanForm)


def _filters(scope: Lingkup, form: F) -> tuple[F, access.Cakupan, selectors.Saringan]:
    chosen = form.chosen()
    cakupan = access.cakupan_for(scope, chosen.get("unit"))
    return form, cakupan, selectors.Saringan(cakupan, chosen.get("jenis_jabatan", ""))


def _context(
    scope: Lingkup, form: SaringanForm, cakupan: access.Cakupan, tab: str
) -> dict[str, Any]:
    unit_id = cakupan.unit.pk if cakupan.unit else None
    return {
        "nav_section": "dasbor" if cakupan.unit else "dasbor_tim",
        "form": form,
        "cakupan": cakupan,
        "units": baca.unit_choices_near(scope, cakupan.unit) if cakupan.unit else [],
        "jenis_pilihan": JenisJabatan.choices(),
        "tab": tab,
        "query": form.query(unit_id),
        "pembaruan": baca.latest_refresh(),
    }


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _without_pages(request: HttpRequest) -> str:
    """The current query without the sections' page numbers, ready for one more parameter."""
    query = request.GET.copy()
    for kelas in selectors.KELAS:
        query.pop(selectors.halaman_param(kelas), None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


def _kode(cakupan: access.Cakupan) -> str:
    return cakupan.unit.kode if cakupan.unit else "tim"


@require_GET
@login_required
def tren(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, cakupan, saringan = _filters(scope, TrenForm(request.GET))
    context = _context(scope, form, cakupan, "tren")
    jenis, kelas = form.trend()
    if context["pembaruan"]:
        context["daftar"] = selectors.trend_lists(
            saringan, jenis=jenis, kelas=kelas, halaman=request.GET
        )
    context |= {
        "jenis": jenis,
        "kelas_kode": kelas.value if kelas else "",
        "query_tren": form.query_tren(cakupan.unit.pk if cakupan.unit else None),
        "query_halaman": _without_pages(request),
    }
    return render(request, "pemantauan/tren.html", context)


@require_GET
@login_required
def tren_ekspor(request: HttpRequest) -> HttpResponse:
    _form, cakupan, saringan = _filters(scope_for(request.user), TrenForm(request.GET))
    jenis, kelas = _form.trend()
    rows = selectors.trend_rows_all(saringan, jenis=jenis, kelas=kelas)
    suffix = f"-{kelas.value.lower()}" if kelas else ""
    return _xlsx(ekspor.trend_workbook(rows, jenis), f"tren-{_kode(cakupan)}-{jenis}{suffix}.xlsx")


@require_GET
@login_required
def proyeksi(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, cakupan, saringan = _filters(scope, SaringanForm(request.GET))
    context = _context(scope, form, cakupan, "proyeksi")
    pembaruan: Pembaruan | None = context["pembaruan"]
    if pembaruan:
        context["daftar"] = selectors.projection_list(saringan, halaman=request.GET.get("page"))
        context["kesimpulan"] = selectors.model_verdict(pembaruan.uji_balik)
    return render(request, "pemantauan/proyeksi.html", context)


@require_GET
@login_required
def proyeksi_ekspor(request: HttpRequest) -> HttpResponse:
    _form, cakupan, saringan = _filters(scope_for(request.user), SaringanForm(request.GET))
    distribution = selectors.projected_distribution(saringan)
    rows = selectors.projection_rows_all(saringan)
    return _xlsx(ekspor.projection_workbook(distribution, rows), f"proyeksi-{_kode(cakupan)}.xlsx")


@require_GET
@login_required
def uji_balik(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form = SaringanForm(request.GET)
    unit_id = form.chosen().get("unit")
    unit = access.unit_for_read(scope, unit_id)
    pembaruan = baca.latest_refresh()
    context = {
        "nav_section": "dasbor",
        "tab": "uji-balik",
        "query": form.query(unit.pk if unit_id else None),
        "pembaruan": pembaruan,
        "uji": selectors.backtest_report(pembaruan) if pembaruan else None,
    }
    return render(request, "pemantauan/uji_balik.html", context)


@require_GET
@login_required
def peringatan(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, cakupan, saringan = _filters(scope, SaringanForm(request.GET))
    context = _context(scope, form, cakupan, "peringatan")
    if context["pembaruan"]:
        context["daftar"] = selectors.warning_list(
            saringan,
            halaman=request.GET.get("page"),
            may_plan=lambda pegawai: may_manage_plan_for(scope, pegawai),
        )
    return render(request, "pemantauan/peringatan.html", context)


@require_GET
@login_required
def peringatan_ekspor(request: HttpRequest) -> HttpResponse:
    _form, cakupan, saringan = _filters(scope_for(request.user), SaringanForm(request.GET))
    rows = selectors.warning_rows_all(saringan)
    return _xlsx(ekspor.warning_workbook(rows), f"peringatan-{_kode(cakupan)}.xlsx")
