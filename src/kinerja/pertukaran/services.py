"""Importing the exchange format: all-or-nothing, idempotent, audited.

`import_run` reads every sheet of a source, validates all of them (collecting every error), and
only when nothing is wrong writes them in one transaction, in registry order. Uploads from the
page and the API are stored and imported by a background job (`pertukaran.import`).
"""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor, Perubahan, audit_record_many
from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan
from kinerja.jobs.progress import Progress
from kinerja.jobs.services import job_create
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.pertukaran import readers
from kinerja.pertukaran.readers import RawSheet, Source
from kinerja.pertukaran.rules import NOT_A_ROW, ImportRejected, RowError
from kinerja.pertukaran.selectors import IMPORT_JOB_KIND
from kinerja.pertukaran.sheets import REGISTRY
from kinerja.pertukaran.sheets.base import ImportContext, SheetCounts, Table, build_table

__all__ = [
    "ImportRejected",
    "ImportResult",
    "RowError",
    "import_job_handle",
    "import_run",
    "import_submit",
]

logger = logging.getLogger(__name__)
REPORT_LIMIT_IN_JOB = 1000
STORED_NAME_LENGTH = 100


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do) per sheet."""

    sheets: dict[str, SheetCounts]
    berlaku_mulai: datetime.date
    dry_run: bool
    extra: dict[str, int] = field(default_factory=dict)
    catatan: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "uji_saja": self.dry_run,
            "berlaku_mulai": self.berlaku_mulai.isoformat(),
            "sheet": {name: counts.as_dict() for name, counts in self.sheets.items()},
            **self.extra,
            **({"catatan": list(self.catatan)} if self.catatan else {}),
        }


def import_run(
    *,
    aktor: Aktor,
    source: Source,
    progress: Progress,
    berlaku_mulai: datetime.date | None = None,
    dry_run: bool = False,
    scope: Lingkup | None = None,
    impor_id: str = "",
) -> ImportResult:
    """Import every sheet of `source`, or nothing.

    `scope` limits an admin kepegawaian to the units they manage (None: the system or the
    terminal, everything allowed). Raises ImportRejected with the full report when any row is
    invalid; then nothing is written. A dry run validates and counts without writing.
    """
    context = ImportContext(
        aktor=aktor,
        scope=scope,
        berlaku_mulai=berlaku_mulai or timezone.localdate(),
        progress=progress,
        label=source.label,
    )
    tables = _read_tables(source, context)
    if dry_run:
        _validate(tables, context)
    else:
        with transaction.atomic():
            _lock_writers(aktor)
            _validate(tables, context)
            _write(context, source.label, impor_id)
    return ImportResult(
        sheets={name: context.counts[name] for name in REGISTRY.names if name in context.counts},
        berlaku_mulai=context.berlaku_mulai,
        dry_run=dry_run,
        extra=dict(context.extra),
        catatan=list(context.catatan),
    )


def _read_tables(source: Source, context: ImportContext) -> dict[str, Table]:
    """Read the sheets present and match their headers; raise on any problem so far."""
    known: dict[str, str] = {}
    for sheet_name in source.sheet_names:
        handler = REGISTRY.get(sheet_name)
        if handler is None:
            continue
        if handler.name in known:
            context.error(
                handler.name,
                NOT_A_ROW,
                "",
                _("Sheet %(sheet)s muncul dua kali ('%(first)s' dan '%(second)s').")
                % {"sheet": handler.name, "first": known[handler.name], "second": sheet_name},
            )
        else:
            known[handler.name] = sheet_name
    total = sum(source.estimated_rows(name) for name in source.sheet_names)
    context.progress.start(total, _("Membaca berkas"))
    raw_sheets: dict[str, RawSheet] = {}
    for sheet_name in source.sheet_names:
        raw = source.read(sheet_name, context.progress)
        handler = REGISTRY.get(sheet_name)
        if handler is None:
            if raw.header_row:
                context.error(
                    sheet_name,
                    NOT_A_ROW,
                    "",
                    _("Sheet '%(sheet)s' tidak dikenal. Sheet yang didukung: %(known)s.")
                    % {"sheet": sheet_name, "known": ", ".join(REGISTRY.names)},
                )
            continue
        if known.get(handler.name) == sheet_name:
            raw_sheets[handler.name] = raw
    if not raw_sheets and not context.errors:
        context.error(
            "",
            NOT_A_ROW,
            "",
            _("Berkas tidak berisi sheet yang dikenal. Sheet yang didukung: %(known)s.")
            % {"known": ", ".join(REGISTRY.names)},
        )
    _raise_if_errors(context)
    tables: dict[str, Table] = {}
    for handler in REGISTRY.handlers:
        if handler.name in raw_sheets:
            table = build_table(raw_sheets[handler.name], handler, context)
            if table is not None:
                tables[handler.name] = table
    if len(tables) < len(raw_sheets):
        _raise_if_errors(context)  # a wrong header: the rows cannot be read meaningfully
    return tables


def _validate(tables: dict[str, Table], context: ImportContext) -> None:
    total = sum(len(table.rows) for table in tables.values())
    context.progress.start(total, _("Memeriksa data"))
    for handler in REGISTRY.handlers:
        handler.validate(tables.get(handler.name), context)
    _raise_if_errors(context)


def _write(context: ImportContext, label: str, impor_id: str) -> None:
    total = sum(handler.write_count(context) for handler in REGISTRY.handlers)
    context.progress.start(total, _("Menyimpan data"))
    for handler in REGISTRY.handlers:
        handler.write(context)
    changed = any(counts.created or counts.updated for counts in context.counts.values())
    if not (context.perubahan or changed):
        return  # nothing written: not even the import is recorded
    summary = {
        "sheet": {name: counts.as_dict() for name, counts in context.counts.items()},
        "berlaku_mulai": context.berlaku_mulai.isoformat(),
        **context.extra,
        **({"catatan": list(context.catatan)} if context.catatan else {}),
    }
    context.perubahan.append(
        Perubahan(
            aksi="impor.run",
            objek_tipe="pertukaran.impor",
            objek_id=impor_id or uuid.uuid4().hex,
            objek_label=(label or _("impor"))[:255],
            sesudah=summary,
            keterangan=_("Impor data, berlaku mulai %(date)s.")
            % {"date": context.berlaku_mulai.isoformat()},
        )
    )
    audit_record_many(aktor=context.aktor, perubahan=context.perubahan)


def _lock_writers(aktor: Aktor) -> None:
    """Take the audit chain's lock before reading the state, so that no other audited write can
    slip between this import's validation and its writes (on SQLite the IMMEDIATE transaction
    already holds the write lock)."""
    audit_record_many(aktor=aktor, perubahan=[])


def _raise_if_errors(context: ImportContext) -> None:
    if context.errors:
        report = sorted(
            context.errors, key=lambda error: (REGISTRY.position(error.sheet), error.row)
        )
        raise ImportRejected(report)


# --- Uploads and the background job --------------------------------------------------------


def import_submit(
    *,
    aktor: Aktor,
    scope: Lingkup,
    nama_berkas: str,
    berkas: IO[bytes],
    berlaku_mulai: datetime.date | None,
    dry_run: bool,
) -> Pekerjaan:
    """Check an uploaded file, store it and start the import job; returns the job.

    Raises ValidationError({"berkas": …}) when the file is refused at once (size, kind, archive).
    """
    if not scope.is_admin:
        raise PermissionDenied
    try:
        readers.check_upload(nama_berkas, berkas)
    except ImportRejected as rejected:
        raise ValidationError({"berkas": [error.reason for error in rejected.report]}) from None
    impor_id = uuid.uuid4().hex
    stored = default_storage.save(f"impor/{impor_id}/{sanitised_name(nama_berkas)}", File(berkas))
    parameter = {
        "impor_id": impor_id,
        "berkas": stored,
        "nama_berkas": Path(nama_berkas).name[:255],
        "berlaku_mulai": berlaku_mulai.isoformat() if berlaku_mulai else None,
        "uji_saja": dry_run,
        "pengguna_id": aktor.pengguna_id,
        "aktor_label": aktor.label,
        "alamat_ip": aktor.alamat_ip,
    }
    title = _("Uji impor %(name)s") if dry_run else _("Impor %(name)s")
    try:
        with transaction.atomic():
            return job_create(
                jenis=IMPORT_JOB_KIND,
                judul=title % {"name": parameter["nama_berkas"]},
                parameter=parameter,
                pengguna_id=aktor.pengguna_id,
            )
    except BaseException:
        default_storage.delete(stored)
        raise


def sanitised_name(name: str) -> str:
    """A safe file name for storage: no folders, no odd characters, not too long."""
    base = Path(name.replace("\\", "/")).name
    try:
        cleaned = get_valid_filename(base)
    except SuspiciousFileOperation:
        cleaned = ""
    if not cleaned:
        return "berkas"
    stem, dot, suffix = cleaned.rpartition(".")
    if dot and len(suffix) <= 10:
        return f"{stem[: STORED_NAME_LENGTH - len(suffix) - 1]}.{suffix}"
    return cleaned[:STORED_NAME_LENGTH]


def import_job_handle(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The `pertukaran.import` job: import the stored file, then delete it."""
    stored = str(parameter["berkas"])
    try:
        aktor, scope = _job_actor(parameter)
        start = parameter.get("berlaku_mulai")
        with (
            default_storage.open(stored, "rb") as handle,
            readers.open_upload(str(parameter["nama_berkas"]), handle) as source,
        ):
            result = import_run(
                aktor=aktor,
                source=source,
                progress=progress,
                berlaku_mulai=datetime.date.fromisoformat(start) if start else None,
                dry_run=bool(parameter.get("uji_saja")),
                scope=scope,
                impor_id=str(parameter.get("impor_id", "")),
            )
    except ImportRejected as rejected:
        report = rejected.report
        raise registry.JobFailed(
            _("Impor ditolak: %(count)d kesalahan; tidak ada data yang disimpan.")
            % {"count": len(report)},
            hasil={
                "laporan": [error.as_dict() for error in report[:REPORT_LIMIT_IN_JOB]],
                "jumlah_kesalahan": len(report),
            },
        ) from None
    finally:
        _delete_quietly(stored)
    return result.as_dict()


def _job_actor(parameter: dict[str, Any]) -> tuple[Aktor, Lingkup]:
    from django.contrib.auth import get_user_model

    user = (
        get_user_model()
        .objects.filter(pk=int(parameter.get("pengguna_id") or 0), is_active=True)
        .first()
    )
    if user is None:
        raise registry.JobFailed(_("Pengguna yang memulai impor tidak ada atau tidak aktif."))
    scope = scope_for(user)
    if not scope.is_admin:
        raise registry.JobFailed(_("Pengguna yang memulai impor tidak lagi berwenang mengimpor."))
    aktor = Aktor(
        pengguna_id=user.pk,
        label=str(parameter.get("aktor_label") or user),
        alamat_ip=parameter.get("alamat_ip"),
    )
    return aktor, scope


def _delete_quietly(stored: str) -> None:
    try:
        default_storage.delete(stored)
    except OSError:
        logger.warning("Could not delete the uploaded file %s", stored)
