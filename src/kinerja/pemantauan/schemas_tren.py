"""Schemas of the trend, projection, backtest and early-warning API (django-ninja).

Enumerated values are answered as `{"kode": "STAGNAN", "label": "Stagnan"}`; probabilities as
decimals between 0 and 1 (`"0.6250"`) with their Indonesian text (`"62,5%"`). Lists come 50 to
a page (`halaman`, `jumlah_halaman`, `jumlah`: the rows of every page).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PilihanOut


class PegawaiRefOut(Schema):
    id: int
    nip: str
    nama: str
    unit: UnitRefOut


class OrangOut(Schema):
    id: int
    nip: str
    nama: str


class TitikOut(Schema):
    label: str = Field(description='The period: "TW1 2026", or the year for annual predikat.')
    predikat: PilihanOut


class BarisTrenOut(Schema):
    pegawai: PegawaiRefOut
    tren: PilihanOut
    seri: list[TitikOut] = Field(description="The predikat series, oldest first.")
    seri_teks: str = Field(description='"Baik → Baik → Butuh Perbaikan".')
    lama_terakhir: int | None = Field(
        description="How many periods the latest periodic predikat has held (periodic only)."
    )
    penjelasan: str
    langkah: list[str]


class JumlahTrenOut(Schema):
    tren: PilihanOut
    jumlah: int


class BagianTrenOut(Schema):
    tren: PilihanOut
    jumlah: int
    halaman: int
    jumlah_halaman: int
    baris: list[BarisTrenOut]


class TrenOut(Schema):
    unit: UnitRefOut | None = Field(description="None: the caller's appraisees.")
    diperbarui_pada: datetime.datetime | None = Field(
        description="The last refresh of the monitoring figures; None: never refreshed."
    )
    jenis: str = Field(description="periodik or tahunan.")
    jumlah: list[JumlahTrenOut]
    bagian: list[BagianTrenOut] = Field(
        description="The chosen class, else naik, stagnan and turun, each by name."
    )


class DistribusiBarisOut(Schema):
    predikat: PilihanOut
    aktual: int
    harapan: Decimal
    rentang_bawah: int
    rentang_atas: int


class DistribusiOut(Schema):
    periode_dasar: str = Field(description="The period the projection starts from.")
    anggota: int = Field(description="Projected members.")
    tanpa_proyeksi: int = Field(description="Members without a periodic predikat.")
    baris: list[DistribusiBarisOut]


class PeluangOut(Schema):
    predikat: PilihanOut
    peluang: Decimal
    teks: str


class BarisProyeksiOut(Schema):
    pegawai: PegawaiRefOut
    dasar: str
    terakhir: PilihanOut
    proyeksi: PilihanOut
    peluang: Decimal
    peluang_teks: str
    risiko: Decimal = Field(description="The probability of Butuh Perbaikan or lower.")
    risiko_teks: str
    semua: list[PeluangOut]
    observasi: int
    alasan: list[str]


class ProyeksiOut(Schema):
    unit: UnitRefOut | None
    diperbarui_pada: datetime.datetime | None
    model_dipakai: bool
    kesimpulan: str
    distribusi: DistribusiOut | None
    jumlah: int
    halaman: int
    jumlah_halaman: int
    pegawai: list[BarisProyeksiOut]


class HasilUjiOut(Schema):
    label: str
    jumlah: int
    benar_model: int
    benar_naif: int
    akurasi_model: str
    akurasi_naif: str


class KandidatOut(Schema):
    pengkondisian: str = Field(description="TANPA (predikat only) or BUKTI (and evidence).")
    label: str
    terpilih: bool
    total: HasilUjiOut
    periode: list[HasilUjiOut]


class BarisTransisiOut(Schema):
    asal: PilihanOut
    jumlah: dict[str, int] = Field(description="Transitions to each predikat.")
    total: int


class TabelTransisiOut(Schema):
    judul: str
    baris: list[BarisTransisiOut]


class UjiBalikOut(Schema):
    diperbarui_pada: datetime.datetime | None
    terpilih: str | None
    dipakai: bool
    minimum_uji: int
    langkah: int
    kesimpulan: str
    kandidat: list[KandidatOut]
    transisi: list[TabelTransisiOut]


class BarisPeringatanOut(Schema):
    pegawai: PegawaiRefOut
    alasan: list[str]
    terakhir: PilihanOut | None
    periode_terakhir: str
    proyeksi: PilihanOut | None
    risiko: Decimal | None
    risiko_teks: str
    penilai: OrangOut | None


class PeringatanOut(Schema):
    unit: UnitRefOut | None
    diperbarui_pada: datetime.datetime | None
    jumlah: int
    halaman: int
    jumlah_halaman: int
    pegawai: list[BarisPeringatanOut]
