"""Rater analytics (leniency, contradictions with the evidence verdicts, verification
turnaround) and the agency-wide evidence integrity report, each with its XLSX export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Unit
from kinerja.pemantauan import access_analitik as access
from kinerja.pemantauan import ekspor_analitik as ekspor
from kinerja.pemantauan.lembar import XLSX
from kinerja.pemantauan.selectors import analitik as selectors
from kinerja.pemantauan.selectors import baca
from kinerja.realisasi.enums import JenisSinyal

NAV_SECTION = "dasbor"
SECTIONS = ("ringkasan", "berkas", "tautan", "terlambat")


class PenilaiForm(forms.Form):
    """`?unit=<id>&periode=<id>&jenis_jabatan=<code>&hal_penilai=<page>`; a bad value is
    reported and the default used."""

    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    periode = forms.IntegerField(label=_("Periode"), required=False, min_value=1)
    hal_penilai = forms.IntegerField(required=False, min_value=1)
    jenis_jabatan = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jenis jabatan")), *JenisJabatan.choices()],
    )


class IntegritasForm(forms.Form):
    """`?unit=<id>&tahun=<year>&periode=<id>` and the page of each section (`hal_ringkasan`,
    `hal_berkas`, `hal_tautan`, `hal_terlambat`)."""

    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    periode = forms.IntegerField(label=_("Periode"), required=False, min_value=1)
    hal_ringkasan = forms.IntegerField(required=False, min_value=1)
    hal_berkas = forms.IntegerField(required=False, min_value=1)
    hal_tautan = forms.IntegerField(required=False, min_value=1)
    hal_terlambat = forms.IntegerField(required=False, min_value=1)


def _chosen(form: forms.Form) -> dict[str, Any]:
    """The valid values (a bad one is left out, reported on the form, and its default used)."""
    form.is_valid()
    return {key: value for key, value in form.cleaned_data.items() if key not in form.errors}


def _report(form: forms.Form, error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def _query(**values: Any) -> str:
    return "?" + "&".join(f"{k}={v}" for k, v in values.items() if v not in (None, ""))


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Rater analytics --------------------------------------------------------------------------


@dataclass
class Penilai:
    form: PenilaiForm
    cakupan: access.CakupanPenilai
    data: selectors.AnalitikPenilai | None


def _penilai(request: HttpRequest, scope: Lingkup, *, paged: bool) -> Penilai:
    form = PenilaiForm(request.GET)
    chosen = _chosen(form)
    cakupan = access.penilai_cakupan(scope, chosen.get("unit"))
    periode = None
    try:
        periode = access.periode_resolve(chosen["periode"]) if chosen.get("periode") else None
    except ValidationError as error:
        _report(form, error)
    periode = periode or selectors.default_periode(cakupan.jalur, cakupan.penilai_id)
    if periode is None:
        return Penilai(form, cakupan, None)
    data = selectors.rater_analytics(
        jalur=cakupan.jalur,
        periode=periode,
        jenis_jabatan=chosen.get("jenis_jabatan", ""),
        penilai=cakupan.penilai,
        halaman=(chosen.get("hal_penilai") or 1) if paged else None,
    )
    return Penilai(form, cakupan, data)


@login_required
def penilai(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    found = _penilai(request, scope, paged=True)
    cakupan, data = found.cakupan, found.data
    context = {
        "nav_section": NAV_SECTION if cakupan.penilai is None else "dasbor_tim",
        "form": found.form,
        "cakupan": cakupan,
        "analitik": data,
        "pembaruan": baca.latest_refresh(),
        "units": baca.unit_choices_near(scope, cakupan.unit) if cakupan.penilai is None else [],
        "periode_pilihan": selectors.periode_choices(),
        "jenis_pilihan": JenisJabatan.choices(),
        "query": _query(
            unit=None if cakupan.penilai else cakupan.unit.pk,
            periode=data.periode.pk if data else None,
            jenis_jabatan=data.jenis_jabatan if data else None,
        ),
    }
    return render(request, "pemantauan/analitik_penilai.html", context)


@login_required
def penilai_ekspor(request: HttpRequest) -> HttpResponse:
    found = _penilai(request, scope_for(request.user), paged=False)
    if found.data is None:
        return _xlsx(ekspor.empty_workbook(), "analitik-penilai.xlsx")
    periode, cakupan = found.data.periode, found.cakupan
    kode = cakupan.penilai.nip if cakupan.penilai else cakupan.unit.kode
    name = f"analitik-penilai-{kode}-{periode.tahun.tahun}-{periode.kode}.xlsx"
    return _xlsx(ekspor.penilai_workbook(found.data), name)


# --- Evidence integrity -----------------------------------------------------------------------


@dataclass
class Integritas:
    form: IntegritasForm
    unit: Unit
    data: selectors.LaporanIntegritas | None


def _integritas(request: HttpRequest, scope: Lingkup, *, paged: bool) -> Integritas:
    form = IntegritasForm(request.GET)
    chosen = _chosen(form)
    unit = access.integritas_unit(scope, chosen.get("unit"))
    try:
        tahun, periode = access.tahun_periode_resolve(chosen.get("tahun"), chosen.get("periode"))
    except ValidationError as error:
        _report(form, error)
        tahun, periode = access.tahun_periode_resolve(None, None)
    if tahun is None:
        return Integritas(form, unit, None)
    halaman = {key: chosen.get(f"hal_{key}") or 1 for key in SECTIONS} if paged else None
    data = selectors.integrity_report(
        jalur=unit.jalur, tahun=tahun, periode=periode, halaman=halaman
    )
    return Integritas(form, unit, data)


@login_required
def integritas(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    found = _integritas(request, scope, paged=True)
    data = found.data
    context = {
        "nav_section": NAV_SECTION,
        "form": found.form,
        "unit": found.unit,
        "laporan": data,
        "units": baca.unit_choices_near(scope, found.unit),
        "pembaruan": baca.latest_refresh(),
        "tahun_pilihan": selectors.tahun_choices(),
        "periode_pilihan": selectors.periode_choices(),
        "sinyal": {kind.value: kind.label for kind in JenisSinyal},
        "query": _query(
            unit=found.unit.pk,
            tahun=data.tahun.tahun if data else None,
            periode=data.periode.pk if data and data.periode else None,
        ),
    }
    return render(request, "pemantauan/analitik_integritas.html", context)


@login_required
def integritas_ekspor(request: HttpRequest) -> HttpResponse:
    found = _integritas(request, scope_for(request.user), paged=False)
    if found.data is None:
        return _xlsx(ekspor.empty_workbook(), "integritas-bukti.xlsx")
    data = found.data
    suffix = f"-{data.periode.kode}" if data.periode else ""
    name = f"integritas-bukti-{found.unit.kode}-{data.tahun.tahun}{suffix}.xlsx"
    return _xlsx(ekspor.integritas_workbook(data), name)
