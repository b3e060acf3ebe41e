"""Pure rules of credit points around the rule engine's `credit_points`: how many months of a
year an employee held each jenjang (from the position history), which jenjang the employee held
at the end of a year, which stretches of the history count for a year, whether a predikat is
good enough to move up a jenjang, and how many months a period spans.

A month counts for the jenjang held on its first day (appointments take effect on the first of
a month, "TMT"); a jenjang held from 1 March to 30 April therefore counts 2 months, one held
from 15 March counts from April, and `sampai` is exclusive (a stretch ending 1 July does not
count July).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kinerja.angka_kredit.enums import StatusSyarat
from kinerja.aturan.enums import Predikat
from kinerja.aturan.rules.angka_kredit import Ambang, shown
from kinerja.core.i18n import gettext as _
from kinerja.organisasi.enums import Jenjang
from kinerja.periode import rules as periode_rules

MONTHS_PER_YEAR = 12
MINIMUM_PREDIKAT_JENJANG = Predikat.BAIK
"""Moving up a jenjang needs at least this predikat in the last year (PermenPANRB 1/2023)."""


@dataclass(frozen=True)
class Masa:
    """A stretch of the position history: from `mulai` until `sampai` (exclusive; open while
    None), at this jenjang (None for a position that is not functional)."""

    mulai: datetime.date
    sampai: datetime.date | None
    jenjang: Jenjang | None


def months_held(history: Iterable[Masa], tahun: int) -> dict[Jenjang, int]:
    """The months of `tahun` per jenjang held on the month's first day, in first-held order."""
    held: dict[Jenjang, int] = {}
    stretches = sorted(history, key=lambda item: item.mulai)
    for month in range(1, MONTHS_PER_YEAR + 1):
        day = datetime.date(tahun, month, 1)
        current = None
        for stretch in stretches:
            if stretch.mulai <= day and (stretch.sampai is None or day < stretch.sampai):
                current = stretch.jenjang
        if current is not None:
            held[current] = held.get(current, 0) + 1
    return held


def jenjang_at(history: Iterable[Masa], day: datetime.date) -> Jenjang | None:
    """The jenjang held on a day (None: no functional position then); the latest-starting
    stretch wins when stretches overlap, as in `months_held`."""
    current = None
    for stretch in sorted(history, key=lambda item: item.mulai):
        if stretch.mulai <= day and (stretch.sampai is None or day < stretch.sampai):
            current = stretch.jenjang
    return current


def last_jenjang(history: Iterable[Masa], tahun: int) -> Jenjang | None:
    """The jenjang of the latest month of `tahun` held at a functional jenjang (None when no
    month of the year was): the jenjang whose running total the year's figures are about."""
    stretches = list(history)
    for month in range(MONTHS_PER_YEAR, 0, -1):
        found = jenjang_at(stretches, datetime.date(tahun, month, 1))
        if found is not None:
            return found
    return None


def stretches_of_year(history: Iterable[Masa], current: Jenjang | None, tahun: int) -> list[Masa]:
    """The stretches of a whole position history touching `tahun`; when none does, the current
    position held all year (as `selectors.jenjang_history` does with a year's history)."""
    first, last = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    touching = [
        item
        for item in history
        if item.mulai <= last and (item.sampai is None or item.sampai > first)
    ]
    return touching or [Masa(first, None, current)]


def predikat_enough(predikat: Predikat | None) -> bool:
    """Whether a predikat allows moving up a jenjang (at least Baik); None (no finalised
    annual assessment) does not."""
    return predikat is not None and predikat.score >= MINIMUM_PREDIKAT_JENJANG.score


@dataclass(frozen=True)
class Syarat:
    """One condition of moving up a jenjang and whether it is met."""

    uraian: str
    status: StatusSyarat
    keterangan: str = ""


def next_jenjang_conditions(
    jenjang: Jenjang,
    ambang: Ambang,
    tahun_predikat: int | None,
    predikat: Predikat | None,
) -> list[Syarat]:
    """The conditions of moving up from `jenjang`: the cumulative credit points (from the
    data), predikat at least Baik in the last year with a finalised annual assessment (from
    the data), a vacancy and a competency test (HR confirms). Empty for the highest jenjang."""
    if ambang.batas is None:
        return []
    if ambang.tercapai:
        points = _("Angka kredit kumulatif %(batas)s tercapai.") % {"batas": shown(ambang.batas)}
    else:
        points = _("Angka kredit kumulatif %(batas)s: kurang %(kurang)s.") % {
            "batas": shown(ambang.batas),
            "kurang": shown(ambang.kurang or Decimal(0)),
        }
    if predikat is None or tahun_predikat is None:
        grade = _("Belum ada penilaian tahunan yang ditetapkan.")
    else:
        grade = _("Predikat tahun %(tahun)s: %(predikat)s.") % {
            "tahun": tahun_predikat,
            "predikat": predikat.label,
        }
    hr = _("Tidak tercatat di Kinerja; dikonfirmasi oleh pengelola kepegawaian.")
    return [
        Syarat(
            _("Angka kredit kumulatif untuk kenaikan jenjang dari %(jenjang)s")
            % {"jenjang": jenjang.label},
            StatusSyarat.TERPENUHI if ambang.tercapai else StatusSyarat.BELUM,
            points,
        ),
        Syarat(
            _("Predikat kinerja tahun terakhir paling rendah %(minimum)s")
            % {"minimum": MINIMUM_PREDIKAT_JENJANG.label},
            StatusSyarat.TERPENUHI if predikat_enough(predikat) else StatusSyarat.BELUM,
            grade,
        ),
        Syarat(
            _("Tersedia formasi (lowongan) pada jenjang berikutnya"), StatusSyarat.KONFIRMASI, hr
        ),
        Syarat(_("Lulus uji kompetensi"), StatusSyarat.KONFIRMASI, hr),
    ]


def year_key(history: Iterable[Masa], tahun: int) -> tuple[tuple[object, ...], ...]:
    """The history reduced to what `months_held` reads for `tahun`: each stretch clipped to the
    year, in start order (employees with the same key hold the same months; for memoising)."""
    first, after = datetime.date(tahun, 1, 1), datetime.date(tahun + 1, 1, 1)
    return tuple(
        (
            max(item.mulai, first),
            None if item.sampai is None or item.sampai > after else item.sampai,
            item.jenjang,
        )
        for item in sorted(history, key=lambda item: item.mulai)
    )


def period_months(kode: str) -> int:
    """Months a period spans: 3 for a quarter, 1 for a month, 12 for the year."""
    if kode == periode_rules.TAHUNAN:
        return MONTHS_PER_YEAR
    if kode.startswith("TW"):
        return 3
    return 1


def period_month_numbers(kode: str) -> tuple[int, ...]:
    """The month numbers (1–12) a period covers: TW2 -> (4, 5, 6); B07 -> (7,); TAHUNAN -> all."""
    if kode == periode_rules.TAHUNAN:
        return tuple(range(1, MONTHS_PER_YEAR + 1))
    if kode.startswith("TW"):
        quarter = int(kode[2:])
        return tuple(range(3 * quarter - 2, 3 * quarter + 1))
    return (int(kode[1:]),)
