"""Schemas of the recap API."""

from __future__ import annotations

from uuid import UUID

from ninja import Field, Schema


class RekapIn(Schema):
    tahun: int
    periode: str = Field(description="TW1…TW4, B01…B12 or TAHUNAN")
    unit_id: int | None = None
    format: str = Field("xlsx", description="csv, xlsx or json")


class PekerjaanOut(Schema):
    id: UUID
    url: str = Field(description="Where to follow the job: /api/v1/pekerjaan/{id}.")


class BarisOut(Schema):
    nip: str
    nama: str
    unit_kode: str
    periode: str
    rating_hasil: str
    rating_perilaku: str
    status: str
    predikat: str
    predikat_organisasi: str | None
    kurva_sesuai: bool | None
    angka_kredit: float | None
    tukin_bruto: int | None
    potongan_persen: float | None
    tukin_netto: int | None
    kotak_talenta: int | None


class DikecualikanOut(Schema):
    nip: str
    nama: str
    unit_kode: str
    keterangan: str
    alasan: str
    mulai: str | None
    sampai: str | None
    dinilai: bool


class BarisPage(Schema):
    count: int
    items: list[BarisOut]


class DikecualikanPage(Schema):
    count: int
    items: list[DikecualikanOut]
