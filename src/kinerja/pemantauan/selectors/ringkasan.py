"""The HR / leaders' dashboard of a unit for a period and a jenis jabatan: read from the stored
figures of the last refresh (`RingkasanUnit`, `ProyeksiUnit`) in a fixed number of queries
whatever the size of the subtree, plus one bounded live list (the unit's own members who are
late), so the page stays fast on a 250,000-employee agency.

- `filters_resolve`: the period list (narrowed by year), the chosen or default period.
- `dashboard`: everything the page, the exports, the PDF and the API show.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat, PredikatOrganisasi, Tren
from kinerja.core.formatting import format_number
from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.rules import unit_path_ids
from kinerja.organisasi.selectors import exclusions_in_effect
from kinerja.pemantauan.models import Pembaruan, ProyeksiUnit, RingkasanUnit
from kinerja.pemantauan.rules import grafik
from kinerja.pemantauan.rules import ringkasan as count_rules
from kinerja.pemantauan.selectors import baca
from kinerja.pemantauan.selectors.sumber import deadlines
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Skp

PAGE_SIZE = 50
SUBMITTED = (
    StatusLaporan.DIAJUKAN.value,
    StatusLaporan.PERLU_PERBAIKAN.value,
    StatusLaporan.SELESAI.value,
)
TREN_ORDER = (Tren.NAIK, Tren.STAGNAN, Tren.TURUN, Tren.BELUM_CUKUP_DATA)

# Curve verdicts of a unit's own group.
SESUAI = "SESUAI"
TIDAK_SESUAI = "TIDAK_SESUAI"
KECIL = "KECIL"
BELUM = "BELUM"


def percent_text(value: Decimal) -> str:
    """Decimal("62.5") -> "62,5%"; Decimal("62.0") -> "62%"."""
    places = 0 if value == value.to_integral_value() else 1
    return f"{format_number(value, places)}%"


def period_label(periode: Periode) -> str:
    """ "Triwulan I 2026", "Tahunan 2025"."""
    return f"{periode.nama} {periode.tahun.tahun}"


# --- Filters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saringan:
    """The resolved filters: the period (None when no period has started), the period choices
    (narrowed to `tahun` when given), the years to choose from, and whether the period asked
    for was unknown (the default was used instead)."""

    periode: Periode | None
    jenis_jabatan: str
    tahun: int | None
    periode_pilihan: list[Periode]
    tahun_pilihan: list[int]
    periode_salah: bool = False


def filters_resolve(periode_id: int | None, jenis_jabatan: str, tahun: int | None) -> Saringan:
    """The period asked for among the started ones of the year (1 query). An unknown period,
    or one of another year than `tahun`, falls back to the default one of the year's list."""
    every = baca.period_choices()
    years = sorted({p.tahun.tahun for p in every}, reverse=True)
    choices = [p for p in every if p.tahun.tahun == tahun] if tahun else every
    found = next((p for p in choices if p.pk == periode_id), None) if periode_id else None
    unknown = periode_id is not None and all(p.pk != periode_id for p in every)
    chosen = found or baca.default_period(choices)
    return Saringan(chosen, jenis_jabatan, tahun, choices, years, unknown)


# --- Rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tahap:
    """One stage of the cycle's progress, with its share as shown and as a bar width."""

    label: str
    selesai: int
    total: int
    terlambat: int
    persen: Decimal

    @property
    def persen_teks(self) -> str:
        return percent_text(self.persen)

    @property
    def lebar(self) -> str:
        """The bar width for CSS ("62.5%"), never over 100%."""
        return f"{min(self.persen, Decimal(100))}%"


def stages(counts: Mapping[str, Any]) -> list[Tahap]:
    return [
        Tahap(str(row.label), row.selesai, row.total, row.terlambat, row.persen)
        for row in count_rules.progress_rows(counts)
    ]


