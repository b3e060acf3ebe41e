"""Inspecting an uploaded evidence file: its size, its type by content (never by its name),
a safe stored name, and its SHA-256. Refusals are ValidationErrors naming what is wrong."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kinerja.realisasi import rules
from kinerja.realisasi.enums import TipeBerkas

HEAD_BYTES = 8
CHUNK_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 5_000
MAX_COMPRESSION_RATIO = 200
MACRO_MARKERS = ("vbaproject.bin", "macros/")
ODF_MACRO_FOLDERS = ("basic/", "scripts/")
"""Where OpenDocument keeps Basic macros and scripts in other languages."""


@dataclass(frozen=True)
class Inspeksi:
    tipe: TipeBerkas
    nama: str
    ukuran: int
    sha256: str


def max_bytes() -> int:
    return int(settings.EVIDENCE_MAX_UPLOAD_MB) * 1024 * 1024


def inspect_upload(fileobj: IO[bytes], original_name: str) -> Inspeksi:
    """Check an upload and describe it; the file position is left at the start."""
    size = _size(fileobj)
    problem = rules.size_error(size, max_bytes())
    if problem:
        raise ValidationError({"berkas": problem})
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    names, odf_mimetype = (
        _zip_listing(fileobj, size) if head.startswith(b"PK\x03\x04") else (None, "")
    )
    kind = rules.detect_type(head, names, odf_mimetype)
    if kind is None:
        raise ValidationError(
            {
                "berkas": _(
                    "Isi berkas “%(nama)s” bukan jenis yang diterima (%(jenis)s), "
                    "apa pun nama berkasnya."
                )
                % {"nama": original_name[:100], "jenis": rules.allowed_types_text()}
            }
        )
    digest = _sha256(fileobj)
    return Inspeksi(kind, rules.stored_name(original_name, kind), size, digest)


def _size(fileobj: IO[bytes]) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    fileobj.seek(0, 2)
    end = fileobj.tell()
    fileobj.seek(0)
    return end


def _sha256(fileobj: IO[bytes]) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    while chunk := fileobj.read(CHUNK_BYTES):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def _zip_listing(fileobj: IO[bytes], size: int) -> tuple[list[str] | None, str]:
    """The members of an office package, refused when it is corrupt, a zip bomb or carries
    macros; the OpenDocument `mimetype` entry when there is one."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise ValidationError({"berkas": _("Berkas arsip memuat terlalu banyak bagian.")})
            unpacked = sum(member.file_size for member in members)
            if unpacked > max(size, 1) * MAX_COMPRESSION_RATIO:
                raise ValidationError(
                    {"berkas": _("Berkas arsip mengembang tidak wajar (kemungkinan zip bomb).")}
                )
            names = [member.filename for member in members]
            lowered = [name.lower() for name in names]
            if any(marker in name for name in lowered for marker in MACRO_MARKERS) or any(
                name.startswith(ODF_MACRO_FOLDERS) for name in lowered
            ):
                raise ValidationError(
                    {"berkas": _("Dokumen bermakro tidak diterima; simpan tanpa makro.")}
                )
            mimetype = ""
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace")
            return names, mimetype
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError):
        # Corrupt, encrypted or oddly compressed members: not a document we accept.
        return None, ""
    finally:
        fileobj.seek(0)
