"""Reading the rater analytics and the evidence integrity report, live from the database with
grouped queries: a fixed number of queries whatever the number of appraisers or cases.

Rater analytics (`rater_analytics`, 7 queries): the finalised assessments (`StatusPenilaian.FINAL`)
of the period, by their frozen appraiser (`Penilaian.penilai`), unit (`Penilaian.unit`) and
position (`Penilaian.jabatan`, for the jenis jabatan filter); the evidence of the employee's
reports of the period (of every period of the year for TAHUNAN); the items each appraiser
verified (`BuktiDukung.diverifikasi_oleh` is the appraiser's login account, linked to their
employee record by `Pegawai.pengguna`) and the submitted items still waiting in their current
appraisees' reports after the period's verification deadline.

Integrity report (`integrity_report`): the evidence of a year (or one period) of the employees
of a unit subtree (their current unit): files (SHA-256) and links submitted by more than one
employee of the agency, and uploads after the realisation deadline, summarised per direct unit
and listed 50 to a page.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from kinerja.aturan.enums import Rating
from kinerja.organisasi.models import Pegawai
from kinerja.pemantauan.rules import analitik as rules
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.periode.rules import period_name
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import BuktiDukung

PER_HALAMAN = 50

# --- Filters ----------------------------------------------------------------------------------


def periode_choices() -> list[Periode]:
    """Every period, newest year first, in order within the year (1 query)."""
    return list(Periode.objects.select_related("tahun").order_by("-tahun__tahun", "urutan"))


def default_periode(jalur: str, penilai_id: int | None = None) -> Periode | None:
    """The latest period (TAHUNAN after the year's periods) with finalised assessments in the
    subtree (or by the appraiser), else the latest period (1 or 2 queries)."""
    finalised = Penilaian.objects.filter(periode=OuterRef("pk"), status=StatusPenilaian.FINAL)
    if penilai_id:
        finalised = finalised.filter(penilai_id=penilai_id)
    else:
        finalised = finalised.filter(unit__jalur__startswith=jalur)
    periods = Periode.objects.select_related("tahun").order_by("-tahun__tahun", "-urutan")
    return periods.filter(Exists(finalised)).first() or periods.first()


def tahun_choices() -> list[int]:
    return list(TahunKinerja.objects.order_by("-tahun").values_list("tahun", flat=True))


# --- Rater analytics --------------------------------------------------------------------------


@dataclass
class AnalitikPenilai:
    """The rater analytics of a unit subtree (or of one appraiser) for a period."""

    periode: Periode
    jalur: str
    jenis_jabatan: str
    ambang: rules.AmbangAnalitik
    unit: rules.Distribusi
    instansi: rules.Distribusi
    baris: list[rules.BarisPenilai]
    kontradiksi: list[rules.Kontradiksi]


PENILAI_PER_HALAMAN = 50


def appraisers_page(data: AnalitikPenilai, halaman: Any) -> Page[rules.BarisPenilai]:
    """A page of the appraisers (and so of their contradicting cases): the page stays the
    same size for an agency of thousands of appraisers."""
    return Paginator(data.baris, PENILAI_PER_HALAMAN).get_page(halaman)


def _evidence_of_period(periode: Periode) -> Q:
    """The reports of the period; for TAHUNAN every report of the year."""
    if periode.is_annual:
        return Q(laporan__periode__tahun_id=periode.tahun_id)
    return Q(laporan__periode_id=periode.pk)


def rater_analytics(
    *,
    jalur: str,
    periode: Periode,
    jenis_jabatan: str = "",
    penilai: Pegawai | None = None,
    ambang: rules.AmbangAnalitik = rules.AMBANG,
    today: datetime.date | None = None,
) -> AnalitikPenilai:
    """Per appraiser of the subtree's finalised assessments (or only `penilai`, compared with
    the subtree `jalur`): the predikat distribution against the unit and the agency, the
    leniency index, contradictions with the evidence verdicts and verification turnaround
    (7 queries)."""
    today = today or timezone.localdate()
    final = Penilaian.objects.filter(status=StatusPenilaian.FINAL, periode=periode).order_by()
    if jenis_jabatan:
        final = final.filter(jabatan__jenis_jabatan=jenis_jabatan)
    in_unit = final.filter(unit__jalur__startswith=jalur)
    rated = final.filter(penilai=penilai) if penilai else in_unit.filter(penilai__isnull=False)

    people: dict[int, dict[str, Any]] = {}
    counts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    if penilai is not None:
        people[penilai.pk] = {"nip": penilai.nip, "nama": penilai.nama, "unit": penilai.unit.nama}
    for row in rated.values(
        "penilai_id", "penilai__nip", "penilai__nama", "penilai__unit__nama", "predikat"
    ).annotate(jumlah=Count("pk")):
        people.setdefault(
            row["penilai_id"],
            {
                "nip": row["penilai__nip"],
                "nama": row["penilai__nama"],
                "unit": row["penilai__unit__nama"],
            },
        )
        counts[row["penilai_id"]].append((row["predikat"], row["jumlah"]))
    unit = rules.Distribusi.of(_by_predikat(in_unit))
    instansi = rules.Distribusi.of(_by_predikat(final))

    cases = _contradictions(rated, periode, ambang)
    # Verification counts for every appraiser shown (an appraiser's own row even without ratings).
    appraisers: Any = [penilai.pk] if penilai else rated.values("penilai_id")
    durations: dict[int, list[datetime.timedelta]] = defaultdict(list)
    for penilai_id, uploaded, verified in (
        BuktiDukung.objects.filter(_evidence_of_period(periode))
        .order_by()
        .filter(diverifikasi_pada__isnull=False, diverifikasi_pada__gte=F("diunggah_pada"))
        .exclude(status=StatusBukti.MENUNGGU)
        .filter(diverifikasi_oleh__pegawai__in=appraisers)
        .values_list("diverifikasi_oleh__pegawai__id", "diunggah_pada", "diverifikasi_pada")
    ):
        if verified is not None:
            durations[penilai_id].append(verified - uploaded)
    waiting = dict(
        BuktiDukung.objects.filter(_evidence_of_period(periode))
        .order_by()
        .filter(status=StatusBukti.MENUNGGU, laporan__periode__batas_verifikasi__lt=today)
        .exclude(laporan__status=StatusLaporan.DRAF)
        .filter(laporan__skp__pegawai__penilai__in=appraisers)
        .values("laporan__skp__pegawai__penilai_id")
        .annotate(jumlah=Count("pk"))
        .values_list("laporan__skp__pegawai__penilai_id", "jumlah")
    )
    by_appraiser: dict[int, list[rules.Kontradiksi]] = defaultdict(list)
    for case in cases:
        by_appraiser[case.penilai_id].append(case)
    rows = []
    for penilai_id, who in people.items():
        mine = rules.Distribusi.of(counts.get(penilai_id, []))
        rows.append(
            rules.BarisPenilai(
                penilai_id=penilai_id,
                nip=who["nip"],
                nama=who["nama"],
                unit_nama=who["unit"],
                distribusi=mine,
                kelonggaran=rules.leniency(mine, unit, ambang),
                kontradiksi=len(by_appraiser.get(penilai_id, [])),
                waktu=rules.turnaround(durations.get(penilai_id, []), waiting.get(penilai_id, 0)),
                grafik=rules.comparison_chart(mine, unit, instansi),
                kasus=tuple(by_appraiser.get(penilai_id, [])),
            )
        )
    rows.sort(key=lambda row: (row.nama, row.nip))
    order = {row.penilai_id: index for index, row in enumerate(rows)}
    cases.sort(key=lambda case: (order.get(case.penilai_id, 0), case.nama, case.nip))
    return AnalitikPenilai(periode, jalur, jenis_jabatan, ambang, unit, instansi, rows, cases)


def _by_predikat(assessments: QuerySet[Penilaian]) -> list[tuple[str, int]]:
    return list(
        assessments.values("predikat")
        .annotate(jumlah=Count("pk"))
        .values_list("predikat", "jumlah")
    )


def _contradictions(
    rated: QuerySet[Penilaian], periode: Periode, ambang: rules.AmbangAnalitik
) -> list[rules.Kontradiksi]:
    """Assessments rated Di Atas or Di Bawah whose evidence verdicts say otherwise (2 queries:
    the assessments, the evidence of their employees by status)."""
    extreme = rated.filter(rating_hasil__in=[Rating.DI_ATAS.value, Rating.DI_BAWAH.value])
    assessments = list(
        extreme.values_list(
            "penilai_id", "pegawai_id", "pegawai__nip", "pegawai__nama", "rating_hasil"
        )
    )
    evidence: dict[int, dict[str, int]] = defaultdict(dict)
    for pegawai_id, status, jumlah in (
        BuktiDukung.objects.filter(_evidence_of_period(periode))
        .order_by()
        .filter(laporan__skp__pegawai__in=extreme.values("pegawai_id"))
        .values("laporan__skp__pegawai_id", "status")
        .annotate(jumlah=Count("pk"))
        .values_list("laporan__skp__pegawai_id", "status", "jumlah")
    ):
        evidence[pegawai_id][status] = jumlah
    cases = []
    for penilai_id, pegawai_id, nip, nama, rating in assessments:
        bukti = rules.JumlahBukti.of(evidence.get(pegawai_id, {}))
        reason = rules.contradiction(rating, bukti, ambang)
        if reason is not None:
            cases.append(
                rules.Kontradiksi(penilai_id, pegawai_id, nip, nama, Rating(rating), bukti, reason)
            )
    return cases


# --- Evidence integrity -----------------------------------------------------------------------


@dataclass
class BarisUnitIntegritas:
    """One direct unit: its employees' evidence items and those flagged."""

    unit_id: int
    kode: str
    nama: str
    bukti: int
    berkas_sama: int
    tautan_sama: int
    terlambat: int


