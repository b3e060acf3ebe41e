from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema

from kinerja.audit import labels
from kinerja.audit.models import Entri


class AuditFilterQuery(Schema):
    """Query parameters of GET /audit/ (checked by the same form as the page)."""

    aksi: str | None = None
    objek_tipe: str | None = None
    objek_id: str | None = None
    aktor: str | None = None
    dari: str | None = None
    sampai: str | None = None
    q: str | None = None
    page: int = 1


class EntriOut(Schema):
    urutan: int
    waktu: datetime.datetime
    aktor_id: int | None
    aktor_label: str
    alamat_ip: str | None
    aksi: str
    aksi_label: str
    objek_tipe: str
    objek_id: str
    objek_label: str
    sebelum: Any
    sesudah: Any
    keterangan: str
    hash_sebelumnya: str
    hash: str

    @staticmethod
    def resolve_aksi_label(entry: Entri) -> str:
        return labels.action_label(entry.aksi)


class EntriPage(Schema):
    count: int
    page: int
    pages: int
    items: list[EntriOut]


class ChainBreakOut(Schema):
    urutan: int
    alasan: str


class ChainReportOut(Schema):
    utuh: bool
    diperiksa: int
    kerusakan: list[ChainBreakOut]
