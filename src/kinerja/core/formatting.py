"""Indonesian formatting of numbers, money and dates (pure functions)."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_number(value: int | Decimal | float, places: int = 0) -> str:
    """3781000 -> '3.781.000'; Decimal('2.083'), 2 -> '2,08'."""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if places else f"{sign}{text}"


def format_rupiah(value: int | Decimal) -> str:
    """3781000 -> 'Rp3.781.000'."""
    return "Rp" + format_number(value)


def format_date(value: datetime.date) -> str:
    """date(2024, 11, 21) -> '21 November 2024'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
