"""Reading SKPs: a plan with everything it holds, its document, history and revisions, the
appraiser's inbox, the Matriks Peran Hasil and the completion report. Lists run a fixed number
of queries whatever their size."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kinerja.organisasi.access import Lingkup, pegawai_readable, unit_readable
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.periode.models import TahunKinerja
from kinerja.skp import rules
from kinerja.skp.access import skp_readable
from kinerja.skp.enums import Aspek, JenisRhk, Pendekatan, Perspektif, StatusSkp
from kinerja.skp.models import (
    EkspektasiPerilaku,
    Indikator,
    RevisiSkp,
    Rhk,
    RiwayatSkp,
    SasaranOrganisasi,
    Skp,
)

BERAKHLAK_FILE = Path(__file__).resolve().parent / "data" / "berakhlak.json"


@cache
def berakhlak_values() -> tuple[dict[str, Any], ...]:
    """The 7 BerAKHLAK core values with their meaning and 3 official guides each (SE MenPANRB
    20/2021), shipped as data."""
    data = json.loads(BERAKHLAK_FILE.read_text(encoding="utf-8"))
    return tuple(data["nilai"])


def berakhlak_codes() -> tuple[str, ...]:
    return tuple(value["kode"] for value in berakhlak_values())


# --- One plan --------------------------------------------------------------------------------


def person_snapshot(pegawai: Pegawai | None) -> dict[str, Any] | None:
    """An employee as recorded in snapshots (plan approval, finalised assessments)."""
    if pegawai is None:
        return None
    return {
        "id": pegawai.pk,
        "nama": pegawai.nama,
        "nip": pegawai.nip,
        "golongan": pegawai.golongan,
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": pegawai.jabatan.jenis_jabatan,
        "unit_kode": pegawai.unit.kode,
        "unit_nama": pegawai.unit.nama,
    }


def identitas_current(pegawai: Pegawai) -> dict[str, Any]:
    """The employee, appraiser and appraiser's superior as they are now (3 queries at most)."""
    pegawai = Pegawai.objects.select_related("unit", "jabatan").get(pk=pegawai.pk)
    penilai = (
        Pegawai.objects.select_related("unit", "jabatan").filter(pk=pegawai.penilai_id).first()
        if pegawai.penilai_id
        else None
    )
    atasan = (
        Pegawai.objects.select_related("unit", "jabatan").filter(pk=penilai.penilai_id).first()
        if penilai is not None and penilai.penilai_id
        else None
    )
    return {
        "pegawai": person_snapshot(pegawai),
        "penilai": person_snapshot(penilai),
        "atasan_penilai": person_snapshot(atasan),
    }


def identitas_of(skp: Skp) -> dict[str, Any]:
    """The snapshot taken at approval; for a plan never approved (or under revision), now."""
    if skp.identitas and skp.status == StatusSkp.DISETUJUI:
        return skp.identitas
    return identitas_current(skp.pegawai)


def skp_find(pegawai_id: int, tahun: int) -> Skp | None:
    return Skp.objects.filter(pegawai_id=pegawai_id, tahun=tahun).first()


def skp_years(pegawai_id: int) -> list[int]:
    return list(
        Skp.objects.filter(pegawai_id=pegawai_id).order_by("-tahun").values_list("tahun", flat=True)
    )


def rhk_of(skp: Skp) -> list[Rhk]:
    """The plan's RHKs, main ones first, with indicators, the leader's RHK and the goal."""
    return list(
        Rhk.objects.filter(skp=skp)
        .select_related("rhk_atasan", "rhk_atasan__skp__pegawai", "sasaran")
        .prefetch_related(
            Prefetch("indikator", queryset=Indikator.objects.order_by("urutan", "pk"))
        )
        .order_by("-jenis", "urutan", "pk")
    )


def ekspektasi_of(skp: Skp) -> list[dict[str, Any]]:
    """The 7 values with their guides and the leader's expectation for this plan."""
    written = dict(EkspektasiPerilaku.objects.filter(skp=skp).values_list("nilai", "ekspektasi"))
    return [{**value, "ekspektasi": written.get(value["kode"], "")} for value in berakhlak_values()]


