"""Reading performance years and periods."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode, RiwayatStatusPeriode, TahunKinerja


def tahun_list() -> QuerySet[TahunKinerja]:
    return TahunKinerja.objects.order_by("-tahun")


def tahun_overview() -> QuerySet[TahunKinerja]:
    """The years, newest first, each with its number of periods (`jumlah_periode`) and of open
    periods (`jumlah_dibuka`), in one query."""
    return TahunKinerja.objects.annotate(
        jumlah_periode=Count("periode"),
        jumlah_dibuka=Count("periode", filter=Q(periode__status=StatusPeriode.DIBUKA.value)),
    ).order_by("-tahun")


def tahun_find(tahun: int) -> TahunKinerja | None:
    return TahunKinerja.objects.filter(tahun=tahun).first()


def periode_list(tahun: TahunKinerja) -> list[Periode]:
    return list(tahun.periode.select_related("tahun").order_by("urutan"))


def periode_find(tahun: int, kode: str) -> Periode | None:
    return Periode.objects.select_related("tahun").filter(tahun__tahun=tahun, kode=kode).first()


def periode_current(tanggal: datetime.date) -> Periode | None:
    """The (non-annual) period whose dates hold the day, whatever its state, if any."""
    return (
        Periode.objects.select_related("tahun")
        .filter(mulai__lte=tanggal, selesai__gte=tanggal)
        .exclude(kode="TAHUNAN")
        .order_by("urutan")
        .first()
    )


def periode_history(tahun: TahunKinerja) -> list[RiwayatStatusPeriode]:
    return list(
        RiwayatStatusPeriode.objects.filter(periode__tahun=tahun)
        .select_related("periode", "periode__tahun")
        .order_by("-pada", "-pk")
    )


def default_tahun(today: datetime.date) -> int:
    """The year pages show first: this year if it is open, else the latest opened year."""
    years = list(TahunKinerja.objects.values_list("tahun", flat=True))
    if today.year in years or not years:
        return today.year
    return max(years)
