"""The talent 9-box (PermenPANRB 3/2020) and the attendance discipline thresholds (PP 94/2021)."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.aturan.enums import Potensi, Predikat, Rating, SanksiKehadiran
from kinerja.aturan.rules.isi import IsiAturan
from kinerja.aturan.rules.penjelasan import Penjelasan, RuleError
from kinerja.core.i18n import gettext as _


@dataclass(frozen=True)
class HasilTalenta:
    kotak: int
    kinerja: Rating
    potensi: Potensi
    penjelasan: Penjelasan


def talent_box(isi: IsiAturan, kinerja: Rating | Predikat, potensi: Potensi) -> HasilTalenta:
    """Box 1–9 from performance (a rating, or a predikat mapped by the rule set) and potential."""
    steps = []
    if isinstance(kinerja, Predikat):
        rating = isi.talenta.kinerja[kinerja]
        steps.append(
            _("Predikat %(predikat)s dibaca sebagai kinerja %(kinerja)s.")
            % {"predikat": kinerja.label, "kinerja": rating.label}
        )
        given = str(kinerja.label)
    else:
        rating, given = kinerja, str(kinerja.label)
    box = isi.talenta.kotak[potensi][rating]
    values = {
        "kotak": box,
        "kinerja": str(rating.label).lower(),
        "potensi": str(potensi.label).lower(),
    }
    steps.append(
        _("Tabel 9 kotak: potensi %(potensi)s dan kinerja %(kinerja)s berada di kotak %(kotak)s.")
        % values
    )
    return HasilTalenta(
        box,
        rating,
        potensi,
        Penjelasan(
            ringkasan=_("Kotak talenta %(kotak)s: kinerja %(kinerja)s, potensi %(potensi)s.")
            % values,
            acuan=isi.acuan,
            masukan=((_("Kinerja"), given), (_("Potensi"), str(potensi.label))),
            langkah=tuple(steps),
        ),
    )


@dataclass(frozen=True)
class HasilDisiplin:
    sanksi: SanksiKehadiran | None
    penjelasan: Penjelasan


def discipline_sanction(isi: IsiAturan, hari_tanpa_keterangan: int) -> HasilDisiplin:
    """The sanction reached by the cumulative days absent without reason in a year."""
    if hari_tanpa_keterangan < 0:
        raise RuleError(_("Jumlah hari tidak boleh negatif."))
    band = next(
        (
            b
            for b in isi.disiplin
            if b.dari <= hari_tanpa_keterangan
            and (b.sampai is None or hari_tanpa_keterangan <= b.sampai)
        ),
        None,
    )
    values = {"hari": hari_tanpa_keterangan}
    if band is None:
        summary = (
            _("%(hari)s hari tanpa keterangan belum mencapai ambang sanksi disiplin.") % values
        )
    else:
        summary = _("%(hari)s hari tanpa keterangan: %(sanksi)s.") % {
            **values,
            "sanksi": band.sanksi.label,
        }
    return HasilDisiplin(
        band.sanksi if band else None,
        Penjelasan(
            ringkasan=summary,
            acuan=isi.acuan,
            masukan=(
                (_("Hari tidak masuk tanpa keterangan dalam setahun"), str(hari_tanpa_keterangan)),
            ),
            langkah=tuple(
                _("%(dari)s–%(sampai)s hari: %(sanksi)s")
                % {
                    "dari": b.dari,
                    "sampai": b.sampai if b.sampai is not None else "…",
                    "sanksi": b.sanksi.label,
                }
                for b in isi.disiplin
            ),
        ),
    )
