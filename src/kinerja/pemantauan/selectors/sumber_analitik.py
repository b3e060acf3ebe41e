"""What the refresh reads for the rater analytics and the evidence integrity report, besides
`selectors.sumber`: each kind of fact in one grouped or streamed query (no per-row queries).
Rows are plain tuples."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from kinerja.organisasi.models import Pegawai
from kinerja.pemantauan.rules import analitik as rules
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import BuktiDukung

CHUNK = 5000
OWNER = "laporan__skp__pegawai"


def _stream(queryset: Any) -> Iterator[tuple[Any, ...]]:
    return queryset.order_by().iterator(chunk_size=CHUNK)


def _evidence(periods: Iterable[Periode]) -> Any:
    return BuktiDukung.objects.filter(laporan__periode_id__in=[p.pk for p in periods])


# --- Rater analytics --------------------------------------------------------------------------


def verification_seconds(periods: Iterable[Periode]) -> Iterator[tuple[int, int, int]]:
    """(appraiser, period, seconds from upload to verdict) of every item verified by an
    appraiser's account (verdict not before the upload)."""
    verified = (
        _evidence(periods)
        .filter(diverifikasi_pada__isnull=False, diverifikasi_pada__gte=F("diunggah_pada"))
        .filter(diverifikasi_oleh__pegawai__isnull=False)
        .exclude(status=StatusBukti.MENUNGGU)
        .values_list(
            "diverifikasi_oleh__pegawai__id",
            "laporan__periode_id",
            "diunggah_pada",
            "diverifikasi_pada",
        )
    )
    for penilai_id, periode_id, uploaded, verdict in _stream(verified):
        yield penilai_id, periode_id, round((verdict - uploaded).total_seconds())


def waiting_after_deadline(
    periods: Iterable[Periode], today: datetime.date
) -> Iterator[tuple[int, int, int]]:
    """(appraiser, period, items) of the submitted items still waiting in their current
    appraisees' reports after the period's verification deadline."""
    waiting = (
        _evidence(periods)
        .filter(status=StatusBukti.MENUNGGU, laporan__periode__batas_verifikasi__lt=today)
        .exclude(laporan__status=StatusLaporan.DRAF)
        .filter(**{f"{OWNER}__penilai__isnull": False})
        .values_list(f"{OWNER}__penilai_id", "laporan__periode_id")
        .annotate(n=Count("pk"))
    )
    yield from _stream(waiting)


def appraiser_names(periods: Iterable[Periode]) -> dict[int, str]:
    """The name of every appraiser of an assessment of these periods."""
    appraisers = Penilaian.objects.filter(periode_id__in=[p.pk for p in periods]).values(
        "penilai_id"
    )
    return dict(_stream(Pegawai.objects.filter(pk__in=appraisers).values_list("pk", "nama")))


# --- Evidence integrity -----------------------------------------------------------------------


def late_condition(periods: Iterable[Periode]) -> Q:
    """Uploaded on a local day after the period's realisation deadline (`rules.late_signal`)."""
    condition = Q(pk__in=[])
    zone = timezone.get_current_timezone()
    for periode in periods:
        start = datetime.datetime.combine(
            rules.first_late_day(periode.batas_realisasi), datetime.time.min, tzinfo=zone
        )
        condition |= Q(laporan__periode_id=periode.pk, diunggah_pada__gte=start)
    return condition


def evidence_per_unit(periods: list[Periode]) -> Iterator[tuple[int, int, int, int]]:
    """(unit, period, items, late items) of the evidence by the employee's current unit."""
    counts = (
        _evidence(periods)
        .values_list(f"{OWNER}__unit_id", "laporan__periode_id")
        .annotate(bukti=Count("pk"), terlambat=Count("pk", filter=late_condition(periods)))
    )
    yield from _stream(counts)


USE_FIELDS = (
    "pk",
    f"{OWNER}_id",
    f"{OWNER}__unit_id",
    f"{OWNER}__unit__jalur",
    "laporan__periode_id",
    "laporan__periode__tahun_id",
    f"{OWNER}__nama",
    f"{OWNER}__nip",
    "diunggah_pada",
)


def uses_of_shared(periods: list[Periode], key: str) -> Iterator[tuple[Any, ...]]:
    """(value, *USE_FIELDS) of every item whose value of `key` ("sha256" or "tautan_kunci")
    more than one employee submitted in some year: the caller groups them per year, keeping
    the values several employees used in that year."""
    evidence = _evidence(periods)
    shared = (
        evidence.exclude(**{key: ""})
        .order_by()
        .values("laporan__periode__tahun_id", key)
        .annotate(pegawai=Count(f"{OWNER}_id", distinct=True))
        .filter(pegawai__gt=1)
        .values(key)
    )
    yield from _stream(evidence.filter(**{f"{key}__in": shared}).values_list(key, *USE_FIELDS))


def late_items(periods: list[Periode]) -> Iterator[tuple[Any, ...]]:
    """USE_FIELDS of the items uploaded after their period's realisation deadline."""
    yield from _stream(_evidence(periods).filter(late_condition(periods)).values_list(*USE_FIELDS))
