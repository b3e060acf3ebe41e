"""Schemas of the assessment API (django-ninja).

Fields are named in Indonesian as the models name them. Enumerated values are answered as
`{"kode": "SESUAI", "label": "Sesuai Ekspektasi"}` and accepted as the code or the label.
Achievement percentages are decimal strings ("87.5"), so no figure loses exactness in JSON.
Computed figures (a predikat, a curve check) come with their explanation (`penjelasan`): a
summary sentence, the rule-set version, the inputs and each step.
"""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from kinerja.aturan.schemas import PenjelasanOut, SetAturanRefOut
from kinerja.organisasi.schemas import UnitRefOut
from kinerja.skp.schemas import PegawaiSkpOut, PilihanOut

# --- References ------------------------------------------------------------------------------


class PeriodeRefOut(Schema):
    id: int
    tahun: int
    kode: str = Field(description="TW1–TW4, B01–B12 or TAHUNAN.")
    nama: str
    status: PilihanOut = Field(description="DRAF, DIBUKA, DITUTUP or DIKUNCI.")
    mulai: datetime.date
    selesai: datetime.date


class PegawaiRefOut(Schema):
    id: int
    nip: str
    nama: str


class OrangOut(Schema):
    """A person as frozen in an assessment's snapshot (`identitas`)."""

    id: int
    nama: str
    nip: str
    golongan: str
    jabatan: str
    jenis_jabatan: str
    unit_kode: str
    unit_nama: str


class IdentitasOut(Schema):
    """Who the employee, the appraiser and the appraiser's superior were: kept up to date while
    a draft, frozen when the group is finalised."""

    pegawai: OrangOut | None = None
    penilai: OrangOut | None = None
    atasan_penilai: OrangOut | None = None


class PredikatPenjelasanOut(Schema):
    predikat: PilihanOut
    penjelasan: PenjelasanOut


# --- Organisation ratings --------------------------------------------------------------------


class OrganisasiOut(Schema):
    """A unit's organisation rating (capaian kinerja organisasi) for a period."""

    unit: UnitRefOut
    periode_id: int
    predikat: PilihanOut = Field(
        description="ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG."
    )
    alasan: str
    atas_nama: bool = Field(description="Set by admin kepegawaian on the leader's behalf.")
    oleh: str
    diubah_pada: datetime.datetime
    may_edit: bool = Field(description="The caller may change it.")


class OrganisasiIn(Schema):
    predikat: str = Field(description="ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG.")
    alasan: str


# --- The appraiser ---------------------------------------------------------------------------


class PenilaianRingkasOut(Schema):
    id: int
    status: PilihanOut = Field(description="DRAF or FINAL.")
    rating_hasil: PilihanOut = Field(description="DI_ATAS, SESUAI or DI_BAWAH.")
    rating_perilaku: PilihanOut
    predikat: PilihanOut = Field(
        description="SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG."
    )
    dinilai_pada: datetime.datetime
    ditetapkan_pada: datetime.datetime | None


class DinilaiOut(Schema):
    """One of the caller's appraisees with the period's assessment, plan and report."""

    pegawai: PegawaiSkpOut
    penilaian: PenilaianRingkasOut | None = Field(description="null: not rated yet.")
    skp_id: int | None = Field(description="The approved plan of the period's year.")
    laporan_status: PilihanOut | None = Field(description="The period's report (null: none).")


class SaranOut(Schema):
    """A suggested rating (null: nothing to judge) and why."""

    rating: PilihanOut | None
    alasan: str


class IndikatorNilaiOut(Schema):
    id: int
    aspek: PilihanOut
    uraian: str
    target: str
    realisasi: str = Field(description="As shown (the latest period's value for TAHUNAN).")
    capaian: str | None = Field(description="Realisation ÷ target in percent (null: narrative).")


class RhkNilaiOut(Schema):
    id: int
    kode: str
    jenis: PilihanOut = Field(description="UTAMA or TAMBAHAN.")
    uraian: str
    indikator: list[IndikatorNilaiOut]
    bukti: dict[str, int] = Field(description="Evidence items per verdict code.")
    saran: SaranOut
    rating: PilihanOut | None


class PerilakuNilaiOut(Schema):
    kode: str
    nama: str
    umpan_balik: list[str] = Field(description="The feedback given on the value, oldest first.")
    rating: PilihanOut | None


