"""Schemas of the notification API (django-ninja)."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class NotifikasiOut(Schema):
    id: int
    judul: str
    isi: str
    tautan: str = Field(description="The page it is about (a path on this site).")
    dibaca: bool

    dibaca_pada: datetime.datetime | None
    dibuat_pada: datetime.datetime

    @staticmethod
    def resolve_dibaca(notice: object) -> bool:
        return getattr(notice, "dibaca_pada", None) is not None


class NotifikasiQuery(Schema):
    belum_dibaca_dulu: bool = Field(False, description="Unread ones first (else newest first).")


class JumlahBelumDibacaOut(Schema):
    belum_dibaca: int


class TandaiIn(Schema):
    """Some of the caller's notices (`id`), or all of them (`semua`)."""

    id: list[int] | None = Field(None, description="The ids of the caller's notices.")
    semua: bool = False


class TandaiOut(Schema):
    ditandai: int = Field(description="How many unread notices were marked read.")
