"""The counts of the cycle's progress: what one employee contributes to a period's counts, how
the counts add up the unit tree, and the progress rows shown on the dashboards."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kinerja.aturan.enums import PREDIKAT_ORDER
from kinerja.core.i18n import gettext as _

COUNT_KEYS = (
    "pegawai",
    "skp_disetujui",
    "skp_diajukan",
    "skp_belum",
    "laporan_diajukan",
    "laporan_perbaikan",
    "laporan_selesai",
    "laporan_belum",
    "laporan_terlambat",
    "bukti",
    "bukti_menunggu",
    "bukti_diterima",
    "bukti_perbaikan",
    "bukti_ditolak",
    "bukti_terlambat",
    "penilaian_final",
    "penilaian_draf",
    "penilaian_belum",
    "penilaian_terlambat",
)
BUKTI_KEYS = {
    "MENUNGGU": "bukti_menunggu",
    "DITERIMA": "bukti_diterima",
    "PERLU_PERBAIKAN": "bukti_perbaikan",
    "DITOLAK": "bukti_ditolak",
}


@dataclass(frozen=True)
class Batas:
    """A period's deadlines and whether each has passed on the day counted."""

    realisasi_lewat: bool
    verifikasi_lewat: bool
    penilaian_lewat: bool
    laporan_wajib: bool = True
    """False for the annual period: it has no realisation report."""

    @classmethod
    def on(
        cls,
        today: datetime.date,
        realisasi: datetime.date,
        verifikasi: datetime.date,
        penilaian: datetime.date,
        *,
        laporan_wajib: bool = True,
    ) -> Batas:
        return cls(today > realisasi, today > verifikasi, today > penilaian, laporan_wajib)


@dataclass(frozen=True)
class Fakta:
    """One employee in one period: the status of the year's SKP, of the period's report, the
    assessment status and (when final) its predikat."""

    skp: str | None = None
    laporan: str | None = None
    penilaian: str | None = None
    predikat: str | None = None


def empty() -> dict[str, Any]:
    counts: dict[str, Any] = dict.fromkeys(COUNT_KEYS, 0)
    counts["predikat"] = {p.value: 0 for p in PREDIKAT_ORDER}
    return counts


def employee_counts(fakta: Fakta, batas: Batas, many: int = 1) -> dict[str, Any]:
    """What `many` employees with the same facts add to the counts of a period."""
    counts = empty()
    counts["pegawai"] = 1
    approved = fakta.skp == "DISETUJUI"
    if approved:
        counts["skp_disetujui"] = 1
    elif fakta.skp == "DIAJUKAN":
        counts["skp_diajukan"] = 1
    else:
        counts["skp_belum"] = 1
    if fakta.laporan == "DIAJUKAN":
        counts["laporan_diajukan"] = 1
    elif fakta.laporan == "PERLU_PERBAIKAN":
        counts["laporan_perbaikan"] = 1
    elif fakta.laporan == "SELESAI":
        counts["laporan_selesai"] = 1
    elif approved and batas.laporan_wajib:
        counts["laporan_belum"] = 1
        counts["laporan_terlambat"] = int(batas.realisasi_lewat)
    if fakta.penilaian == "FINAL":
        counts["penilaian_final"] = 1
        if fakta.predikat:
            counts["predikat"][fakta.predikat] += 1
    elif fakta.penilaian == "DRAF":
        counts["penilaian_draf"] = 1
    elif approved:
        counts["penilaian_belum"] = 1
    if approved and fakta.penilaian != "FINAL":
        counts["penilaian_terlambat"] = int(batas.penilaian_lewat)
    if many != 1:
        for key in COUNT_KEYS:
            counts[key] *= many
        counts["predikat"] = {k: v * many for k, v in counts["predikat"].items()}
    return counts


def evidence_counts(status: str, n: int, batas: Batas) -> dict[str, Any]:
    """What `n` evidence items of a status add to the counts of a period."""
    counts = empty()
    counts["bukti"] = n
    counts[BUKTI_KEYS[status]] = n
    if status == "MENUNGGU" and batas.verifikasi_lewat:
        counts["bukti_terlambat"] = n
    return counts


def counts_add(into: dict[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    for key in COUNT_KEYS:
        into[key] = into.get(key, 0) + other.get(key, 0)
    predikat = into.setdefault("predikat", {p.value: 0 for p in PREDIKAT_ORDER})
    for key, n in other.get("predikat", {}).items():
        predikat[key] = predikat.get(key, 0) + n
    return into


def counts_sum(items: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    total = empty()
    for item in items:
        counts_add(total, item)
    return total


def share(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Kemajuan:
    label: str
    selesai: int
    total: int
    terlambat: int

    @property
    def persen(self) -> Decimal:
        return share(self.selesai, self.total)


def progress_rows(counts: Mapping[str, Any]) -> list[Kemajuan]:
    """The stages of the cycle for a period: SKP approved of the employees, reports submitted
    of the reports expected (none in the annual period: the row is left out), evidence
    verified, assessments finalised."""
    get = lambda key: int(counts.get(key, 0))  # noqa: E731
    submitted = get("laporan_diajukan") + get("laporan_perbaikan") + get("laporan_selesai")
    verified = get("bukti_diterima") + get("bukti_perbaikan") + get("bukti_ditolak")
    reports = [
        Kemajuan(
            _("Laporan realisasi diajukan"),
            submitted,
            submitted + get("laporan_belum"),
            get("laporan_terlambat"),
        )
    ]
    return [
        Kemajuan(_("SKP disetujui"), get("skp_disetujui"), get("pegawai"), 0),
        *(reports if reports[0].total else []),
        Kemajuan(_("Bukti dukung diverifikasi"), verified, get("bukti"), get("bukti_terlambat")),
        Kemajuan(
            _("Penilaian ditetapkan"),
            get("penilaian_final"),
            get("skp_disetujui"),
            get("penilaian_terlambat"),
        ),
    ]
