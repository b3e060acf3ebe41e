"""Pure rules of the performance plan (SKP): its workflow, what a plan needs before it can be
submitted, indicator targets, cascading checks, the Matriks Peran Hasil flags. Plain values in,
values out; no ORM."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from kinerja.core.formatting import format_date, format_number
from kinerja.core.i18n import gettext as _
from kinerja.skp.enums import Aspek, JenisRhk, Pendekatan, StatusSkp

SUBMIT = "submit"
APPROVE = "approve"
RETURN = "return"
REVISE = "revise"
WITHDRAW = "withdraw"

# (status now, action) -> status after.
TRANSITIONS: dict[tuple[StatusSkp, str], StatusSkp] = {
    (StatusSkp.DRAF, SUBMIT): StatusSkp.DIAJUKAN,
    (StatusSkp.DIKEMBALIKAN, SUBMIT): StatusSkp.DIAJUKAN,
    (StatusSkp.DIAJUKAN, WITHDRAW): StatusSkp.DRAF,
    (StatusSkp.DIAJUKAN, APPROVE): StatusSkp.DISETUJUI,
    (StatusSkp.DIAJUKAN, RETURN): StatusSkp.DIKEMBALIKAN,
    (StatusSkp.DISETUJUI, REVISE): StatusSkp.DRAF,
}
EDITABLE = frozenset({StatusSkp.DRAF, StatusSkp.DIKEMBALIKAN})
BASE_ASPEK = (Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU)
FORM_JPT = "JPT"
FORM_JA_JF = "JA_JF"
TARGET_STEP = Decimal("0.0001")
"""A target keeps 4 decimal places (the model's field)."""
KODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,29}$")


def is_editable(status: StatusSkp | str) -> bool:
    """Only a draft or a returned plan is edited; an approved one is revised first."""
    return StatusSkp(status) in EDITABLE


def transition_error(status: StatusSkp | str, action: str) -> str | None:
    """Why an SKP in this status cannot take this action (None when it can)."""
    status = StatusSkp(status)
    if (status, action) in TRANSITIONS:
        return None
    messages = {
        SUBMIT: _("SKP berstatus %(status)s tidak dapat diajukan."),
        APPROVE: _("SKP berstatus %(status)s tidak dapat disetujui; hanya SKP yang diajukan."),
        RETURN: _("SKP berstatus %(status)s tidak dapat dikembalikan; hanya SKP yang diajukan."),
        REVISE: _("Revisi hanya dapat dibuka untuk SKP yang sudah disetujui."),
        WITHDRAW: _("Hanya SKP yang diajukan yang dapat ditarik kembali."),
    }
    message = messages.get(action, _("Tindakan tidak dikenal."))
    return message % {"status": str(status.label).lower()} if "%(" in message else message


def edit_error(status: StatusSkp | str) -> str | None:
    status = StatusSkp(status)
    if status in EDITABLE:
        return None
    if status == StatusSkp.DISETUJUI:
        return _("SKP sudah disetujui; buka revisi untuk mengubahnya.")
    return _("SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya.")


def allowed_aspek(aspek_biaya: bool) -> tuple[Aspek, ...]:
    return (*BASE_ASPEK, Aspek.BIAYA) if aspek_biaya else BASE_ASPEK


def form_kind(jenis_jabatan: str) -> str:
    """JPT plans carry a perspektif; every other plan names the leader's RHK it supports."""
    return FORM_JPT if jenis_jabatan == "JPT" else FORM_JA_JF


def parse_target(text: str | Decimal | int | float | None) -> Decimal | None:
    """A target value written the Indonesian way ("1.250,5") or plainly ("1250.5")."""
    if text is None or isinstance(text, Decimal | int | float):
        return None if text is None else Decimal(str(text))
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned:
        # A decimal comma, with dots only as thousands separators before it ("1.250,5").
        if not re.fullmatch(r"[-+]?(\d{1,3}(\.\d{3})+|\d*),\d+", cleaned):
            raise ValueError(text)
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def target_text(pendekatan: str, nilai: Decimal | None, satuan: str, narasi: str) -> str:
    """How a target reads in documents: "12 dokumen", "100 %", or the narrative."""
    if pendekatan == Pendekatan.KUALITATIF or nilai is None:
        return narasi
    places = 0 if nilai == nilai.to_integral_value() else len(str(nilai.normalize()).split(".")[1])
    number = format_number(nilai, places)
    return f"{number} {satuan}".strip()


