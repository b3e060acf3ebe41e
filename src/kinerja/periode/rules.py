"""Pure rules of performance periods: the plan of a year, deadlines, the state transitions."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from kinerja.core.formatting import MONTHS
from kinerja.core.i18n import gettext as _
from kinerja.periode.enums import JenisPeriode, StatusPeriode

TAHUNAN = "TAHUNAN"
QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}

OPEN = "open"
CLOSE = "close"
REOPEN = "reopen"
LOCK = "lock"
UNLOCK = "unlock"

# (status now, action) -> status after.
TRANSITIONS: dict[tuple[StatusPeriode, str], StatusPeriode] = {
    (StatusPeriode.DRAF, OPEN): StatusPeriode.DIBUKA,
    (StatusPeriode.DIBUKA, CLOSE): StatusPeriode.DITUTUP,
    (StatusPeriode.DITUTUP, REOPEN): StatusPeriode.DIBUKA,
    (StatusPeriode.DITUTUP, LOCK): StatusPeriode.DIKUNCI,
    (StatusPeriode.DIKUNCI, UNLOCK): StatusPeriode.DITUTUP,
}
ACTIONS = (OPEN, CLOSE, REOPEN, LOCK, UNLOCK)
REASON_REQUIRED = frozenset({CLOSE, REOPEN, LOCK, UNLOCK})


def action_label(action: str) -> str:
    return {
        OPEN: _("Buka"),
        CLOSE: _("Tutup"),
        REOPEN: _("Buka kembali"),
        LOCK: _("Kunci"),
        UNLOCK: _("Buka kunci"),
    }[action]


def transition_error(status: StatusPeriode, action: str) -> str | None:
    """Why a period in this status cannot take this action (None when it can)."""
    if (status, action) in TRANSITIONS:
        return None
    if action not in ACTIONS:
        return _("Tindakan tidak dikenal.")
    return _("Periode berstatus %(status)s tidak dapat %(aksi)s.") % {
        "status": str(status.label).lower(),
        "aksi": _action_passive(action),
    }


def _action_passive(action: str) -> str:
    """The action in the passive voice ("ditutup"), for sentences about a period."""
    return {
        OPEN: _("dibuka"),
        CLOSE: _("ditutup"),
        REOPEN: _("dibuka kembali"),
        LOCK: _("dikunci"),
        UNLOCK: _("dibuka kuncinya"),
    }[action]


def actions_allowed(status: StatusPeriode) -> list[str]:
    return [action for (state, action) in TRANSITIONS if state == status]


def reason_error(action: str, alasan: str) -> str | None:
    if action in REASON_REQUIRED and not alasan.strip():
        return _("Alasan wajib diisi untuk tindakan ini.")
    return None


@dataclass(frozen=True)
class RencanaPeriode:
    """One period of a year's plan, with its default deadlines."""

    kode: str
    nama: str
    urutan: int
    mulai: datetime.date
    selesai: datetime.date
    batas_realisasi: datetime.date
    batas_verifikasi: datetime.date
    batas_penilaian: datetime.date


def period_name(kode: str) -> str:
    """The Indonesian name of a period code: TW3 -> "Triwulan III", B02 -> "Februari"."""
    if kode == TAHUNAN:
        return _("Tahunan")
    if kode.startswith("TW") and kode[2:].isdigit() and int(kode[2:]) in QUARTER_NAMES:
        number = int(kode[2:])
        if number == 4:
            return _("Triwulan IV-Akhir")  # the last quarter closes the year
        return _("Triwulan %(nomor)s") % {"nomor": QUARTER_NAMES[number]}
    if kode.startswith("B") and kode[1:].isdigit() and 1 <= int(kode[1:]) <= 12:
        return MONTHS[int(kode[1:]) - 1]
    return kode


def period_codes(jenis: JenisPeriode) -> list[str]:
    if jenis == JenisPeriode.BULANAN:
        return [f"B{month:02d}" for month in range(1, 13)]
    return [f"TW{quarter}" for quarter in range(1, 5)]


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _plan_one(
    kode: str, urutan: int, mulai: datetime.date, selesai: datetime.date
) -> RencanaPeriode:
    """Default deadlines: realisation 5 days after the period ends, verification 10, rating 15."""
    return RencanaPeriode(
        kode=kode,
        nama=period_name(kode),
        urutan=urutan,
        mulai=mulai,
        selesai=selesai,
        batas_realisasi=selesai + datetime.timedelta(days=5),
        batas_verifikasi=selesai + datetime.timedelta(days=10),
        batas_penilaian=selesai + datetime.timedelta(days=15),
    )


def year_plan(tahun: int, jenis: JenisPeriode) -> list[RencanaPeriode]:
    """The periods of a year (quarters or months) and the annual evaluation, in order."""
    plans = []
    step = 1 if jenis == JenisPeriode.BULANAN else 3
    for index, kode in enumerate(period_codes(jenis)):
        first_month = index * step + 1
        mulai = datetime.date(tahun, first_month, 1)
        selesai = _month_end(tahun, first_month + step - 1)
        plans.append(_plan_one(kode, index + 1, mulai, selesai))
    annual = _plan_one(
        TAHUNAN, len(plans) + 1, datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    )
    plans.append(annual)
    return plans


def default_skp_deadline(tahun: int) -> datetime.date:
    """SKPs are submitted by the end of January (DOMAIN.md section 2; configurable per year)."""
    return datetime.date(tahun, 1, 31)


def deadline_errors(
    mulai: datetime.date,
    selesai: datetime.date,
    batas_realisasi: datetime.date,
    batas_verifikasi: datetime.date,
    batas_penilaian: datetime.date,
) -> dict[str, str]:
    """Deadlines must follow the period and each other: realisation ≤ verification ≤ rating."""
    errors = {}
    if selesai < mulai:
        errors["selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if batas_realisasi < mulai:
        errors["batas_realisasi"] = _("Batas realisasi tidak boleh sebelum periode dimulai.")
    if batas_verifikasi < batas_realisasi:
        errors["batas_verifikasi"] = _("Batas verifikasi tidak boleh sebelum batas realisasi.")
    if batas_penilaian < batas_verifikasi:
        errors["batas_penilaian"] = _("Batas penilaian tidak boleh sebelum batas verifikasi.")
    return errors


def year_range_error(tahun: int) -> str | None:
    if not 2000 <= tahun <= 2100:
        return _("Tahun harus antara 2000 dan 2100.")
    return None


def year_errors(
    tahun: int, batas_pengajuan_skp: datetime.date, batas_persetujuan_skp: datetime.date
) -> dict[str, str]:
    errors = {}
    if problem := year_range_error(tahun):
        errors["tahun"] = problem
    if batas_persetujuan_skp < batas_pengajuan_skp:
        errors["batas_persetujuan_skp"] = _(
            "Batas persetujuan SKP tidak boleh sebelum batas pengajuan."
        )
    return errors
