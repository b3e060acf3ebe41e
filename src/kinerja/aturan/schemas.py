"""Schemas of the rule-set API (django-ninja).

Enum inputs are plain strings (a code such as `DI_ATAS` or its label, "Di Atas Ekspektasi"),
parsed by the endpoints so that an unknown value is a 422 naming the field. Decimals in responses
are strings, so that no figure loses exactness on its way through JSON.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from kinerja.organisasi.schemas import UnitRefOut

# --- Rule sets -------------------------------------------------------------------------------


class SetAturanFilterQuery(Schema):
    """Query parameters of GET /aturan/."""

    kode: str | None = Field(None, description="Only the versions of this code.")
    status: str | None = Field(None, description="DRAF, AKTIF or NONAKTIF (code or label).")


class SetAturanOut(Schema):
    """One version of a rule set, without its content."""

    id: int
    kode: str
    versi: int
    nama: str
    status: str
    berlaku_mulai: datetime.date
    unit: UnitRefOut | None = Field(description="The unit it is scoped to; null: whole agency.")
    dasar_hukum: str
    catatan: str
    disalin_dari_id: int | None
    diaktifkan_pada: datetime.datetime | None
    dibuat_pada: datetime.datetime


class SetAturanDetailOut(SetAturanOut):
    isi: dict[str, Any] = Field(description="The content (format of data/bawaan.json).")


class SetAturanRefOut(Schema):
    id: int
    kode: str
    versi: int
    nama: str


# --- Calculators: common parts ---------------------------------------------------------------


class MasukanOut(Schema):
    nama: str
    nilai: str


class PenjelasanOut(Schema):
    """How a figure was derived, in words an employee can read."""

    ringkasan: str
    set_aturan: str
    set_aturan_kode: str
    set_aturan_versi: int
    masukan: list[MasukanOut]
    langkah: list[str]


class KalkulatorIn(Schema):
    """Which rule set to compute with: a version by id (drafts included), or else the
    agency-wide version in effect on `tanggal` (default today)."""

    set_aturan_id: int | None = None
    tanggal: datetime.date | None = None


class KalkulatorOut(Schema):
    set_aturan: SetAturanRefOut
    penjelasan: PenjelasanOut


# --- Predikat --------------------------------------------------------------------------------


class PredikatIn(KalkulatorIn):
    rating_hasil: str = Field(description="DI_ATAS, SESUAI or DI_BAWAH (or its label).")
    rating_perilaku: str = Field(description="DI_ATAS, SESUAI or DI_BAWAH (or its label).")


class PredikatOut(KalkulatorOut):
    predikat: str
    predikat_label: str


# --- Curve -----------------------------------------------------------------------------------


class KurvaIn(KalkulatorIn):
    predikat_organisasi: str = Field(
        description="ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG (or its label)."
    )
    predikat: list[str] = Field(description="One predikat per employee of the group.")


class BatasanOut(Schema):
    label: str
    jenis: str
    predikat: list[str]
    nilai: Decimal
    jumlah: int
    minimum: int
    maksimum: int
    terpenuhi: bool
    penjelasan: str


class SaranOut(Schema):
    dari: str
    ke: str
    jumlah: int
    label: str


class KurvaOut(KalkulatorOut):
    status: str = Field(description="SESUAI, TIDAK_SESUAI or TERLALU_KECIL.")
    sesuai: bool | None = Field(description="null when the group is too small to judge.")
    jumlah_pegawai: int
    jumlah: dict[str, int]
    batasan: list[BatasanOut]
    saran: list[SaranOut] = Field(description="The fewest predikat changes that comply.")


# --- Credit points ---------------------------------------------------------------------------


class AngkaKreditIn(KalkulatorIn):
    jenjang: str = Field(description="AHLI_PERTAMA … PENYELIA (or its label).")
    predikat: str
    bulan: int = Field(description="Months served at this jenjang in the year, 0–12.")


class AngkaKreditOut(KalkulatorOut):
    angka_kredit: Decimal = Field(description='As stored: 3 decimals ("2.083").')
    tampil: str = Field(description='As shown: 2 decimals, Indonesian format ("2,08").')


class AngkaKreditKumulatifIn(KalkulatorIn):
    jenjang: str
    awal: Decimal = Field(Decimal(0), description="The credit points already held.")
    nilai: list[Decimal] = Field(description="Credit points earned, as decimal strings.")


class AmbangOut(Schema):
    batas: Decimal | None = Field(description="null: the jenjang has no such threshold.")
    kurang: Decimal | None
    tercapai: bool


class AngkaKreditKumulatifOut(KalkulatorOut):
    total: Decimal
    kenaikan_pangkat: AmbangOut
    kenaikan_jenjang: AmbangOut


# --- Allowance -------------------------------------------------------------------------------


class TukinIn(KalkulatorIn):
    kelas_jabatan: int
    predikat_tahun_lalu: str | None = Field(
        None, description="Sangat Baik adds the increment towards the next grade."
    )
    terlambat: list[int] = Field([0, 0, 0, 0], description="Late arrivals per band TL1–TL4.")
    pulang_cepat: list[int] = Field([0, 0, 0, 0], description="Early leaves per band PSW1–PSW4.")
    tanpa_rekaman: int = 0
    tanpa_keterangan: int = 0
    cuti_alasan_penting: int = 0
    hukuman_disiplin_sedang: bool = False


class PotonganOut(Schema):
    kode: str
    label: str
    kejadian: int
    persen_satuan: Decimal
    persen: Decimal


class TukinOut(KalkulatorOut):
    besaran: int
    insentif: int
    bruto: int
    potongan: list[PotonganOut]
    persen_potongan_dihitung: Decimal = Field(description="The sum of every cut, uncapped.")
    persen_potongan: Decimal = Field(description="The cut applied (capped).")
    potongan_rupiah: int
    netto: int


# --- Talent, trend, discipline ---------------------------------------------------------------


class TalentaIn(KalkulatorIn):
    kinerja: str = Field(description="A rating (DI_ATAS, …) or a predikat (SANGAT_BAIK, …).")
    potensi: str = Field(description="RENDAH, MENENGAH or TINGGI (or its label).")


class TalentaOut(KalkulatorOut):
    kotak: int
    kinerja: str = Field(description="The performance rating the box was read with.")


class TrenIn(KalkulatorIn):
    predikat: list[str] = Field(description="Predikat of successive periods, oldest first.")


class TrenOut(KalkulatorOut):
    tren: str
    tren_label: str
    selisih: Decimal | None = Field(
        description="Latest score minus the average of the earlier ones in the window."
    )
    terakhir: str | None
    lama_terakhir: int = Field(description="For how many periods the latest predikat has held.")


class DisiplinIn(KalkulatorIn):
    hari_tanpa_keterangan: int = Field(description="Cumulative days absent without reason.")


class DisiplinOut(KalkulatorOut):
    sanksi: str | None
    sanksi_label: str | None
