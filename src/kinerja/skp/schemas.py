"""Schemas of the SKP API (django-ninja).

Fields are named in Indonesian as the models name them. Enumerated values are answered as
`{"kode": "DRAF", "label": "Draf"}` and accepted as the code or the label. Target values are
decimal strings ("12", "97.5"), so that no figure loses exactness on its way through JSON.
"""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from kinerja.core.enums import LabeledEnum
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.enums import Pendekatan, StatusSkp


def pilihan(kind: type[LabeledEnum], value: str) -> dict[str, str] | None:
    """An enumerated value as code and label (None for an empty value)."""
    if not value:
        return None
    return {"kode": value, "label": str(kind(value).label)}


class PilihanOut(Schema):
    """An enumerated value: its code and its Indonesian label."""

    kode: str
    label: str


# --- Plans -----------------------------------------------------------------------------------


class SkpFilterQuery(Schema):
    """Query parameters of GET /skp/."""

    tahun: int | None = Field(None, description="Default: the current performance year.")
    unit: int | None = Field(None, description="Only this unit and its subunits.")
    status: str | None = Field(None, description="DRAF, DIAJUKAN, DIKEMBALIKAN or DISETUJUI.")
    cari: str | None = Field(None, description="Part of the name, or the start of the NIP.")


class PegawaiSkpOut(Schema):
    """The owner of a plan as the employee is now."""

    id: int
    nip: str
    nama: str
    unit: UnitRefOut
    jabatan: str
    jenis_jabatan: PilihanOut

    @staticmethod
    def resolve_jabatan(pegawai: Any) -> str:
        return str(pegawai.jabatan.nama)

    @staticmethod
    def resolve_jenis_jabatan(pegawai: Any) -> dict[str, str] | None:
        return pilihan(JenisJabatan, pegawai.jabatan.jenis_jabatan)


class SkpFields(Schema):
    id: int
    tahun: int
    pegawai: PegawaiSkpOut
    pendekatan: PilihanOut
    status: PilihanOut
    revisi: int
    diajukan_pada: datetime.datetime | None
    disetujui_pada: datetime.datetime | None
    diubah_pada: datetime.datetime


class SkpOut(SkpFields):
    """A plan in a list (read from the model)."""

    @staticmethod
    def resolve_pendekatan(skp: Any) -> dict[str, str] | None:
        return pilihan(Pendekatan, skp.pendekatan)

    @staticmethod
    def resolve_status(skp: Any) -> dict[str, str] | None:
        return pilihan(StatusSkp, skp.status)


class IndikatorOut(Schema):
    """An individual performance indicator (IKI) with its target as written and as read."""

    id: int
    aspek: PilihanOut
    uraian: str
    target_nilai: str | None = Field(description="Decimal string; null under kualitatif.")
    target_satuan: str
    target_narasi: str
    target: str = Field(description='As documents read it: "12 laporan" or the narrative.')
    urutan: int


class RhkRefOut(Schema):
    """An RHK named by another one (the leader's RHK it supports)."""

    id: int
    kode: str
    uraian: str
    pemilik: str = Field(description="The name of the plan's owner.")


class SasaranRefOut(Schema):
    id: int
    kode: str
    uraian: str


class RhkOut(Schema):
    id: int
    skp_id: int
    kode: str
    jenis: PilihanOut
    uraian: str
    urutan: int
    rhk_atasan: RhkRefOut | None = Field(description="RHK pimpinan yang diintervensi.")
    perspektif: PilihanOut | None = Field(description="Only on a JPT's plan.")
    sasaran: SasaranRefOut | None = Field(description="The organisation goal (JPT).")
    indikator: list[IndikatorOut]


class EkspektasiOut(Schema):
    """A BerAKHLAK value with its official guides and the leader's specific expectation."""

    kode: str
    nama: str
    makna: str
    panduan: list[str]
    ekspektasi: str


