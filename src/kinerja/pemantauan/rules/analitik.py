"""Pure rules of the rater analytics and the evidence integrity report.

Rater analytics compare an appraiser's finalised predikat with those of the selected unit
subtree and of the whole agency for the same period:

- **Leniency index**: the mean predikat score the appraiser gave (Sangat Baik 5 … Sangat Kurang
  1, `Predikat.score`) minus the unit subtree's mean. At or above `AmbangAnalitik.lunak` the
  appraiser is lenient (LUNAK), at or below `AmbangAnalitik.keras` severe (KERAS), else WAJAR;
  an appraiser with fewer than `AmbangAnalitik.minimum_penilaian` ratings has too little data.
- **Contradiction with the evidence verdicts**: a result rating Di Atas Ekspektasi while more
  than `AmbangAnalitik.porsi_dikembalikan` of the employee's evidence of the period was rejected
  or returned for correction, or Di Bawah Ekspektasi while every item (at least one) was
  accepted.
- **Verification turnaround**: days from upload to verdict, count, median and mean.

The thresholds are product settings (not regulation): `AmbangAnalitik` holds them with their
defaults, in one place.

The integrity report reuses the lateness rule of the realisation (`realisasi.rules`): an upload
is late (signal TERLAMBAT) when its local day is after the period's `batas_realisasi`.
"""

from __future__ import annotations

import datetime
import functools
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat, Rating
from kinerja.core.enums import LabeledEnum
from kinerja.core.formatting import format_number
from kinerja.core.i18n import gettext as _
from kinerja.core.i18n import gettext_lazy
from kinerja.realisasi import rules as realisasi_rules
from kinerja.realisasi.enums import JenisSinyal, StatusBukti

HUNDRED = Decimal(100)
SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class AmbangAnalitik:
    """The thresholds of the rater analytics (product settings, not regulation).

    - `lunak`: a leniency index (appraiser's mean score − unit's mean) at or above this is
      lenient (LUNAK);
    - `keras`: an index at or below this is severe (KERAS);
    - `minimum_penilaian`: fewer ratings than this are too little data to classify;
    - `porsi_dikembalikan`: a Di Atas rating contradicts the evidence when the share of items
      rejected or returned for correction is strictly above this.
    """

    lunak: Decimal = Decimal("0.5")
    keras: Decimal = Decimal("-0.5")
    minimum_penilaian: int = 3
    porsi_dikembalikan: Decimal = Decimal("0.5")

    @property
    def lunak_teks(self) -> str:
        return signed_text(self.lunak)

    @property
    def keras_teks(self) -> str:
        return signed_text(self.keras)


AMBANG = AmbangAnalitik()
"""The thresholds in use."""


class KelasKelonggaran(LabeledEnum):
    """How an appraiser rates compared with the unit."""

    LUNAK = "LUNAK", gettext_lazy("Lunak")
    WAJAR = "WAJAR", gettext_lazy("Wajar")
    KERAS = "KERAS", gettext_lazy("Keras")
    SEDIKIT_DATA = "SEDIKIT_DATA", gettext_lazy("Terlalu sedikit data")


# --- Numbers ----------------------------------------------------------------------------------


def percent(part: int, whole: int) -> Decimal:
    """`part` of `whole` in percent, one decimal, half up (0 for an empty whole)."""
    if whole <= 0:
        return Decimal("0.0")
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def percent_text(value: Decimal) -> str:
    """Decimal("62.5") -> "62,5%"; Decimal("62.0") -> "62%"."""
    places = 0 if value == value.to_integral_value() else 1
    return f"{format_number(value, places)}%"


def _decimal(value: Fraction, places: int = 2) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(quantum, rounding=ROUND_HALF_UP)


def signed_text(value: Decimal) -> str:
    """+0,80 / −0,50 / 0,00 (two decimals, always with its sign)."""
    text = format_number(abs(value), 2)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"\N{MINUS SIGN}{text}"
    return text


# --- Distributions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SelDistribusi:
    predikat: Predikat
    jumlah: int
    persen: Decimal

    @property
    def persen_teks(self) -> str:
        return percent_text(self.persen)

    @property
    def singkatan(self) -> str:
        return _initials(self.predikat)


