"""The trend of a series of predikat: naik, stagnan or turun.

Each predikat scores 5 (Sangat Baik) down to 1 (Sangat Kurang). Over the last `jendela` values,
the latest score is compared with the average of the ones before it: a difference of at least
`ambang` is naik (or, negative, turun); anything smaller is stagnan. A series shorter than
`minimum_titik` has not enough data. The explanation also names how long the latest predikat has
held ("stagnan di Butuh Perbaikan selama 3 periode").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kinerja.aturan.enums import Predikat, Tren
from kinerja.aturan.rules.isi import IsiAturan
from kinerja.aturan.rules.penjelasan import Penjelasan
from kinerja.core.formatting import format_number
from kinerja.core.i18n import gettext as _


@dataclass(frozen=True)
class HasilTren:
    tren: Tren
    selisih: Decimal | None
    terakhir: Predikat | None
    lama_terakhir: int
    penjelasan: Penjelasan


def _run(series: Sequence[Predikat]) -> int:
    length = 0
    for predikat in reversed(series):
        if predikat != series[-1]:
            break
        length += 1
    return length


def trend_classify(isi: IsiAturan, series: Sequence[Predikat]) -> HasilTren:
    """Classify the series (oldest first)."""
    rules = isi.tren
    shown = " → ".join(str(p.label) for p in series) or "—"
    inputs = ((_("Rangkaian predikat"), shown),)
    if len(series) < rules.minimum_titik:
        summary = _("Belum cukup data: perlu paling sedikit %(minimum)s predikat.") % {
            "minimum": rules.minimum_titik
        }
        return HasilTren(
            Tren.BELUM_CUKUP_DATA,
            None,
            series[-1] if series else None,
            _run(series) if series else 0,
            Penjelasan(summary, isi.acuan, inputs, (summary,)),
        )
    window = list(series[-rules.jendela :])
    latest, earlier = window[-1], window[:-1]
    average = Decimal(sum(p.score for p in earlier)) / len(earlier)
    difference = latest.score - average
    if difference >= rules.ambang:
        trend = Tren.NAIK
    elif difference <= -rules.ambang:
        trend = Tren.TURUN
    else:
        trend = Tren.STAGNAN
    run = _run(series)
    values = {
        "terakhir": latest.label,
        "skor": latest.score,
        "rata": format_number(average, 2),
        "selisih": format_number(difference, 2),
        "ambang": format_number(rules.ambang, 2),
        "tren": str(trend.label).lower(),
        "lama": run,
    }
    if trend == Tren.STAGNAN:
        summary = _("Stagnan di %(terakhir)s selama %(lama)s periode.") % values
    else:
        summary = _("Tren %(tren)s: predikat terakhir %(terakhir)s.") % values
    steps = (
        _("Skor predikat: Sangat Baik 5, Baik 4, Butuh Perbaikan 3, Kurang 2, Sangat Kurang 1."),
        _("Jendela %(jendela)s periode terakhir: %(nilai)s.")
        % {"jendela": rules.jendela, "nilai": " → ".join(str(p.label) for p in window)},
        _("Skor terakhir %(skor)s dibandingkan rata-rata sebelumnya %(rata)s: selisih %(selisih)s.")
        % values,
        _("Ambang naik/turun ±%(ambang)s: tren %(tren)s.") % values,
    )
    shown_difference = difference.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return HasilTren(
        trend, shown_difference, latest, run, Penjelasan(summary, isi.acuan, inputs, steps)
    )
