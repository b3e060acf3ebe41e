"""Rule-set pages: the versions, one version's content in words, copying, editing a draft
section by section, the life cycle (activate, deactivate, delete) and the JSON exchange."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.aturan import access, rules, selectors, services
from kinerja.aturan.enums import Predikat
from kinerja.aturan.forms import (
    HASIL_ROWS,
    POTENSI_ROWS,
    RATING_COLUMNS,
    SECTION_EDITORS,
    SECTION_TITLES,
    ImporForm,
    NonaktifForm,
    SalinForm,
    SectionEditor,
    SetAturanForm,
)
from kinerja.aturan.models import SetAturan
from kinerja.aturan.rules import IsiAturan
from kinerja.aturan.rules.penjelasan import percent, plain
from kinerja.audit.selectors import entries_for_object
from kinerja.audit.services import Aktor
from kinerja.core.forms import apply_errors, form_submit
from kinerja.organisasi.access import scope_for

NAV_SECTION = "aturan"
OBJECT_TYPE = "aturan.setaturan"
AUDIT_ENTRIES_SHOWN = 50
NONE = "–"
PREDIKAT_TONE = {
    Predikat.SANGAT_BAIK: "ok",
    Predikat.BAIK: "ok",
    Predikat.BUTUH_PERBAIKAN: "warn",
    Predikat.KURANG: "bad",
    Predikat.SANGAT_KURANG: "bad",
}


def _refused(request: HttpRequest, set_aturan: SetAturan, error: ValidationError) -> HttpResponse:
    """A refused action: its reasons as messages, back to the version."""
    for message in error.messages:
        messages.error(request, message)
    return redirect("aturan:detail", set_aturan.pk)


def _frozen(request: HttpRequest, set_aturan: SetAturan) -> HttpResponse:
    messages.error(
        request,
        _(
            "%(nama)s berstatus %(status)s dan tidak dapat diubah; salin menjadi versi baru "
            "untuk mengubahnya."
        )
        % {"nama": set_aturan, "status": str(set_aturan.status_enum.label).lower()},
    )
    return redirect("aturan:detail", set_aturan.pk)


# --- Reading ---------------------------------------------------------------------------------


@login_required
def rule_set_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.rule_set_read_check(scope)
    context = {
        "nav_section": NAV_SECTION,
        "groups": _by_kode(selectors.rule_set_list().defer("isi")),
        "agency_id": _agency_today_id(),
        "can_create": access.rule_set_creates(scope),
    }
    return render(request, "aturan/list.html", context)


@login_required
def rule_set_detail(request: HttpRequest, set_aturan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    set_aturan = access.rule_set_get_for_read(scope, set_aturan_id)
    can_manage = access.rule_set_manages(scope, set_aturan.unit)
    context = {
        "nav_section": NAV_SECTION,
        "set_aturan": set_aturan,
        "isi": _content(set_aturan),
        "changes": _changes(set_aturan),
        "versions": selectors.rule_set_versions(set_aturan).defer("isi"),
        "can_manage": can_manage,
        "import_hint": not can_manage and access.rule_set_creates(scope),
        "audit_entries": entries_for_object(OBJECT_TYPE, set_aturan.pk)[:AUDIT_ENTRIES_SHOWN],
    }
    return render(request, "aturan/detail.html", context)


@login_required
def rule_set_export(request: HttpRequest, set_aturan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    set_aturan = access.rule_set_get_for_read(scope, set_aturan_id)
    document = selectors.rule_set_document(set_aturan)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2) + "\n",
        content_type="application/json; charset=utf-8",
    )
    name = f"set-aturan-{set_aturan.kode}-v{set_aturan.versi}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Creating and editing --------------------------------------------------------------------


@login_required
def rule_set_copy(request: HttpRequest, set_aturan_id: int) -> HttpResponse:
    """The copy keeps the source's scope, so copying (under its code or a new one) needs the
    right to manage the source's scope; that right includes `access.rule_set_creates`."""
    scope = scope_for(request.user)
    sumber = access.rule_set_get_for_manage(scope, set_aturan_id)
    form = SalinForm(request.POST or None, sumber=sumber, baru="baru" in request.GET)
    done, copy = form_submit(
        request,
        form,
        lambda data: services.rule_set_copy(aktor=Aktor.of_request(request), sumber=sumber, **data),
    )
    if done:
        messages.success(request, _copied_message(copy))
        return redirect("aturan:update", copy.pk)
    context = {"nav_section": NAV_SECTION, "form": form, "sumber": sumber}
    return render(request, "aturan/salin.html", context | {"baru": form.fields["kode"].required})