class LampiranOut(Schema):
    dukungan_sumber_daya: str
    skema_pertanggungjawaban: str
    konsekuensi: str


class SkpDetailOut(SkpFields):
    """One plan with everything it holds, and what the caller may do with it."""

    form: str = Field(description="JPT (perspektif) or JA_JF (RHK pimpinan yang diintervensi).")
    catatan_penilai: str
    alasan_revisi: str
    identitas: dict[str, Any] = Field(
        description="pegawai, penilai, atasan_penilai: the snapshot taken at approval (now, "
        "for a plan not approved)."
    )
    rhk: list[RhkOut] = Field(description="Main RHKs first.")
    ekspektasi: list[EkspektasiOut] = Field(description="The 7 BerAKHLAK values.")
    lampiran: LampiranOut
    may_edit: bool = Field(description="The caller owns the plan and it is a draft or returned.")
    may_decide: bool = Field(description="The caller may approve or return it now.")
    may_set_expectations: bool
    masalah_pengajuan: list[str] | None = Field(
        description="For the owner of an editable plan: every reason it cannot be submitted "
        "yet (empty: ready). null for anyone else."
    )


class SkpMineOut(Schema):
    tahun: int
    skp: SkpDetailOut | None = Field(description="null: no plan for the year yet.")
    daftar_tahun: list[int] = Field(description="The years the caller has a plan for.")
    salin_dari: int | None = Field(description="The year a new plan would be copied from.")


class SkpCreateIn(Schema):
    tahun: int
    pendekatan: str = Pendekatan.KUANTITATIF.value
    salin: bool = Field(False, description="Copy the latest earlier plan (pendekatan ignored).")


class LampiranIn(Schema):
    """Only the fields sent are changed; one item per line."""

    dukungan_sumber_daya: str | None = None
    skema_pertanggungjawaban: str | None = None
    konsekuensi: str | None = None


class SkpUpdateIn(Schema):
    """Only the fields sent are changed."""

    pendekatan: str | None = None
    lampiran: LampiranIn | None = None


class EkspektasiIn(Schema):
    ekspektasi: dict[str, str] = Field(description='By value code: {"KOMPETEN": "…"}.')


# --- RHK and indicators ----------------------------------------------------------------------


class RhkCreateIn(Schema):
    uraian: str
    jenis: str = "UTAMA"
    kode: str = Field("", description='Empty: the next free code ("RHK-02").')
    rhk_atasan: int | None = Field(None, description="The id of the appraiser's RHK.")
    perspektif: str = ""
    sasaran: int | None = Field(None, description="The id of the organisation goal.")


class RhkUpdateIn(Schema):
    """Only the fields sent are changed; `rhk_atasan: null` or `sasaran: null` clears it."""

    uraian: str | None = None
    jenis: str | None = None
    kode: str | None = None
    rhk_atasan: int | None = None
    perspektif: str | None = None
    sasaran: int | None = None


class IndikatorCreateIn(Schema):
    aspek: str
    uraian: str
    target_nilai: str | None = Field(None, description='"12", "97,5" or "1.250".')
    target_satuan: str = ""
    target_narasi: str = ""


class IndikatorUpdateIn(Schema):
    """Only the fields sent are changed."""

    aspek: str | None = None
    uraian: str | None = None
    target_nilai: str | None = None
    target_satuan: str | None = None
    target_narasi: str | None = None


# --- Workflow --------------------------------------------------------------------------------


class ApproveIn(Schema):
    catatan: str = ""


class ReturnIn(Schema):
    catatan: str


class ReviseIn(Schema):
    alasan: str


class RiwayatOut(Schema):
    id: int
    revisi: int
    aksi: PilihanOut
    status: PilihanOut
    catatan: str
    oleh: str
    pada: datetime.datetime


class RevisiOut(Schema):
    nomor: int
    disetujui_pada: datetime.datetime
    disetujui_oleh: str


class RevisiDetailOut(RevisiOut):
    dokumen: dict[str, Any] = Field(description="The document as it was approved (frozen).")