def penilai_rhk_choices(skp: Skp) -> list[Rhk]:
    """The RHKs the plan may cascade from: those of the owner's current appraiser's plan."""
    penilai_id = (
        Pegawai.objects.filter(pk=skp.pegawai_id).values_list("penilai_id", flat=True).first()
    )
    if not penilai_id:
        return []
    return list(
        Rhk.objects.filter(skp__pegawai_id=penilai_id, skp__tahun=skp.tahun)
        .select_related("skp")
        .order_by("-jenis", "urutan", "pk")
    )


def penilai_skp(skp: Skp) -> Skp | None:
    penilai_id = (
        Pegawai.objects.filter(pk=skp.pegawai_id).values_list("penilai_id", flat=True).first()
    )
    return skp_find(penilai_id, skp.tahun) if penilai_id else None


def sasaran_choices(skp: Skp) -> list[SasaranOrganisasi]:
    """Organisation goals a JPT's RHK may derive from: those of the owner's unit and the units
    above it, for the plan's year."""
    unit_ids = [int(part) for part in skp.pegawai.unit.jalur.strip("/").split("/") if part]
    return list(
        SasaranOrganisasi.objects.filter(unit_id__in=unit_ids, tahun=skp.tahun)
        .select_related("unit")
        .prefetch_related("indikator")
        .order_by("-unit__kedalaman", "urutan", "pk")
    )


def skp_history(skp: Skp) -> list[RiwayatSkp]:
    return list(RiwayatSkp.objects.filter(skp=skp).order_by("-pada", "-pk"))


def skp_revisions(skp: Skp) -> list[RevisiSkp]:
    return list(RevisiSkp.objects.filter(skp=skp).order_by("-nomor"))


def skp_revision(skp: Skp, nomor: int) -> RevisiSkp | None:
    return RevisiSkp.objects.filter(skp=skp, nomor=nomor).first()


def _indikator_document(pendekatan: str, indikator: Indikator) -> dict[str, Any]:
    return {
        "aspek": indikator.aspek,
        "aspek_label": str(Aspek(indikator.aspek).label),
        "uraian": indikator.uraian,
        "target_nilai": None
        if indikator.target_nilai is None
        else format(indikator.target_nilai.normalize(), "f"),  # "1000", never "1E+3"
        "target_satuan": indikator.target_satuan,
        "target_narasi": indikator.target_narasi,
        "target": indikator.target_text(pendekatan),
    }


def _rhk_document(pendekatan: str, rhk: Rhk) -> dict[str, Any]:
    atasan = rhk.rhk_atasan
    return {
        "kode": rhk.kode,
        "jenis": rhk.jenis,
        "uraian": rhk.uraian,
        "perspektif": rhk.perspektif,
        "perspektif_label": str(Perspektif(rhk.perspektif).label) if rhk.perspektif else "",
        "sasaran": {"kode": rhk.sasaran.kode, "uraian": rhk.sasaran.uraian}
        if rhk.sasaran
        else None,
        "rhk_atasan": (
            {"kode": atasan.kode, "uraian": atasan.uraian, "pemilik": atasan.skp.pegawai.nama}
            if atasan
            else None
        ),
        "indikator": [_indikator_document(pendekatan, item) for item in rhk.indikator.all()],
    }


def skp_document(skp: Skp) -> dict[str, Any]:
    """Everything the SKP document shows, as JSON values: rendered to PDF and frozen in each
    approved revision."""
    rhk = rhk_of(skp)
    identitas = identitas_of(skp)
    jenis_jabatan = (identitas.get("pegawai") or {}).get("jenis_jabatan", "")
    return {
        "tahun": skp.tahun,
        "revisi": skp.revisi,
        "status": skp.status,
        "pendekatan": skp.pendekatan,
        "pendekatan_label": str(Pendekatan(skp.pendekatan).label),
        "form": rules.form_kind(jenis_jabatan),
        **identitas,
        "rhk_utama": [
            _rhk_document(skp.pendekatan, item) for item in rhk if item.jenis == JenisRhk.UTAMA
        ],
        "rhk_tambahan": [
            _rhk_document(skp.pendekatan, item) for item in rhk if item.jenis == JenisRhk.TAMBAHAN
        ],
        "perilaku": ekspektasi_of(skp),
        "lampiran": {
            "dukungan_sumber_daya": rules.lampiran_lines(skp.dukungan_sumber_daya),
            "skema_pertanggungjawaban": rules.lampiran_lines(skp.skema_pertanggungjawaban),
            "konsekuensi": rules.lampiran_lines(skp.konsekuensi),
        },
        "disetujui_pada": timezone.localdate(skp.disetujui_pada).isoformat()
        if skp.disetujui_pada
        else None,
        "tempat": settings.AGENCY_CITY,
        "instansi": settings.AGENCY_NAME,
    }


