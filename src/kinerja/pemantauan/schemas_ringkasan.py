"""Schemas of the HR / leaders' dashboard API (`/api/v1/pemantauan/ringkasan…`)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema

from kinerja.skp.schemas import PilihanOut


class UnitOut(Schema):
    id: int
    kode: str
    nama: str


class PeriodeOut(Schema):
    id: int
    kode: str
    nama: str
    tahun: int


class PembaruanOut(Schema):
    id: int
    selesai_pada: datetime.datetime | None


class TahapOut(Schema):
    label: str
    selesai: int
    total: int
    terlambat: int
    persen: Decimal = Field(description="selesai of total, in percent (one decimal).")


class SelPredikatOut(Schema):
    predikat: PilihanOut
    jumlah: int
    persen: Decimal = Field(description="Of the final assessments (dinilai), in percent.")


class KurvaOut(Schema):
    predikat_organisasi: PilihanOut | None
    status: str = Field(description="SESUAI, TIDAK_SESUAI, KECIL (too small to judge), BELUM.")
    label: str


class BarisUnitOut(Schema):
    unit: UnitOut
    langsung: bool = Field(description="True: the unit's direct members only.")
    pegawai: int
    kemajuan: list[TahapOut]
    distribusi: list[SelPredikatOut]
    dinilai: int
    kurva: KurvaOut | None = Field(description="The unit's own group; only for all jenis jabatan.")


class PegawaiOut(Schema):
    id: int
    nip: str
    nama: str


class TerlambatOut(Schema):
    pegawai: PegawaiOut
    jabatan: str
    penilai: PegawaiOut | None
    laporan: bool = Field(description="No report submitted after the realisation deadline.")
    bukti: int = Field(description="Evidence items waiting for verification after its deadline.")
    penilaian: bool = Field(description="Assessment not final after the rating deadline.")


class TerlambatPage(Schema):
    jumlah: int
    halaman: int
    halaman_total: int
    items: list[TerlambatOut]


class RingkasanOut(Schema):
    unit: UnitOut
    jejak: list[UnitOut] = Field(description="The readable units from the top down to this one.")
    periode: PeriodeOut | None
    jenis_jabatan: str
    pembaruan: PembaruanOut | None = Field(description="The last completed refresh (None: none).")
    berjalan: bool = Field(description="A refresh is running.")
    ringkasan: BarisUnitOut | None = Field(description="The unit with its whole subtree.")
    langsung: BarisUnitOut | None
    sub_unit: list[BarisUnitOut]
    instansi: BarisUnitOut | None = Field(description="The agency (the root unit) to compare.")
    terlambat: TerlambatPage


class MatriksBarisOut(Schema):
    periode: PeriodeOut
    dinilai: int
    distribusi: list[SelPredikatOut]


class HarapanOut(Schema):
    predikat: PilihanOut
    jumlah: Decimal
    rendah: int
    tinggi: int


class TrenOut(Schema):
    tren: PilihanOut
    jumlah: int


class ProyeksiOut(Schema):
    periode_dasar: PeriodeOut
    anggota: int
    harapan: list[HarapanOut]
    tren: list[TrenOut]
    tren_tahunan: list[TrenOut]
    peringatan: int


class MatriksOut(Schema):
    unit: UnitOut
    jenis_jabatan: str
    baris: list[MatriksBarisOut]
    proyeksi: ProyeksiOut | None


class PekerjaanOut(Schema):
    id: UUID
    url: str