def indikator_errors(
    *,
    pendekatan: str,
    aspek: str,
    aspek_biaya: bool,
    uraian: str,
    target_nilai: Decimal | None,
    target_satuan: str,
    target_narasi: str,
) -> dict[str, str]:
    """What is wrong with an indicator (IKI) and its target, by field."""
    errors = {}
    if Aspek.parse(aspek) not in allowed_aspek(aspek_biaya):
        names = ", ".join(str(item.label) for item in allowed_aspek(aspek_biaya))
        errors["aspek"] = _("Aspek harus salah satu dari: %(daftar)s.") % {"daftar": names}
    if not uraian.strip():
        errors["uraian"] = _("Indikator kinerja individu wajib diisi.")
    if pendekatan == Pendekatan.KUALITATIF:
        if not target_narasi.strip():
            errors["target_narasi"] = _("Pendekatan kualitatif: uraikan target secara naratif.")
        return errors
    if target_nilai is None:
        errors["target_nilai"] = _("Pendekatan kuantitatif: target wajib berupa angka.")
    elif target_nilai < 0:
        errors["target_nilai"] = _("Target tidak boleh negatif.")
    elif target_nilai >= Decimal("1e12"):
        errors["target_nilai"] = _("Target terlalu besar.")
    elif target_nilai != target_nilai.quantize(TARGET_STEP):
        errors["target_nilai"] = _("Target paling banyak 4 angka di belakang koma.")
    if not target_satuan.strip():
        errors["target_satuan"] = _("Satuan target wajib diisi (mis. dokumen, persen, hari).")
    return errors


def kode_error(kode: str) -> str | None:
    if not KODE_PATTERN.fullmatch(kode):
        return _(
            "Kode RHK 1–30 karakter: huruf, angka, titik, garis miring, tanda hubung atau "
            "garis bawah, diawali huruf atau angka."
        )
    return None


def next_kode(existing: Iterable[str], prefix: str = "RHK") -> str:
    """The next free code "RHK-01", "RHK-02", … among the plan's codes."""
    taken = set(existing)
    number = 1
    while f"{prefix}-{number:02d}" in taken:
        number += 1
    return f"{prefix}-{number:02d}"


# --- Submission ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RencanaIndikator:
    aspek: str
    target_nilai: Decimal | None
    target_satuan: str
    target_narasi: str


@dataclass(frozen=True)
class RencanaRhk:
    kode: str
    jenis: str
    has_rhk_atasan: bool
    rhk_atasan_in_penilai_skp: bool
    perspektif: str
    indikator: Sequence[RencanaIndikator] = field(default_factory=tuple)


@dataclass(frozen=True)
class Rencana:
    """What submission needs to know about a plan, as plain values."""

    tahun: int
    pendekatan: str
    jenis_jabatan: str
    rhk: Sequence[RencanaRhk]
    has_penilai: bool
    penilai_nama: str
    penilai_status: str | None
    """The status of the appraiser's SKP for the year (None: the appraiser has none)."""
    aspek_biaya: bool
    today: datetime.date
    batas_pengajuan: datetime.date | None
    """None: the year is not opened."""
    revisi: int


def submission_problems(plan: Rencana) -> list[str]:
    """Every reason the plan cannot be submitted yet, in the order a user fixes them."""
    return _calendar_problems(plan) + _appraiser_problems(plan) + content_problems(plan)


def content_problems(plan: Rencana) -> list[str]:
    """What is wrong with the plan's own content (its RHKs, links and targets)."""
    problems = []
    if not any(rhk.jenis == JenisRhk.UTAMA for rhk in plan.rhk):
        problems.append(_("SKP harus memuat sekurang-kurangnya satu RHK utama."))
    for rhk in plan.rhk:
        problems.extend(_rhk_problems(plan, rhk))
    return problems


def stale_plan_error(problems: Sequence[str]) -> str | None:
    """A submitted plan that no longer holds (the owner's appraiser changed since it was
    submitted, so its cascading links point elsewhere) is returned, not approved."""
    if not problems:
        return None
    return _(
        "SKP ini tidak dapat disetujui dan perlu dikembalikan untuk diperbaiki: %(masalah)s"
    ) % {"masalah": " ".join(problems)}


def _calendar_problems(plan: Rencana) -> list[str]:
    if plan.batas_pengajuan is None:
        return [
            _("Tahun kinerja %(tahun)s belum dibuka oleh admin kepegawaian.")
            % {"tahun": plan.tahun}
        ]
    if plan.revisi == 1 and plan.today > plan.batas_pengajuan:
        return [
            _(
                "Batas pengajuan SKP tahun %(tahun)s telah lewat pada %(tanggal)s; minta admin "
                "kepegawaian memperpanjang batas pengajuan."
            )
            % {"tahun": plan.tahun, "tanggal": format_date(plan.batas_pengajuan)}
        ]
    return []


def _appraiser_problems(plan: Rencana) -> list[str]:
    """Cascading: a plan is submitted only once the appraiser's plan for the year is approved.
    Without an appraiser in the product (the agency's head) the plan goes to HR for approval."""
    if not plan.has_penilai or plan.penilai_status == StatusSkp.DISETUJUI:
        return []
    return [
        _(
            "SKP pejabat penilai Anda (%(nama)s) untuk tahun %(tahun)s belum disetujui; "
            "SKP Anda dapat diajukan setelah itu."
        )
        % {"nama": plan.penilai_nama, "tahun": plan.tahun}
    ]