@dataclass(frozen=True)
class SelPredikat:
    predikat: Predikat
    jumlah: int
    persen: Decimal

    @property
    def label(self) -> str:
        return str(self.predikat.label)

    @property
    def persen_teks(self) -> str:
        return percent_text(self.persen)


def distribution(counts: Mapping[str, Any]) -> tuple[list[SelPredikat], int]:
    """The count and share of each predikat (of the final assessments), and their total."""
    found = counts.get("predikat") or {}
    values = [(p, int(found.get(p.value, 0))) for p in PREDIKAT_ORDER]
    total = sum(n for _p, n in values)
    return [SelPredikat(p, n, count_rules.share(n, total)) for p, n in values], total


@dataclass(frozen=True)
class Kurva:
    """The curve check of a unit's own group: the organisation rating and the verdict."""

    organisasi: str
    status: str

    @property
    def label(self) -> str:
        return {
            SESUAI: pgettext("kurva", "Sesuai"),
            TIDAK_SESUAI: pgettext("kurva", "Tidak sesuai"),
            KECIL: _("Terlalu kecil untuk dinilai"),
            BELUM: _("Belum ada"),
        }[self.status]

    @property
    def organisasi_label(self) -> str:
        found = PredikatOrganisasi.parse(self.organisasi) if self.organisasi else None
        return str(found.label) if found is not None else ""


def curve_of(stored: Mapping[str, Any] | None) -> Kurva:
    """From `RingkasanUnit.kurva`: none stored = no organisation rating yet; `sesuai` None = the
    group is too small to judge."""
    if not stored or not stored.get("predikat_organisasi"):
        return Kurva("", BELUM)
    sesuai = stored.get("sesuai")
    status = KECIL if sesuai is None else SESUAI if sesuai else TIDAK_SESUAI
    return Kurva(str(stored["predikat_organisasi"]), status)


@dataclass(frozen=True)
class BarisUnit:
    """A unit (its subtree) or its direct members (`langsung`) in the tables: progress,
    distribution and (for all jenis jabatan only) the curve check of the unit's own group."""

    unit: Unit
    langsung: bool
    pegawai: int
    tahap: list[Tahap]
    distribusi: list[SelPredikat]
    dinilai: int
    kurva: Kurva | None

    @property
    def label(self) -> str:
        return str(_("Pegawai langsung")) if self.langsung else self.unit.nama


def unit_row(
    unit: Unit, stored: RingkasanUnit | None, *, langsung: bool = False, kurva: bool = True
) -> BarisUnit:
    if stored is None:
        counts: Mapping[str, Any] = count_rules.empty()
    else:
        counts = stored.langsung if langsung else stored.jumlah
    cells, total = distribution(counts)
    return BarisUnit(
        unit=unit,
        langsung=langsung,
        pegawai=int(counts.get("pegawai", 0)),
        tahap=stages(counts),
        distribusi=cells,
        dinilai=total,
        kurva=curve_of(stored.kurva if stored else None) if kurva and not langsung else None,
    )


def distribution_chart(row: BarisUnit) -> grafik.DiagramBatang:
    return grafik.bar_chart(
        [(c.label, c.jumlah, f"{c.jumlah} ({c.persen_teks})") for c in row.distribusi]
    )


def progress_chart(tahap: Sequence[Tahap]) -> grafik.DiagramBatang:
    """The share done of each stage, against a 0-100% track."""
    return grafik.bar_chart(
        [(t.label, t.persen, t.persen_teks) for t in tahap], ranges=[(0, 100)] * len(tahap)
    )


# --- The matrix over time and the outlook ----------------------------------------------------


@dataclass(frozen=True)
class BarisMatriks:
    periode: Periode
    distribusi: list[SelPredikat]
    dinilai: int

    @property
    def label(self) -> str:
        return period_label(self.periode)


def matrix(unit: Unit, jenis_jabatan: str) -> list[BarisMatriks]:
    rows = []
    for stored in baca.summaries_over_time(unit, jenis_jabatan):
        cells, total = distribution(stored.jumlah)
        rows.append(BarisMatriks(stored.periode, cells, total))
    return rows