# --- The appraiser ---------------------------------------------------------------------------


class SkpRingkasOut(Schema):
    id: int
    status: PilihanOut
    revisi: int
    diajukan_pada: datetime.datetime | None
    disetujui_pada: datetime.datetime | None


class BawahanOut(Schema):
    """An appraisee with their plan for the year (null: none yet)."""

    pegawai: PegawaiSkpOut
    skp: SkpRingkasOut | None
    jumlah_rhk: int


class PushIn(Schema):
    pegawai: list[int] = Field(description="The ids of the appraisees.")
    uraian: str = Field("", description="Empty: the appraiser's RHK's own wording.")
    jenis: str = "UTAMA"


class PushedOut(Schema):
    pegawai: PegawaiSkpOut
    rhk: RhkOut


class LinkIn(Schema):
    rhk_atasan: int | None = Field(description="The id of one of the caller's RHKs; null unlinks.")


class RhkMatriksOut(Schema):
    id: int
    kode: str
    jenis: PilihanOut
    uraian: str


class SelOut(Schema):
    """The appraisee's RHKs supporting one of the appraiser's RHKs."""

    rhk_atasan_id: int
    rhk: list[RhkMatriksOut]


class BarisMatriksOut(BawahanOut):
    sel: list[SelOut] = Field(description="One cell per column, in the columns' order.")
    lepas: list[RhkMatriksOut] = Field(description="RHKs supporting none of the columns.")


class BenderaOut(Schema):
    jenis: str = Field(
        description="rhk_tanpa_intervensi, rhk_tidak_mendukung, tanpa_skp or skp_draf."
    )
    pesan: str


class MatriksOut(Schema):
    tahun: int
    skp: SkpRingkasOut | None = Field(description="The appraiser's own plan for the year.")
    kolom: list[RhkMatriksOut]
    baris: list[BarisMatriksOut]
    bendera: list[BenderaOut]


# --- HR --------------------------------------------------------------------------------------


class KelengkapanOut(Schema):
    unit: UnitRefOut
    langsung: bool = Field(description="Only the unit's own employees (else its subtree).")
    jumlah_pegawai: int
    jumlah: dict[str, int] = Field(description="Plans per status code.")
    tanpa_skp: int
    persen_disetujui: int


class PegawaiTanpaSkpOut(PegawaiSkpOut):
    penilai: str | None

    @staticmethod
    def resolve_penilai(pegawai: Any) -> str | None:
        return pegawai.penilai.nama if pegawai.penilai_id else None


# --- Organisation goals ----------------------------------------------------------------------


class SasaranQuery(Schema):
    unit: int
    tahun: int | None = Field(None, description="Default: the current performance year.")


class IndikatorOrganisasiIn(Schema):
    uraian: str
    target: str
    satuan: str = ""


class SasaranIn(Schema):
    unit: int
    tahun: int
    kode: str
    uraian: str
    indikator: list[IndikatorOrganisasiIn] = Field(default_factory=list)


class SasaranUpdateIn(Schema):
    """The goal as it should be: the indicator list replaces the old one."""

    kode: str
    uraian: str
    indikator: list[IndikatorOrganisasiIn] = Field(default_factory=list)


class IndikatorOrganisasiOut(Schema):
    id: int
    uraian: str
    target: str
    satuan: str


class SasaranOut(Schema):
    id: int
    unit: UnitRefOut
    tahun: int
    kode: str
    uraian: str
    urutan: int
    indikator: list[IndikatorOrganisasiOut]

    @staticmethod
    def resolve_indikator(sasaran: Any) -> list[Any]:
        return list(sasaran.indikator.all())


# --- Documents -------------------------------------------------------------------------------


class DokumenMassalIn(Schema):
    unit: int
    tahun: int


class DokumenMassalOut(Schema):
    id: UUID
    url: str = Field(description="Where to follow the job: /api/v1/pekerjaan/{id}.")
