"""Schemas of the realisation API (django-ninja).

Fields are named in Indonesian as the models name them. Enumerated values are answered as
`{"kode": "MENUNGGU", "label": "Menunggu verifikasi"}` and accepted as the code or the label.
Realised values are decimal strings ("12", "97.5"), so no figure loses exactness in JSON.
"""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PegawaiSkpOut, PilihanOut

# --- References ------------------------------------------------------------------------------


class PeriodeRefOut(Schema):
    """A period with the deadlines that matter to a report."""

    id: int
    tahun: int
    kode: str = Field(description="TW1–TW4 or B01–B12.")
    nama: str
    status: PilihanOut = Field(description="DRAF, DIBUKA, DITUTUP or DIKUNCI.")
    batas_realisasi: datetime.date
    batas_verifikasi: datetime.date


class LaporanRingkasOut(Schema):
    """A report's state."""

    id: int
    status: PilihanOut = Field(description="DRAF, DIAJUKAN, PERLU_PERBAIKAN or SELESAI.")
    putaran: int = Field(description="How many times it was submitted (rounds).")
    diajukan_pada: datetime.datetime | None
    selesai_pada: datetime.datetime | None


class SkpRefOut(Schema):
    id: int
    tahun: int
    pendekatan: PilihanOut
    status: PilihanOut
    disetujui_pada: datetime.datetime | None


# --- The employee's periods ------------------------------------------------------------------


class BarisPeriodeOut(Schema):
    periode: PeriodeRefOut
    laporan: LaporanRingkasOut | None = Field(description="null: not opened yet.")


class SayaOut(Schema):
    tahun: int
    skp: SkpRefOut | None = Field(description="The caller's plan for the year (null: none).")
    periode: list[BarisPeriodeOut] = Field(
        description="The periods of the plan's year (not the annual one) with their reports."
    )


# --- One report ------------------------------------------------------------------------------


class RealisasiOut(Schema):
    indikator_id: int
    nilai: str | None = Field(description="Decimal string (kuantitatif); null under kualitatif.")
    narasi: str
    diubah_pada: datetime.datetime


class IndikatorLaporanOut(Schema):
    id: int
    aspek: PilihanOut
    uraian: str
    target: str = Field(description='As documents read it: "12 laporan" or the narrative.')
    realisasi: RealisasiOut | None = Field(description="null: not recorded yet.")


class SinyalOut(Schema):
    """An integrity signal: what makes the item worth a second look."""

    jenis: PilihanOut
    pesan: str


class RiwayatBuktiOut(Schema):
    putaran: int
    aksi: str = Field(description="UNGGAH, TAUTAN, GANTI or VERIFIKASI.")
    status: PilihanOut
    catatan: str
    keterangan: str = Field(description="The file name or link at that step.")
    oleh: str
    pada: datetime.datetime


class BuktiOut(Schema):
    """An evidence item: an uploaded file or a link, its verdict, signals and history."""

    id: int
    rhk_id: int
    jenis: PilihanOut = Field(description="BERKAS or TAUTAN.")
    uraian: str
    nama_berkas: str
    tipe_berkas: PilihanOut | None = Field(description="The type found in the content.")
    ukuran: int | None = Field(description="Bytes (files only).")
    sha256: str
    tautan: str
    unduh: str | None = Field(description="Where to download the file (files only).")
    status: PilihanOut = Field(description="MENUNGGU, DITERIMA, PERLU_PERBAIKAN or DITOLAK.")
    catatan: str = Field(description="The appraiser's note on the verdict.")
    putaran: int
    diunggah_pada: datetime.datetime
    diverifikasi_pada: datetime.datetime | None
    diverifikasi_oleh: str | None
    may_edit: bool = Field(description="The caller may change or remove it now.")
    sinyal: list[SinyalOut]
    riwayat: list[RiwayatBuktiOut] = Field(description="Oldest first; every round is kept.")


class UmpanBalikOut(Schema):
    id: int
    rhk_id: int | None
    nilai: str = Field(description="The BerAKHLAK value code (empty for feedback on an RHK).")
    isi: str
    oleh: str
    diubah_pada: datetime.datetime


