"""The Matriks Peran Hasil: the appraiser's RHKs across, the appraisees down, each cell listing
the appraisees' RHKs that support that RHK, with its flags; pushing an RHK to appraisees (from a
cell, or to several at once) and linking an appraisee's RHK to one of the appraiser's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.skp import access, rules, services
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.enums import JenisRhk
from kinerja.skp.forms_penilai import LinkForm, PushForm, YearForm, year_choices
from kinerja.skp.models import Rhk
from kinerja.skp.selectors import BarisBawahan, Matriks

NAV_SECTION = "matriks"


@dataclass(frozen=True)
class Kolom:
    """An RHK of the appraiser, and whether some appraisee's RHK supports it."""

    rhk: Rhk
    didukung: bool


@dataclass(frozen=True)
class Sel:
    kolom: Rhk
    rhk: list[Rhk]


@dataclass(frozen=True)
class BarisMatriks:
    """An appraisee: the cells under each of the appraiser's RHKs, the RHKs supporting none of
    them, and the row's flags: no plan yet, or a plan still in draft (or returned). Only then
    may the plan be changed from the matrix (pushing to it, linking its RHKs)."""

    baris: BarisBawahan
    sel: list[Sel]
    lepas: list[Rhk]
    tanpa_skp: bool
    masih_draf: bool

    @property
    def dapat_diubah(self) -> bool:
        return self.tanpa_skp or self.masih_draf


@dataclass(frozen=True)
class Tanda:
    """A flag of the matrix as listed above the table: its short label and its sentence."""

    jenis: str
    label: str
    pesan: str


def _flag_labels() -> dict[str, str]:
    return {
        rules.UNSUPPORTED: _("RHK belum diintervensi"),
        rules.ORPHAN: _("RHK tidak mendukung"),
        rules.NO_SKP: _("Belum ada SKP"),
        rules.DRAFT_SKP: _("SKP belum diajukan"),
    }


def _table(matriks: Matriks) -> tuple[list[Kolom], list[BarisMatriks]]:
    supported = {rhk_id for (_pegawai_id, rhk_id) in matriks.sel}
    columns = [Kolom(rhk, rhk.pk in supported) for rhk in matriks.kolom]
    rows = [
        BarisMatriks(
            baris=row,
            sel=[Sel(rhk, matriks.sel.get((row.pegawai.pk, rhk.pk), [])) for rhk in matriks.kolom],
            lepas=matriks.lepas.get(row.pegawai.pk, []),
            tanpa_skp=row.skp is None,
            masih_draf=row.skp is not None and rules.is_editable(row.skp.status),
        )
        for row in matriks.baris
    ]
    return columns, rows


@login_required
def matrix_page(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    penilai_id = access.appraiser_check(scope)
    tahun = YearForm(request.GET).chosen_year()
    matriks = skp_selectors.matrix(penilai_id, tahun)
    columns, rows = _table(matriks)
    labels = _flag_labels()
    context = {
        "nav_section": NAV_SECTION,
        "tahun": tahun,
        "years": year_choices(tahun),
        "matriks": matriks,
        "kolom": columns,
        "baris": rows,
        "bendera": [Tanda(flag.jenis, labels[flag.jenis], flag.pesan) for flag in matriks.bendera],
        "jenis_choices": JenisRhk.choices(),
    }
    return render(request, "skp/matriks.html", context)


def _back(tahun: int) -> HttpResponse:
    return redirect(f"{reverse('skp:matrix')}?tahun={tahun}")


def _show_errors(request: HttpRequest, errors: ValidationError | Mapping[str, Any]) -> None:
    texts = (
        errors.messages
        if isinstance(errors, ValidationError)
        else [text for items in errors.values() for text in items]
    )
    for text in texts:
        messages.error(request, str(text))


@login_required
@require_POST
def rhk_push(request: HttpRequest, rhk_id: int) -> HttpResponse:
    """Give one of the user's RHKs to the chosen appraisees (all or nothing)."""
    scope = scope_for(request.user)
    rhk = access.own_rhk_get(scope, rhk_id)
    form = PushForm(request.POST)
    if not form.is_valid():
        _show_errors(request, form.errors)
        return _back(rhk.skp.tahun)
    try:
        created = services.rhk_push(
            aktor=Aktor.of_request(request), rhk_atasan=rhk, **form.service_arguments()
        )
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(
            request,
            _("RHK %(kode)s dibagikan kepada %(jumlah)s bawahan: %(nama)s.")
            % {
                "kode": rhk.kode,
                "jumlah": len(created),
                "nama": ", ".join(item.skp.pegawai.nama for item in created),
            },
        )
    return _back(rhk.skp.tahun)


@login_required
@require_POST
def rhk_link(request: HttpRequest, rhk_id: int) -> HttpResponse:
    """Link an appraisee's RHK to one of the user's RHKs, or unlink it (empty `rhk_atasan`)."""
    scope = scope_for(request.user)
    rhk = access.subordinate_rhk_get(scope, rhk_id)
    form = LinkForm(request.POST)
    if not form.is_valid():
        _show_errors(request, form.errors)
        return _back(rhk.skp.tahun)
    target_id = form.cleaned_data["rhk_atasan"]
    target = access.own_rhk_get(scope, target_id) if target_id else None
    try:
        services.rhk_link(aktor=Aktor.of_request(request), rhk=rhk, rhk_atasan=target)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _link_message(rhk, target))
    return _back(rhk.skp.tahun)


def _link_message(rhk: Rhk, target: Rhk | None) -> str:
    values = {"kode": rhk.kode, "nama": rhk.skp.pegawai.nama}
    if target is None:
        return _("RHK %(kode)s milik %(nama)s tidak lagi ditautkan ke RHK Anda.") % values
    return _("RHK %(kode)s milik %(nama)s ditautkan ke RHK %(atasan)s.") % {
        **values,
        "atasan": target.kode,
    }