def _rhk_problems(plan: Rencana, rhk: RencanaRhk) -> list[str]:
    problems = []
    values = {"kode": rhk.kode}
    if not rhk.indikator:
        problems.append(_("RHK %(kode)s belum memiliki indikator kinerja individu.") % values)
    if form_kind(plan.jenis_jabatan) == FORM_JPT:
        if not rhk.perspektif:
            problems.append(_("RHK %(kode)s belum memiliki perspektif.") % values)
    elif not plan.has_penilai:
        pass  # the top of the chain in the product: there is no leader's RHK to cascade from
    elif not rhk.has_rhk_atasan:
        problems.append(
            _("RHK %(kode)s belum menyebutkan RHK pimpinan yang diintervensi.") % values
        )
    elif not rhk.rhk_atasan_in_penilai_skp:
        problems.append(
            _(
                "RHK %(kode)s mengintervensi RHK yang bukan milik pejabat penilai Anda saat ini; "
                "pilih ulang RHK pimpinan."
            )
            % values
        )
    allowed = allowed_aspek(plan.aspek_biaya)
    for number, indikator in enumerate(rhk.indikator, start=1):
        aspek = Aspek.parse(indikator.aspek)
        if aspek not in allowed:
            problems.append(
                _("RHK %(kode)s memakai aspek %(aspek)s yang tidak berlaku tahun ini.")
                % {"kode": rhk.kode, "aspek": aspek.label if aspek else indikator.aspek}
            )
        problems.extend(_target_problems(plan.pendekatan, indikator, rhk.kode, number))
    return problems


def _target_problems(
    pendekatan: str, indikator: RencanaIndikator, kode: str, number: int
) -> list[str]:
    """A target must fit the plan's approach (the approach may change after IKIs were written)."""
    values = {"kode": kode, "nomor": number}
    if pendekatan == Pendekatan.KUALITATIF and not indikator.target_narasi.strip():
        return [_("RHK %(kode)s: IKI ke-%(nomor)s belum memiliki target naratif.") % values]
    if pendekatan == Pendekatan.KUANTITATIF and (
        indikator.target_nilai is None or not indikator.target_satuan.strip()
    ):
        return [
            _("RHK %(kode)s: IKI ke-%(nomor)s belum memiliki target angka dan satuan.") % values
        ]
    return []


def approval_problems(
    *, today: datetime.date, batas_persetujuan: datetime.date | None, revisi: int
) -> list[str]:
    if batas_persetujuan is not None and revisi == 1 and today > batas_persetujuan:
        return [
            _(
                "Batas persetujuan SKP telah lewat pada %(tanggal)s; minta admin kepegawaian "
                "memperpanjang batas persetujuan."
            )
            % {"tanggal": format_date(batas_persetujuan)}
        ]
    return []


def return_note_error(catatan: str) -> str | None:
    if not catatan.strip():
        return _("Tuliskan catatan: apa yang perlu diperbaiki.")
    return None


def revise_reason_error(alasan: str) -> str | None:
    if not alasan.strip():
        return _("Tuliskan alasan revisi (mis. mutasi, perubahan tugas).")
    return None


# --- Matriks Peran Hasil ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bendera:
    """A flag on the matrix: its kind and a sentence naming what needs attention."""

    jenis: str
    pesan: str


UNSUPPORTED = "rhk_tanpa_intervensi"
ORPHAN = "rhk_tidak_mendukung"
NO_SKP = "tanpa_skp"
DRAFT_SKP = "skp_draf"


def matrix_flags(
    *,
    atasan_rhk: Sequence[tuple[int, str, str]],
    supported_ids: set[int],
    bawahan: Sequence[tuple[str, str | None]],
    orphan_rhk: Sequence[tuple[str, str, str]],
) -> list[Bendera]:
    """The matrix's flags.

    atasan_rhk: (id, kode, uraian) of the appraiser's RHKs; supported_ids: those some
    subordinate RHK supports; bawahan: (nama, SKP status or None) per subordinate; orphan_rhk:
    (nama, kode, uraian) of subordinate RHKs that support none of the appraiser's RHKs.
    """
    flags = [
        Bendera(
            UNSUPPORTED,
            _("RHK %(kode)s “%(uraian)s” belum diintervensi bawahan.")
            % {"kode": kode, "uraian": uraian},
        )
        for rhk_id, kode, uraian in atasan_rhk
        if rhk_id not in supported_ids
    ]
    for nama, kode, uraian in orphan_rhk:
        flags.append(
            Bendera(
                ORPHAN,
                _("RHK %(kode)s milik %(nama)s “%(uraian)s” tidak mendukung RHK Anda.")
                % {"kode": kode, "nama": nama, "uraian": uraian},
            )
        )
    for nama, status in bawahan:
        if status is None:
            flags.append(Bendera(NO_SKP, _("%(nama)s belum memiliki SKP.") % {"nama": nama}))
        elif status in (StatusSkp.DRAF, StatusSkp.DIKEMBALIKAN):
            flags.append(
                Bendera(
                    DRAFT_SKP,
                    _("SKP %(nama)s masih berstatus %(status)s.")
                    % {"nama": nama, "status": str(StatusSkp(status).label).lower()},
                )
            )
    return flags


def lampiran_lines(text: str) -> list[str]:
    """A Lampiran field holds one item per line; blank lines are dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]
