"""Reading the rater analytics and the evidence integrity report from the figures the refresh
stored (`services_analitik`): a fixed number of small queries whatever the size of the agency;
the comparisons (leniency, the contradictions' reasons, the charts) are made at display by
`rules.analitik`.

Rater analytics (`rater_analytics`, 6 queries a page): the finalised predikat of the period per
appraiser (their sums stored per subtree, or every rating of one appraiser), against the
subtree's and the agency's, the contradicting cases of the appraisers shown and their
verification turnaround.

Integrity report (`integrity_report`, 11 queries paged): per unit of the subtree its employees'
evidence of the year (or one period; a stored row per unit), the files and links more than one
employee of the agency submitted in the year with their uses in the subtree, and the late
uploads, 50 to a page.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from kinerja.aturan.enums import Rating
from kinerja.organisasi.models import Pegawai
from kinerja.pemantauan.models import (
    EVIDENCE_COUNTS,
    PREDIKAT_COUNTS,
    PREDIKAT_FIELDS,
    BuktiSamaUnit,
    KasusKontradiksi,
    KecepatanVerifikasi,
    RingkasanBukti,
    RingkasanBuktiTahun,
    SebaranPenilai,
    SebaranPenilaiUnit,
    TandaBukti,
)
from kinerja.pemantauan.rules import analitik as rules
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.periode.rules import period_name
from kinerja.realisasi.enums import JenisSinyal, StatusBukti

PER_HALAMAN = 50

# --- Filters ----------------------------------------------------------------------------------


def periode_choices() -> list[Periode]:
    """Every period, newest year first, in order within the year (1 query)."""
    return list(Periode.objects.select_related("tahun").order_by("-tahun__tahun", "urutan"))


def default_periode(jalur: str, penilai_id: int | None = None) -> Periode | None:
    """The latest period (TAHUNAN after the year's periods) with stored finalised assessments
    in the subtree (or by the appraiser), else the latest period (1 or 2 queries)."""
    finalised = SebaranPenilai.objects.filter(periode=OuterRef("pk"))
    if penilai_id:
        finalised = finalised.filter(penilai_id=penilai_id)
    else:
        finalised = finalised.filter(jalur__startswith=jalur)
    periods = Periode.objects.select_related("tahun").order_by("-tahun__tahun", "-urutan")
    return periods.filter(Exists(finalised)).first() or periods.first()


def tahun_choices() -> list[int]:
    return list(TahunKinerja.objects.order_by("-tahun").values_list("tahun", flat=True))


def _page(
    queryset: QuerySet[Any],
    halaman: Any,
    size: int | None = None,
    count: int | None = None,
) -> tuple[Page[Any] | None, list[Any], int]:
    """A page of `size` (PER_HALAMAN by default; count + slice: 2 queries, 1 when `count` is
    known: a stored total), or everything (`halaman` None: 1 query)."""
    if halaman is None:
        rows = list(queryset)
        return None, rows, len(rows)
    paginator = Paginator(queryset, size or PER_HALAMAN)
    if count is not None:
        paginator.count = count  # the cached property, already known
    page = paginator.get_page(halaman)
    return page, list(page.object_list), page.paginator.count


# --- Rater analytics --------------------------------------------------------------------------

PENILAI_PER_HALAMAN = 25
"""Appraisers a page: each row carries its comparison chart."""
SUMS = {name: Sum(name) for name in PREDIKAT_COUNTS}


@dataclass
class AnalitikPenilai:
    """The rater analytics of a unit subtree (or of one appraiser) for a period: `baris` the
    appraisers of the page (`halaman`; every appraiser when None), `kontradiksi` their cases."""

    periode: Periode
    jalur: str
    jenis_jabatan: str
    ambang: rules.AmbangAnalitik
    unit: rules.Distribusi
    instansi: rules.Distribusi
    baris: list[rules.BarisPenilai]
    kontradiksi: list[rules.Kontradiksi]
    halaman: Page[Any] | None = None


def _distribution(row: dict[str, Any]) -> rules.Distribusi:
    return rules.Distribusi.of({p.value: row.get(name) or 0 for p, name in PREDIKAT_FIELDS.items()})


def _unit_and_agency(
    sums: QuerySet[SebaranPenilaiUnit], jalur: str
) -> tuple[rules.Distribusi, rules.Distribusi]:
    """The subtree's and the agency's distributions: their stored totals (1 query)."""
    totals = {
        row["jalur"]: row
        for row in sums.filter(jalur__in=[jalur, ""], penilai__isnull=True).values(
            "jalur", *PREDIKAT_COUNTS
        )
    }
    return _distribution(totals.get(jalur, {})), _distribution(totals.get("", {}))


def rater_analytics(
    *,
    jalur: str,
    periode: Periode,
    jenis_jabatan: str = "",
    penilai: Pegawai | None = None,
    ambang: rules.AmbangAnalitik = rules.AMBANG,
    halaman: Any = 1,
) -> AnalitikPenilai:
    """Per appraiser of the subtree's finalised assessments (or only `penilai`, every rating
    they gave, compared with the subtree `jalur`): the predikat distribution against the unit
    and the agency, the leniency index, contradictions with the evidence verdicts and the
    verification turnaround, as of the last refresh (6 queries a page, 5 for everything or for
    one appraiser). A subtree's appraisers are their sums stored per subtree
    (`SebaranPenilaiUnit`), read in name order a page at a time."""
    sums = SebaranPenilaiUnit.objects.filter(periode=periode, jenis_jabatan=jenis_jabatan)
    if penilai is None:
        rated = (
            sums.filter(jalur=jalur, penilai__isnull=False)
            .order_by("penilai_nama", "penilai_id")
            .values("penilai_id", *PREDIKAT_COUNTS)
        )
    else:
        mine = SebaranPenilai.objects.filter(periode=periode, penilai=penilai)
        if jenis_jabatan:
            mine = mine.filter(jenis_jabatan=jenis_jabatan)
        rated = mine.order_by().values("penilai_id").annotate(**SUMS).order_by("penilai_id")
    page, found, _total = _page(rated, halaman, PENILAI_PER_HALAMAN)
    if penilai is not None and not found:
        found = [{"penilai_id": penilai.pk}]
    unit, instansi = _unit_and_agency(sums.order_by(), jalur)
    ids = [row["penilai_id"] for row in found]
    who = _appraisers(ids, penilai)
    times = _turnaround(periode, ids)
    cases = _contradictions(periode, ids, jenis_jabatan, None if penilai else jalur, ambang)
    rows = []
    for row in found:
        mine_distribution = _distribution(row)
        penilai_id = row["penilai_id"]
        rows.append(
            rules.BarisPenilai(
                penilai_id=penilai_id,
                nip=who[penilai_id][0],
                nama=who[penilai_id][1],
                unit_nama=who[penilai_id][2],
                distribusi=mine_distribution,
                kelonggaran=rules.leniency(mine_distribution, unit, ambang),
                kontradiksi=row.get("kontradiksi") or 0,
                waktu=times.get(penilai_id, rules.WaktuVerifikasi(0, None, None, 0)),
                grafik=rules.comparison_chart(mine_distribution, unit, instansi),
                kasus=tuple(cases.get(penilai_id, ())),
            )
        )
    ordered = [case for row in rows for case in row.kasus]
    return AnalitikPenilai(
        periode, jalur, jenis_jabatan, ambang, unit, instansi, rows, ordered, page
    )


def _appraisers(ids: list[int], penilai: Pegawai | None) -> dict[int, tuple[str, str, str]]:
    """NIP, name and unit of the appraisers shown (1 query; none for one appraiser)."""
    if penilai is not None:
        return {penilai.pk: (penilai.nip, penilai.nama, penilai.unit.nama)}
    found = Pegawai.objects.filter(pk__in=ids).values_list("pk", "nip", "nama", "unit__nama")
    return {pk: (nip, nama, unit) for pk, nip, nama, unit in found} if ids else {}


def _turnaround(periode: Periode, ids: list[int]) -> dict[int, rules.WaktuVerifikasi]:
    """The stored turnaround of these appraisers (1 query; none without appraisers)."""
    if not ids:
        return {}
    return {
        stored.penilai_id: rules.WaktuVerifikasi(
            stored.jumlah, stored.median_hari, stored.rata_rata_hari, stored.menunggu_lewat_batas
        )
        for stored in KecepatanVerifikasi.objects.filter(periode=periode, penilai_id__in=ids)
    }


def _contradictions(
    periode: Periode,
    ids: list[int],
    jenis_jabatan: str,
    jalur: str | None,
    ambang: rules.AmbangAnalitik,
) -> dict[int, list[rules.Kontradiksi]]:
    """The stored contradicting cases of these appraisers (in the subtree `jalur` unless None),
    by employee name (1 query; none without appraisers)."""
    if not ids:
        return {}
    found = KasusKontradiksi.objects.filter(periode=periode, penilai_id__in=ids)
    if jenis_jabatan:
        found = found.filter(jenis_jabatan=jenis_jabatan)
    if jalur is not None:
        found = found.filter(jalur__startswith=jalur)
    cases: dict[int, list[rules.Kontradiksi]] = defaultdict(list)
    for penilai_id, pegawai_id, nip, nama, rating, *counts in found.order_by(
        "pegawai__nama", "pegawai__nip", "pk"
    ).values_list(
        "penilai_id",
        "pegawai_id",
        "pegawai__nip",
        "pegawai__nama",
        "rating_hasil",
        "menunggu",
        "diterima",
        "perlu_perbaikan",
        "ditolak",
    ):
        bukti = rules.JumlahBukti(*counts)
        reason = rules.contradiction(rating, bukti, ambang) or ""
        cases[penilai_id].append(
            rules.Kontradiksi(penilai_id, pegawai_id, nip, nama, Rating(rating), bukti, reason)
        )
    return cases


# --- Evidence integrity -----------------------------------------------------------------------


@dataclass
class BarisUnitIntegritas:
    """One unit: its employees' evidence items and those flagged."""

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
    """A file (SHA-256) or a link used by more than one employee of the agency in the year:
    the uses by employees of the subtree (of the period when chosen; on a page the first
    PEMAKAIAN_PER_KELOMPOK of `jumlah_pemakaian`), and how many employees outside the subtree
    used it in the year."""

    kunci: str
    jumlah_pegawai: int
    pegawai_di_luar: int
    pemakaian: list[PemakaianBukti] = field(default_factory=list)
    jumlah_pemakaian: int = 0

    @property
    def pemakaian_lain(self) -> int:
        """The uses in the subtree (and period) not listed on the page."""
        return self.jumlah_pemakaian - len(self.pemakaian)


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
    ringkasan: Bagian
    total: BarisUnitIntegritas
    berkas_sama: Bagian
    tautan_sama: Bagian
    terlambat: Bagian


