from __future__ import annotations

from uuid import UUID

from ninja import Schema


class ImporOut(Schema):
    pekerjaan_id: UUID
    url: str
