"""Early warning: employees likely to be at Butuh Perbaikan or below next period, with reasons.

An employee is warned when the projection (of a model that beats the naive forecast) gives
Butuh Perbaikan or lower at least `AMBANG_RISIKO`; when the model is not used and the naive
forecast ("same as last period") keeps them at Butuh Perbaikan or lower; or — whatever the
model — when at least `MINIMUM_SINYAL` of these signals hold: the latest predikat is Butuh
Perbaikan or lower; the latest result rating is lower than the one before; the report of the
current period has results without evidence; at least half of its evidence is rejected or to be
fixed; it was returned.
The reasons are stored as codes with values (`Alasan`) and worded at display time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.aturan.enums import Predikat, Rating
from kinerja.core.i18n import gettext as _
from kinerja.pemantauan.rules.proyeksi import LOW, Bukti, Prediksi, percent

AMBANG_RISIKO = Decimal("0.5")
MINIMUM_SINYAL = 2
RATING_SCORE = {Rating.DI_ATAS: 3, Rating.SESUAI: 2, Rating.DI_BAWAH: 1}

RISIKO = "RISIKO"
PREDIKAT_RENDAH = "PREDIKAT_RENDAH"
RATING_TURUN = "RATING_TURUN"
BUKTI_KURANG = "BUKTI_KURANG"
BUKTI_DITOLAK = "BUKTI_DITOLAK"
LAPORAN_DIKEMBALIKAN = "LAPORAN_DIKEMBALIKAN"


@dataclass(frozen=True)
class Alasan:
    kode: str
    nilai: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"kode": self.kode, "nilai": dict(self.nilai)}


@dataclass(frozen=True)
class Peringatan:
    aktif: bool
    alasan: tuple[Alasan, ...]


def signals(
    *,
    terakhir: Predikat | None,
    rating_hasil: Sequence[Rating],
    bukti: Bukti | None,
    periode_bukti: str,
) -> list[Alasan]:
    """The warning signals of one employee: the latest predikat, the last two result ratings
    (oldest first), and the evidence of the current period's report (`periode_bukti` its label;
    None when there is no current report)."""
    found: list[Alasan] = []
    if terakhir is not None and terakhir in LOW:
        found.append(Alasan(PREDIKAT_RENDAH, {"predikat": terakhir.value}))
    if len(rating_hasil) >= 2 and RATING_SCORE[rating_hasil[-1]] < RATING_SCORE[rating_hasil[-2]]:
        found.append(
            Alasan(RATING_TURUN, {"dari": rating_hasil[-2].value, "ke": rating_hasil[-1].value})
        )
    if bukti is not None:
        if bukti.rhk_tanpa_bukti:
            found.append(
                Alasan(BUKTI_KURANG, {"jumlah": bukti.rhk_tanpa_bukti, "periode": periode_bukti})
            )
        weak = bukti.ditolak + bukti.perlu_perbaikan
        if bukti.total and weak * 2 >= bukti.total:
            found.append(
                Alasan(
                    BUKTI_DITOLAK,
                    {"jumlah": weak, "total": bukti.total, "periode": periode_bukti},
                )
            )
        if bukti.dikembalikan:
            found.append(
                Alasan(
                    LAPORAN_DIKEMBALIKAN,
                    {"jumlah": bukti.dikembalikan, "periode": periode_bukti},
                )
            )
    return found


def warning_of(prediksi: Prediksi | None, found: Sequence[Alasan], *, dipakai: bool) -> Peringatan:
    """Warned: the model (when used) gives Butuh Perbaikan or lower at least AMBANG_RISIKO; or
    the naive forecast (model not used, or too little history) keeps the employee at Butuh
    Perbaikan or lower; or at least MINIMUM_SINYAL signals hold."""
    reasons = list(found)
    risky = False
    if prediksi is not None:
        if dipakai and prediksi.sumber != "NAIF":
            risky = prediksi.risiko >= AMBANG_RISIKO
            if risky:
                reasons.insert(0, Alasan(RISIKO, {"peluang": str(prediksi.risiko)}))
        else:
            risky = prediksi.terpilih in LOW
    return Peringatan(risky or len(found) >= MINIMUM_SINYAL, tuple(reasons))


def reason_text(kode: str, nilai: Mapping[str, Any]) -> str:
    """One stored reason in words."""
    if kode == RISIKO:
        return _("Peluang Butuh Perbaikan atau lebih rendah pada periode berikutnya %(p)s.") % {
            "p": percent(Decimal(nilai["peluang"]))
        }
    if kode == PREDIKAT_RENDAH:
        return _("Predikat terakhir %(predikat)s.") % {
            "predikat": Predikat(nilai["predikat"]).label
        }
    if kode == RATING_TURUN:
        return _("Rating hasil kerja turun dari %(dari)s ke %(ke)s.") % {
            "dari": Rating(nilai["dari"]).label,
            "ke": Rating(nilai["ke"]).label,
        }
    if kode == BUKTI_KURANG:
        return _("%(jumlah)s RHK belum memiliki bukti dukung pada %(periode)s.") % nilai
    if kode == BUKTI_DITOLAK:
        return (
            _("%(jumlah)s dari %(total)s bukti dukung %(periode)s ditolak atau perlu perbaikan.")
            % nilai
        )
    if kode == LAPORAN_DIKEMBALIKAN:
        return _("Laporan realisasi %(periode)s dikembalikan %(jumlah)s kali.") % nilai
    return kode


def reasons_text(stored: Sequence[Mapping[str, Any]]) -> list[str]:
    return [reason_text(str(item["kode"]), item.get("nilai", {})) for item in stored]
