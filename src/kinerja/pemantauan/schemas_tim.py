"""Schemas of the appraiser's team dashboard API (`GET /api/v1/pemantauan/tim`).

Enumerated values are answered as `{"kode": "DIAJUKAN", "label": "Diajukan"}`; moments in ISO
8601 with their time zone.
"""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PilihanOut


class PeriodeTimOut(Schema):
    id: int
    tahun: int
    kode: str = Field(description="TW1–TW4, B01–B12 or TAHUNAN.")
    nama: str


class PegawaiTimOut(Schema):
    id: int
    nip: str
    nama: str
    jabatan: str
    unit: UnitRefOut


class DokumenTimOut(Schema):
    id: int
    status: PilihanOut


class PenilaianTimOut(Schema):
    id: int | None
    status: PilihanOut = Field(description="BELUM (to give), DRAF or FINAL.")
    predikat: PilihanOut | None


class TindakanOut(Schema):
    kode: str = Field(description="PERIKSA_SKP, VERIFIKASI_BUKTI or PENILAIAN.")
    label: str
    url: str


class AnggotaTimOut(Schema):
    pegawai: PegawaiTimOut
    dikecualikan: PilihanOut | None = Field(
        description="The exclusion in effect on the period's last day (not to be rated)."
    )
    skp: DokumenTimOut | None = Field(description="The plan of the period's year.")
    laporan: DokumenTimOut | None = Field(description="The realisation report of the period.")
    bukti_menunggu: int = Field(description="Evidence items of the submitted report to verify.")
    menunggu_sejak: datetime.datetime | None = Field(description="When the report was submitted.")
    lama_menunggu_hari: int | None
    penilaian: PenilaianTimOut
    tindakan: list[TindakanOut]


class TotalTimOut(Schema):
    anggota: int
    dikecualikan: int
    skp_menunggu: int = Field(description="Plans waiting for approval.")
    bukti_menunggu: int = Field(description="Evidence items waiting for verification.")
    belum_dinilai: int = Field(description="Members (not excluded) without an assessment.")
    menunggu_sejak: datetime.datetime | None
    lama_menunggu_hari: int | None


class SebaranTimOut(Schema):
    predikat: PilihanOut
    final: int
    draf: int
    jumlah: int


class KelompokTimOut(Schema):
    unit: UnitRefOut
    predikat_organisasi: PilihanOut
    anggota_tim: int = Field(description="Members of the team (not excluded) in this group.")
    ditetapkan: bool
    kesesuaian: PilihanOut = Field(
        description="SESUAI, TIDAK_SESUAI, TERLALU_KECIL (as of the last refresh) or "
        "BELUM_DIPERBARUI (no refresh since the organisation rating)."
    )
    diperbarui_pada: datetime.datetime | None


class TitikSeriOut(Schema):
    label: str
    predikat: PilihanOut


class TrenTimOut(Schema):
    pegawai: PegawaiTimOut
    seri: list[TitikSeriOut] = Field(description="The finalised periodic predikat, oldest first.")
    tren: PilihanOut
    tren_tahunan: PilihanOut
    penjelasan: str
    langkah: list[str]
    proyeksi: PilihanOut | None
    peluang: str = Field(description='The projection\'s probability, e.g. "62,5%".')
    risiko: str = Field(description="The probability of Butuh Perbaikan or lower.")
    dasar_proyeksi: list[str]
    peringatan: bool
    alasan: list[str]


class TimOut(Schema):
    periode: PeriodeTimOut | None = Field(description="None: no period has started yet.")
    pembaruan: datetime.datetime | None = Field(
        description="When the last monitoring refresh finished (None: never)."
    )
    anggota: list[AnggotaTimOut]
    total: TotalTimOut | None
    sebaran: list[SebaranTimOut]
    kelompok: list[KelompokTimOut]
    tanpa_kelompok: int
    tren: list[TrenTimOut] = Field(description="Empty until the first refresh.")