@dataclass(frozen=True)
class Distribusi:
    """Counts of finalised predikat (every predikat present, possibly 0)."""

    jumlah: Mapping[Predikat, int]

    @classmethod
    def of(cls, counts: Mapping[str, int] | Iterable[tuple[str, int]]) -> Distribusi:
        pairs = counts.items() if isinstance(counts, Mapping) else counts
        total = dict.fromkeys(PREDIKAT_ORDER, 0)
        for value, count in pairs:
            total[Predikat(value)] += count
        return cls(total)

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def sel(self) -> list[SelDistribusi]:
        total = self.total
        return [SelDistribusi(p, self.jumlah[p], percent(self.jumlah[p], total)) for p in Predikat]

    @property
    def skor_total(self) -> int:
        return sum(p.score * n for p, n in self.jumlah.items())

    @property
    def rata_rata_pecahan(self) -> Fraction | None:
        """The exact mean score (None without ratings)."""
        return Fraction(self.skor_total, self.total) if self.total else None

    @property
    def rata_rata(self) -> Decimal | None:
        """The mean score, two decimals."""
        mean = self.rata_rata_pecahan
        return None if mean is None else _decimal(mean)


# --- Leniency ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kelonggaran:
    """The leniency of an appraiser: both means, their difference (index) and the class."""

    rata_rata_penilai: Decimal | None
    rata_rata_unit: Decimal | None
    indeks: Decimal | None
    kelas: KelasKelonggaran
    penjelasan: str

    @property
    def indeks_teks(self) -> str:
        return "" if self.indeks is None else signed_text(self.indeks)

    @property
    def rumus(self) -> str:
        """The derivation in short: "4,80 − 3,90" (the two means)."""
        if self.rata_rata_penilai is None or self.rata_rata_unit is None:
            return ""
        mine = format_number(self.rata_rata_penilai, 2)
        return f"{mine} \N{MINUS SIGN} {format_number(self.rata_rata_unit, 2)}"


def leniency(penilai: Distribusi, unit: Distribusi, ambang: AmbangAnalitik = AMBANG) -> Kelonggaran:
    """The appraiser's mean score minus the unit's, classified by the thresholds (exact
    fractions: an index of exactly +0,5 is lenient)."""
    mine, theirs = penilai.rata_rata_pecahan, unit.rata_rata_pecahan
    if mine is None or theirs is None:
        return Kelonggaran(
            penilai.rata_rata,
            unit.rata_rata,
            None,
            KelasKelonggaran.SEDIKIT_DATA,
            _("Belum ada predikat yang ditetapkan untuk dibandingkan."),
        )
    index = mine - theirs
    shown = _decimal(index)
    derivation = _("Rata-rata skor penilai %(penilai)s − rata-rata unit %(unit)s = %(indeks)s") % {
        "penilai": format_number(_decimal(mine), 2),
        "unit": format_number(_decimal(theirs), 2),
        "indeks": signed_text(shown),
    }
    if penilai.total < ambang.minimum_penilaian:
        kelas = KelasKelonggaran.SEDIKIT_DATA
        reason = _("baru %(jumlah)s penilaian, kurang dari %(minimum)s") % {
            "jumlah": penilai.total,
            "minimum": ambang.minimum_penilaian,
        }
    elif index >= Fraction(ambang.lunak):
        kelas = KelasKelonggaran.LUNAK
        reason = _("≥ %(ambang)s") % {"ambang": signed_text(ambang.lunak)}
    elif index <= Fraction(ambang.keras):
        kelas = KelasKelonggaran.KERAS
        reason = _("≤ %(ambang)s") % {"ambang": signed_text(ambang.keras)}
    else:
        kelas = KelasKelonggaran.WAJAR
        reason = _("antara %(keras)s dan %(lunak)s") % {
            "keras": signed_text(ambang.keras),
            "lunak": signed_text(ambang.lunak),
        }
    explanation = f"{derivation} ({reason}: {str(kelas.label).lower()})."
    return Kelonggaran(penilai.rata_rata, unit.rata_rata, shown, kelas, explanation)


# --- Contradictions with the evidence verdicts ------------------------------------------------