@dataclass(frozen=True)
class Harapan:
    predikat: Predikat
    jumlah: Decimal
    rendah: int
    tinggi: int

    @property
    def label(self) -> str:
        return str(self.predikat.label)

    @property
    def jumlah_teks(self) -> str:
        return format_number(self.jumlah, 2)


@dataclass(frozen=True)
class Proyeksi:
    """The unit subtree's outlook: the projected distribution of the period after
    `periode_dasar` with a 95% range, the trend counts and the early warnings."""

    periode_dasar: Periode
    anggota: int
    harapan: list[Harapan]
    tren: list[tuple[Tren, int]]
    tren_tahunan: list[tuple[Tren, int]]
    peringatan: int
    grafik: grafik.DiagramBatang

    @property
    def dasar_label(self) -> str:
        return period_label(self.periode_dasar)


def outlook_of(stored: ProyeksiUnit | None) -> Proyeksi | None:
    if stored is None:
        return None
    expected = [
        Harapan(
            p,
            Decimal(str(stored.harapan.get(p.value, "0"))),
            *(stored.rentang.get(p.value) or (0, 0)),
        )
        for p in PREDIKAT_ORDER
    ]
    chart = grafik.bar_chart(
        [(h.label, h.jumlah, h.jumlah_teks) for h in expected],
        ranges=[(h.rendah, h.tinggi) for h in expected],
    )
    return Proyeksi(
        periode_dasar=stored.periode_dasar,
        anggota=stored.anggota,
        harapan=expected,
        tren=[(t, int(stored.tren.get(t.value, 0))) for t in TREN_ORDER],
        tren_tahunan=[(t, int(stored.tren_tahunan.get(t.value, 0))) for t in TREN_ORDER],
        peringatan=stored.peringatan,
        grafik=chart,
    )


@dataclass(frozen=True)
class Perkembangan:
    matriks: list[BarisMatriks]
    proyeksi: Proyeksi | None


def over_time(unit: Unit, jenis_jabatan: str = "") -> Perkembangan:
    """The predikat matrix over every counted period and the outlook (2 queries)."""
    return Perkembangan(
        matrix(unit, jenis_jabatan), outlook_of(baca.unit_outlook(unit, jenis_jabatan))
    )


# --- Who is late (live, the unit's own members only) -----------------------------------------


@dataclass(frozen=True)
class Terlambat:
    """A direct member of the unit who is late: no report submitted after the realisation
    deadline, `bukti` evidence items still waiting for their appraiser after the verification
    deadline, the assessment not final after the rating deadline."""

    pegawai: Pegawai
    laporan: bool
    bukti: int
    penilaian: bool


@dataclass
class DaftarTerlambat:
    items: list[Terlambat]
    jumlah: int
    halaman: int = 1
    halaman_total: int = 1
    batas: count_rules.Batas | None = None

    @property
    def sebelumnya(self) -> int | None:
        return self.halaman - 1 if self.halaman > 1 else None

    @property
    def berikutnya(self) -> int | None:
        return self.halaman + 1 if self.halaman < self.halaman_total else None