# --- Lists -----------------------------------------------------------------------------------


@dataclass
class BarisBawahan:
    """A row of the appraiser's inbox: an appraisee and their plan for the year (or none)."""

    pegawai: Pegawai
    skp: Skp | None
    jumlah_rhk: int = 0


def subordinate_plans(penilai_id: int, tahun: int, status: str = "") -> list[BarisBawahan]:
    """The appraiser's current appraisees with their plan for the year (2 queries)."""
    employees = list(
        Pegawai.objects.filter(penilai_id=penilai_id, aktif=True)
        .select_related("unit", "jabatan")
        .order_by("nama", "nip")
    )
    plans = {
        plan.pegawai_id: plan
        for plan in Skp.objects.filter(pegawai__in=[e.pk for e in employees], tahun=tahun).annotate(
            jumlah_rhk=Count("rhk")
        )
    }
    rows = [
        BarisBawahan(e, plans.get(e.pk), getattr(plans.get(e.pk), "jumlah_rhk", 0))
        for e in employees
    ]
    if status == "TANPA_SKP":
        return [row for row in rows if row.skp is None]
    if status:
        return [row for row in rows if row.skp is not None and row.skp.status == status]
    return rows


def skp_list(
    scope: Lingkup, *, tahun: int, unit: Unit | None = None, status: str = "", cari: str = ""
) -> QuerySet[Skp]:
    """Readable plans of a year, filtered by unit subtree, status and name or NIP."""
    plans = (
        skp_readable(scope)
        .filter(tahun=tahun)
        .select_related("pegawai", "pegawai__unit", "pegawai__jabatan")
    )
    if unit is not None:
        plans = plans.filter(pegawai__unit__jalur__startswith=unit.jalur)
    if status:
        plans = plans.filter(status=status)
    if cari.strip():
        plans = plans.filter(
            Q(pegawai__nama__icontains=cari.strip()) | Q(pegawai__nip__startswith=cari.strip())
        )
    return plans.order_by("pegawai__nama", "pegawai__nip")


@dataclass
class BarisKelengkapan:
    """Completion of a unit: plans by status and employees without a plan. `langsung`: only the
    unit's own employees (the parent row of a drill-down); otherwise its whole subtree."""

    unit: Unit
    langsung: bool = False
    jumlah_pegawai: int = 0
    per_status: dict[str, int] = field(default_factory=dict)

    @property
    def tanpa_skp(self) -> int:
        return self.jumlah_pegawai - sum(self.per_status.values())

    @property
    def persen_disetujui(self) -> int:
        if not self.jumlah_pegawai:
            return 0
        return round(100 * self.per_status.get(StatusSkp.DISETUJUI, 0) / self.jumlah_pegawai)

    def holds(self, jalur: str) -> bool:
        return jalur == self.unit.jalur if self.langsung else jalur.startswith(self.unit.jalur)


