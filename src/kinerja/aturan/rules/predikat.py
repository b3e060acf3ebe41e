"""The predikat from the result rating and the behaviour rating (the quadrant of the rule set)."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.aturan.enums import Predikat, Rating
from kinerja.aturan.rules.isi import IsiAturan
from kinerja.aturan.rules.penjelasan import Penjelasan
from kinerja.core.i18n import gettext as _


@dataclass(frozen=True)
class HasilPredikat:
    predikat: Predikat
    penjelasan: Penjelasan


def predikat_compute(isi: IsiAturan, hasil: Rating, perilaku: Rating) -> HasilPredikat:
    """Predikat Baik for (Sesuai, Di Atas) under the default quadrant, with its explanation."""
    predikat = isi.predikat[hasil][perilaku]
    values = {
        "predikat": predikat.label,
        "hasil": str(hasil.label).lower(),
        "perilaku": str(perilaku.label).lower(),
    }
    return HasilPredikat(
        predikat,
        Penjelasan(
            ringkasan=_(
                "Predikat %(predikat)s karena hasil kerja %(hasil)s dan perilaku kerja "
                "%(perilaku)s."
            )
            % values,
            acuan=isi.acuan,
            masukan=(
                (_("Rating hasil kerja"), str(hasil.label)),
                (_("Rating perilaku kerja"), str(perilaku.label)),
            ),
            langkah=(
                _(
                    "Kuadran predikat: baris hasil kerja %(hasil)s, kolom perilaku kerja "
                    "%(perilaku)s memberikan predikat %(predikat)s."
                )
                % values,
                _("Tidak ada pembobotan: kedua rating digabungkan melalui kuadran."),
            ),
        ),
    )