@dataclass(frozen=True)
class PemakaianBukti:
    """One evidence item of an employee of the subtree (within a group or late)."""

    bukti_id: int
    pegawai_id: int
    nip: str
    nama: str
    unit_nama: str
    periode: str
    uraian: str
    nama_berkas: str
    tautan: str
    status: StatusBukti
    diunggah_pada: datetime.datetime
    batas_realisasi: datetime.date
    pesan: str = ""


@dataclass
class KelompokBukti:
    """A file (SHA-256) or a link used by more than one employee of the agency: the uses by
    employees of the subtree, and how many other employees (outside it) used it too."""

    kunci: str
    jumlah_pegawai: int
    pegawai_di_luar: int
    pemakaian: list[PemakaianBukti] = field(default_factory=list)


@dataclass
class Bagian:
    """One section of the report: the page shown (`halaman` is None for the whole list)."""

    jumlah: int
    halaman: Page[Any] | None
    isi: list[Any]


@dataclass
class LaporanIntegritas:
    tahun: TahunKinerja
    periode: Periode | None
    jalur: str
    ringkasan: list[BarisUnitIntegritas]
    berkas_sama: Bagian
    tautan_sama: Bagian
    terlambat: Bagian

    @property
    def total(self) -> BarisUnitIntegritas:
        rows = self.ringkasan
        return BarisUnitIntegritas(
            0,
            "",
            "",
            sum(r.bukti for r in rows),
            sum(r.berkas_sama for r in rows),
            sum(r.tautan_sama for r in rows),
            sum(r.terlambat for r in rows),
        )


