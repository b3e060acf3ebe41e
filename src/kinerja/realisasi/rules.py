"""Pure rules of periodic realisation: the report's and the evidence's workflow, what may be
edited when, the lock after the verification deadline, file types by content, link and name
hygiene, and the integrity signals. Plain values in, values out; no ORM."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from kinerja.core.formatting import format_date, format_number
from kinerja.core.i18n import gettext as _
from kinerja.realisasi.enums import JenisSinyal, StatusBukti, StatusLaporan, TipeBerkas

SUBMIT = "submit"
RETURNED = frozenset({StatusBukti.PERLU_PERBAIKAN, StatusBukti.DITOLAK})
VERDICTS = (StatusBukti.DITERIMA, StatusBukti.PERLU_PERBAIKAN, StatusBukti.DITOLAK)
SMALL_FILE_BYTES = 1024
"""Below this size a file is flagged as trivially small (a blank scan, an empty page)."""

EXTENSIONS = {
    TipeBerkas.PDF: ".pdf",
    TipeBerkas.JPEG: ".jpg",
    TipeBerkas.PNG: ".png",
    TipeBerkas.DOCX: ".docx",
    TipeBerkas.XLSX: ".xlsx",
    TipeBerkas.PPTX: ".pptx",
    TipeBerkas.ODT: ".odt",
    TipeBerkas.ODS: ".ods",
    TipeBerkas.ODP: ".odp",
}
CONTENT_TYPES = {
    TipeBerkas.PDF: "application/pdf",
    TipeBerkas.JPEG: "image/jpeg",
    TipeBerkas.PNG: "image/png",
    TipeBerkas.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    TipeBerkas.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    TipeBerkas.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    TipeBerkas.ODT: "application/vnd.oasis.opendocument.text",
    TipeBerkas.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    TipeBerkas.ODP: "application/vnd.oasis.opendocument.presentation",
}
ODF_TYPES = {CONTENT_TYPES[kind]: kind for kind in (TipeBerkas.ODT, TipeBerkas.ODS, TipeBerkas.ODP)}
OOXML_FOLDERS = {"word/": TipeBerkas.DOCX, "xl/": TipeBerkas.XLSX, "ppt/": TipeBerkas.PPTX}


# --- The report's workflow -------------------------------------------------------------------


def report_edit_error(status: StatusLaporan | str) -> str | None:
    """A report is edited while draft, or (its returned items) while it needs correction."""
    status = StatusLaporan(status)
    if status in (StatusLaporan.DRAF, StatusLaporan.PERLU_PERBAIKAN):
        return None
    if status == StatusLaporan.DIAJUKAN:
        return _("Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya.")
    return _("Laporan periode ini sudah selesai diverifikasi.")


def item_edit_error(report: StatusLaporan | str, item: StatusBukti | str) -> str | None:
    """An evidence item changes while the report is a draft; after submission only once the
    appraiser has returned or rejected it."""
    problem = report_edit_error(report)
    if problem:
        return problem
    # While the report needs correction no item waits from the verified round: a waiting item
    # was added or corrected since, and may change again; only accepted items are final.
    if (
        StatusLaporan(report) == StatusLaporan.PERLU_PERBAIKAN
        and StatusBukti(item) == StatusBukti.DITERIMA
    ):
        return _("Bukti ini sudah diverifikasi; hanya bukti yang dikembalikan yang dapat diubah.")
    return None


def submit_error(status: StatusLaporan | str, pending_items: int, total_items: int) -> str | None:
    status = StatusLaporan(status)
    if status not in (StatusLaporan.DRAF, StatusLaporan.PERLU_PERBAIKAN):
        return report_edit_error(status)
    if total_items == 0:
        return _("Lampirkan sekurang-kurangnya satu bukti dukung sebelum mengajukan.")
    return None


def status_after_verdicts(statuses: Iterable[StatusBukti | str]) -> StatusLaporan:
    """A submitted report stays submitted while an item waits; then it needs correction if any
    item was returned or rejected, else it is done."""
    values = [StatusBukti(status) for status in statuses]
    if any(value == StatusBukti.MENUNGGU for value in values):
        return StatusLaporan.DIAJUKAN
    if any(value in RETURNED for value in values):
        return StatusLaporan.PERLU_PERBAIKAN
    return StatusLaporan.SELESAI


def verdict_error(status: StatusBukti | str, verdict: str, catatan: str) -> str | None:
    """A verdict is given once per round, to an item waiting for it; a note explains every
    verdict other than acceptance."""
    if StatusBukti.parse(verdict) not in VERDICTS:
        return _("Hasil verifikasi harus Diterima, Perlu Perbaikan, atau Ditolak.")
    if StatusBukti(status) != StatusBukti.MENUNGGU:
        return _("Bukti ini sudah diverifikasi (%(status)s).") % {
            "status": StatusBukti(status).label
        }
    if StatusBukti.parse(verdict) != StatusBukti.DITERIMA and not catatan.strip():
        return _("Tuliskan catatan: apa yang perlu diperbaiki atau mengapa bukti ditolak.")
    return None


# --- The lock after the verification deadline ------------------------------------------------


def lock_error(
    *,
    today: datetime.date,
    period_status: str,
    batas_verifikasi: datetime.date,
    unlocked_until: datetime.date | None,
) -> str | None:
    """After the verification deadline, or once HR closes or locks the period, nothing changes
    unless HR has unlocked the person or their unit until a later day."""
    if unlocked_until is not None and today <= unlocked_until:
        return None
    if period_status == "DRAF":
        return _("Periode ini belum dibuka.")
    if period_status in ("DITUTUP", "DIKUNCI"):
        return _("Periode ini sudah ditutup; minta admin kepegawaian membuka kuncinya.")
    if today > batas_verifikasi:
        return _(
            "Batas verifikasi periode ini telah lewat pada %(tanggal)s; minta admin kepegawaian "
            "membuka kuncinya."
        ) % {"tanggal": format_date(batas_verifikasi)}
    return None


def unlock_errors(alasan: str, sampai: datetime.date, today: datetime.date) -> dict[str, str]:
    errors = {}
    if not alasan.strip():
        errors["alasan"] = _("Tuliskan alasan membuka kunci.")
    if sampai < today:
        errors["sampai"] = _("Tanggal berakhir tidak boleh sebelum hari ini.")
    return errors


# --- Files and links -------------------------------------------------------------------------


def detect_type(
    head: bytes, zip_names: Sequence[str] | None = None, odf_mimetype: str = ""
) -> TipeBerkas | None:
    """The file's type by its content: magic bytes, and for ZIP containers what they hold
    (an OOXML package names its main folder, an OpenDocument one its `mimetype` entry)."""
    if head.startswith(b"%PDF-"):
        return TipeBerkas.PDF
    if head.startswith(b"\xff\xd8\xff"):
        return TipeBerkas.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return TipeBerkas.PNG
    if not head.startswith(b"PK\x03\x04") or zip_names is None:
        return None
    if odf_mimetype:
        return ODF_TYPES.get(odf_mimetype.strip())
    if "[Content_Types].xml" not in zip_names:
        return None
    for folder, kind in OOXML_FOLDERS.items():
        if any(name.startswith(folder) for name in zip_names):
            return kind
    return None


def allowed_types_text() -> str:
    return "PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, ODP"


def stored_name(original: str, kind: TipeBerkas) -> str:
    """A safe name that ends with the extension of the detected type (never the user's)."""
    base = re.split(r"[\\/]", original)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("._-")[:80] or "bukti"
    return f"{stem}{EXTENSIONS[kind]}"


def size_error(size: int, limit: int) -> str | None:
    if size > limit:
        return _("Berkas terlalu besar (%(ukuran)s MB); batasnya %(batas)s MB.") % {
            "ukuran": format_number(size / (1024 * 1024), 1),
            "batas": format_number(limit / (1024 * 1024), 0),
        }
    if size == 0:
        return _("Berkas kosong.")
    return None


def link_error(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
        port_ok = parts.port is None or parts.port > 0  # a port not a number raises
    except ValueError:
        port_ok = False
    if not port_ok or parts.scheme not in ("http", "https") or not parts.hostname:
        return _("Tautan harus alamat http:// atau https:// yang lengkap.")
    if len(url) > 1000:
        return _("Tautan terlalu panjang (paling banyak 1.000 karakter).")
    return None


def link_key(url: str) -> str:
    """The form of a link used to compare links: scheme and host in lower case, no default
    port, no fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (parts.scheme == "http" and parts.port == 80)
        or (parts.scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


# --- Integrity signals -----------------------------------------------------------------------


@dataclass(frozen=True)
class Jejak:
    """Where a file hash or a link was used: by whom, for which RHK, in which period."""

    pegawai_id: int
    rhk_id: int
    periode_id: int


@dataclass(frozen=True)
class Sinyal:
    jenis: JenisSinyal
    pesan: str


def integrity_signals(
    *,
    pegawai_id: int,
    rhk_id: int,
    periode_id: int,
    ukuran: int | None,
    diunggah: datetime.date,
    batas_realisasi: datetime.date,
    same_file: Iterable[Jejak] = (),
    same_link: Iterable[Jejak] = (),
    is_file: bool = True,
) -> list[Sinyal]:
    """What makes an evidence item worth a second look. `same_file`/`same_link` are the other
    uses of the same hash or link (the item itself excluded)."""
    signals = []
    others = list(same_file)
    employees = {use.pegawai_id for use in others if use.pegawai_id != pegawai_id}
    if employees:
        signals.append(
            Sinyal(
                JenisSinyal.BERKAS_PEGAWAI_LAIN,
                _("Berkas yang sama juga diajukan oleh %(jumlah)s pegawai lain.")
                % {"jumlah": len(employees)},
            )
        )
    mine = [use for use in others if use.pegawai_id == pegawai_id]
    if any(use.rhk_id != rhk_id and use.periode_id == periode_id for use in mine):
        signals.append(
            Sinyal(JenisSinyal.BERKAS_RHK_LAIN, _("Berkas yang sama dipakai untuk RHK lain."))
        )
    if any(use.periode_id != periode_id for use in mine):
        signals.append(
            Sinyal(
                JenisSinyal.BERKAS_PERIODE_LAIN,
                _("Berkas yang sama sudah dipakai pada periode lain."),
            )
        )
    link_users = {use.pegawai_id for use in same_link if use.pegawai_id != pegawai_id}
    if link_users:
        signals.append(
            Sinyal(
                JenisSinyal.TAUTAN_BERSAMA,
                _("Tautan yang sama juga dipakai oleh %(jumlah)s pegawai lain.")
                % {"jumlah": len(link_users)},
            )
        )
    if diunggah > batas_realisasi:
        signals.append(
            Sinyal(
                JenisSinyal.TERLAMBAT,
                _("Diunggah %(tanggal)s, setelah batas realisasi %(batas)s.")
                % {"tanggal": format_date(diunggah), "batas": format_date(batas_realisasi)},
            )
        )
    if is_file and ukuran is not None:
        signals.extend(_size_signals(ukuran))
    return signals


def _size_signals(ukuran: int) -> list[Sinyal]:
    """An empty upload is refused; a file this small holds next to nothing (a blank page)."""
    if ukuran < SMALL_FILE_BYTES:
        return [
            Sinyal(
                JenisSinyal.BERKAS_KECIL,
                _("Berkas hanya %(ukuran)s bita; periksa isinya.")
                % {"ukuran": format_number(ukuran)},
            )
        ]
    return []


def count_by_status(statuses: Iterable[str]) -> Mapping[str, int]:
    counts = {status.value: 0 for status in StatusBukti}
    for status in statuses:
        counts[status] += 1
    return counts
