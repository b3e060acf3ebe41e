"""Schemas of the allowance API (django-ninja).

Amounts are whole rupiah (integers); percents are decimal strings with two decimals ("4.00").
A month's allowance comes with its explanation (`penjelasan`)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from kinerja.aturan.schemas import PenjelasanOut, SetAturanRefOut
from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PilihanOut, pilihan
from kinerja.tukin.enums import SebabPerhitungan


class PegawaiRefOut(Schema):
    id: int
    nip: str
    nama: str


class RingkasOut(Schema):
    """One month of an employee's year."""

    bulan: int
    dihitung: bool = Field(description="False: the month's allowance is not computed.")
    bruto: int | None
    insentif: int | None
    persen_potongan: str | None
    potongan_rupiah: int | None
    netto: int | None


class JumlahOut(Schema):
    baris: int
    besaran: int
    insentif: int
    bruto: int
    persen_potongan: str
    potongan_rupiah: int
    netto: int


class TahunOut(Schema):
    pegawai: PegawaiRefOut
    tahun: int
    bulan: list[RingkasOut]
    jumlah: JumlahOut


class PotonganOut(Schema):
    kode: str = Field(description="tl1–tl4, psw1–psw4, tanpa_rekaman, tanpa_keterangan, …")
    label: str
    kejadian: int
    persen_satuan: str
    persen: str


class TukinOut(Schema):
    unit: UnitRefOut
    jabatan: str
    kelas_jabatan: int
    set_aturan: SetAturanRefOut
    predikat_tahun_lalu: PilihanOut | None
    kehadiran_tercatat: bool
    besaran: int
    insentif: int
    bruto: int
    persen_potongan_dihitung: str = Field(description="The sum of the cuts, before the cap.")
    persen_potongan: str = Field(description="The cut applied (capped).")
    potongan_rupiah: int
    netto: int
    potongan: list[PotonganOut]
    penjelasan: PenjelasanOut
    dihitung_pada: datetime.datetime


class KehadiranIn(Schema):
    tl1: int = 0
    tl2: int = 0
    tl3: int = 0
    tl4: int = 0
    psw1: int = 0
    psw2: int = 0
    psw3: int = 0
    psw4: int = 0
    tanpa_rekaman: int = 0
    tanpa_keterangan: int = 0
    cuti_alasan_penting: int = 0
    hukuman_disiplin_sedang: bool = False


class KehadiranOut(KehadiranIn):
    dicatat_oleh: str
    diubah_pada: datetime.datetime


class PerubahanOut(Schema):
    perhitungan_id: int
    pegawai: PegawaiRefOut
    bruto_lama: int | None
    bruto_baru: int | None
    persen_lama: str | None
    persen_baru: str | None
    netto_lama: int | None
    netto_baru: int | None
    sebab: list[str]


class BulanOut(Schema):
    pegawai: PegawaiRefOut
    tahun: int
    bulan: int
    tukin: TukinOut | None
    kehadiran: KehadiranOut | None
    perubahan: list[PerubahanOut]


def _pegawai(pegawai: Any) -> dict[str, Any]:
    return {"id": pegawai.pk, "nip": pegawai.nip, "nama": pegawai.nama}


def _unit(unit: Any) -> dict[str, Any] | None:
    return None if unit is None else {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def percent_text(value: Decimal | str | None) -> str | None:
    """Decimal('4') -> '4.00'."""
    if value is None:
        return None
    return str(Decimal(value).quantize(Decimal("0.01")))


def kehadiran_dict(kehadiran: Any) -> dict[str, Any] | None:
    if kehadiran is None:
        return None
    return {
        **{name: getattr(kehadiran, name) for name in KehadiranIn.model_fields},
        "dicatat_oleh": kehadiran.dicatat_label,
        "diubah_pada": kehadiran.diubah_pada,
    }


class BarisOut(Schema):
    """One row of the payroll list (resolved from a stored allowance)."""

    pegawai: PegawaiRefOut
    unit: UnitRefOut
    jabatan: str
    kelas_jabatan: int
    besaran: int
    insentif: int
    bruto: int
    persen_potongan: str
    potongan_rupiah: int
    netto: int
    kehadiran_tercatat: bool

    @staticmethod
    def resolve_pegawai(obj: Any) -> dict[str, Any]:
        return _pegawai(obj.pegawai)

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any] | None:
        return _unit(obj.unit)

    @staticmethod
    def resolve_jabatan(obj: Any) -> str:
        return str(obj.jabatan.nama)

    @staticmethod
    def resolve_persen_potongan(obj: Any) -> str | None:
        return percent_text(obj.persen_potongan)


class KehadiranBarisOut(Schema):
    """One employee of the attendance list (resolved from an employee with `bulan_ini`)."""

    pegawai: PegawaiRefOut
    unit: UnitRefOut
    kehadiran: KehadiranOut | None = Field(description="None: not recorded for the month.")

    @staticmethod
    def resolve_pegawai(obj: Any) -> dict[str, Any]:
        return _pegawai(obj)

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any] | None:
        return _unit(obj.unit)

    @staticmethod
    def resolve_kehadiran(obj: Any) -> dict[str, Any] | None:
        return kehadiran_dict(next(iter(obj.bulan_ini), None))


class HitungUlangIn(Schema):
    tahun: int
    bulan: int
    unit_id: int
    alasan: str


class PekerjaanOut(Schema):
    id: str
    url: str = Field(description="Where to follow the job: /api/v1/pekerjaan/{id}.")


class PerhitunganOut(Schema):
    """One recomputation (resolved from the stored run)."""

    id: int
    tahun: int
    bulan: int
    unit: UnitRefOut | None
    sebab: PilihanOut
    alasan: str
    oleh: str
    pada: datetime.datetime
    dihitung: int
    berubah: int
    tetap: int
    dilewati: int
    dihapus: int

    @staticmethod
    def resolve_unit(obj: Any) -> dict[str, Any] | None:
        return _unit(obj.unit)

    @staticmethod
    def resolve_sebab(obj: Any) -> dict[str, str] | None:
        return pilihan(SebabPerhitungan, obj.sebab)

    @staticmethod
    def resolve_oleh(obj: Any) -> str:
        return str(obj.oleh_label)

    @staticmethod
    def resolve_dihitung(obj: Any) -> int:
        return int(obj.jumlah.get("dihitung", 0))

    @staticmethod
    def resolve_berubah(obj: Any) -> int:
        return int(obj.jumlah.get("berubah", 0))

    @staticmethod
    def resolve_tetap(obj: Any) -> int:
        return int(obj.jumlah.get("tetap", 0))

    @staticmethod
    def resolve_dilewati(obj: Any) -> int:
        return int(obj.jumlah.get("dilewati", 0))

    @staticmethod
    def resolve_dihapus(obj: Any) -> int:
        return int(obj.jumlah.get("dihapus", 0))


class DilewatiOut(Schema):
    nip: str
    nama: str
    alasan: str


class PerhitunganDetailOut(Schema):
    perhitungan: PerhitunganOut
    perubahan: list[PerubahanOut]
    dilewati_alasan: list[DilewatiOut]