def _copied_message(copy: SetAturan) -> str:
    return _(
        "Versi %(versi)s set aturan %(kode)s dibuat sebagai draf. Ubah isinya, lalu aktifkan."
    ) % {"versi": copy.versi, "kode": copy.kode}


@login_required
def rule_set_update(request: HttpRequest, set_aturan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    set_aturan = access.rule_set_get_for_manage(scope, set_aturan_id)
    if not set_aturan.is_editable:
        return _frozen(request, set_aturan)
    form = SetAturanForm(
        request.POST or None,
        set_aturan=set_aturan,
        units=access.rule_set_unit_choices(scope),
        agency=access.manages_agency(scope),
    )
    done, saved = form_submit(
        request,
        form,
        lambda data: services.rule_set_update(
            aktor=Aktor.of_request(request), set_aturan=set_aturan, **data
        ),
    )
    if done:
        messages.success(request, _("Perubahan %(nama)s disimpan.") % {"nama": saved})
        return redirect("aturan:detail", saved.pk)
    context = {"nav_section": NAV_SECTION, "form": form, "set_aturan": set_aturan}
    return render(request, "aturan/ubah.html", context | {"sections": SECTION_TITLES.items()})


@login_required
def rule_set_section(request: HttpRequest, set_aturan_id: int, bagian: str) -> HttpResponse:
    if bagian not in SECTION_EDITORS:
        raise Http404
    scope = scope_for(request.user)
    set_aturan = access.rule_set_get_for_manage(scope, set_aturan_id)
    if not set_aturan.is_editable:
        return _frozen(request, set_aturan)
    editor = SECTION_EDITORS[bagian](set_aturan.aturan(), request.POST or None)
    if (
        request.method == "POST"
        and editor.is_valid()
        and _section_save(request, set_aturan, editor)
    ):
        return redirect("aturan:update", set_aturan.pk)
    context = {"nav_section": NAV_SECTION, "set_aturan": set_aturan, "editor": editor}
    return render(request, "aturan/bagian.html", context)


def _section_save(request: HttpRequest, set_aturan: SetAturan, editor: SectionEditor) -> bool:
    try:
        saved = services.rule_set_section_update(
            aktor=Aktor.of_request(request),
            set_aturan=set_aturan,
            bagian=editor.bagian,
            data=editor.section_data(),
        )
    except ValidationError as error:
        editor.add_service_error(error)
        return False
    values = {"bagian": editor.title}
    if saved.isi.get(editor.bagian) == set_aturan.isi.get(editor.bagian):
        messages.info(request, _("Tidak ada perubahan pada bagian %(bagian)s.") % values)
    else:
        messages.success(request, _("Bagian %(bagian)s disimpan.") % values)
    return True


@login_required
def rule_set_import(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.rule_set_read_check(scope)
    if not access.rule_set_creates(scope):
        raise Http404
    form = ImporForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        units=access.rule_set_unit_choices(scope),
        agency=access.manages_agency(scope),
    )
    done, imported = form_submit(
        request,
        form,
        lambda data: services.rule_set_import(
            aktor=Aktor.of_request(request), dokumen=data["berkas"], unit=data["unit"]
        ),
        place=ImporForm.add_service_error,
    )
    if done:
        messages.success(request, _("Berkas diimpor sebagai draf %(nama)s.") % {"nama": imported})
        return redirect("aturan:detail", imported.pk)
    return render(request, "aturan/impor.html", {"nav_section": NAV_SECTION, "form": form})


# --- Life cycle ------------------------------------------------------------------------------


@login_required
@require_POST
def rule_set_activate(request: HttpRequest, set_aturan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    set_aturan = access.rule_set_get_for_manage(scope, set_aturan_id)
    try:
        services.rule_set_activate(aktor=Aktor.of_request(request), set_aturan=set_aturan)
    except ValidationError as error:
        return _refused(request, set_aturan, error)
    messages.success(request, _("%(nama)s diaktifkan.") % {"nama": set_aturan})
    return redirect("aturan:detail", set_aturan.pk)


@login_required
def rule_set_deactivate(request: HttpRequest, set_aturan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    set_aturan = access.rule_set_get_for_manage(scope, set_aturan_id)
    reason = rules.transition_error(set_aturan.status_enum, rules.DEACTIVATE)
    if reason:
        return _refused(request, set_aturan, ValidationError(reason))
    form = NonaktifForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_set_deactivate(
                aktor=Aktor.of_request(request), set_aturan=set_aturan, **form.cleaned_data
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _refused(request, set_aturan, error)
            apply_errors(form, error)
        else:
            messages.success(request, _("%(nama)s dinonaktifkan.") % {"nama": set_aturan})
            return redirect("aturan:detail", set_aturan.pk)
    context = {"nav_section": NAV_SECTION, "form": form, "set_aturan": set_aturan}
    return render(request, "aturan/nonaktif.html", context)


@login_required
@require_POST
def rule_set_delete(request: HttpRequest, set_aturan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    set_aturan = access.rule_set_get_for_manage(scope, set_aturan_id)
    try:
        services.rule_set_delete(aktor=Aktor.of_request(request), set_aturan=set_aturan)
    except ValidationError as error:
        return _refused(request, set_aturan, error)
    messages.success(request, _("Draf %(nama)s dihapus.") % {"nama": set_aturan})
    return redirect("aturan:list")


# --- Display helpers: plain structures for the templates --------------------------------------


def _by_kode(versions: Iterable[SetAturan]) -> list[tuple[str, list[SetAturan]]]:
    """The versions grouped by code (the list is ordered by code, newest version first)."""
    return [(kode, list(items)) for kode, items in itertools.groupby(versions, lambda s: s.kode)]


def _agency_today_id() -> int | None:
    """The version that applies to the whole agency today (None when none does)."""
    try:
        return selectors.rule_set_agency(timezone.localdate()).pk
    except rules.RuleError:
        return None


def _changes(set_aturan: SetAturan) -> list[tuple[str, Any, Any]] | None:
    """The content values changed since the version this one was copied from."""
    if set_aturan.disalin_dari is None:
        return None
    return selectors.rule_set_changes(set_aturan.disalin_dari.isi, set_aturan.isi)


def _content(set_aturan: SetAturan) -> dict[str, Any]:
    """Every section of the content as rows of labels and Indonesian numbers."""
    try:
        isi = set_aturan.aturan()
    except rules.IsiTidakValid as error:
        return {"kesalahan": [str(item) for item in error.kesalahan]}
    return {
        "predikat": _predikat(isi),
        "kurva": _curve(isi),
        "angka_kredit": _credit(isi),
        "tukin": _allowance(isi),
        "talenta": _talent(isi),
        "tren": {
            "jendela": isi.tren.jendela,
            "minimum_titik": isi.tren.minimum_titik,
            "ambang": plain(isi.tren.ambang),
        },
        "keberatan_hari": isi.keberatan_hari,
        "disiplin": [(_days(b.dari, b.sampai), str(b.sanksi.label)) for b in isi.disiplin],
        "merit": _merit(isi),
    }


def _predikat(isi: IsiAturan) -> dict[str, Any]:
    rows = [
        (
            str(hasil.label),
            [
                (str(isi.predikat[hasil][p].label), PREDIKAT_TONE[isi.predikat[hasil][p]])
                for p in RATING_COLUMNS
            ],
        )
        for hasil in HASIL_ROWS
    ]
    return {"columns": [str(p.label) for p in RATING_COLUMNS], "rows": rows}


def _curve(isi: IsiAturan) -> dict[str, Any]:
    return {
        "ukuran_minimum": isi.kurva.ukuran_minimum,
        "pola": [
            (str(organisasi.label), [batasan.label() for batasan in constraints])
            for organisasi, constraints in isi.kurva.pola.items()
        ],
    }


def _optional(value: Decimal | None) -> str:
    return NONE if value is None else plain(value)


def _credit(isi: IsiAturan) -> dict[str, Any]:
    credit = isi.angka_kredit
    return {
        "persentase": [(str(p.label), percent(v)) for p, v in credit.persentase.items()],
        "jenjang": [
            (
                str(jenjang.label),
                plain(level.koefisien),
                _optional(level.kenaikan_pangkat),
                _optional(level.kenaikan_jenjang),
            )
            for jenjang, level in credit.jenjang.items()
        ],
    }


def _minutes(dari: int, sampai: int | None) -> str:
    if sampai is None:
        return _("%(dari)s menit atau lebih") % {"dari": dari}
    return _("%(dari)s–%(sampai)s menit") % {"dari": dari, "sampai": sampai}


def _days(dari: int, sampai: int | None) -> str:
    if sampai is None:
        return _("%(dari)s hari atau lebih") % {"dari": dari}
    if sampai == dari:
        return _("%(dari)s hari") % {"dari": dari}
    return _("%(dari)s–%(sampai)s hari") % {"dari": dari, "sampai": sampai}


def _allowance(isi: IsiAturan) -> dict[str, Any]:
    tukin = isi.tukin
    amounts = [(grade, tukin.besaran.get(grade)) for grade in range(1, tukin.kelas_tertinggi + 1)]
    cuts = [
        (_("Tidak ada rekaman kehadiran, per hari"), percent(tukin.tanpa_rekaman)),
        (_("Tidak masuk tanpa keterangan, per hari"), percent(tukin.tanpa_keterangan)),
        (
            _("Cuti alasan penting melebihi %(hari)s hari, per hari")
            % {"hari": tukin.cuti_hari_bebas},
            percent(tukin.cuti_alasan_penting),
        ),
        (_("Hukuman disiplin sedang"), percent(tukin.hukuman_disiplin_sedang)),
        (_("Batas potongan per bulan"), percent(tukin.batas_potongan)),
        (
            _("Tambahan bila predikat tahun lalu Sangat Baik"),
            _("%(persen)s dari selisih dengan besaran kelas berikutnya")
            % {"persen": percent(tukin.insentif_sangat_baik)},
        ),
    ]
    return {
        "kelas_tertinggi": tukin.kelas_tertinggi,
        "besaran": amounts,
        "belum_diisi": sum(1 for _grade, amount in amounts if amount is None),
        "terlambat": _bands("TL", tukin.terlambat),
        "pulang_cepat": _bands("PSW", tukin.pulang_cepat),
        "lain": cuts,
    }


def _bands(code: str, bands: Iterable[Any]) -> list[tuple[str, str, str]]:
    return [
        (f"{code}{index}", _minutes(band.dari, band.sampai), percent(band.persen))
        for index, band in enumerate(bands, start=1)
    ]


def _talent(isi: IsiAturan) -> dict[str, Any]:
    kotak = isi.talenta.kotak
    return {
        "columns": [str(r.label) for r in RATING_COLUMNS],
        "rows": [(str(p.label), [kotak[p][r] for r in RATING_COLUMNS]) for p in POTENSI_ROWS],
        "kinerja": [(str(p.label), str(r.label)) for p, r in isi.talenta.kinerja.items()],
    }


def _merit(isi: IsiAturan) -> list[tuple[str, str]]:
    merit = isi.merit
    return [
        (
            _("Prioritas kelompok suksesi"),
            _("predikat %(predikat)s %(tahun)s tahun berturut-turut")
            % {"predikat": merit.suksesi_predikat.label, "tahun": merit.suksesi_tahun},
        ),
        (
            _("Syarat kenaikan pangkat"),
            _("predikat paling rendah %(predikat)s pada setiap %(tahun)s tahun terakhir")
            % {
                "predikat": merit.kenaikan_pangkat_predikat.label,
                "tahun": merit.kenaikan_pangkat_tahun,
            },
        ),
        (
            _("Masa perbaikan bila target kinerja tidak tercapai"),
            _("%(bulan)s bulan") % {"bulan": merit.bulan_perbaikan},
        ),
    ]