def completion(scope: Lingkup, *, tahun: int, induk: Unit | None = None) -> list[BarisKelengkapan]:
    """Completion per unit (3 queries, whatever the size): without `induk`, the top units the
    scope reads (each with its subtree); with `induk`, its own employees then each child unit."""
    readable = list(unit_readable(scope).filter(aktif=True).order_by("kode"))
    if induk is None:
        paths = [unit.jalur for unit in readable]
        rows = [
            BarisKelengkapan(unit)
            for unit in readable
            if not any(unit.jalur.startswith(p) and unit.jalur != p for p in paths)
        ]
    else:
        children = [unit for unit in readable if unit.induk_id == induk.pk]
        rows = [BarisKelengkapan(induk, langsung=True), *(BarisKelengkapan(u) for u in children)]
    employees = list(
        pegawai_readable(scope)
        .filter(aktif=True)
        .values("unit__jalur")
        .annotate(jumlah=Count("pk"))
    )
    plans = list(
        skp_readable(scope)
        .filter(tahun=tahun, pegawai__aktif=True)
        .values("pegawai__unit__jalur", "status")
        .annotate(jumlah=Count("pk"))
    )
    for row in rows:
        row.jumlah_pegawai = sum(e["jumlah"] for e in employees if row.holds(e["unit__jalur"]))
        for item in plans:
            if row.holds(item["pegawai__unit__jalur"]):
                row.per_status[item["status"]] = (
                    row.per_status.get(item["status"], 0) + item["jumlah"]
                )
    return rows


def employees_without_plan(scope: Lingkup, *, tahun: int, unit: Unit) -> QuerySet[Pegawai]:
    """Active employees of a unit subtree with no plan for the year."""
    return (
        pegawai_readable(scope)
        .filter(aktif=True, unit__jalur__startswith=unit.jalur)
        .exclude(skp__tahun=tahun)
        .select_related("unit", "jabatan", "penilai")
        .order_by("unit__kedalaman", "unit__kode", "nama")
    )


# --- Matriks Peran Hasil ---------------------------------------------------------------------


@dataclass
class Matriks:
    """The appraiser's RHKs across, the subordinates down; `sel[(pegawai_id, rhk_id)]` lists the
    subordinate's RHKs supporting that RHK; `lepas[pegawai_id]` those supporting none of them."""

    tahun: int
    skp: Skp | None
    kolom: list[Rhk]
    baris: list[BarisBawahan]
    sel: dict[tuple[int, int], list[Rhk]]
    lepas: dict[int, list[Rhk]]
    bendera: list[rules.Bendera]


def matrix(penilai_id: int, tahun: int) -> Matriks:
    """The Matriks Peran Hasil of an appraiser for a year (5 queries, whatever its size)."""
    own = skp_find(penilai_id, tahun)
    columns = (
        list(Rhk.objects.filter(skp=own).order_by("-jenis", "urutan", "pk"))
        if own is not None
        else []
    )
    rows = subordinate_plans(penilai_id, tahun)
    plan_ids = [row.skp.pk for row in rows if row.skp is not None]
    cells: dict[tuple[int, int], list[Rhk]] = defaultdict(list)
    loose: dict[int, list[Rhk]] = defaultdict(list)
    column_ids = {rhk.pk for rhk in columns}
    owner_of = {row.skp.pk: row.pegawai.pk for row in rows if row.skp is not None}
    for rhk in Rhk.objects.filter(skp_id__in=plan_ids).order_by("-jenis", "urutan", "pk"):
        pegawai_id = owner_of[rhk.skp_id]
        if rhk.rhk_atasan_id in column_ids:
            cells[(pegawai_id, rhk.rhk_atasan_id)].append(rhk)
        else:
            loose[pegawai_id].append(rhk)
    names = {row.pegawai.pk: row.pegawai.nama for row in rows}
    flags = rules.matrix_flags(
        atasan_rhk=[(rhk.pk, rhk.kode, rhk.uraian) for rhk in columns],
        supported_ids={rhk_id for (_, rhk_id) in cells},
        bawahan=[(row.pegawai.nama, row.skp.status if row.skp else None) for row in rows],
        orphan_rhk=[
            (names[pid], rhk.kode, rhk.uraian) for pid, items in loose.items() for rhk in items
        ],
    )
    return Matriks(tahun, own, columns, rows, dict(cells), dict(loose), flags)


# --- Organisation goals ----------------------------------------------------------------------


def sasaran_list(*, unit: Unit, tahun: int) -> list[SasaranOrganisasi]:
    return list(
        SasaranOrganisasi.objects.filter(unit=unit, tahun=tahun)
        .prefetch_related("indikator")
        .order_by("urutan", "pk")
    )


def year_settings(tahun: int) -> TahunKinerja | None:
    return TahunKinerja.objects.filter(tahun=tahun).first()
