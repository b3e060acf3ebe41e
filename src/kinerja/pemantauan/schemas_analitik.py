"""Schemas of the rater analytics and evidence integrity API (django-ninja).

Enumerated values are answered as `{"kode": "LUNAK", "label": "Lunak"}`; decimals as decimal
strings ("0.80"); percentages with one decimal ("80.0"); days with one decimal.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PilihanOut


class AnalitikPeriodeOut(Schema):
    id: int
    kode: str
    nama: str
    tahun: int


class AnalitikPegawaiOut(Schema):
    id: int
    nip: str
    nama: str


class AnalitikSelDistribusiOut(Schema):
    predikat: PilihanOut
    jumlah: int
    persen: Decimal


class AnalitikDistribusiOut(Schema):
    jumlah: int
    rata_rata: Decimal | None = Field(
        description="Mean predikat score (Sangat Baik 5 … Sangat Kurang 1), two decimals."
    )
    predikat: list[AnalitikSelDistribusiOut]


class AnalitikAmbangOut(Schema):
    lunak: Decimal
    keras: Decimal
    minimum_penilaian: int
    porsi_dikembalikan: Decimal


class AnalitikKelonggaranOut(Schema):
    rata_rata_penilai: Decimal | None
    rata_rata_unit: Decimal | None
    indeks: Decimal | None = Field(description="The appraiser's mean minus the unit's mean.")
    kelas: PilihanOut
    penjelasan: str


class AnalitikKontradiksiRingkasOut(Schema):
    jumlah: int
    persen: Decimal = Field(description="Of the appraiser's finalised assessments.")


class AnalitikVerifikasiOut(Schema):
    jumlah: int
    median_hari: Decimal | None
    rata_rata_hari: Decimal | None
    menunggu_lewat_batas: int = Field(
        description="Submitted items of the current appraisees still waiting after the "
        "period's verification deadline."
    )


class AnalitikBarisPenilaiOut(Schema):
    penilai: AnalitikPegawaiOut
    unit_nama: str
    distribusi: AnalitikDistribusiOut
    kelonggaran: AnalitikKelonggaranOut
    kontradiksi: AnalitikKontradiksiRingkasOut
    verifikasi: AnalitikVerifikasiOut


class AnalitikJumlahBuktiOut(Schema):
    MENUNGGU: int
    DITERIMA: int
    PERLU_PERBAIKAN: int
    DITOLAK: int


class AnalitikKontradiksiOut(Schema):
    penilai_id: int
    pegawai: AnalitikPegawaiOut
    rating_hasil: PilihanOut
    bukti: AnalitikJumlahBuktiOut
    alasan: str


class AnalitikPenilaiOut(Schema):
    unit: UnitRefOut
    periode: AnalitikPeriodeOut | None = Field(description="null: no performance period exists.")
    jenis_jabatan: PilihanOut | None
    ambang: AnalitikAmbangOut
    unit_distribusi: AnalitikDistribusiOut | None
    instansi_distribusi: AnalitikDistribusiOut | None
    penilai: list[AnalitikBarisPenilaiOut] = Field(description="The appraisers of the page.")
    kontradiksi: list[AnalitikKontradiksiOut] = Field(
        description="The contradicting cases of the appraisers of the page."
    )
    halaman: int = 1
    jumlah_halaman: int = 1
    jumlah_penilai: int = 0
    diperbarui_pada: datetime.datetime | None = Field(
        None, description="When the figures were computed (the last refresh); null: never."
    )


class IntegritasUnitOut(Schema):
    unit: UnitRefOut
    bukti: int
    berkas_sama: int
    tautan_sama: int
    terlambat: int


class IntegritasJumlahOut(Schema):
    bukti: int
    berkas_sama: int
    tautan_sama: int
    terlambat: int


class IntegritasBuktiOut(Schema):
    bukti_id: int
    pegawai: AnalitikPegawaiOut
    unit_nama: str
    periode: str
    uraian: str
    nama_berkas: str
    tautan: str
    status: PilihanOut
    diunggah_pada: datetime.datetime
    batas_realisasi: datetime.date
    pesan: str


class IntegritasKelompokOut(Schema):
    kunci: str = Field(description="The SHA-256 of the file, or the link's comparison key.")
    jumlah_pegawai: int = Field(description="Employees of the agency who used it.")
    pegawai_di_luar: int = Field(description="Of them, outside the selected unit subtree.")
    pemakaian: list[IntegritasBuktiOut] = Field(
        description="The first uses in the unit subtree (and the period), in the report's order."
    )
    jumlah_pemakaian: int = Field(description="All the uses inside the unit subtree (and period).")


class IntegritasHalamanOut(Schema):
    halaman: int
    jumlah_halaman: int
    jumlah: int


class IntegritasBagianKelompokOut(IntegritasHalamanOut):
    sinyal: PilihanOut
    kelompok: list[IntegritasKelompokOut]


class IntegritasBagianTerlambatOut(IntegritasHalamanOut):
    sinyal: PilihanOut
    bukti: list[IntegritasBuktiOut]


class IntegritasOut(Schema):
    unit: UnitRefOut
    tahun: int | None = Field(description="null: no performance year exists.")
    periode: AnalitikPeriodeOut | None
    ringkasan: list[IntegritasUnitOut] = Field(description="The units of the page.")
    ringkasan_halaman: IntegritasHalamanOut | None = None
    total: IntegritasJumlahOut | None = Field(None, description="The whole subtree.")
    diperbarui_pada: datetime.datetime | None = Field(
        None, description="When the figures were computed (the last refresh); null: never."
    )
    berkas_sama: IntegritasBagianKelompokOut | None = None
    tautan_sama: IntegritasBagianKelompokOut | None = None
    terlambat: IntegritasBagianTerlambatOut | None = None
