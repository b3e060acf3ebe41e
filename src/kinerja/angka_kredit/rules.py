"""Pure rules of credit points around the rule engine's `credit_points`: how many months of a
year an employee held each jenjang (from the position history), and how many months a period
spans.

A month counts for the jenjang held on its first day (appointments take effect on the first of
a month, "TMT"); a jenjang held from 1 March to 30 April therefore counts 2 months.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from kinerja.organisasi.enums import Jenjang
from kinerja.periode import rules as periode_rules

MONTHS_PER_YEAR = 12


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
