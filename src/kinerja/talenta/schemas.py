"""Schemas of the talent API (django-ninja).

Enumerated values are answered as `{"kode": "TINGGI", "label": "Tinggi"}` and accepted as the
code or the label. Every recommendation comes with its reason (`alasan`); a box and a discipline
threshold with the rule engine's explanation (`penjelasan`).
"""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kinerja.aturan.schemas import PenjelasanOut
from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PilihanOut


class PegawaiTalentaOut(Schema):
    id: int
    nip: str
    nama: str
    unit: UnitRefOut


class AnggotaKotakOut(Schema):
    pegawai: PegawaiTalentaOut
    predikat: PilihanOut
    sementara: bool = Field(description="The annual assessment is still a draft.")
    penjelasan: PenjelasanOut


class SelKotakOut(Schema):
    kotak: int
    potensi: PilihanOut
    kinerja: PilihanOut
    jumlah: int
    anggota: list[AnggotaKotakOut]


class BelumLengkapOut(Schema):
    pegawai: PegawaiTalentaOut
    kurang: list[str] = Field(description="What is missing: the annual predikat, the potential.")


class KotakOut(Schema):
    tahun: int
    unit: UnitRefOut | None = Field(description="None: the caller's appraisees.")
    kotak: list[SelKotakOut] = Field(
        description="The nine boxes row by row: potensi Tinggi, Menengah, Rendah; kinerja Di "
        "bawah, Sesuai, Di atas ekspektasi."
    )
    belum_lengkap: list[BelumLengkapOut]
    kesalahan: list[str]


class PotensiBarisOut(Schema):
    pegawai: PegawaiTalentaOut
    tahun: int
    potensi: PilihanOut | None


class PotensiIn(Schema):
    potensi: str = Field(description="RENDAH, MENENGAH or TINGGI; empty removes it.")
    catatan: str = ""


class BarisMeritOut(Schema):
    pegawai: PegawaiTalentaOut
    alasan: str


class RencanaRefOut(Schema):
    id: int
    status: PilihanOut


class BarisPerbaikanOut(Schema):
    pegawai: PegawaiTalentaOut
    predikat: PilihanOut
    periode: str
    penilaian_id: int
    alasan: str
    rencana: RencanaRefOut | None = Field(description="The employee's latest plan, if any.")


class BarisDisiplinOut(Schema):
    pegawai: PegawaiTalentaOut
    hari: int
    sanksi: PilihanOut
    penjelasan: PenjelasanOut


class MeritOut(Schema):
    tahun: int
    unit: UnitRefOut | None
    suksesi: list[BarisMeritOut]
    kenaikan_pangkat: list[BarisMeritOut]
    belum_memenuhi: list[BarisMeritOut]
    perbaikan: list[BarisPerbaikanOut]
    disiplin: list[BarisDisiplinOut]
    kesalahan: list[str]


class OrangOut(Schema):
    id: int
    nip: str
    nama: str


class CatatanOut(Schema):
    id: int
    tanggal: datetime.date
    isi: str
    oleh: str


class RencanaOut(Schema):
    id: int
    pegawai: PegawaiTalentaOut
    penilaian_id: int | None
    mulai: datetime.date
    selesai: datetime.date
    sasaran: str
    pembimbing: OrangOut | None
    status: PilihanOut
    hasil: str
    tindak_lanjut: PilihanOut | None
    alasan_batal: str
    dibuat_oleh: str
    ditutup_oleh: str


class RencanaDetailOut(RencanaOut):
    catatan: list[CatatanOut]
    boleh_catat: bool
    boleh_tutup: bool


class RencanaIn(Schema):
    pegawai_id: int
    sasaran: str
    mulai: datetime.date | None = Field(None, description="Default: today.")
    penilaian_id: int | None = None
    pembimbing_id: int | None = Field(None, description="Default: the employee's appraiser.")


class CatatanIn(Schema):
    isi: str
    tanggal: datetime.date | None = Field(None, description="Default: today.")


class TutupIn(Schema):
    status: str = Field(description="BERHASIL or TIDAK_BERHASIL.")
    hasil: str
    tindak_lanjut: str = Field(
        "",
        description="Required when TIDAK_BERHASIL: UJI_KOMPETENSI, PEMINDAHAN, "
        "PENURUNAN_JABATAN or PEMBERHENTIAN.",
    )


class BatalIn(Schema):
    alasan: str
