"""Schemas of the credit-point API (django-ninja).

Credit points are answered as `{"nilai": "2.083", "tampil": "2,08"}`: the stored value as a
decimal string with 3 decimals, and the value as shown (2 decimals, Indonesian format).
Enumerated values are `{"kode": ..., "label": ...}`. Computed figures come with their
explanation (`penjelasan`)."""

from __future__ import annotations

from ninja import Field, Schema

from kinerja.aturan.schemas import PenjelasanOut, SetAturanRefOut
from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PilihanOut


class AngkaOut(Schema):
    nilai: str = Field(description='Stored value, 3 decimals: "2.083".')
    tampil: str = Field(description='As shown, 2 decimals, Indonesian format: "2,08".')


class PegawaiKreditOut(Schema):
    id: int
    nip: str
    nama: str
    jabatan: str
    unit: UnitRefOut


class BagianOut(Schema):
    """The points earned at one jenjang in the year."""

    jenjang: PilihanOut
    bulan: int
    angka_kredit: AngkaOut
    penjelasan: PenjelasanOut


class TahunOut(Schema):
    tahun: int
    penilaian_id: int
    status: PilihanOut = Field(description="DRAF or FINAL (the annual assessment).")
    sementara: bool = Field(description="A draft: provisional points, counted in no total.")
    predikat: PilihanOut | None = Field(
        description="None for the employee's own draft (not finalised yet)."
    )
    bagian: list[BagianOut]
    jumlah: AngkaOut | None = Field(description="None: no functional jenjang in the year.")
    set_aturan: SetAturanRefOut | None


class AmbangOut(Schema):
    batas: AngkaOut | None = Field(description="None: no such threshold (highest jenjang).")
    kurang: AngkaOut | None
    tercapai: bool


class SyaratOut(Schema):
    uraian: str
    status: PilihanOut = Field(description="TERPENUHI, BELUM or KONFIRMASI (HR confirms).")
    keterangan: str


class RincianOut(Schema):
    tahun: int
    angka_kredit: AngkaOut


class KumulatifOut(Schema):
    jenjang: PilihanOut
    sampai_tahun: int | None
    jumlah: AngkaOut
    rincian: list[RincianOut]
    kenaikan_pangkat: AmbangOut
    kenaikan_jenjang: AmbangOut
    jenjang_tertinggi: bool
    tahun_predikat: int | None = Field(description="The last year with a finalised assessment.")
    predikat_terakhir: PilihanOut | None
    layak_kenaikan_pangkat: bool
    layak_kenaikan_jenjang: bool = Field(
        description="Points and predikat suffice; vacancy and competency test confirmed by HR."
    )
    syarat_kenaikan_jenjang: list[SyaratOut]
    set_aturan: SetAturanRefOut
    penjelasan: PenjelasanOut


class RiwayatOut(Schema):
    pegawai: PegawaiKreditOut
    fungsional: bool
    jenjang: PilihanOut | None
    keterangan: str | None
    kumulatif: KumulatifOut | None
    tahun: list[TahunOut]


class BarisOut(Schema):
    pegawai: PegawaiKreditOut
    jenjang: PilihanOut = Field(description="The last jenjang held in the year.")
    bulan: int = Field(description="Months of the year at a functional jenjang.")
    penilaian: TahunOut | None = Field(description="None: no annual assessment this year.")
    kumulatif: KumulatifOut


class DaftarOut(Schema):
    tahun: int
    unit: UnitRefOut | None
    jumlah: int
    baris: list[BarisOut]