USE_FIELDS = (
    "bukti_id",
    "pegawai_id",
    "pegawai__nip",
    "pegawai__nama",
    "pegawai__unit__nama",
    "periode__kode",
    "bukti__uraian",
    "bukti__nama_berkas",
    "bukti__tautan",
    "bukti__status",
    "bukti__diunggah_pada",
    "periode__batas_realisasi",
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


def _summary(
    tahun: TahunKinerja, periode: Periode | None, jalur: str, halaman: Any
) -> tuple[Bagian, BarisUnitIntegritas]:
    """The counts of each unit of the subtree, one stored row each (the period's, or the
    year's), by unit path, and their total (2 queries paged: the total with the number of
    units, the page; 1 for everything)."""
    stored: QuerySet[Any]
    if periode is not None:
        stored = RingkasanBukti.objects.filter(periode=periode)
    else:
        stored = RingkasanBuktiTahun.objects.filter(tahun=tahun)
    stored = stored.filter(jalur__startswith=jalur).order_by()
    per_unit = stored.order_by("jalur").values_list(
        "unit_id", "unit__kode", "unit__nama", *EVIDENCE_COUNTS
    )
    totals = None
    if halaman is not None:
        totals = stored.aggregate(unit=Count("pk"), **{n: Sum(n) for n in EVIDENCE_COUNTS})
    page, rows, count = _page(per_unit, halaman, count=totals["unit"] if totals else None)
    found = [BarisUnitIntegritas(*row) for row in rows]
    if totals is None:  # everything listed: their sums
        sums = [sum(getattr(row, name) for row in found) for name in EVIDENCE_COUNTS]
    else:
        sums = [totals[name] or 0 for name in EVIDENCE_COUNTS]
    return Bagian(count, page, found), BarisUnitIntegritas(0, "", "", *sums)


KELOMPOK_PER_HALAMAN = 20
"""Groups of shared files or links a page (each with its first uses)."""
PEMAKAIAN_PER_KELOMPOK = 5
"""The uses of a group shown on the page (the export and the API's `semua` list them all)."""


def _groups(
    flags: QuerySet[TandaBukti],
    jenis: JenisSinyal,
    tahun: TahunKinerja,
    jalur: str,
    periode: Periode | None,
    halaman: Any,
) -> Bagian:
    """The year's groups of `jenis` with a use among `flags` (the subtree's, of the period when
    given), the most employees first, each with its first uses in the report's order (all of
    them for the whole list, `halaman` None): the subtree's stored rows of the groups, read in
    index order. Paged: 4 queries (the list's last number, page, the uses shown, their
    details); for everything 2."""
    listed = BuktiSamaUnit.objects.filter(
        jalur=jalur, tahun=tahun, jenis=jenis.value, periode=periode
    ).order_by()
    rows = listed.order_by("urutan").values_list(
        "kelompok_id", "kelompok__kunci", "kelompok__jumlah_pegawai", "pegawai", "pemakaian"
    )
    known = None
    if halaman is not None:  # the list's last number is its count
        known = listed.order_by("-urutan").values_list("urutan", flat=True).first() or 0
    page, found_rows, total = _page(rows, halaman, KELOMPOK_PER_HALAMAN, count=known)
    found = {
        pk: KelompokBukti(kunci, everyone, everyone - inside, jumlah_pemakaian=uses)
        for pk, kunci, everyone, inside, uses in found_rows
    }
    if not found:
        return Bagian(total, page, [])
    shown = flags.filter(kelompok_id__in=list(found))
    if page is not None:
        first = shown.annotate(
            nomor=Window(RowNumber(), partition_by=F("kelompok_id"), order_by=F("urutan").asc())
        ).filter(nomor__lte=PEMAKAIAN_PER_KELOMPOK)
        shown = TandaBukti.objects.filter(pk__in=list(first.values_list("pk", flat=True)))
    for kelompok_id, *row in shown.order_by("urutan").values_list("kelompok_id", *USE_FIELDS):
        found[kelompok_id].pemakaian.append(_use(tuple(row)))
    return Bagian(total, page, list(found.values()))


def integrity_report(
    *,
    jalur: str,
    tahun: TahunKinerja,
    periode: Periode | None = None,
    halaman: dict[str, int] | None = None,
) -> LaporanIntegritas:
    """Reused files, shared links and late uploads of the subtree's employees in the year (or
    the period), as of the last refresh. `halaman`: the page of each section ("ringkasan",
    "berkas", "tautan", "terlambat"); None lists everything (the export). 11 queries paged,
    6 for everything."""
    pages = halaman or {}
    paged = halaman is not None

    def page_of(section: str) -> int | None:
        return pages.get(section, 1) if paged else None

    flags = TandaBukti.objects.filter(tahun=tahun, jalur__startswith=jalur).order_by()
    if periode is not None:
        flags = flags.filter(periode=periode)
    ringkasan, total = _summary(tahun, periode, jalur, page_of("ringkasan"))
    late = flags.filter(jenis=JenisSinyal.TERLAMBAT.value)
    page, rows, count = _page(
        late.order_by("urutan").values_list(*USE_FIELDS),
        page_of("terlambat"),
        count=total.terlambat,  # the late flags are the late items counted per unit
    )
    late_items = [
        _use(row, rules.late_signal(timezone.localdate(row[10]), row[11]) or "") for row in rows
    ]
    return LaporanIntegritas(
        tahun=tahun,
        periode=periode,
        jalur=jalur,
        ringkasan=ringkasan,
        total=total,
        berkas_sama=_groups(
            flags, JenisSinyal.BERKAS_PEGAWAI_LAIN, tahun, jalur, periode, page_of("berkas")
        ),
        tautan_sama=_groups(
            flags, JenisSinyal.TAUTAN_BERSAMA, tahun, jalur, periode, page_of("tautan")
        ),
        terlambat=Bagian(count, page, late_items),
    )
