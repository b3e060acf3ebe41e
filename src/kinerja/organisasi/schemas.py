"""Schemas of the organisation API (django-ninja)."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema


class UnitRefOut(Schema):
    id: int
    kode: str
    nama: str


class UnitOut(Schema):
    """A unit in the flat list: its parent and its materialised path."""

    id: int
    kode: str
    nama: str
    induk_id: int | None
    jalur: str
    kedalaman: int
    aktif: bool


class UnitNodeOut(UnitOut):
    """A unit in the tree, with its active employees (its own and its subtree's)."""

    jumlah_pegawai: int
    jumlah_pegawai_total: int
    anak: list[UnitNodeOut]


class UnitChildOut(UnitRefOut):
    aktif: bool
    jumlah_pegawai: int
    jumlah_anak: int


class UnitDetailOut(UnitOut):
    induk: UnitRefOut | None
    leluhur: list[UnitRefOut]
    anak: list[UnitChildOut]
    jumlah_pegawai: int
    jumlah_pegawai_total: int


class UnitCreateIn(Schema):
    kode: str
    nama: str
    induk_id: int | None = None


class UnitPatchIn(Schema):
    """Only the fields sent are changed; `induk_id: null` moves the unit to the top."""

    nama: str | None = None
    induk_id: int | None = None
    aktif: bool | None = None


class PenilaiRef(Schema):
    """An appraiser by id or by NIP (`null` for both: no appraiser)."""

    penilai_id: int | None = None
    penilai_nip: str | None = None


class UnitPenilaiIn(PenilaiRef):
    include_subunits: bool = False
    berlaku_mulai: datetime.date | None = None
    alasan: str = ""


class JumlahOut(Schema):
    jumlah: int


class PegawaiFilterQuery(Schema):
    """Query parameters of GET /pegawai (checked by the same form as the page)."""

    q: str | None = None
    unit: int | None = None
    subunit: bool | None = None
    jenis_jabatan: str | None = None
    status: str | None = None
    status_kepegawaian: str | None = None


class JabatanOut(Schema):
    id: int
    nama: str
    jenis_jabatan: str
    jenjang: str
    kelas_jabatan: int | None


class PegawaiRefOut(Schema):
    id: int
    nip: str
    nama: str


class PegawaiOut(Schema):
    id: int
    nip: str
    nama: str
    status_kepegawaian: str
    golongan: str
    aktif: bool
    unit: UnitRefOut
    jabatan: JabatanOut
    penilai: PegawaiRefOut | None
    pengecualian: str | None = None

    @staticmethod
    def resolve_pengecualian(pegawai: Any) -> str | None:
        """The kind of the exclusion in effect today, if any."""
        return getattr(pegawai, "pengecualian_jenis", None)


class PenilaiChainItemOut(PegawaiRefOut):
    jabatan: str
    unit: str


class RiwayatPenilaiOut(Schema):
    penilai: PegawaiRefOut | None
    mulai: datetime.date
    sampai: datetime.date | None
    alasan: str


class RiwayatJabatanOut(Schema):
    unit: UnitRefOut
    jabatan: JabatanOut
    mulai: datetime.date
    sampai: datetime.date | None


class PengecualianOut(Schema):
    id: int
    jenis: str
    mulai: datetime.date
    sampai: datetime.date | None
    catatan: str
    berlaku: bool


class NipPartsOut(Schema):
    tanggal_lahir: datetime.date
    jenis_kelamin: str
    bulan_pengangkatan: str


class PegawaiDetailOut(PegawaiOut):
    nip_keterangan: NipPartsOut | None
    pejabat_penilai: PenilaiChainItemOut | None
    atasan_pejabat_penilai: PenilaiChainItemOut | None
    rantai_penilai: list[PenilaiChainItemOut]
    riwayat_penilai: list[RiwayatPenilaiOut]
    riwayat_jabatan: list[RiwayatJabatanOut]
    daftar_pengecualian: list[PengecualianOut]


class PegawaiIn(PenilaiRef):
    nip: str
    nama: str
    status_kepegawaian: str = "PNS"
    golongan: str = ""
    unit_id: int
    jabatan_nama: str
    jenis_jabatan: str
    jenjang: str = ""
    kelas_jabatan: int | None = None
    aktif: bool = True
    berlaku_mulai: datetime.date | None = None


class PegawaiPatchIn(Schema):
    """Only the fields sent are changed. The appraiser: PUT /pegawai/{id}/penilai."""

    nip: str | None = None
    nama: str | None = None
    status_kepegawaian: str | None = None
    golongan: str | None = None
    unit_id: int | None = None
    jabatan_nama: str | None = None
    jenis_jabatan: str | None = None
    jenjang: str | None = None
    kelas_jabatan: int | None = None
    aktif: bool | None = None
    berlaku_mulai: datetime.date | None = None


class PenilaiIn(PenilaiRef):
    berlaku_mulai: datetime.date | None = None
    alasan: str = ""


class PenilaiOut(Schema):
    pegawai: PegawaiRefOut
    penilai: PegawaiRefOut | None
    mulai: datetime.date


class PengecualianIn(Schema):
    jenis: str
    mulai: datetime.date
    sampai: datetime.date | None = None
    catatan: str = ""


class PengecualianEndIn(Schema):
    sampai: datetime.date


class PenggunaRefOut(Schema):
    id: int
    nip: str
    nama: str


class PeranOut(Schema):
    id: int
    pengguna: PenggunaRefOut
    jenis: str
    unit: UnitRefOut | None
    dibuat_pada: datetime.datetime


class PeranIn(Schema):
    pengguna_nip: str
    jenis: str
    unit_id: int | None = None
