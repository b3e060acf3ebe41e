"""Schemas of an employee's dashboard in the API (`GET /saya`, `GET /pegawai/{id}`).

Enumerated values are `{"kode": ..., "label": ...}`; probabilities are answered as the stored
decimal and as shown ("62,5%"); amounts in whole rupiah with their Indonesian text."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PilihanOut


class PegawaiDasborOut(Schema):
    id: int
    nip: str
    nama: str
    jabatan: str
    unit: UnitRefOut


class TitikOut(Schema):
    label: str = Field(description='The period: "TW1 2025" (periodic) or "2025" (annual).')
    predikat: PilihanOut


class SeriOut(Schema):
    titik: list[TitikOut] = Field(description="Finalised predikat, oldest first.")
    tren: PilihanOut = Field(description="NAIK, STAGNAN, TURUN or BELUM_CUKUP_DATA.")
    ringkasan: str
    langkah: list[str]
    selisih: str | None = Field(description="The latest score minus the earlier average.")


class PeluangOut(Schema):
    predikat: PilihanOut
    nilai: str = Field(
        description='The probability as stored: "0.6250" (the naive forecast: "1" and "0").'
    )
    persen: str = Field(description='As shown: "62,5%".')


class ProyeksiOut(Schema):
    dasar: str = Field(description='The last assessed period projected from: "TW4 2025".')
    terpilih: PilihanOut = Field(description="The most likely predikat of the next period.")
    peluang: list[PeluangOut]
    observasi: int = Field(description="The agency's transitions the probabilities rest on.")
    sumber: str = Field(
        description="SEL (predikat and evidence condition), BARIS (predikat) or NAIF "
        "(same as the last predikat)."
    )
    dipakai: bool = Field(description="The model beats the naive forecast on the backtest.")
    kondisi: PilihanOut = Field(description="The evidence condition of the last period.")
    risiko: str = Field(description="The probability of Butuh Perbaikan or lower, as shown.")
    alasan: list[str] = Field(description="Why, in words.")


class ProfilOut(Schema):
    diperbarui_pada: datetime.datetime
    periodik: SeriOut
    tahunan: SeriOut
    lama_periodik: int = Field(description="Periods at the latest predikat in a row.")
    proyeksi: ProyeksiOut | None = Field(description="None: no periodic predikat yet.")
    peringatan: bool = Field(description="Warned: likely Butuh Perbaikan or lower next period.")
    alasan_peringatan: list[str]


class PembaruanOut(Schema):
    id: int
    selesai_pada: datetime.datetime | None


class BuktiJumlahOut(Schema):
    diterima: int
    perlu_perbaikan: int
    ditolak: int
    menunggu: int
    total: int


class LaporanRefOut(Schema):
    id: int
    status: PilihanOut


class PenilaianRefOut(Schema):
    id: int
    status: PilihanOut
    predikat: PilihanOut | None = Field(
        description="None for a draft the reader may not see (the employee's own)."
    )


class PeriodeKemajuanOut(Schema):
    id: int
    kode: str
    nama: str
    status: PilihanOut
    laporan: LaporanRefOut | None = Field(description="None: no report yet.")
    bukti: BuktiJumlahOut
    penilaian: PenilaianRefOut | None = Field(description="None: not rated yet.")


class SkpRefOut(Schema):
    id: int
    status: PilihanOut


class KemajuanOut(Schema):
    tahun: int
    skp: SkpRefOut | None = Field(description="None: no SKP for the year yet.")
    periode: list[PeriodeKemajuanOut]


class TindakanOut(Schema):
    kode: str = Field(
        description="skp_belum, skp_draf, skp_dikembalikan, laporan_belum, laporan_perbaikan, "
        "bukti_perbaikan or keberatan."
    )
    teks: str
    url: str = Field(description='The page to act on ("" when the reader has none).')


class BulanTukinOut(Schema):
    bulan: int
    netto: int
    netto_tampil: str = Field(description='"Rp3.781.000".')


class TahunTukinOut(Schema):
    tahun: int
    bulan: list[BulanTukinOut] = Field(description="The months computed (stored), in order.")
    jumlah_netto: int
    jumlah_netto_tampil: str


class TahunKreditOut(Schema):
    tahun: int
    final: bool
    predikat: PilihanOut | None
    angka_kredit: str = Field(description='Stored value: "12.500".')
    angka_kredit_tampil: str = Field(description='As shown: "12,50".')


class AngkaKreditOut(Schema):
    jenjang: PilihanOut | None = Field(description="None: not a functional position now.")
    kumulatif: str | None = Field(description="The running total at the current jenjang.")
    tahun: list[TahunKreditOut] = Field(description="The years with points, oldest first.")


class DasborPegawaiOut(Schema):
    pegawai: PegawaiDasborOut
    pembaruan: PembaruanOut | None = Field(description="The last refresh; None: none yet.")
    profil: ProfilOut | None = Field(
        description="The stored profile of the last refresh; None: no refresh yet, or the "
        "employee had none (new, excluded)."
    )
    kemajuan: KemajuanOut
    tindakan: list[TindakanOut]
    tukin: list[TahunTukinOut] | None = Field(
        description="The current and previous year; None: not shown to this reader (only the "
        "employee and HR readers of their unit)."
    )
    angka_kredit: AngkaKreditOut | None = Field(
        description="None: not a functional position and no points earned."
    )
