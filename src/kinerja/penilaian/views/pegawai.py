"""The employee's finalised assessments ("Penilaian Saya") and one assessment as every reader
sees it: who was who (the snapshot), the group's organisation rating and curve, what the ratings
were based on (per RHK and per BerAKHLAK value), the predikat with its explanation, and the
objection with the forms the user may use now (file, explain, decide, withdraw)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.aturan.enums import Rating
from kinerja.aturan.rules import predikat_compute
from kinerja.core.formatting import format_number
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.penilaian import access, rules, selectors
from kinerja.penilaian.enums import StatusKeberatan
from kinerja.penilaian.forms_keberatan import AjukanForm, JelaskanForm, PutuskanForm
from kinerja.penilaian.models import Keberatan, Penilaian
from kinerja.realisasi.enums import StatusBukti
from kinerja.skp.enums import Aspek, JenisRhk
from kinerja.skp.selectors import berakhlak_values

NAV_SECTION = "penilaian_saya"


def objection_deadline(penilaian: Penilaian) -> datetime.date | None:
    """The last day to object to a finalised assessment (None for a draft)."""
    if not penilaian.is_final or penilaian.ditetapkan_pada is None:
        return None
    return rules.objection_deadline(
        timezone.localdate(penilaian.ditetapkan_pada), penilaian.set_aturan.aturan().keberatan_hari
    )


def objection_of(penilaian: Penilaian) -> Keberatan | None:
    return getattr(penilaian, "keberatan", None)


@dataclass(frozen=True)
class BarisSaya:
    penilaian: Penilaian
    keberatan: Keberatan | None
    batas: datetime.date | None
    terbuka: bool
    """An objection may still be filed."""


def _row(penilaian: Penilaian, today: datetime.date) -> BarisSaya:
    keberatan = objection_of(penilaian)
    deadline = objection_deadline(penilaian)
    return BarisSaya(
        penilaian,
        keberatan,
        deadline,
        keberatan is None and deadline is not None and today <= deadline,
    )


@login_required
def saya(request: HttpRequest) -> HttpResponse:
    pegawai_id = access.rater_check(scope_for(request.user))
    today = timezone.localdate()
    rows = [_row(item, today) for item in selectors.own_assessments(pegawai_id)]
    return render(request, "penilaian/saya.html", {"nav_section": NAV_SECTION, "rows": rows})


# --- One assessment --------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisIndikator:
    aspek: str
    uraian: str
    target: str
    realisasi: str
    capaian: str


@dataclass(frozen=True)
class BarisRhk:
    kode: str
    uraian: str
    jenis: str
    indikator: list[BarisIndikator]
    bukti: list[tuple[str, int]]
    rating: str


def _label(enum: Any, value: str | None) -> str:
    try:
        return str(enum(value).label) if value else ""
    except ValueError:
        return value or ""


def _percent(value: str | None) -> str:
    try:
        return f"{format_number(Decimal(value), 2)}%" if value else ""
    except InvalidOperation:
        return ""


def rhk_rows(penilaian: Penilaian) -> list[BarisRhk]:
    """What the result rating was based on, per RHK of the snapshot (`masukan`)."""
    rows = []
    for item in penilaian.masukan.get("rhk", []):
        counts = item.get("bukti") or {}
        rating = penilaian.rating_rhk.get(item.get("kode", "")) or item.get("rating")
        rows.append(
            BarisRhk(
                kode=item.get("kode", ""),
                uraian=item.get("uraian", ""),
                jenis=_label(JenisRhk, item.get("jenis")),
                indikator=[
                    BarisIndikator(
                        _label(Aspek, ind.get("aspek")),
                        ind.get("uraian", ""),
                        ind.get("target", ""),
                        ind.get("realisasi", ""),
                        _percent(ind.get("capaian")),
                    )
                    for ind in item.get("indikator", [])
                ],
                bukti=[
                    (str(status.label), counts[status.value])
                    for status in StatusBukti
                    if counts.get(status.value)
                ],
                rating=_label(Rating, rating),
            )
        )
    return rows


def behaviour_rows(penilaian: Penilaian) -> list[tuple[str, str]]:
    """(value name, rating) for each BerAKHLAK value."""
    return [
        (value["nama"], _label(Rating, penilaian.rating_nilai.get(value["kode"])))
        for value in berakhlak_values()
    ]


def _nav_section(scope: Lingkup, penilaian: Penilaian, keberatan: Keberatan | None) -> str:
    if access.is_owner(scope, penilaian):
        return NAV_SECTION
    if keberatan is not None and (
        access.may_explain(scope, penilaian) or access.may_decide(scope, keberatan)
    ):
        return "keberatan"
    if scope.pegawai_id and penilaian.penilai_id == scope.pegawai_id:
        return "penilaian"
    return "kurva" if scope.reads_units or scope.is_penilai else NAV_SECTION


def _objection_context(scope: Lingkup, penilaian: Penilaian) -> dict[str, Any]:
    keberatan = objection_of(penilaian)
    owner = access.is_owner(scope, penilaian)
    deadline = objection_deadline(penilaian)
    within = deadline is not None and timezone.localdate() <= deadline
    status = StatusKeberatan(keberatan.status) if keberatan else None
    explain = (
        keberatan is not None
        and status in (StatusKeberatan.DIAJUKAN, StatusKeberatan.DIJELASKAN)
        and access.may_explain(scope, penilaian)
    )
    decide = (
        keberatan is not None
        and status == StatusKeberatan.DIJELASKAN
        and access.may_decide(scope, keberatan)
    )
    return {
        "keberatan": keberatan,
        "is_owner": owner,
        "batas_keberatan": deadline,
        "dalam_batas": within,
        "form_ajukan": AjukanForm() if owner and keberatan is None and within else None,
        "form_jelaskan": (
            JelaskanForm(initial={"penjelasan": keberatan.penjelasan})
            if explain and keberatan
            else None
        ),
        "form_putuskan": (
            PutuskanForm(
                initial={
                    "rating_hasil": penilaian.rating_hasil,
                    "rating_perilaku": penilaian.rating_perilaku,
                }
            )
            if decide
            else None
        ),
        "boleh_tarik": owner and keberatan is not None and keberatan.is_open,
    }


def _group_context(penilaian: Penilaian) -> dict[str, Any]:
    group = selectors.group_of_penilaian(penilaian)
    hasil = group.hasil if group is not None else None
    return {
        "kelompok": group,
        "kurva": hasil,
        "batang": selectors.chart_of(hasil) if hasil is not None else [],
    }


@login_required
def detail(request: HttpRequest, penilaian_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    penilaian = access.penilaian_get_for_read(scope, penilaian_id)
    identitas = penilaian.identitas or {}
    context = {
        "nav_section": _nav_section(scope, penilaian, objection_of(penilaian)),
        "penilaian": penilaian,
        "periode": penilaian.periode,
        "orang": [
            (_("Pegawai yang dinilai"), "pegawai", identitas.get("pegawai")),
            (_("Pejabat penilai"), "penilai", identitas.get("penilai")),
            (_("Atasan pejabat penilai"), "atasan-penilai", identitas.get("atasan_penilai")),
        ],
        "rhk": rhk_rows(penilaian),
        "perilaku": behaviour_rows(penilaian),
        "penjelasan": predikat_compute(
            penilaian.set_aturan.aturan(),
            Rating(penilaian.rating_hasil),
            Rating(penilaian.rating_perilaku),
        ).penjelasan,
        **_group_context(penilaian),
        **_objection_context(scope, penilaian),
    }
    return render(request, "penilaian/detail.html", context)
