"""What the refresh reads: the whole agency's facts, each kind in one grouped or streamed query
(no per-employee queries). Rows are plain tuples."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.selectors import exclusions_in_effect
from kinerja.pemantauan.rules.proyeksi import Bukti
from kinerja.pemantauan.rules.ringkasan import Batas
from kinerja.penilaian.models import Penilaian
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import BuktiDukung, Laporan, RiwayatLaporan
from kinerja.skp.models import Rhk, Skp

CHUNK = 5000
TAHUNAN = "TAHUNAN"


@dataclass(frozen=True)
class Karyawan:
    """An active employee now."""

    pk: int
    unit_id: int
    jalur: str
    jenis_jabatan: str
    penilai_id: int | None
    nama: str = ""


@dataclass(frozen=True)
class Nilai:
    """An assessment: status, predikat, result rating, the unit and jenis jabatan it counts in,
    its appraiser."""

    status: str
    predikat: str
    rating_hasil: str
    unit_id: int
    jenis_jabatan: str
    penilai_id: int | None = None


@dataclass
class Sumber:
    periods: list[Periode]
    units: dict[int, str]
    employees: list[Karyawan]
    skp: dict[tuple[int, int], str] = field(default_factory=dict)
    laporan: dict[tuple[int, int], str] = field(default_factory=dict)
    bukti: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)
    dikembalikan: dict[tuple[int, int], int] = field(default_factory=dict)
    rhk_with_bukti: dict[tuple[int, int], int] = field(default_factory=dict)
    rhk_count: dict[tuple[int, int], int] = field(default_factory=dict)
    penilaian: dict[tuple[int, int], Nilai] = field(default_factory=dict)

    def bukti_of(self, pegawai_id: int, periode: Periode) -> Bukti | None:
        """The evidence of an employee's report of a period; None without a report."""
        key = (pegawai_id, periode.pk)
        if key not in self.laporan:
            return None
        counts = self.bukti.get(key, {})
        rhk = self.rhk_count.get((pegawai_id, periode.tahun.tahun), 0)
        return Bukti(
            total=sum(counts.values()),
            ditolak=counts.get(StatusBukti.DITOLAK.value, 0),
            perlu_perbaikan=counts.get(StatusBukti.PERLU_PERBAIKAN.value, 0),
            dikembalikan=self.dikembalikan.get(key, 0),
            rhk_tanpa_bukti=max(0, rhk - self.rhk_with_bukti.get(key, 0)),
        )


def _stream(queryset: Any) -> Iterator[tuple[Any, ...]]:
    return queryset.order_by().iterator(chunk_size=CHUNK)


def deadlines(periode: Periode, today: datetime.date) -> Batas:
    """Which of the period's deadlines have passed on `today` (the annual period has no
    realisation report)."""
    return Batas.on(
        today,
        periode.batas_realisasi,
        periode.batas_verifikasi,
        periode.batas_penilaian,
        laporan_wajib=periode.kode != TAHUNAN,
    )


def periods_counted() -> list[Periode]:
    """The periods that have started (not drafts), in order: year, then periodic before annual."""
    found = Periode.objects.select_related("tahun").exclude(status=StatusPeriode.DRAF)
    return sorted(found, key=lambda p: (p.tahun.tahun, p.kode == TAHUNAN, p.urutan))


def sources_read(today: datetime.date) -> Sumber:
    periods = periods_counted()
    excluded = exclusions_in_effect(today).values("pegawai_id")
    employees = [
        Karyawan(*row)
        for row in _stream(
            Pegawai.objects.filter(aktif=True)
            .exclude(pk__in=excluded)
            .values_list(
                "pk", "unit_id", "unit__jalur", "jabatan__jenis_jabatan", "penilai_id", "nama"
            )
        )
    ]
    found = Sumber(
        periods=periods,
        units=dict(Unit.objects.values_list("pk", "jalur").order_by()),
        employees=employees,
    )
    period_ids = [p.pk for p in periods]
    years = sorted({p.tahun.tahun for p in periods})
    for pegawai_id, tahun, status in _stream(
        Skp.objects.filter(tahun__in=years).values_list("pegawai_id", "tahun", "status")
    ):
        found.skp[(pegawai_id, tahun)] = status
    for pegawai_id, tahun, n in _stream(
        Rhk.objects.filter(skp__tahun__in=years)
        .values_list("skp__pegawai_id", "skp__tahun")
        .annotate(n=Count("pk"))
    ):
        found.rhk_count[(pegawai_id, tahun)] = n
    for pegawai_id, periode_id, status in _stream(
        Laporan.objects.filter(periode_id__in=period_ids).values_list(
            "skp__pegawai_id", "periode_id", "status"
        )
    ):
        found.laporan[(pegawai_id, periode_id)] = status
    evidence = BuktiDukung.objects.filter(laporan__periode_id__in=period_ids)
    for pegawai_id, periode_id, status, n in _stream(
        evidence.values_list("laporan__skp__pegawai_id", "laporan__periode_id", "status").annotate(
            n=Count("pk")
        )
    ):
        found.bukti.setdefault((pegawai_id, periode_id), {})[status] = n
    for pegawai_id, periode_id, n in _stream(
        evidence.values_list("laporan__skp__pegawai_id", "laporan__periode_id").annotate(
            n=Count("rhk_id", distinct=True)
        )
    ):
        found.rhk_with_bukti[(pegawai_id, periode_id)] = n
    for pegawai_id, periode_id, n in _stream(
        RiwayatLaporan.objects.filter(
            laporan__periode_id__in=period_ids, status=StatusLaporan.PERLU_PERBAIKAN
        )
        .values_list("laporan__skp__pegawai_id", "laporan__periode_id")
        .annotate(n=Count("pk"))
    ):
        found.dikembalikan[(pegawai_id, periode_id)] = n
    for pegawai_id, periode_id, *values in _stream(
        Penilaian.objects.filter(periode_id__in=period_ids).values_list(
            "pegawai_id",
            "periode_id",
            "status",
            "predikat",
            "rating_hasil",
            "unit_id",
            "jabatan__jenis_jabatan",
            "penilai_id",
        )
    ):
        status, predikat, rating, unit_id, jenis, penilai_id = values
        found.penilaian[(pegawai_id, periode_id)] = Nilai(
            status, predikat, rating, unit_id, jenis or "", penilai_id
        )
    return found


def assessed_only(sumber: Sumber) -> dict[int, list[int]]:
    """Per period, the employees assessed in it who are not active employees now (left since)."""
    active = {e.pk for e in sumber.employees}
    extra: dict[int, list[int]] = defaultdict(list)
    for pegawai_id, periode_id in sumber.penilaian:
        if pegawai_id not in active:
            extra[periode_id].append(pegawai_id)
    return extra