def late_members(
    unit: Unit,
    periode: Periode,
    jenis_jabatan: str = "",
    *,
    halaman: int | None = 1,
    today: datetime.date | None = None,
) -> DaftarTerlambat:
    """The unit's active direct members (not excluded) who are late in the period, by name,
    a page of `PAGE_SIZE` (every one when `halaman` is None): 3 queries (count, page, the
    waiting evidence of the page), none when no deadline has passed."""
    today = today or timezone.localdate()
    batas = deadlines(periode, today)
    if not (batas.realisasi_lewat or batas.verifikasi_lewat or batas.penilaian_lewat):
        return DaftarTerlambat([], 0, batas=batas)
    approved = Exists(
        Skp.objects.filter(
            pegawai=OuterRef("pk"), tahun=periode.tahun.tahun, status=StatusSkp.DISETUJUI
        )
    )
    submitted = Exists(
        Laporan.objects.filter(skp__pegawai=OuterRef("pk"), periode=periode, status__in=SUBMITTED)
    )
    final = Exists(
        Penilaian.objects.filter(
            pegawai=OuterRef("pk"), periode=periode, status=StatusPenilaian.FINAL
        )
    )
    waiting = Exists(_waiting(periode).filter(laporan__skp__pegawai=OuterRef("pk")))
    late = Q(pk__in=[])
    if batas.realisasi_lewat:
        late |= Q(skp_ok=True, diajukan=False)
    if batas.verifikasi_lewat:
        late |= Q(menunggu=True)
    if batas.penilaian_lewat:
        late |= Q(skp_ok=True, final=False)
    members = Pegawai.objects.filter(unit=unit, aktif=True).exclude(
        pk__in=exclusions_in_effect(today).values("pegawai_id")
    )
    if jenis_jabatan:
        members = members.filter(jabatan__jenis_jabatan=jenis_jabatan)
    found = (
        members.annotate(skp_ok=approved, diajukan=submitted, final=final, menunggu=waiting)
        .filter(late)
        .select_related("jabatan", "penilai")
        .order_by("nama", "pk")
    )
    total = found.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(halaman or 1, 1), pages)
    chosen = list(found if halaman is None else found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    counts = dict(
        _waiting(periode)
        .filter(laporan__skp__pegawai__in=[p.pk for p in chosen])
        .values_list("laporan__skp__pegawai_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    items = [
        Terlambat(
            pegawai=p,
            laporan=batas.realisasi_lewat and p.skp_ok and not p.diajukan,
            bukti=counts.get(p.pk, 0) if batas.verifikasi_lewat else 0,
            penilaian=batas.penilaian_lewat and p.skp_ok and not p.final,
        )
        for p in chosen
    ]
    return DaftarTerlambat(items, total, 1 if halaman is None else page, pages, batas)


def _waiting(periode: Periode) -> Any:
    """Evidence items of submitted reports of the period still waiting for verification."""
    return BuktiDukung.objects.filter(
        laporan__periode=periode,
        laporan__status__in=SUBMITTED,
        status=StatusBukti.MENUNGGU,
    )


# --- The dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Jejak:
    """A unit of the breadcrumb; only readable ones are links."""

    unit: Unit
    terbaca: bool


@dataclass
class Dasbor:
    unit: Unit
    saringan: Saringan
    pembaruan: Pembaruan | None
    berjalan: Pembaruan | None
    jejak: list[Jejak]
    unit_pilihan: list[Unit]
    sub_unit_halaman: HalamanSubUnit | None = None
    ada_data: bool = False
    unit_baris: BarisUnit | None = None
    sub_unit: list[BarisUnit] = field(default_factory=list)
    langsung: BarisUnit | None = None
    instansi: BarisUnit | None = None
    grafik_kemajuan: grafik.DiagramBatang | None = None
    grafik_distribusi: grafik.DiagramBatang | None = None
    grafik_instansi: grafik.DiagramBatang | None = None
    matriks: list[BarisMatriks] = field(default_factory=list)
    proyeksi: Proyeksi | None = None
    terlambat: DaftarTerlambat = field(default_factory=lambda: DaftarTerlambat([], 0))

    @property
    def periode(self) -> Periode | None:
        return self.saringan.periode

    @property
    def jenis_jabatan(self) -> str:
        return self.saringan.jenis_jabatan

    @property
    def kurva(self) -> Kurva | None:
        return self.unit_baris.kurva if self.unit_baris else None


def _related_units(scope: Lingkup, unit: Unit) -> tuple[list[Jejak], list[Unit]]:
    """The breadcrumb (root to the unit) and the unit's sub-units (active, or with figures):
    1 query."""
    ancestors = unit_path_ids(unit.jalur)
    found = list(Unit.objects.filter(Q(pk__in=ancestors) | Q(induk=unit)).order_by("nama", "pk"))
    by_id = {u.pk: u for u in found}
    trail = [Jejak(by_id[pk], scope.reads_path(by_id[pk].jalur)) for pk in ancestors if pk in by_id]
    children = [u for u in found if u.induk_id == unit.pk]
    return trail, children


SUB_UNIT_PER_HALAMAN = 10


@dataclass(frozen=True)
class HalamanSubUnit:
    halaman: int
    halaman_total: int
    jumlah: int

    @property
    def sebelumnya(self) -> int | None:
        return self.halaman - 1 if self.halaman > 1 else None

    @property
    def berikutnya(self) -> int | None:
        return self.halaman + 1 if self.halaman < self.halaman_total else None


def _children_page(children: list[Unit], number: int | None) -> tuple[list[Unit], HalamanSubUnit]:
    total_pages = max(1, -(-len(children) // SUB_UNIT_PER_HALAMAN))
    if number is None:
        return children, HalamanSubUnit(1, 1, len(children))
    chosen = min(max(number, 1), total_pages)
    start = (chosen - 1) * SUB_UNIT_PER_HALAMAN
    return (
        children[start : start + SUB_UNIT_PER_HALAMAN],
        HalamanSubUnit(chosen, total_pages, len(children)),
    )


def dashboard(
    scope: Lingkup,
    unit: Unit,
    saringan: Saringan,
    *,
    halaman: int | None = 1,
    halaman_unit: int | None = 1,
    today: datetime.date | None = None,
) -> Dasbor:
    """The dashboard of a readable unit: 9 queries with a period and a passed deadline,
    whatever the number of sub-units and late employees. Sub-units come SUB_UNIT_PER_HALAMAN
    a page (`halaman_unit`; None: all, for the exports and the PDF), so the page stays the
    same size however wide the tree."""
    trail, all_children = _related_units(scope, unit)
    children, sub_page = _children_page(all_children, halaman_unit)
    found = Dasbor(
        unit=unit,
        saringan=saringan,
        pembaruan=baca.latest_refresh(),
        berjalan=baca.refresh_running(),
        jejak=trail,
        unit_pilihan=[j.unit for j in trail if j.terbaca] + [u for u in all_children if u.aktif],
        sub_unit_halaman=sub_page,
    )
    periode, jenis = saringan.periode, saringan.jenis_jabatan
    if periode is None:
        return found
    whole = not jenis
    root_id = unit_path_ids(unit.jalur)[0]
    # The unit's, the agency's and the sub-units' stored rows in one query on the unique index.
    stored = {
        r.unit_id: r
        for r in RingkasanUnit.objects.filter(
            unit_id__in={unit.pk, root_id, *(child.pk for child in children)},
            periode=periode,
            jenis_jabatan=jenis,
        )
    }
    own = stored.get(unit.pk)
    found.ada_data = found.pembaruan is not None
    found.unit_baris = unit_row(unit, own, kurva=whole)
    found.langsung = unit_row(unit, own, langsung=True)
    found.sub_unit = [
        unit_row(child, stored.get(child.pk), kurva=whole)
        for child in children
        if child.aktif or child.pk in stored
    ]
    root = next((j.unit for j in trail if j.unit.pk == root_id), unit)
    found.instansi = unit_row(root, stored.get(root_id), kurva=whole)
    found.grafik_kemajuan = progress_chart(found.unit_baris.tahap)
    found.grafik_distribusi = distribution_chart(found.unit_baris)
    found.grafik_instansi = distribution_chart(found.instansi)
    later = over_time(unit, jenis)
    found.matriks, found.proyeksi = later.matriks, later.proyeksi
    found.terlambat = late_members(unit, periode, jenis, halaman=halaman, today=today)
    return found
