"""Helpers of the talent tests: assessments of any year and period written directly (finalised
or draft), potential, attendance, plans."""

from __future__ import annotations

import datetime

from kinerja.aturan.enums import Predikat
from kinerja.aturan.selectors import rule_set_for
from kinerja.organisasi.models import Pegawai
from kinerja.penilaian import rules as penilaian_rules
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.skp.tests.factories import SYSTEM, aktor_for, open_year
from kinerja.talenta import services
from kinerja.talenta.models import Potensi, RencanaPerbaikan
from kinerja.tukin.models import Kehadiran

__all__ = ["SYSTEM", "aktor_for"]


def periode_of(tahun: int, kode: str = "TAHUNAN") -> Periode:
    if not TahunKinerja.objects.filter(tahun=tahun).exists():
        open_year(tahun)
    return Periode.objects.select_related("tahun").get(tahun__tahun=tahun, kode=kode)


def assess(
    pegawai: Pegawai,
    tahun: int,
    predikat: Predikat,
    *,
    kode: str = "TAHUNAN",
    final: bool = True,
) -> Penilaian:
    """The employee's assessment of a period with this predikat (written directly)."""
    periode = periode_of(tahun, kode)
    set_aturan = rule_set_for(jalur=pegawai.unit.jalur, tanggal=periode.selesai)
    hasil, perilaku = penilaian_rules.ratings_for(set_aturan.aturan().predikat, predikat)
    return Penilaian.objects.create(
        pegawai=pegawai,
        periode=periode,
        unit=pegawai.unit,
        rating_hasil=hasil,
        rating_perilaku=perilaku,
        predikat=predikat.value,
        set_aturan=set_aturan,
        status="FINAL" if final else "DRAF",
        dinilai_label="tes",
    )


def potensi(pegawai: Pegawai, tahun: int, value: str) -> Potensi:
    return Potensi.objects.create(pegawai=pegawai, tahun=tahun, potensi=value)


def absent(pegawai: Pegawai, tahun: int, *days: int) -> None:
    """Days absent without reason, one month per number."""
    for bulan, hari in enumerate(days, start=1):
        Kehadiran.objects.create(pegawai=pegawai, tahun=tahun, bulan=bulan, tanpa_keterangan=hari)


def plan(
    pegawai: Pegawai, mulai: datetime.date | None = None, sasaran: str = "Menyelesaikan laporan"
) -> RencanaPerbaikan:
    return services.rencana_perbaikan_create(
        aktor=SYSTEM, pegawai=pegawai, sasaran=sasaran, mulai=mulai
    )
