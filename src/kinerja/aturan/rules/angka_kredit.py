"""Credit points for functional positions (angka kredit, PermenPANRB 1/2023).

credit = months / 12 × percentage of the predikat × the jenjang's yearly coefficient, in exact
decimals, kept with 3 decimals (half up) and shown with 2 ("2,08").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kinerja.aturan.enums import Predikat
from kinerja.aturan.rules.isi import IsiAturan
from kinerja.aturan.rules.penjelasan import Penjelasan, RuleError, percent, plain
from kinerja.core.formatting import format_number
from kinerja.core.i18n import gettext as _
from kinerja.organisasi.enums import Jenjang

STORED = Decimal("0.001")
MONTHS_PER_YEAR = 12


def stored(value: Decimal) -> Decimal:
    """Credit points as stored: 3 decimals, half up."""
    return value.quantize(STORED, rounding=ROUND_HALF_UP)


def shown(value: Decimal) -> str:
    """Credit points as shown: 2 decimals, Indonesian format (2,08)."""
    return format_number(value, 2)


@dataclass(frozen=True)
class HasilAngkaKredit:
    nilai: Decimal
    penjelasan: Penjelasan


def credit_points(
    isi: IsiAturan, jenjang: Jenjang, predikat: Predikat, bulan: int | Decimal
) -> HasilAngkaKredit:
    """The credit points earned in `bulan` months (0–12) at this jenjang with this predikat."""
    months = Decimal(bulan)
    if not 0 <= months <= MONTHS_PER_YEAR:
        raise RuleError(
            _("Jumlah bulan harus antara 0 dan 12, bukan %(bulan)s.") % {"bulan": bulan}
        )
    percentage = isi.angka_kredit.persentase[predikat]
    coefficient = isi.angka_kredit.jenjang[jenjang].koefisien
    exact = months * percentage * coefficient / (MONTHS_PER_YEAR * 100)
    value = stored(exact)
    values = {
        "bulan": format_number(months, 0 if months == months.to_integral() else 2),
        "persen": percent(percentage),
        "koefisien": plain(coefficient),
        "hasil": format_number(exact, 4),
        "disimpan": format_number(value, 3),
        "tampil": shown(value),
    }
    return HasilAngkaKredit(
        value,
        Penjelasan(
            ringkasan=_(
                "Angka kredit %(tampil)s: %(bulan)s bulan sebagai %(jenjang)s dengan predikat "
                "%(predikat)s."
            )
            % {**values, "jenjang": jenjang.label, "predikat": predikat.label},
            acuan=isi.acuan,
            masukan=(
                (_("Jenjang"), str(jenjang.label)),
                (_("Predikat"), str(predikat.label)),
                (_("Jumlah bulan"), values["bulan"]),
            ),
            langkah=(
                _("Persentase predikat %(predikat)s: %(persen)s.")
                % {"predikat": predikat.label, "persen": values["persen"]},
                _("Koefisien tahunan %(jenjang)s: %(koefisien)s.")
                % {"jenjang": jenjang.label, "koefisien": values["koefisien"]},
                _("%(bulan)s/12 × %(persen)s × %(koefisien)s = %(hasil)s") % values,
                _(
                    "Disimpan dengan 3 desimal: %(disimpan)s; ditampilkan dengan 2 desimal: "
                    "%(tampil)s."
                )
                % values,
            ),
        ),
    )


@dataclass(frozen=True)
class Ambang:
    """A cumulative threshold: the target, what is missing, whether it is reached."""

    batas: Decimal | None
    kurang: Decimal | None
    tercapai: bool


@dataclass(frozen=True)
class HasilKumulatif:
    total: Decimal
    kenaikan_pangkat: Ambang
    kenaikan_jenjang: Ambang
    penjelasan: Penjelasan


def credit_total(
    isi: IsiAturan, jenjang: Jenjang, nilai: Iterable[Decimal], awal: Decimal = Decimal(0)
) -> HasilKumulatif:
    """The running total (starting from `awal`) against the next rank and next jenjang."""
    items = [stored(Decimal(v)) for v in nilai]
    total = stored(Decimal(awal) + sum(items, Decimal(0)))
    level = isi.angka_kredit.jenjang[jenjang]
    rank = _threshold(level.kenaikan_pangkat, total)
    step = _threshold(level.kenaikan_jenjang, total)
    steps = [
        _("Angka kredit awal: %(awal)s.") % {"awal": shown(Decimal(awal))},
        *(_("Ditambah %(nilai)s.") % {"nilai": shown(v)} for v in items),
        _("Jumlah: %(total)s.") % {"total": shown(total)},
        _describe(_("kenaikan pangkat"), rank),
        _describe(_("kenaikan jenjang"), step),
    ]
    return HasilKumulatif(
        total,
        rank,
        step,
        Penjelasan(
            ringkasan=_("Angka kredit kumulatif %(total)s sebagai %(jenjang)s.")
            % {"total": shown(total), "jenjang": jenjang.label},
            acuan=isi.acuan,
            masukan=((_("Jenjang"), str(jenjang.label)), (_("Angka kredit awal"), shown(awal))),
            langkah=tuple(steps),
        ),
    )


def _threshold(target: Decimal | None, total: Decimal) -> Ambang:
    if target is None:
        return Ambang(None, None, False)
    missing = max(Decimal(0), target - total)
    return Ambang(target, stored(missing), missing == 0)


def _describe(name: str, threshold: Ambang) -> str:
    if threshold.batas is None:
        return _("Tidak ada ambang %(nama)s untuk jenjang ini.") % {"nama": name}
    if threshold.tercapai:
        return _("Ambang %(nama)s %(batas)s telah tercapai.") % {
            "nama": name,
            "batas": shown(threshold.batas),
        }
    return _("Ambang %(nama)s %(batas)s: kurang %(kurang)s.") % {
        "nama": name,
        "batas": shown(threshold.batas),
        "kurang": shown(threshold.kurang or Decimal(0)),
    }
