from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from ninja import Schema


class PekerjaanOut(Schema):
    id: UUID
    jenis: str
    judul: str
    status: str
    persen: int
    selesai: int
    total: int
    tahap: str
    hasil: Any
    galat: str
    dibuat_pada: datetime.datetime
    selesai_pada: datetime.datetime | None


class PekerjaanPage(Schema):
    count: int
    page: int
    pages: int
    items: list[PekerjaanOut]
