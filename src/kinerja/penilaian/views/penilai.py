"""The appraiser's pages: the appraisees of a period ("Penilaian Kinerja"), the rating form with
the evidence-based suggestions, and the live preview of the predikat while choosing ratings.

Readers of an employee (HR, leaders, the auditor) see the form read-only; only the employee's
appraiser saves it (404 when unreadable, 403 when readable but not theirs to rate)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Rating
from kinerja.audit.services import Aktor
from kinerja.core.forms import apply_errors
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.penilaian import access, rules, selectors, services
from kinerja.penilaian.forms import PenilaianForm, PeriodeForm, period_label, period_options
from kinerja.penilaian.selectors import BarisDinilai, FormPenilaian
from kinerja.periode.access import periode_get_for_read
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusLaporan

NAV_SECTION = "penilaian"


# --- The appraisees of a period --------------------------------------------------------------


@dataclass(frozen=True)
class Baris:
    """One appraisee of the list: the selector's row, the report's state, the curve group, and
    whether the rating may still be written (the link says "Nilai", else "Lihat")."""

    data: BarisDinilai
    laporan: str
    kelompok: Unit | None
    terbuka: bool


def _today() -> datetime.date:
    return timezone.localdate()


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    penilai_id = access.rater_check(scope)
    form = PeriodeForm(request.GET, periods=period_options())
    periode = form.chosen(_today())
    rows = _rows(penilai_id, periode) if periode else []
    groups = {row.kelompok.pk: row.kelompok for row in rows if row.kelompok is not None}
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "periode": periode,
        "rows": rows,
        "kelompok": sorted(groups.values(), key=lambda unit: unit.jalur),
    }
    return render(request, "penilaian/penilai_daftar.html", context)


def _rows(penilai_id: int, periode: Periode) -> list[Baris]:
    found = selectors.appraisee_rows(penilai_id, periode)
    groups = selectors.group_units_for([item.pegawai.unit.jalur for item in found], periode)
    return [
        Baris(
            item,
            str(StatusLaporan(item.laporan_status).label) if item.laporan_status else "",
            groups.get(item.pegawai.unit.jalur),
            rules.rating_edit_error(
                periode.status, item.penilaian.status if item.penilaian else None
            )
            is None,
        )
        for item in found
    ]


# --- The rating form -------------------------------------------------------------------------


@dataclass(frozen=True)
class Kotak:
    """The predikat box: the predikat with its explanation, or why there is none yet."""

    hasil: aturan_rules.HasilPredikat | None
    kurang: list[str]
    pratinjau: bool


def _periode(request: HttpRequest, periode_id: int) -> Periode:
    return periode_get_for_read(scope_for(request.user), periode_id)


@login_required
@require_http_methods(["GET", "POST"])
def nilai(request: HttpRequest, pegawai_id: int, periode_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    if request.method == "POST":
        return _save(request, scope, pegawai_id, periode_id)
    pegawai = access.pegawai_get_for_rating_view(scope, pegawai_id)
    periode = _periode(request, periode_id)
    formulir = selectors.form_data(pegawai, periode)
    return _form_page(request, scope, PenilaianForm(formulir=formulir))


def _pegawai_to_rate(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """As `access.pegawai_get_for_rating` (404 unreadable, 403 readable but not the rater),
    except that the employee's own form is missing (404), as it is on GET."""
    pegawai = access.pegawai_get_for_rating_view(scope, pegawai_id)
    if not access.may_rate(scope, pegawai):
        raise PermissionDenied
    return pegawai


def _save(request: HttpRequest, scope: Lingkup, pegawai_id: int, periode_id: int) -> HttpResponse:
    pegawai = _pegawai_to_rate(scope, pegawai_id)
    periode = _periode(request, periode_id)
    form = PenilaianForm(request.POST, formulir=selectors.form_data(pegawai, periode))
    if form.is_valid():
        try:
            saved = services.penilaian_save(
                aktor=Aktor.of_request(request),
                pegawai=pegawai,
                periode=periode,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _saved_message(pegawai, periode, saved.get_predikat_display())
            )
            query = urlencode({"periode": periode.pk})
            return redirect(f"{reverse('penilaian:daftar')}?{query}")
    form.formulir = selectors.form_data(pegawai, periode, draft=form.draft())
    return _form_page(request, scope, form)