OWNER = "laporan__skp__pegawai"
USE_FIELDS = (
    "pk",
    f"{OWNER}_id",
    f"{OWNER}__nip",
    f"{OWNER}__nama",
    f"{OWNER}__unit__nama",
    "laporan__periode__kode",
    "uraian",
    "nama_berkas",
    "tautan",
    "status",
    "diunggah_pada",
    "laporan__periode__batas_realisasi",
)


def _use(row: tuple[Any, ...], pesan: str = "") -> PemakaianBukti:
    (pk, pegawai_id, nip, nama, unit, kode, uraian, berkas, tautan, status, at, batas) = row
    return PemakaianBukti(
        pk,
        pegawai_id,
        nip,
        nama,
        unit,
        period_name(kode),
        uraian,
        berkas,
        tautan,
        StatusBukti(status),
        at,
        batas,
        pesan,
    )


def _late_q(periods: Iterable[Periode]) -> Q:
    """Uploaded on a local day after the period's realisation deadline (`rules.late_signal`)."""
    condition = Q(pk__in=[])
    zone = timezone.get_current_timezone()
    for periode in periods:
        start = datetime.datetime.combine(
            rules.first_late_day(periode.batas_realisasi), datetime.time.min, tzinfo=zone
        )
        condition |= Q(laporan__periode_id=periode.pk, diunggah_pada__gte=start)
    return condition


def _page(queryset: QuerySet[Any], halaman: int | None) -> tuple[Page[Any] | None, list[Any], int]:
    """A page of 50 (count + slice: 2 queries), or everything (`halaman` None: 1 query)."""
    if halaman is None:
        rows = list(queryset)
        return None, rows, len(rows)
    page = Paginator(queryset, PER_HALAMAN).get_page(halaman)
    return page, list(page.object_list), page.paginator.count