@dataclass(frozen=True)
class JumlahBukti:
    """An employee's evidence items of the period by verdict."""

    menunggu: int = 0
    diterima: int = 0
    perlu_perbaikan: int = 0
    ditolak: int = 0

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> JumlahBukti:
        return cls(
            menunggu=counts.get(StatusBukti.MENUNGGU.value, 0),
            diterima=counts.get(StatusBukti.DITERIMA.value, 0),
            perlu_perbaikan=counts.get(StatusBukti.PERLU_PERBAIKAN.value, 0),
            ditolak=counts.get(StatusBukti.DITOLAK.value, 0),
        )

    @property
    def total(self) -> int:
        return self.menunggu + self.diterima + self.perlu_perbaikan + self.ditolak

    @property
    def dikembalikan(self) -> int:
        return self.perlu_perbaikan + self.ditolak

    def as_dict(self) -> dict[str, int]:
        return {
            StatusBukti.MENUNGGU.value: self.menunggu,
            StatusBukti.DITERIMA.value: self.diterima,
            StatusBukti.PERLU_PERBAIKAN.value: self.perlu_perbaikan,
            StatusBukti.DITOLAK.value: self.ditolak,
        }


DI_ATAS = Rating.DI_ATAS.value
DI_BAWAH = Rating.DI_BAWAH.value
RETURNED = (StatusBukti.PERLU_PERBAIKAN.value, StatusBukti.DITOLAK.value)
ACCEPTED = StatusBukti.DITERIMA.value


@functools.lru_cache(maxsize=16)
def _share(value: Decimal) -> Fraction:
    return Fraction(value)


def contradicts(
    rating_hasil: str, counts: Mapping[str, int], ambang: AmbangAnalitik = AMBANG
) -> bool:
    """Whether a result rating contradicts the evidence verdicts (counts by status): Di Atas
    while strictly more than `ambang.porsi_dikembalikan` of the items were rejected or returned
    for correction, or Di Bawah while every item (at least one) was accepted. Plain values, so
    that the refresh can check every assessment of a large agency."""
    if rating_hasil != DI_ATAS and rating_hasil != DI_BAWAH:
        return False
    total = sum(counts.values())
    if total == 0:
        return False
    if rating_hasil == DI_BAWAH:
        return counts.get(ACCEPTED, 0) == total
    share = _share(ambang.porsi_dikembalikan)
    returned = sum(counts.get(status, 0) for status in RETURNED)
    return returned * share.denominator > share.numerator * total


def contradiction(
    rating_hasil: Rating | str, bukti: JumlahBukti, ambang: AmbangAnalitik = AMBANG
) -> str | None:
    """Why this result rating contradicts the evidence verdicts (None when it does not)."""
    rating = Rating(rating_hasil)
    if not contradicts(rating.value, bukti.as_dict(), ambang):
        return None
    if rating == Rating.DI_ATAS:
        return _(
            "Di Atas Ekspektasi, padahal %(jumlah)s dari %(total)s bukti ditolak atau perlu "
            "perbaikan."
        ) % {"jumlah": bukti.dikembalikan, "total": bukti.total}
    return _("Di Bawah Ekspektasi, padahal semua %(total)s bukti diterima.") % {
        "total": bukti.total
    }


# --- Verification turnaround ------------------------------------------------------------------


@dataclass(frozen=True)
class WaktuVerifikasi:
    """How fast an appraiser verified: items verified, median and mean days (one decimal),
    items still waiting after the period's verification deadline."""

    jumlah: int
    median_hari: Decimal | None
    rata_rata_hari: Decimal | None
    menunggu_lewat_batas: int = 0


def turnaround(
    durations: Sequence[datetime.timedelta], menunggu_lewat_batas: int = 0
) -> WaktuVerifikasi:
    """Count, median and mean days from upload to verdict."""
    seconds = [round(item.total_seconds()) for item in durations]
    return turnaround_seconds(seconds, menunggu_lewat_batas)


def turnaround_seconds(seconds: Sequence[int], menunggu_lewat_batas: int = 0) -> WaktuVerifikasi:
    """`turnaround` of durations in whole seconds."""
    if not seconds:
        return WaktuVerifikasi(0, None, None, menunggu_lewat_batas)
    days = [Fraction(item, SECONDS_PER_DAY) for item in seconds]
    median = Fraction(statistics.median(days))
    mean = Fraction(sum(days), len(days))
    return WaktuVerifikasi(len(days), _decimal(median, 1), _decimal(mean, 1), menunggu_lewat_batas)


# --- One appraiser's row ----------------------------------------------------------------------


@dataclass(frozen=True)
class Kontradiksi:
    """An assessment whose result rating contradicts the evidence verdicts."""

    penilai_id: int
    pegawai_id: int
    nip: str
    nama: str
    rating_hasil: Rating
    bukti: JumlahBukti
    alasan: str


