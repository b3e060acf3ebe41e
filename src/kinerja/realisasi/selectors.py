"""Reading period reports: an employee's periods, one report with its RHKs, realisation,
evidence, integrity signals, feedback and history, the appraiser's inbox, HR monitoring per
unit. Lists run a fixed number of queries whatever their size."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from kinerja.organisasi.access import Lingkup, pegawai_readable, unit_readable
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.periode.models import Periode
from kinerja.realisasi import rules
from kinerja.realisasi.access import laporan_readable
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import (
    BukaKunci,
    BuktiDukung,
    Laporan,
    Realisasi,
    RiwayatBukti,
    RiwayatLaporan,
    UmpanBalik,
)
from kinerja.skp.models import Indikator, Rhk, Skp
from kinerja.skp.selectors import berakhlak_values

# --- The employee's periods ------------------------------------------------------------------


@dataclass
class BarisPeriode:
    periode: Periode
    laporan: Laporan | None


def own_periods(skp: Skp) -> list[BarisPeriode]:
    """The periods of the plan's year (not the annual one) with the report of each, if any."""
    periods = list(
        Periode.objects.filter(tahun__tahun=skp.tahun)
        .exclude(kode="TAHUNAN")
        .select_related("tahun")
    )
    # Each report carries its item counts: jumlah_bukti, jumlah_diterima, jumlah_dikembalikan.
    reports = {
        item.periode_id: item
        for item in Laporan.objects.filter(skp=skp).annotate(
            jumlah_bukti=Count("bukti"),
            jumlah_diterima=Count("bukti", filter=Q(bukti__status=StatusBukti.DITERIMA)),
            jumlah_dikembalikan=Count("bukti", filter=Q(bukti__status__in=rules.RETURNED)),
        )
    }
    return [BarisPeriode(periode, reports.get(periode.pk)) for periode in periods]


def laporan_find(skp: Skp, periode: Periode) -> Laporan | None:
    return Laporan.objects.filter(skp=skp, periode=periode).first()


# --- One report ------------------------------------------------------------------------------


@dataclass
class BuktiTampil:
    """An evidence item as shown: the item, its integrity signals, its history."""

    bukti: BuktiDukung
    sinyal: list[rules.Sinyal]
    riwayat: list[RiwayatBukti]


@dataclass
class RhkTampil:
    rhk: Rhk
    indikator: list[tuple[Indikator, Realisasi | None]]
    bukti: list[BuktiTampil]
    umpan_balik: UmpanBalik | None


@dataclass
class LaporanTampil:
    laporan: Laporan
    rhk: list[RhkTampil]
    perilaku: list[dict[str, Any]]
    """The 7 values with their guides and this period's feedback on each."""
    riwayat: list[RiwayatLaporan]
    jumlah: dict[str, int] = field(default_factory=dict)
    """Items per status."""


def laporan_detail(laporan: Laporan) -> LaporanTampil:
    """Everything the report page shows (a fixed number of queries)."""
    rhk_list = list(
        Rhk.objects.filter(skp_id=laporan.skp_id)
        .select_related("rhk_atasan")
        .prefetch_related(
            Prefetch("indikator", queryset=Indikator.objects.order_by("urutan", "pk"))
        )
        .order_by("-jenis", "urutan", "pk")
    )
    realised = {item.indikator_id: item for item in Realisasi.objects.filter(laporan=laporan)}
    items = list(
        BuktiDukung.objects.filter(laporan=laporan)
        .select_related("diverifikasi_oleh")
        .prefetch_related(Prefetch("riwayat", queryset=RiwayatBukti.objects.order_by("pk")))
        .order_by("pk")
    )
    signals = signals_for(items, laporan)
    feedback = list(UmpanBalik.objects.filter(laporan=laporan))
    by_rhk = {item.rhk_id: item for item in feedback if item.rhk_id}
    by_value = {item.nilai: item for item in feedback if item.nilai}
    per_rhk: dict[int, list[BuktiTampil]] = defaultdict(list)
    for item in items:
        per_rhk[item.rhk_id].append(
            BuktiTampil(item, signals.get(item.pk, []), list(item.riwayat.all()))
        )
    shown = [
        RhkTampil(
            rhk,
            [(indikator, realised.get(indikator.pk)) for indikator in rhk.indikator.all()],
            per_rhk.get(rhk.pk, []),
            by_rhk.get(rhk.pk),
        )
        for rhk in rhk_list
    ]
    perilaku = [
        {**value, "umpan_balik": by_value.get(value["kode"])} for value in berakhlak_values()
    ]
    history = list(RiwayatLaporan.objects.filter(laporan=laporan).order_by("-pk"))
    counts = dict(rules.count_by_status(item.status for item in items))
    return LaporanTampil(laporan, shown, perilaku, history, counts)


