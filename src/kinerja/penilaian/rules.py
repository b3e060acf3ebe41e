"""Pure rules of the assessment: the suggested ratings (DOMAIN.md section 4), what may be rated
and finalised when, the objection's window and workflow. Plain values in, values out; no ORM.

Suggestions are guidance for the appraiser, who decides:
- one RHK: its indicators' achievement (realisation ÷ target) and its evidence verdicts. An RHK
  whose evidence was all rejected, or whose numeric indicators fall short of target, is "Di
  Bawah"; one whose numeric indicators all exceed target (with no evidence rejected) is "Di
  Atas"; otherwise "Sesuai". Narrative indicators give no number: their RHK follows the evidence
  (accepted evidence: "Sesuai"). An RHK with nothing to judge gets no suggestion.
- the result rating from the RHK ratings: "Di Atas" when more than half are above and no main
  RHK is below; "Di Bawah" when more than half are below; otherwise "Sesuai".
- the behaviour rating from the 7 values in the same way (every value counts as main).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kinerja.aturan.enums import Predikat, Rating
from kinerja.core.formatting import format_date, format_number
from kinerja.core.i18n import gettext as _
from kinerja.penilaian.enums import AksiKeberatan, StatusKeberatan, StatusPenilaian
from kinerja.periode.enums import StatusPeriode

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Saran:
    """A suggested rating (None: nothing to judge) and why."""

    rating: Rating | None
    alasan: str


# --- Suggestions -----------------------------------------------------------------------------


def achievement(realisasi: Decimal | None, target: Decimal | None) -> Decimal | None:
    """Realisation as a percentage of the target, two decimals; None when not numeric."""
    if realisasi is None or target is None or target <= 0:
        return None
    return (realisasi * HUNDRED / target).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rhk_suggestion(achievements: Sequence[Decimal | None], verdicts: Mapping[str, int]) -> Saran:
    """The suggested rating of one RHK from its indicators' achievement (percent, None for a
    narrative indicator or a missing realisation) and the counts of its evidence verdicts
    (DITERIMA, PERLU_PERBAIKAN, DITOLAK, MENUNGGU)."""
    accepted = verdicts.get("DITERIMA", 0)
    rejected = verdicts.get("DITOLAK", 0)
    numbers = [value for value in achievements if value is not None]
    if rejected and not accepted:
        return Saran(Rating.DI_BAWAH, _("semua bukti dukung yang dinilai ditolak"))
    if numbers:
        lowest, shown = min(numbers), ", ".join(f"{format_number(v, 2)}%" for v in numbers)
        if lowest < HUNDRED:
            return Saran(
                Rating.DI_BAWAH, _("capaian di bawah target (%(capaian)s)") % {"capaian": shown}
            )
        if lowest > HUNDRED and not rejected:
            return Saran(
                Rating.DI_ATAS, _("capaian melampaui target (%(capaian)s)") % {"capaian": shown}
            )
        return Saran(Rating.SESUAI, _("capaian sesuai target (%(capaian)s)") % {"capaian": shown})
    if accepted:
        return Saran(Rating.SESUAI, _("bukti dukung diterima"))
    return Saran(None, _("belum ada realisasi atau bukti dukung yang diterima"))


def overall_suggestion(
    items: Sequence[tuple[bool, Rating | None]], *, behaviour: bool = False
) -> Saran:
    """The result (or, with `behaviour`, the behaviour) rating suggested from the ratings of its
    parts: (is main, rating) per part; parts without a rating are left out."""
    rated = [(main, rating) for main, rating in items if rating is not None]
    if not rated:
        return Saran(None, _("belum ada yang dapat dinilai"))
    total = len(rated)
    above = sum(1 for _main, rating in rated if rating == Rating.DI_ATAS)
    below = sum(1 for _main, rating in rated if rating == Rating.DI_BAWAH)
    main_below = sum(1 for main, rating in rated if main and rating == Rating.DI_BAWAH)
    counts = {"atas": above, "bawah": below, "total": total, "utama": main_below}
    if below * 2 > total:
        return Saran(
            Rating.DI_BAWAH,
            _("%(bawah)s dari %(total)s di bawah ekspektasi (sebagian besar)") % counts,
        )
    if above * 2 > total and not main_below:
        return Saran(Rating.DI_ATAS, _above_reason(behaviour) % counts)
    if main_below:
        return Saran(Rating.SESUAI, _partly_below_reason(behaviour) % counts)
    return Saran(Rating.SESUAI, _("sebagian besar atau seluruhnya sesuai ekspektasi"))


def _above_reason(behaviour: bool) -> str:
    if behaviour:
        return _(
            "%(atas)s dari %(total)s nilai di atas ekspektasi (sebagian besar) dan tidak ada "
            "nilai di bawah ekspektasi"
        )
    return _(
        "%(atas)s dari %(total)s di atas ekspektasi (sebagian besar) dan tidak ada yang "
        "utama di bawah ekspektasi"
    )


def _partly_below_reason(behaviour: bool) -> str:
    if behaviour:
        return _(
            "sebagian besar sesuai ekspektasi; %(utama)s nilai di bawah ekspektasi (sebagian kecil)"
        )
    return _(
        "sebagian besar sesuai ekspektasi; %(utama)s hasil utama di bawah ekspektasi "
        "(sebagian kecil)"
    )


def ratings_for(
    quadrant: Mapping[Rating, Mapping[Rating, Predikat]], predikat: Predikat
) -> tuple[Rating, Rating]:
    """A (result, behaviour) pair that gives this predikat in the quadrant: the pair nearest to
    "Sesuai, Sesuai" (used to propose calibrated ratings)."""
    order = (Rating.SESUAI, Rating.DI_ATAS, Rating.DI_BAWAH)
    for hasil in order:
        for perilaku in order:
            if quadrant[hasil][perilaku] == predikat:
                return hasil, perilaku
    raise ValueError(predikat)


# --- What may be done when -------------------------------------------------------------------


def rating_edit_error(
    period_status: StatusPeriode | str, status: StatusPenilaian | str | None
) -> str | None:
    """Ratings are written while the period is open or closed (not draft, not locked) and the
    assessment is not finalised."""
    period_status = StatusPeriode(period_status)
    if period_status == StatusPeriode.DRAF:
        return _("Periode belum dibuka; penilaian belum dapat diisi.")
    if period_status == StatusPeriode.DIKUNCI:
        return _("Periode sudah dikunci; penilaian tidak dapat diubah.")
    if status is not None and StatusPenilaian(status) == StatusPenilaian.FINAL:
        return _(
            "Predikat sudah ditetapkan; perubahan hanya melalui keberatan atau setelah penetapan "
            "dibuka kembali."
        )
    return None


def organisation_edit_error(period_status: StatusPeriode | str, finalised: bool) -> str | None:
    period_status = StatusPeriode(period_status)
    if period_status == StatusPeriode.DRAF:
        return _("Periode belum dibuka.")
    if period_status == StatusPeriode.DIKUNCI:
        return _("Periode sudah dikunci; capaian kinerja organisasi tidak dapat diubah.")
    if finalised:
        return _(
            "Predikat kelompok unit ini sudah ditetapkan; buka kembali penetapan sebelum "
            "mengubah capaian kinerja organisasi."
        )
    return None


def finalise_errors(
    *,
    period_status: StatusPeriode | str,
    has_organisation_rating: bool,
    already_final: bool,
    unrated: Sequence[str],
    curve_holds: bool | None,
    failed_constraints: Sequence[str],
) -> list[str]:
    """Every reason the group cannot be finalised now (empty: it can). `curve_holds` is None for
    a group too small to judge, which may be finalised."""
    errors: list[str] = []
    if StatusPeriode(period_status) in (StatusPeriode.DRAF, StatusPeriode.DIKUNCI):
        errors.append(_("Periode belum dibuka atau sudah dikunci."))
    if already_final:
        errors.append(_("Predikat kelompok ini sudah ditetapkan."))
    if not has_organisation_rating:
        errors.append(_("Capaian kinerja organisasi untuk unit ini belum ditetapkan."))
    if unrated:
        shown = ", ".join(unrated[:10]) + (" …" if len(unrated) > 10 else "")
        errors.append(
            _("%(jumlah)s pegawai belum dinilai: %(nama)s.")
            % {"jumlah": len(unrated), "nama": shown}
        )
    if curve_holds is False:
        errors.append(
            _("Distribusi predikat belum sesuai kurva: %(batasan)s.")
            % {"batasan": "; ".join(failed_constraints)}
        )
    return errors


def reopen_error(alasan: str, open_objections: int) -> str | None:
    if not alasan.strip():
        return _("Tuliskan alasan membuka kembali penetapan.")
    if open_objections:
        return _(
            "Masih ada %(jumlah)s keberatan yang belum diputuskan; putuskan dahulu sebelum "
            "membuka kembali penetapan."
        ) % {"jumlah": open_objections}
    return None


# --- Objection -------------------------------------------------------------------------------

TRANSITIONS: Mapping[tuple[StatusKeberatan, AksiKeberatan], StatusKeberatan] = {
    (StatusKeberatan.DIAJUKAN, AksiKeberatan.JELASKAN): StatusKeberatan.DIJELASKAN,
    (StatusKeberatan.DIJELASKAN, AksiKeberatan.JELASKAN): StatusKeberatan.DIJELASKAN,
    (StatusKeberatan.DIJELASKAN, AksiKeberatan.TERIMA): StatusKeberatan.DITERIMA,
    (StatusKeberatan.DIJELASKAN, AksiKeberatan.TOLAK): StatusKeberatan.DITOLAK,
    (StatusKeberatan.DIAJUKAN, AksiKeberatan.TARIK): StatusKeberatan.DITARIK,
    (StatusKeberatan.DIJELASKAN, AksiKeberatan.TARIK): StatusKeberatan.DITARIK,
}


def objection_transition(
    status: StatusKeberatan | str, aksi: AksiKeberatan | str
) -> StatusKeberatan | None:
    """The state after the action, None when the action is not allowed now."""
    return TRANSITIONS.get((StatusKeberatan(status), AksiKeberatan(aksi)))


def objection_transition_error(
    status: StatusKeberatan | str, aksi: AksiKeberatan | str
) -> str | None:
    if objection_transition(status, aksi) is not None:
        return None
    status = StatusKeberatan(status)
    if (
        AksiKeberatan(aksi) in (AksiKeberatan.TERIMA, AksiKeberatan.TOLAK)
        and status == StatusKeberatan.DIAJUKAN
    ):
        return _("Keberatan diputuskan setelah pejabat penilai memberi penjelasan.")
    return _("Keberatan berstatus %(status)s; tindakan ini tidak dapat dilakukan.") % {
        "status": status.label
    }


def objection_deadline(finalised_on: datetime.date, days: int) -> datetime.date:
    """The last day to file an objection: `days` calendar days after finalisation."""
    return finalised_on + datetime.timedelta(days=days)


def objection_file_error(
    *,
    status: StatusPenilaian | str,
    finalised_on: datetime.date | None,
    days: int,
    today: datetime.date,
    existing: bool,
    alasan: str,
) -> str | None:
    if StatusPenilaian(status) != StatusPenilaian.FINAL or finalised_on is None:
        return _("Keberatan hanya dapat diajukan atas predikat yang sudah ditetapkan.")
    if existing:
        return _("Keberatan atas penilaian ini sudah pernah diajukan.")
    deadline = objection_deadline(finalised_on, days)
    if today > deadline:
        return _("Batas waktu keberatan (%(hari)s hari) berakhir pada %(tanggal)s.") % {
            "hari": days,
            "tanggal": format_date(deadline),
        }
    if not alasan.strip():
        return _("Tuliskan alasan keberatan.")
    return None


def count_predikat(values: Iterable[Predikat | str]) -> dict[str, int]:
    """Counts per predikat code, every predikat present (for snapshots and documents)."""
    counts = {predikat.value: 0 for predikat in Predikat}
    for value in values:
        counts[Predikat(value).value] += 1
    return counts


# --- The curve chart -------------------------------------------------------------------------


@dataclass(frozen=True)
class Batang:
    """One bar of the curve chart: a predikat's count, its share, and the allowed range of a
    constraint on that predikat alone (None when no such constraint)."""

    predikat: Predikat
    jumlah: int
    persen: Decimal
    minimum: int | None
    maksimum: int | None
    x: int
    tinggi: int
    y: int
    batas_y: int | None
    batas_tinggi: int | None

    @property
    def label(self) -> str:
        return str(self.predikat.label)

    @property
    def label_lines(self) -> list[str]:
        """The label on at most two lines (the chart's columns are narrow)."""
        text = self.label
        for separator in ("/", " "):
            head, found, tail = text.partition(separator)
            if found:
                return [head + (separator if separator == "/" else ""), tail]
        return [text]

    @property
    def within(self) -> bool:
        low = self.minimum if self.minimum is not None else 0
        high = self.maksimum if self.maksimum is not None else self.jumlah
        return low <= self.jumlah <= high


CHART_HEIGHT = 160
CHART_BAR = 56
CHART_GAP = 24


def chart_bars(
    counts: Mapping[Predikat, int], ranges: Iterable[tuple[Sequence[Predikat], int, int]]
) -> list[Batang]:
    """The bars of the distribution chart (SVG coordinates, height CHART_HEIGHT) from the
    counts per predikat and the (predikat, minimum, maximum) of each constraint."""
    size = sum(counts.values())
    bounds: dict[Predikat, tuple[int, int]] = {}
    for group, low, high in ranges:
        if len(group) == 1:
            old_low, old_high = bounds.get(group[0], (0, size))
            bounds[group[0]] = (max(old_low, low), min(old_high, high))
    scale = max(size, 1)
    bars = []
    for index, predikat in enumerate(Predikat):
        count = counts.get(predikat, 0)
        height = round(CHART_HEIGHT * count / scale)
        low_high = bounds.get(predikat)
        if low_high is not None and low_high[0] > low_high[1]:
            low_high = None  # no count is allowed: nothing to shade
        band_y = band_height = None
        if low_high is not None:
            top = round(CHART_HEIGHT * low_high[1] / scale)
            bottom = round(CHART_HEIGHT * low_high[0] / scale)
            band_y, band_height = CHART_HEIGHT - top, max(top - bottom, 2)
        bars.append(
            Batang(
                predikat=predikat,
                jumlah=count,
                persen=(Decimal(count) * HUNDRED / scale).quantize(Decimal("0.1")),
                minimum=low_high[0] if low_high else None,
                maksimum=low_high[1] if low_high else None,
                x=CHART_GAP + index * (CHART_BAR + CHART_GAP),
                tinggi=height,
                y=CHART_HEIGHT - height,
                batas_y=band_y,
                batas_tinggi=band_height,
            )
        )
    return bars
