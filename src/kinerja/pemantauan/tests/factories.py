"""Helpers of the monitoring tests: periodic and annual predikat histories written directly,
periods opened, the refresh run."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from kinerja.aturan.enums import Predikat
from kinerja.audit.services import Aktor
from kinerja.organisasi.models import Pegawai
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.services import monitoring_refresh
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode
from kinerja.talenta.tests.factories import assess, periode_of

QUARTERS = ("TW1", "TW2", "TW3", "TW4")


def periods_open(tahun: int, status: str = "DITUTUP") -> list[Periode]:
    """The year's periods (opened if needed) marked as started, so the monitoring counts them."""
    periode_of(tahun)
    Periode.objects.filter(tahun__tahun=tahun).update(status=status)
    return list(Periode.objects.filter(tahun__tahun=tahun).order_by("urutan"))


def history(
    pegawai: Pegawai,
    tahun: int,
    predikat: Sequence[Predikat | None],
    *,
    annual: Predikat | None = None,
) -> list[Penilaian]:
    """Finalised quarterly assessments TW1.. in order (None skips a quarter) and optionally the
    annual one."""
    periods_open(tahun)
    written = [
        assess(pegawai, tahun, value, kode=kode)
        for kode, value in zip(QUARTERS, predikat, strict=False)
        if value is not None
    ]
    if annual is not None:
        written.append(assess(pegawai, tahun, annual))
    return written


def refresh(today: datetime.date | None = None) -> Pembaruan:
    """A refresh of the monitoring figures (as of `today`, the local day by default)."""
    return monitoring_refresh(aktor=Aktor.system("tes"), sebab="tes", today=today)