def _saved_message(pegawai: Pegawai, periode: Periode, predikat: str) -> str:
    return _("Penilaian %(nama)s %(periode)s disimpan. Predikat: %(predikat)s.") % {
        "nama": pegawai.nama,
        "periode": period_label(periode),
        "predikat": predikat,
    }


def _form_page(request: HttpRequest, scope: Lingkup, form: PenilaianForm) -> HttpResponse:
    """The form (editable, or read-only with the reasons), the suggestions and the predikat."""
    formulir = form.formulir
    reasons = []
    if not access.may_rate(scope, formulir.pegawai):
        reasons.append(_("Hanya pejabat penilai pegawai ini yang dapat mengisi penilaian."))
    existing = formulir.penilaian
    problem = rules.rating_edit_error(
        formulir.periode.status, existing.status if existing else None
    )
    if problem:
        reasons.append(problem)
    editable = not reasons
    context = {
        "nav_section": NAV_SECTION,
        "formulir": formulir,
        "pegawai": formulir.pegawai,
        "periode": formulir.periode,
        "form": form,
        "editable": editable,
        "alasan": reasons,
        "ke_daftar": bool(scope.pegawai_id),
        "kotak": _box(formulir, form) if editable else _saved_box(formulir),
    }
    return render(request, "penilaian/penilai_nilai.html", context)


def _box(formulir: FormPenilaian, form: PenilaianForm) -> Kotak:
    """The predikat of the ratings on the form (posted, else the initial ones)."""
    if form.is_bound:
        hasil, perilaku = form.ratings()
    else:
        hasil, perilaku = formulir.rating_hasil, formulir.rating_perilaku
    return _predikat(formulir, hasil, perilaku, pratinjau=True)


def _saved_box(formulir: FormPenilaian) -> Kotak:
    """The saved predikat, by the rule set it was computed with (read-only)."""
    existing = formulir.penilaian
    if existing is None:
        return Kotak(None, [_("Pegawai ini belum dinilai pada periode ini.")], pratinjau=False)
    hasil = aturan_rules.predikat_compute(
        existing.set_aturan.aturan(),
        Rating(existing.rating_hasil),
        Rating(existing.rating_perilaku),
    )
    return Kotak(hasil, [], pratinjau=False)


def _predikat(
    formulir: FormPenilaian, hasil: Rating | None, perilaku: Rating | None, *, pratinjau: bool
) -> Kotak:
    missing = []
    if hasil is None:
        missing.append(_("Rating hasil kerja belum dipilih."))
    if perilaku is None:
        missing.append(_("Rating perilaku kerja belum dipilih."))
    if hasil is None or perilaku is None:
        return Kotak(None, missing, pratinjau)
    try:
        aturan = selectors.aturan_for(formulir.pegawai.unit.jalur, formulir.periode)
    except aturan_rules.RuleError as error:
        return Kotak(None, [str(error)], pratinjau)
    return Kotak(aturan_rules.predikat_compute(aturan.aturan(), hasil, perilaku), [], pratinjau)


# --- The live preview ------------------------------------------------------------------------


@login_required
@require_POST
def pratinjau(request: HttpRequest, pegawai_id: int, periode_id: int) -> HttpResponse:
    """The predikat box for the posted ratings, with the overall suggestions recomputed from the
    posted RHK and value ratings (swapped out of band). Writes nothing."""
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_rating_view(scope, pegawai_id)
    periode = _periode(request, periode_id)
    form = PenilaianForm(request.POST, formulir=selectors.form_data(pegawai, periode))
    formulir = selectors.form_data(pegawai, periode, draft=form.draft())
    hasil, perilaku = form.ratings()
    context = {
        "kotak": _predikat(formulir, hasil, perilaku, pratinjau=True),
        "formulir": formulir,
        "oob": True,
    }
    return render(request, "penilaian/_penilai_predikat.html", context)