class FormulirOut(Schema):
    """Everything the appraiser decides on, the current (or pre-filled) values, and what the
    caller may do."""

    pegawai: PegawaiSkpOut
    periode: PeriodeRefOut
    skp_id: int | None = Field(description="null: no approved plan for the year.")
    penilaian: PenilaianRingkasOut | None
    rhk: list[RhkNilaiOut]
    perilaku: list[PerilakuNilaiOut] = Field(description="The 7 BerAKHLAK values.")
    saran_hasil: SaranOut
    saran_perilaku: SaranOut
    rating_hasil: PilihanOut | None
    rating_perilaku: PilihanOut | None
    catatan: str
    prefilled_from: PeriodeRefOut | None = Field(
        description="TAHUNAN: the periodic assessment the form was pre-filled from."
    )
    predikat: PredikatPenjelasanOut | None = Field(
        description="The predikat of the current ratings (null while one is missing)."
    )
    may_edit: bool = Field(description="The caller may save the rating now.")
    kunci: str | None = Field(description="Why the rating cannot be changed now (null: open).")


class PenilaianIn(Schema):
    rating_hasil: str = Field(description="DI_ATAS, SESUAI or DI_BAWAH (or its label).")
    rating_perilaku: str
    rating_rhk: dict[str, str] = Field(default_factory=dict, description="RHK kode → rating.")
    rating_nilai: dict[str, str] = Field(
        default_factory=dict, description="BerAKHLAK value code → rating."
    )
    catatan: str = ""


# --- One assessment, objections --------------------------------------------------------------


class KeberatanOut(Schema):
    """An objection: the employee's reasons, the appraiser's explanation, the superior's
    decision, and what the caller may do with it."""

    id: int
    penilaian_id: int
    status: PilihanOut = Field(description="DIAJUKAN, DIJELASKAN, DITERIMA, DITOLAK or DITARIK.")
    alasan: str
    diajukan_pada: datetime.datetime
    atasan: PegawaiRefOut | None = Field(description="Who decides (null: admin kepegawaian).")
    penjelasan: str
    dijelaskan_oleh: str
    dijelaskan_pada: datetime.datetime | None
    keputusan: str
    predikat_lama: PilihanOut
    rating_hasil_baru: PilihanOut | None
    rating_perilaku_baru: PilihanOut | None
    predikat_baru: PilihanOut | None
    diputuskan_oleh: str
    diputuskan_pada: datetime.datetime | None
    may_explain: bool
    may_decide: bool
    may_withdraw: bool


class KeberatanAksiOut(KeberatanOut):
    """An objection after an action, with its assessment as it is now."""

    penilaian: PenilaianRingkasOut


class PenilaianOut(Schema):
    """An assessment with its snapshot, inputs, predikat and explanation, and any objection."""

    id: int
    pegawai: PegawaiSkpOut = Field(description="The employee as recorded now.")
    periode: PeriodeRefOut
    unit: UnitRefOut = Field(description="The unit assessed in (frozen when finalised).")
    jabatan: str | None
    status: PilihanOut = Field(description="DRAF or FINAL.")
    identitas: IdentitasOut
    rating_hasil: PilihanOut
    rating_perilaku: PilihanOut
    rating_rhk: dict[str, PilihanOut] = Field(description="RHK kode → rating.")
    rating_nilai: dict[str, PilihanOut] = Field(description="BerAKHLAK value code → rating.")
    predikat: PilihanOut
    penjelasan: PenjelasanOut = Field(description="How the predikat follows from the ratings.")
    set_aturan: SetAturanRefOut
    catatan: str
    masukan: dict[str, Any] = Field(description="What the ratings were based on (snapshot).")
    dinilai_oleh: str
    dinilai_pada: datetime.datetime
    ditetapkan_pada: datetime.datetime | None
    penetapan_id: int | None
    batas_keberatan: datetime.date | None = Field(
        description="The last day to object (finalised assessments)."
    )
    may_object: bool = Field(description="The caller may file an objection now.")
    keberatan: KeberatanOut | None


class SayaOut(Schema):
    """One of the caller's finalised assessments, newest period first."""

    id: int
    periode: PeriodeRefOut
    unit: UnitRefOut
    rating_hasil: PilihanOut
    rating_perilaku: PilihanOut
    predikat: PilihanOut
    ditetapkan_pada: datetime.datetime | None
    batas_keberatan: datetime.date | None
    keberatan: PilihanOut | None = Field(description="The objection's status (null: none).")


