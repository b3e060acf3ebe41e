"""Helpers that write audit entries the way services do."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor, audit_record
from kinerja.conftest import Agency


@dataclass
class Entries:
    """Entries about several objects, by several actors (see `make_entries`)."""

    pegawai: Entri  # about an employee inside the admin's subtree
    outsider: Entri  # about an employee outside it
    biro: Entri  # about the admin's own unit
    lain: Entri  # about a unit outside it
    by_admin: Entri  # made by the admin, about something else
    by_pimpinan: Entri  # made by the pimpinan, about something else

    def all(self) -> list[Entri]:
        return [self.pegawai, self.outsider, self.biro, self.lain, self.by_admin, self.by_pimpinan]


def make_entries(agency: Agency) -> Entries:
    boss = Aktor.of_user(agency.superuser, "10.0.0.1")
    return Entries(
        pegawai=audit_record(
            aktor=boss,
            aksi="pegawai.update",
            objek=agency.pegawai,
            sebelum={"golongan": "III/a"},
            sesudah={"golongan": "III/b"},
        ),
        outsider=audit_record(
            aktor=boss,
            aksi="pegawai.update",
            objek=agency.outsider,
            sebelum={"aktif": True},
            sesudah={"aktif": False},
        ),
        biro=audit_record(
            aktor=boss,
            aksi="unit.update",
            objek=agency.biro,
            sebelum={"nama": "Biro Umum"},
            sesudah={"nama": "Biro Umum dan Keuangan"},
        ),
        lain=audit_record(
            aktor=boss,
            aksi="unit.update",
            objek=agency.lain,
            sebelum={"nama": "Biro Lain"},
            sesudah={"nama": "Biro Lainnya"},
        ),
        by_admin=audit_record(
            aktor=Aktor.of_user(agency.admin),
            aksi="token_api.create",
            objek_tipe="akun.tokenapi",
            objek_id="7",
            objek_label="Token skrip admin",
            sesudah={"nama": "skrip"},
        ),
        by_pimpinan=audit_record(
            aktor=Aktor.of_user(agency.pimpinan),
            aksi="token_api.create",
            objek_tipe="akun.tokenapi",
            objek_id="8",
            objek_label="Token pimpinan",
            sesudah={"nama": "laporan"},
        ),
    )


def visible_to(role: str, entries: Entries) -> list[Entri]:
    """The entries each role of the matrix may read (empty: the audit log is a 404)."""
    if role in ("superuser", "auditor"):
        return entries.all()
    if role == "admin":
        return [entries.pegawai, entries.biro, entries.by_admin]
    return []
