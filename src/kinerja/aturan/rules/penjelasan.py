"""Explanations: every computed figure says from what and how it was derived."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kinerja.core.formatting import format_date, format_number
from kinerja.core.i18n import gettext as _


@dataclass(frozen=True)
class Acuan:
    """Which rule-set version a figure was computed with."""

    kode: str = ""
    versi: int = 0
    nama: str = ""
    berlaku_mulai: datetime.date | None = None

    def label(self) -> str:
        if not self.versi:
            return _("Set aturan yang sedang disunting")
        text = _("%(nama)s versi %(versi)s") % {"nama": self.nama, "versi": self.versi}
        if self.berlaku_mulai:
            text += " " + _("(berlaku mulai %(tanggal)s)") % {
                "tanggal": format_date(self.berlaku_mulai)
            }
        return text


@dataclass(frozen=True)
class Penjelasan:
    """A summary sentence for the employee, the inputs, the rule set and each step."""

    ringkasan: str
    acuan: Acuan
    masukan: tuple[tuple[str, str], ...] = ()
    langkah: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "ringkasan": self.ringkasan,
            "set_aturan": self.acuan.label(),
            "set_aturan_kode": self.acuan.kode,
            "set_aturan_versi": self.acuan.versi,
            "masukan": [{"nama": name, "nilai": value} for name, value in self.masukan],
            "langkah": list(self.langkah),
        }


def plain(value: Decimal | int) -> str:
    """A number with the decimals it needs, Indonesian style: 12.5 -> '12,5'; 70 -> '70'."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, places)


def percent(value: Decimal) -> str:
    """Decimal('1.25') -> '1,25%'; Decimal('70') -> '70%'."""
    return plain(value) + "%"


class RuleError(ValueError):
    """A rule cannot be applied to its input (e.g. a missing allowance amount): the message says
    what is missing and where to fill it in."""
