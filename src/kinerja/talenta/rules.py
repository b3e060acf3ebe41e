"""Pure rules of talent management (DOMAIN.md section 10): the 9-box grid layout, the merit
lists (succession, promotion, improvement plan needed) with their reasons, and the improvement
plan's lifecycle (transitions, end date, what closing and cancelling need).

Plain values in, plain values out: no ORM, no request.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kinerja.aturan.enums import PREDIKAT_ORDER, Potensi, Predikat, Rating
from kinerja.aturan.rules.isi import Merit
from kinerja.core.i18n import gettext as _
from kinerja.talenta.enums import StatusPerbaikan, TindakLanjut

# --- The 9-box grid --------------------------------------------------------------------------

GRID_POTENSI: tuple[Potensi, ...] = (Potensi.TINGGI, Potensi.MENENGAH, Potensi.RENDAH)
"""Rows of the grid, top to bottom."""
GRID_KINERJA: tuple[Rating, ...] = (Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS)
"""Columns of the grid, left to right."""

IMPROVEMENT_BELOW = Predikat.BAIK
"""An employee whose predikat is below this one needs an improvement plan (PP 30/2019)."""


def at_least(predikat: Predikat, minimum: Predikat) -> bool:
    """Whether a predikat is the minimum or better."""
    return PREDIKAT_ORDER.index(predikat) <= PREDIKAT_ORDER.index(minimum)


def years_ending(tahun: int, count: int) -> list[int]:
    """The `count` years ending with `tahun`, oldest first."""
    return list(range(tahun - max(count, 1) + 1, tahun + 1))


def join_words(words: Sequence[str]) -> str:
    """ "A", "A dan B", "A, B, dan C"."""
    items = [str(word) for word in words]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return _("%(a)s dan %(b)s") % {"a": items[0], "b": items[1]}
    return _("%(daftar)s, dan %(akhir)s") % {"daftar": ", ".join(items[:-1]), "akhir": items[-1]}


# --- Merit lists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hasil:
    """Whether an employee meets a criterion, and why (or why not)."""

    memenuhi: bool
    alasan: str


def succession_check(merit: Merit, tahun: int, tahunan: Mapping[int, Predikat]) -> Hasil:
    """Succession candidate: the finalised annual predikat equals `suksesi_predikat` in each of
    the last `suksesi_tahun` years ending with `tahun` (`tahunan`: year → finalised annual
    predikat)."""
    years = years_ending(tahun, merit.suksesi_tahun)
    wanted = merit.suksesi_predikat
    if all(tahunan.get(year) == wanted for year in years):
        return Hasil(
            True,
            _("%(predikat)s pada %(tahun)s")
            % {"predikat": wanted.label, "tahun": join_words([str(y) for y in years])},
        )
    return Hasil(False, _missing_or_below(years, tahunan, lambda p: p == wanted, wanted))


def promotion_check(merit: Merit, tahun: int, tahunan: Mapping[int, Predikat]) -> Hasil:
    """Promotion (kenaikan pangkat): a finalised annual predikat of at least
    `kenaikan_pangkat_predikat` in each of the last `kenaikan_pangkat_tahun` years."""
    years = years_ending(tahun, merit.kenaikan_pangkat_tahun)
    minimum = merit.kenaikan_pangkat_predikat

    def meets(predikat: Predikat) -> bool:
        return at_least(predikat, minimum)

    if all(year in tahunan and meets(tahunan[year]) for year in years):
        parts = [
            _("%(predikat)s pada %(tahun)s") % {"predikat": tahunan[year].label, "tahun": year}
            for year in years
        ]
        return Hasil(True, ", ".join(parts))
    return Hasil(False, _missing_or_below(years, tahunan, meets, minimum))


def _missing_or_below(
    years: Sequence[int],
    tahunan: Mapping[int, Predikat],
    meets: Callable[[Predikat], bool],
    wanted: Predikat,
) -> str:
    """Each year that fails: missing, or below what is wanted."""
    parts = []
    for year in years:
        found = tahunan.get(year)
        if found is None:
            parts.append(
                _("%(tahun)s: belum ada predikat tahunan yang ditetapkan") % {"tahun": year}
            )
        elif not meets(found):
            parts.append(
                _("%(tahun)s: %(predikat)s (dibutuhkan %(minimum)s)")
                % {"tahun": year, "predikat": found.label, "minimum": wanted.label}
            )
    return "; ".join(parts)


def needs_improvement(predikat: Predikat) -> bool:
    """A predikat below Baik: the employee needs an improvement plan."""
    return not at_least(predikat, IMPROVEMENT_BELOW)


def improvement_reason(predikat: Predikat, periode: str) -> str:
    return _("Predikat %(predikat)s pada %(periode)s, di bawah %(batas)s.") % {
        "predikat": predikat.label,
        "periode": periode,
        "batas": IMPROVEMENT_BELOW.label,
    }


# --- Improvement plans -----------------------------------------------------------------------

TRANSITIONS: Mapping[StatusPerbaikan, frozenset[StatusPerbaikan]] = {
    StatusPerbaikan.BERJALAN: frozenset(
        {StatusPerbaikan.BERHASIL, StatusPerbaikan.TIDAK_BERHASIL, StatusPerbaikan.DIBATALKAN}
    ),
    StatusPerbaikan.BERHASIL: frozenset(),
    StatusPerbaikan.TIDAK_BERHASIL: frozenset(),
    StatusPerbaikan.DIBATALKAN: frozenset(),
}
CLOSED = (StatusPerbaikan.BERHASIL, StatusPerbaikan.TIDAK_BERHASIL)


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the last day of that month when it is shorter
    (31 August + 6 months = 28 or 29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def plan_end(mulai: datetime.date, bulan: int) -> datetime.date:
    """When a plan started on `mulai` ends: `merit.bulan_perbaikan` months later."""
    return add_months(mulai, bulan)


def transition_error(current: StatusPerbaikan, target: StatusPerbaikan) -> str | None:
    if target in TRANSITIONS[current]:
        return None
    return _("Rencana perbaikan berstatus %(status)s tidak dapat diubah menjadi %(target)s.") % {
        "status": str(current.label).lower(),
        "target": str(target.label).lower(),
    }


def create_errors(*, sasaran: str, running: bool, pembimbing_is_pegawai: bool) -> dict[str, str]:
    errors = {}
    if not sasaran.strip():
        errors["sasaran"] = _("Tuliskan sasaran perbaikan kinerja.")
    if pembimbing_is_pegawai:
        errors["pembimbing"] = _("Pembimbing tidak boleh pegawai itu sendiri.")
    if running:
        errors["pegawai"] = running_error()
    return errors


def running_error() -> str:
    return _(
        "Pegawai ini masih memiliki rencana perbaikan yang berjalan; tutup atau batalkan "
        "rencana itu lebih dulu."
    )


def close_errors(
    *, current: StatusPerbaikan, target: StatusPerbaikan, hasil: str, tindak_lanjut: str
) -> dict[str, str]:
    """Closing needs the evaluation result, and the follow-up when the plan was not met (and
    none when it was)."""
    problem = transition_error(current, target)
    if problem:
        return {"status": problem}
    if target not in CLOSED:
        return {"status": _("Pilih hasil: berhasil atau tidak berhasil.")}
    errors = {}
    if not hasil.strip():
        errors["hasil"] = _("Tuliskan hasil evaluasi rencana perbaikan.")
    if target == StatusPerbaikan.TIDAK_BERHASIL and TindakLanjut.parse(tindak_lanjut) is None:
        errors["tindak_lanjut"] = _(
            "Pilih tindak lanjut untuk rencana perbaikan yang tidak berhasil."
        )
    if target == StatusPerbaikan.BERHASIL and tindak_lanjut:
        errors["tindak_lanjut"] = _("Rencana yang berhasil tidak memerlukan tindak lanjut.")
    return errors


def cancel_errors(*, current: StatusPerbaikan, alasan: str) -> dict[str, str]:
    problem = transition_error(current, StatusPerbaikan.DIBATALKAN)
    if problem:
        return {"status": problem}
    if not alasan.strip():
        return {"alasan": _("Tuliskan alasan pembatalan.")}
    return {}


def note_errors(
    *, current: StatusPerbaikan, isi: str, tanggal: datetime.date, today: datetime.date
) -> dict[str, str]:
    if current != StatusPerbaikan.BERJALAN:
        return {"status": _("Catatan hanya dapat ditambahkan selama rencana perbaikan berjalan.")}
    errors = {}
    if not isi.strip():
        errors["isi"] = _("Tuliskan isi catatan.")
    if tanggal > today:
        errors["tanggal"] = _("Tanggal catatan tidak boleh melewati hari ini.")
    return errors
