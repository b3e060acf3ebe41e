"""Pure rules of the allowance around the rule engine's `allowance_compute`: which month a date
belongs to, what a recomputation changed, and the allowance over several months (a period)."""

from __future__ import annotations

import calendar
import datetime
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from kinerja.core.formatting import MONTHS as MONTH_NAMES
from kinerja.core.i18n import gettext as _

MONTHS = tuple(range(1, 13))
HUNDRED = Decimal(100)
COUNT_FIELDS = (
    "tl1",
    "tl2",
    "tl3",
    "tl4",
    "psw1",
    "psw2",
    "psw3",
    "psw4",
    "tanpa_rekaman",
    "tanpa_keterangan",
    "cuti_alasan_penting",
)
"""The attendance counts of a month, in the order of the `kehadiran` sheet."""
MAXIMUM_COUNT = 31


def month_last_day(tahun: int, bulan: int) -> datetime.date:
    return datetime.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def month_first_day(tahun: int, bulan: int) -> datetime.date:
    return datetime.date(tahun, bulan, 1)


def month_check(tahun: int, bulan: int) -> str:
    """'' when the month is valid, otherwise what is wrong."""
    if not 1 <= bulan <= 12:
        return _("Bulan harus 1 sampai 12, bukan %(bulan)s.") % {"bulan": bulan}
    if not 2000 <= tahun <= 2100:
        return _("Tahun harus antara 2000 dan 2100, bukan %(tahun)s.") % {"tahun": tahun}
    return ""


def count_errors(counts: Mapping[str, int]) -> dict[str, str]:
    """Per count field, what is wrong with its value (a whole number from 0 to 31)."""
    errors = {}
    for name in COUNT_FIELDS:
        value = counts.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors[name] = _("Harus bilangan bulat tidak negatif.")
        elif value > MAXIMUM_COUNT:
            errors[name] = _("Paling banyak %(batas)s dalam sebulan.") % {"batas": MAXIMUM_COUNT}
    return errors


@dataclass(frozen=True)
class Angka:
    """The figures of one month's allowance that a recomputation compares."""

    kelas_jabatan: int
    set_aturan_id: int
    predikat_tahun_lalu: str
    bruto: int
    persen_potongan: Decimal
    netto: int
    potongan: Mapping[str, int]
    """Occurrences per cut code (tl1, psw2, tanpa_keterangan, …)."""


def change_causes(old: Angka | None, new: Angka | None) -> list[str]:
    """Why a month's allowance changed, in words (empty when nothing changed)."""
    if old == new:
        return []
    if old is None:
        return [_("Tukin dihitung untuk pertama kali.")]
    if new is None:
        return [_("Tukin tidak lagi dihitung (pegawai dikecualikan atau tidak aktif).")]
    causes = []
    if old.set_aturan_id != new.set_aturan_id:
        causes.append(_("Versi set aturan berubah."))
    if old.kelas_jabatan != new.kelas_jabatan:
        causes.append(
            _("Kelas jabatan berubah dari %(lama)s menjadi %(baru)s.")
            % {"lama": old.kelas_jabatan, "baru": new.kelas_jabatan}
        )
    if old.predikat_tahun_lalu != new.predikat_tahun_lalu:
        causes.append(_("Predikat tahun lalu berubah."))
    if old.potongan != new.potongan:
        changed = sorted(
            code
            for code in set(old.potongan) | set(new.potongan)
            if old.potongan.get(code, 0) != new.potongan.get(code, 0)
        )
        causes.append(_("Data kehadiran berubah: %(kode)s.") % {"kode": ", ".join(changed)})
    if not causes:
        causes.append(_("Besaran atau persentase potongan pada set aturan berubah."))
    return causes


class TukinPeriode(NamedTuple):
    """The allowance over the months of a period: gross, the cut in percent of that gross,
    net (whole rupiah). A named tuple: a recap makes hundreds of thousands."""

    bruto: int
    potongan_persen: Decimal
    netto: int
    bulan: int


def period_total(months: Iterable[tuple[int, int]]) -> TukinPeriode | None:
    """Sum (gross, net) over months; the cut percent is (gross − net) / gross × 100, 2 decimals
    half up. None for no months."""
    items = list(months)
    if not items:
        return None
    gross = sum(bruto for bruto, _netto in items)
    net = sum(netto for _bruto, netto in items)
    return period_sum(gross, net, len(items))


def period_sum(gross: int, net: int, months: int) -> TukinPeriode:
    """The allowance of a period from its summed gross and net over `months` months (whole
    rupiah; a recap sums hundreds of thousands of these, so the percent is worked out in whole
    hundredths: half up, exactly as `Decimal.quantize(ROUND_HALF_UP)` would)."""
    if not gross:
        return TukinPeriode(gross, _hundredths(0), net, months)
    return TukinPeriode(
        gross, _hundredths(((gross - net) * 20000 + gross) // (2 * gross)), net, months
    )


@functools.cache
def _hundredths(value: int) -> Decimal:
    """Decimal(value / 100) with 2 places (cached: a recap repeats the same few percents)."""
    return Decimal(value).scaleb(-2)


def month_label(tahun: int, bulan: int) -> str:
    """(2026, 11) -> 'November 2026'."""
    return f"{MONTH_NAMES[bulan - 1]} {tahun}"


def cut_percent(bruto: int, netto: int) -> Decimal:
    """The cut in percent of a gross (2 decimals, half up; 0 for no gross)."""
    return period_sum(bruto, netto, 1).potongan_persen