@dataclass(frozen=True)
class BarisPenilai:
    """One appraiser: who, the distribution, leniency, contradictions, turnaround, chart."""

    penilai_id: int
    nip: str
    nama: str
    unit_nama: str
    distribusi: Distribusi
    kelonggaran: Kelonggaran
    kontradiksi: int
    waktu: WaktuVerifikasi
    grafik: GrafikBanding
    kasus: tuple[Kontradiksi, ...] = field(default=())

    @property
    def rasio_kontradiksi(self) -> Decimal:
        return percent(self.kontradiksi, self.distribusi.total)

    @property
    def rasio_teks(self) -> str:
        return percent_text(self.rasio_kontradiksi)


# --- The comparison chart ---------------------------------------------------------------------

SERIES = ("penilai", "unit", "instansi")
CHART_BAR = 7
CHART_GROUP_GAP = 8
CHART_HEIGHT = 48
CHART_TOP = 4
CHART_LABEL = 12


def series_label(seri: str) -> str:
    return {
        "penilai": _("Penilai"),
        "unit": _("Unit"),
        "instansi": _("Instansi"),
    }[seri]


@dataclass(frozen=True)
class BatangBanding:
    """One bar: a series' percentage of one predikat."""

    seri: str
    predikat: Predikat
    persen: Decimal
    x: int
    y: int
    tinggi: int

    @property
    def judul(self) -> str:
        return f"{series_label(self.seri)}, {self.predikat.label}: {percent_text(self.persen)}"


@dataclass(frozen=True)
class GrafikBanding:
    """A grouped bar chart: per predikat the appraiser's, the unit's and the agency's share
    (SVG coordinates; bars rise from `dasar`)."""

    lebar: int
    tinggi: int
    dasar: int
    lebar_batang: int
    batang: tuple[BatangBanding, ...]
    label: tuple[tuple[int, str], ...]


def comparison_chart(penilai: Distribusi, unit: Distribusi, instansi: Distribusi) -> GrafikBanding:
    """Per predikat three bars (appraiser, unit, agency), heights in percent of CHART_HEIGHT."""
    group = len(SERIES) * CHART_BAR + CHART_GROUP_GAP
    base = CHART_TOP + CHART_HEIGHT
    bars = []
    labels = []
    cells = {"penilai": penilai.sel, "unit": unit.sel, "instansi": instansi.sel}
    for index, predikat in enumerate(Predikat):
        left = CHART_GROUP_GAP // 2 + index * group
        labels.append((left + len(SERIES) * CHART_BAR // 2, _initials(predikat)))
        for offset, seri in enumerate(SERIES):
            share = cells[seri][index].persen
            height = int((share * CHART_HEIGHT / HUNDRED).to_integral_value(ROUND_HALF_UP))
            bars.append(
                BatangBanding(
                    seri, predikat, share, left + offset * CHART_BAR, base - height, height
                )
            )
    return GrafikBanding(
        lebar=len(PREDIKAT_ORDER) * group,
        tinggi=base + CHART_LABEL,
        dasar=base,
        lebar_batang=CHART_BAR,
        batang=tuple(bars),
        label=tuple(labels),
    )


def _initials(predikat: Predikat) -> str:
    """SB, B, BP, K, SK: the short axis labels of the small chart."""
    words = str(predikat.label).split("/")[0].split()
    return "".join(word[0].upper() for word in words)


# --- Lateness (the realisation's rule) --------------------------------------------------------


def late_signal(diunggah: datetime.date, batas_realisasi: datetime.date) -> str | None:
    """The TERLAMBAT signal's message of `realisasi.rules.integrity_signals` for an upload on
    this local day (None when not late): the one definition of lateness."""
    for signal in realisasi_rules.integrity_signals(
        pegawai_id=0,
        rhk_id=0,
        periode_id=0,
        ukuran=None,
        diunggah=diunggah,
        batas_realisasi=batas_realisasi,
        is_file=False,
    ):
        if signal.jenis == JenisSinyal.TERLAMBAT:
            return signal.pesan
    return None


def first_late_day(batas_realisasi: datetime.date) -> datetime.date:
    """The first local day an upload is late under `late_signal` (the day after the
    deadline), used to filter late uploads in the database."""
    return batas_realisasi + datetime.timedelta(days=1)