def _groups(evidence: QuerySet[BuktiDukung], key: str, jalur: str, halaman: int | None) -> Bagian:
    """Values of `key` used by more than one employee, with at least one in the subtree
    (3 queries: count, page, the subtree's uses)."""
    in_subtree = Q(**{f"{OWNER}__unit__jalur__startswith": jalur})
    groups = (
        evidence.exclude(**{key: ""})
        .values(key)
        .annotate(
            pegawai=Count(f"{OWNER}_id", distinct=True),
            dalam=Count(f"{OWNER}_id", distinct=True, filter=in_subtree),
        )
        .filter(pegawai__gt=1, dalam__gt=0)
        .order_by("-pegawai", key)
        .values_list(key, "pegawai", "dalam")
    )
    page, rows, total = _page(groups, halaman)
    found = {
        value: KelompokBukti(value, pegawai, pegawai - dalam) for value, pegawai, dalam in rows
    }
    for row in (
        evidence.filter(in_subtree, **{f"{key}__in": list(found)})
        .order_by(f"{OWNER}__nama", f"{OWNER}__nip", "diunggah_pada", "pk")
        .values_list(key, *USE_FIELDS)
    ):
        found[row[0]].pemakaian.append(_use(row[1:]))
    return Bagian(total, page, list(found.values()))


def _shared(evidence: QuerySet[BuktiDukung], key: str) -> QuerySet[BuktiDukung]:
    """The values of `key` used by more than one employee (a subquery)."""
    return (
        evidence.exclude(**{key: ""})
        .values(key)
        .annotate(pegawai=Count(f"{OWNER}_id", distinct=True))
        .filter(pegawai__gt=1)
        .values(key)
    )


def integrity_report(
    *,
    jalur: str,
    tahun: TahunKinerja,
    periode: Periode | None = None,
    halaman: dict[str, int] | None = None,
) -> LaporanIntegritas:
    """Reused files, shared links and late uploads of the subtree's employees in the year (or
    the period). `halaman`: the page of each section ("berkas", "tautan", "terlambat"); None
    lists everything (the export). At most 10 queries paginated, 7 for everything."""
    periods = [periode] if periode else list(Periode.objects.filter(tahun=tahun).order_by("urutan"))
    evidence = BuktiDukung.objects.filter(
        laporan__periode_id__in=[p.pk for p in periods]
    ).order_by()
    in_subtree = evidence.filter(**{f"{OWNER}__unit__jalur__startswith": jalur})
    late = _late_q(periods)
    unit_fields = (f"{OWNER}__unit_id", f"{OWNER}__unit__kode", f"{OWNER}__unit__nama")
    summary = [
        BarisUnitIntegritas(*row)
        for row in in_subtree.values(*unit_fields, f"{OWNER}__unit__jalur")
        .annotate(
            bukti=Count("pk"),
            berkas_sama=Count("pk", filter=Q(sha256__in=_shared(evidence, "sha256"))),
            tautan_sama=Count("pk", filter=Q(tautan_kunci__in=_shared(evidence, "tautan_kunci"))),
            terlambat=Count("pk", filter=late),
        )
        .order_by(f"{OWNER}__unit__jalur")
        .values_list(
            *unit_fields,
            "bukti",
            "berkas_sama",
            "tautan_sama",
            "terlambat",
        )
    ]
    pages = halaman or {}
    paged = halaman is not None
    late_rows = in_subtree.filter(late).order_by(
        f"{OWNER}__unit__jalur", f"{OWNER}__nama", f"{OWNER}__nip", "diunggah_pada", "pk"
    )
    page, rows, total = _page(
        late_rows.values_list(*USE_FIELDS), pages.get("terlambat", 1) if paged else None
    )
    late_items = [
        _use(row, rules.late_signal(timezone.localdate(row[10]), row[11]) or "") for row in rows
    ]
    return LaporanIntegritas(
        tahun=tahun,
        periode=periode,
        jalur=jalur,
        ringkasan=summary,
        berkas_sama=_groups(evidence, "sha256", jalur, pages.get("berkas", 1) if paged else None),
        tautan_sama=_groups(
            evidence, "tautan_kunci", jalur, pages.get("tautan", 1) if paged else None
        ),
        terlambat=Bagian(total, page, late_items),
    )