def signals_for(items: list[BuktiDukung], laporan: Laporan) -> dict[int, list[rules.Sinyal]]:
    """The integrity signals of a report's items (2 queries: same hashes, same links)."""
    hashes = {item.sha256 for item in items if item.sha256}
    links = {item.tautan_kunci for item in items if item.tautan_kunci}
    ids = [item.pk for item in items]
    fields = ("sha256", "tautan_kunci", "laporan__skp__pegawai_id", "rhk_id", "laporan__periode_id")
    same_file: dict[str, list[rules.Jejak]] = defaultdict(list)
    same_link: dict[str, list[rules.Jejak]] = defaultdict(list)
    if hashes:
        for digest, _link, pegawai_id, rhk_id, periode_id in (
            BuktiDukung.objects.filter(sha256__in=hashes).exclude(pk__in=ids).values_list(*fields)
        ):
            same_file[digest].append(rules.Jejak(pegawai_id, rhk_id, periode_id))
    if links:
        for _digest, link, pegawai_id, rhk_id, periode_id in (
            BuktiDukung.objects.filter(tautan_kunci__in=links)
            .exclude(pk__in=ids)
            .values_list(*fields)
        ):
            same_link[link].append(rules.Jejak(pegawai_id, rhk_id, periode_id))
    inside = defaultdict(list)
    for item in items:
        if item.sha256:
            inside[item.sha256].append(item)
    owner = laporan.skp.pegawai_id
    deadline = laporan.periode.batas_realisasi
    result = {}
    for item in items:
        siblings = [
            rules.Jejak(owner, other.rhk_id, laporan.periode_id)
            for other in inside.get(item.sha256, [])
            if other.pk != item.pk
        ]
        result[item.pk] = rules.integrity_signals(
            pegawai_id=owner,
            rhk_id=item.rhk_id,
            periode_id=laporan.periode_id,
            ukuran=item.ukuran,
            diunggah=timezone.localdate(item.diunggah_pada),
            batas_realisasi=deadline,
            same_file=same_file.get(item.sha256, []) + siblings if item.sha256 else [],
            same_link=same_link.get(item.tautan_kunci, []) if item.tautan_kunci else [],
            is_file=bool(item.sha256),
        )
    return result


# --- The appraiser's inbox -------------------------------------------------------------------


@dataclass
class BarisVerifikasi:
    """A report in the appraiser's inbox with its item counts."""

    laporan: Laporan
    menunggu: int
    diterima: int
    dikembalikan: int


def inbox(
    penilai_id: int, *, periode: Periode | None = None, unit: Unit | None = None, status: str = ""
) -> list[BarisVerifikasi]:
    """Reports of the appraiser's current appraisees that were submitted at least once:
    waiting ones first, oldest submission first (1 query)."""
    reports = (
        Laporan.objects.filter(skp__pegawai__penilai_id=penilai_id, skp__pegawai__aktif=True)
        .exclude(status=StatusLaporan.DRAF)
        .select_related(
            "skp__pegawai",
            "skp__pegawai__unit",
            "skp__pegawai__jabatan",
            "periode",
            "periode__tahun",
        )
        .annotate(
            menunggu=Count("bukti", filter=Q(bukti__status=StatusBukti.MENUNGGU)),
            diterima=Count("bukti", filter=Q(bukti__status=StatusBukti.DITERIMA)),
            dikembalikan=Count(
                "bukti",
                filter=Q(bukti__status__in=[StatusBukti.PERLU_PERBAIKAN, StatusBukti.DITOLAK]),
            ),
        )
    )
    if periode is not None:
        reports = reports.filter(periode=periode)
    if unit is not None:
        reports = reports.filter(skp__pegawai__unit__jalur__startswith=unit.jalur)
    if status:
        reports = reports.filter(status=status)
    rows = [
        BarisVerifikasi(item, item.menunggu, item.diterima, item.dikembalikan) for item in reports
    ]
    minimum = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    rows.sort(
        key=lambda row: (
            row.laporan.status != StatusLaporan.DIAJUKAN,
            row.laporan.diajukan_pada or minimum,
            row.laporan.skp.pegawai.nama,
        )
    )
    return rows


# --- HR monitoring ---------------------------------------------------------------------------