class RhkLaporanOut(Schema):
    id: int
    kode: str
    jenis: PilihanOut
    uraian: str
    indikator: list[IndikatorLaporanOut]
    bukti: list[BuktiOut]
    umpan_balik: UmpanBalikOut | None


class PerilakuOut(Schema):
    """A BerAKHLAK value with this period's feedback on it."""

    kode: str
    nama: str
    umpan_balik: UmpanBalikOut | None


class RiwayatLaporanOut(Schema):
    putaran: int
    aksi: str = Field(description="AJUKAN or VERIFIKASI.")
    status: PilihanOut = Field(description="The report's status after the step.")
    catatan: str
    oleh: str
    pada: datetime.datetime


class LaporanOut(LaporanRingkasOut):
    """A report with everything it holds, and what the caller may do with it."""

    periode: PeriodeRefOut
    skp: SkpRefOut
    pegawai: PegawaiSkpOut
    rhk: list[RhkLaporanOut] = Field(description="Main RHKs first.")
    perilaku: list[PerilakuOut] = Field(description="The 7 BerAKHLAK values.")
    riwayat: list[RiwayatLaporanOut] = Field(description="Newest first.")
    jumlah: dict[str, int] = Field(description="Evidence items per status code.")
    kunci: str | None = Field(description="Why nobody may act on it now (null: open).")
    may_edit: bool = Field(description="The caller owns it and may fill it now.")
    may_verify: bool = Field(description="The caller may give verdicts now.")


# --- Input -----------------------------------------------------------------------------------


class RealisasiIn(Schema):
    nilai: str | None = Field(None, description='Kuantitatif: "12", "97,5" or "1.250".')
    narasi: str = Field("", description="Kualitatif: the narrative.")


class TautanIn(Schema):
    rhk: int = Field(description="The id of an RHK of the report's plan.")
    uraian: str
    tautan: str = Field(description="An http:// or https:// address.")


class BuktiUpdateIn(Schema):
    uraian: str
    tautan: str = Field("", description="A new link (empty: keep the file or link).")


class VerdictIn(Schema):
    status: str = Field(description="DITERIMA, PERLU_PERBAIKAN or DITOLAK.")
    catatan: str = Field("", description="Required unless accepted.")


class UmpanBalikIn(Schema):
    rhk: int | None = Field(None, description="The id of an RHK of the report's plan, or …")
    nilai: str = Field("", description="… a BerAKHLAK value code, e.g. KOMPETEN.")
    isi: str = Field(description="Empty removes the feedback.")


class BukaKunciIn(Schema):
    periode: int
    pegawai: int | None = Field(None, description="One employee, or …")
    unit: int | None = Field(None, description="… a unit with its subunits.")
    sampai: datetime.date = Field(description="The last day it stays unlocked.")
    alasan: str


# --- The appraiser and HR --------------------------------------------------------------------


class VerifikasiQuery(Schema):
    periode: int | None = None
    unit: int | None = Field(None, description="Only employees of this unit and its subunits.")
    status: str | None = Field(None, description="DIAJUKAN, PERLU_PERBAIKAN or SELESAI.")


class BarisVerifikasiOut(Schema):
    """A report in the appraiser's inbox: waiting ones first, oldest submission first."""

    laporan: LaporanRingkasOut
    pegawai: PegawaiSkpOut
    periode: PeriodeRefOut
    menunggu: int
    diterima: int
    dikembalikan: int = Field(description="Returned or rejected items.")


class TerimaSemuaOut(Schema):
    diterima: int = Field(description="How many waiting items were accepted.")
    laporan: LaporanOut


class PemantauanOut(Schema):
    """One unit (its subtree, or only its own people when `langsung`) in a period."""

    unit: UnitRefOut
    langsung: bool
    pegawai: int = Field(description="Employees with an approved plan.")
    diajukan: int
    selesai: int
    belum_mengajukan: int
    bukti: dict[str, int] = Field(description="Evidence items per status code.")


class BukaKunciOut(Schema):
    id: int
    periode_id: int
    pegawai_id: int | None
    unit_id: int | None
    sampai: datetime.date
    alasan: str
    oleh: str
    pada: datetime.datetime
