"""Schemas of the performance-year API (django-ninja)."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kinerja.periode import rules, selectors
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode, RiwayatStatusPeriode, TahunKinerja


class TahunOut(Schema):
    """A performance year's settings."""

    tahun: int
    jenis_periode: str = Field(description="TRIWULAN or BULANAN.")
    jenis_periode_label: str
    batas_pengajuan_skp: datetime.date
    batas_persetujuan_skp: datetime.date
    aspek_biaya: bool = Field(description="IKI may use the Biaya aspect.")
    dibuat_pada: datetime.datetime

    @staticmethod
    def resolve_jenis_periode_label(obj: TahunKinerja) -> str:
        return str(obj.get_jenis_periode_display())


class TahunListOut(TahunOut):
    jumlah_periode: int
    jumlah_dibuka: int = Field(description="How many of its periods are open (DIBUKA).")


class PeriodeOut(Schema):
    """A period with its deadlines, its state and the actions that state allows."""

    id: int
    tahun: int
    kode: str = Field(description="TW1–TW4, B01–B12 or TAHUNAN.")
    nama: str
    urutan: int
    mulai: datetime.date
    selesai: datetime.date
    batas_realisasi: datetime.date
    batas_verifikasi: datetime.date
    batas_penilaian: datetime.date
    status: str = Field(description="DRAF, DIBUKA, DITUTUP or DIKUNCI.")
    status_label: str
    aksi: list[str] = Field(description="The actions allowed now: open, close, reopen, ….")

    @staticmethod
    def resolve_tahun(obj: Periode) -> int:
        return obj.tahun.tahun

    @staticmethod
    def resolve_status_label(obj: Periode) -> str:
        return str(obj.status_enum.label)

    @staticmethod
    def resolve_aksi(obj: Periode) -> list[str]:
        return rules.actions_allowed(StatusPeriode(obj.status))


class TahunDetailOut(TahunOut):
    periode: list[PeriodeOut] = Field(description="The periods in order, TAHUNAN last.")

    @staticmethod
    def resolve_periode(obj: TahunKinerja) -> list[Periode]:
        return selectors.periode_list(obj)


class RiwayatOut(Schema):
    """A change of a period's state."""

    id: int
    periode_id: int
    periode_kode: str
    aksi: str
    dari: str
    ke: str
    alasan: str
    oleh_id: int | None
    oleh_label: str
    pada: datetime.datetime

    @staticmethod
    def resolve_periode_kode(obj: RiwayatStatusPeriode) -> str:
        return obj.periode.kode


class TahunIn(Schema):
    """A year to open. Empty deadlines: SKPs are submitted by 31 January and approved 14 days
    later."""

    tahun: int
    jenis_periode: str = Field("TRIWULAN", description="TRIWULAN or BULANAN (code or label).")
    batas_pengajuan_skp: datetime.date | None = None
    batas_persetujuan_skp: datetime.date | None = None
    aspek_biaya: bool = False


class TahunPatchIn(Schema):
    """Only the fields sent (and not null) are changed."""

    batas_pengajuan_skp: datetime.date | None = None
    batas_persetujuan_skp: datetime.date | None = None
    aspek_biaya: bool | None = None


class PeriodePatchIn(Schema):
    """Only the deadlines sent (and not null) are changed."""

    batas_realisasi: datetime.date | None = None
    batas_verifikasi: datetime.date | None = None
    batas_penilaian: datetime.date | None = None


class TransisiIn(Schema):
    aksi: str = Field(description="open, close, reopen, lock or unlock.")
    alasan: str = Field("", description="Required to close, reopen, lock and unlock.")