@dataclass
class BarisPemantauan:
    """One unit (with its subtree, or only its own people when `langsung`) in a period."""

    unit: Unit
    langsung: bool = False
    pegawai: int = 0
    diajukan: int = 0
    selesai: int = 0
    bukti: dict[str, int] = field(
        default_factory=lambda: {status.value: 0 for status in StatusBukti}
    )

    @property
    def belum_mengajukan(self) -> int:
        return self.pegawai - self.diajukan

    def holds(self, jalur: str) -> bool:
        return jalur == self.unit.jalur if self.langsung else jalur.startswith(self.unit.jalur)


def monitoring(
    scope: Lingkup, *, periode: Periode, induk: Unit | None = None
) -> list[BarisPemantauan]:
    """Per unit: employees with an approved plan, reports submitted and done, items per status
    in submitted reports of active employees (4 queries, whatever the size)."""
    readable = list(unit_readable(scope).filter(aktif=True).order_by("kode"))
    if induk is None:
        paths = [unit.jalur for unit in readable]
        rows = [
            BarisPemantauan(unit)
            for unit in readable
            if not any(unit.jalur.startswith(p) and unit.jalur != p for p in paths)
        ]
    else:
        rows = [BarisPemantauan(induk, langsung=True)]
        rows += [BarisPemantauan(unit) for unit in readable if unit.induk_id == induk.pk]
    planned = list(
        Skp.objects.filter(
            tahun=periode.tahun.tahun,
            disetujui_pada__isnull=False,
            pegawai__aktif=True,
            pegawai__in=pegawai_readable(scope),
        )
        .values("pegawai__unit__jalur")
        .annotate(jumlah=Count("pk"))
    )
    reports = list(
        laporan_readable(scope)
        .filter(periode=periode, skp__pegawai__aktif=True)
        .values("skp__pegawai__unit__jalur", "status")
        .annotate(jumlah=Count("pk"))
    )
    items = list(
        BuktiDukung.objects.filter(laporan__in=laporan_readable(scope).filter(periode=periode))
        .filter(laporan__skp__pegawai__aktif=True)
        .exclude(laporan__status=StatusLaporan.DRAF)
        .values("laporan__skp__pegawai__unit__jalur", "status")
        .annotate(jumlah=Count("pk"))
    )
    for row in rows:
        row.pegawai = sum(p["jumlah"] for p in planned if row.holds(p["pegawai__unit__jalur"]))
        for report in reports:
            if (
                row.holds(report["skp__pegawai__unit__jalur"])
                and report["status"] != StatusLaporan.DRAF
            ):
                row.diajukan += report["jumlah"]
                if report["status"] == StatusLaporan.SELESAI:
                    row.selesai += report["jumlah"]
        for item in items:
            if row.holds(item["laporan__skp__pegawai__unit__jalur"]):
                row.bukti[item["status"]] += item["jumlah"]
    return rows


def late_employees(scope: Lingkup, *, periode: Periode, unit: Unit) -> QuerySet[Pegawai]:
    """Employees of the subtree with an approved plan who have not submitted the period
    (everyone not submitted counts as late once the realisation deadline has passed)."""
    submitted = (
        Laporan.objects.filter(periode=periode)
        .exclude(status=StatusLaporan.DRAF)
        .values("skp__pegawai_id")
    )
    return (
        pegawai_readable(scope)
        .filter(
            aktif=True,
            unit__jalur__startswith=unit.jalur,
            skp__tahun=periode.tahun.tahun,
            skp__disetujui_pada__isnull=False,
        )
        .exclude(pk__in=submitted)
        .select_related("unit", "jabatan", "penilai")
        .order_by("unit__kedalaman", "unit__kode", "nama")
    )


def oldest_waiting(penilai_id: int) -> datetime.datetime | None:
    return Laporan.objects.filter(
        skp__pegawai__penilai_id=penilai_id, status=StatusLaporan.DIAJUKAN
    ).aggregate(oldest=Min("diajukan_pada"))["oldest"]


def buka_kunci_list(scope: Lingkup, *, periode: Periode) -> list[BukaKunci]:
    """The period's unlocks of the people and units the scope reads, newest first (1 query)."""
    unlocks = BukaKunci.objects.filter(periode=periode)
    if not scope.reads_agency:
        unlocks = unlocks.filter(
            Q(pegawai__in=pegawai_readable(scope)) | Q(unit__in=unit_readable(scope))
        )
    return list(unlocks.select_related("pegawai", "pegawai__unit", "unit").order_by("-pada", "-pk"))