class KeberatanBarisOut(Schema):
    """An objection waiting for the caller: DIAJUKAN to explain, DIJELASKAN to decide."""

    id: int
    status: PilihanOut
    alasan: str
    diajukan_pada: datetime.datetime
    penilaian_id: int
    pegawai: PegawaiRefOut
    periode: PeriodeRefOut
    predikat_lama: PilihanOut


class KeberatanIn(Schema):
    alasan: str


class PenjelasanIn(Schema):
    penjelasan: str


class KeputusanIn(Schema):
    diterima: bool = Field(description="true: uphold with new ratings; false: reject.")
    keputusan: str
    rating_hasil: str | None = Field(None, description="Required when upheld.")
    rating_perilaku: str | None = Field(None, description="Required when upheld.")


# --- Curve groups ----------------------------------------------------------------------------


class OrganisasiRingkasOut(Schema):
    predikat: PilihanOut
    alasan: str
    atas_nama: bool
    oleh: str


class KurvaBarisOut(Schema):
    """A curve group of the period: its distribution and whether it complies."""

    unit: UnitRefOut
    organisasi: OrganisasiRingkasOut
    anggota: int = Field(description="Members (frozen ones once finalised).")
    dinilai: int
    jumlah: dict[str, int] = Field(description="Members per predikat code.")
    status: str = Field(description="SESUAI, TIDAK_SESUAI or TERLALU_KECIL.")
    sesuai: bool | None = Field(description="null when the group is too small to judge.")
    is_final: bool
    penetapan: PilihanOut | None = Field(description="DITETAPKAN or DIBUKA (null: never).")


class BatasanOut(Schema):
    label: str
    jenis: str = Field(description="TERBANYAK, MAKSIMUM_PERSEN, MINIMUM_PERSEN or MINIMUM_ORANG.")
    predikat: list[str]
    minimum: int = Field(description="The allowed number of people, from …")
    maksimum: int = Field(description="… to.")
    jumlah: int
    terpenuhi: bool
    penjelasan: str


class PerubahanOut(Schema):
    """Change the predikat of `jumlah` people from `dari` to `ke`."""

    dari: PilihanOut
    ke: PilihanOut
    jumlah: int
    label: str


class AnggotaOut(Schema):
    pegawai: PegawaiSkpOut
    penilaian: PenilaianRingkasOut | None


class RiwayatPenetapanOut(Schema):
    aksi: PilihanOut = Field(description="TETAPKAN, BUKA, KEBERATAN or IMPOR.")
    alasan: str
    jumlah: dict[str, int]
    oleh: str
    pada: datetime.datetime


class PenetapanOut(Schema):
    id: int
    status: PilihanOut = Field(description="DITETAPKAN or DIBUKA.")
    predikat_organisasi: PilihanOut
    jumlah: dict[str, int] = Field(description="Predikat counts when finalised.")
    penanda_tangan: dict[str, Any] = Field(description="The signing leader (snapshot).")
    ditetapkan_oleh: str
    ditetapkan_pada: datetime.datetime
    riwayat: list[RiwayatPenetapanOut] = Field(description="Oldest first.")


class KelompokOut(Schema):
    """A curve group: the organisation rating, the members and their predikat, the check of
    every constraint of the curve, the fewest changes that comply, why it cannot be finalised
    now, and its finalisation."""

    unit: UnitRefOut
    periode: PeriodeRefOut
    organisasi: OrganisasiOut | None = Field(description="null: not set yet.")
    set_aturan: SetAturanRefOut
    kepala: PegawaiSkpOut | None = Field(description="The unit's head (signs).")
    jumlah_anggota: int
    jumlah_dinilai: int
    jumlah: dict[str, int] = Field(description="Rated members per predikat code.")
    status: str | None = Field(
        description="SESUAI, TIDAK_SESUAI or TERLALU_KECIL (null: no organisation rating)."
    )
    sesuai: bool | None
    batasan: list[BatasanOut]
    saran: list[PerubahanOut] = Field(description="The fewest predikat changes that comply.")
    penjelasan: PenjelasanOut | None
    anggota: list[AnggotaOut]
    belum_dinilai: list[PegawaiRefOut]
    errors: list[str] = Field(description="Why it cannot be finalised now (empty: it can).")
    is_final: bool
    may_finalise: bool = Field(description="The caller may finalise and reopen it.")
    penetapan: PenetapanOut | None


class BukaIn(Schema):
    alasan: str


class PekerjaanOut(Schema):
    id: UUID
    url: str = Field(description="Where to follow the job: /api/v1/pekerjaan/{id}.")
