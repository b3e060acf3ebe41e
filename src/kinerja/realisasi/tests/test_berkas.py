"""Inspecting uploads: every accepted type built as a real minimal file, disguised files refused
whatever their name, macro documents, zip bombs, corrupt archives, empty and oversize files, the
SHA-256 and the file position."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.realisasi import berkas
from kinerja.realisasi.enums import TipeBerkas
from kinerja.realisasi.tests.factories import PDF_BYTES, docx_bytes

NOT_ACCEPTED = (
    "Isi berkas “{}” bukan jenis yang diterima (PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, "
    "ODP), apa pun nama berkasnya."
)
MACROS = "Dokumen bermakro tidak diterima; simpan tanpa makro."
BOMB = "Berkas arsip mengembang tidak wajar (kemungkinan zip bomb)."
TOO_MANY = "Berkas arsip memuat terlalu banyak bagian."
EMPTY = "Berkas kosong."


# --- Real minimal files ----------------------------------------------------------------------


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG image (greyscale), chunk CRCs included."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    """The start of a JFIF JPEG (SOI, APP0) with filler and the end marker."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + b"\xff\xfe" + struct.pack(">H", 1002) + b"k" * 1000 + b"\xff\xd9"


def zip_bytes(members: dict[str, bytes | str], *, compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def ooxml_bytes(main: str, extra: dict[str, bytes | str] | None = None) -> bytes:
    """An OOXML package: content types, relationships, and its main part."""
    return zip_bytes(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": "<Relationships/>", main: "<x/>"}
        | (extra or {})
    )


def odf_bytes(mimetype: str, extra: dict[str, bytes | str] | None = None) -> bytes:
    """An OpenDocument package: the `mimetype` entry first and uncompressed, then its parts."""
    return zip_bytes(
        {
            "mimetype": mimetype,
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": "<manifest:manifest/>",
        }
        | (extra or {})
    )


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"

ACCEPTED = [
    (PDF_BYTES, "laporan.pdf", TipeBerkas.PDF, "laporan.pdf"),
    (jpeg_bytes(), "foto kegiatan.jpeg", TipeBerkas.JPEG, "foto_kegiatan.jpg"),
    (png_bytes(), "tangkapan layar.png", TipeBerkas.PNG, "tangkapan_layar.png"),
    (docx_bytes(), "notulen.docx", TipeBerkas.DOCX, "notulen.docx"),
    (ooxml_bytes("word/document.xml"), "surat.docx", TipeBerkas.DOCX, "surat.docx"),
    (ooxml_bytes("xl/workbook.xml"), "rekap.xlsx", TipeBerkas.XLSX, "rekap.xlsx"),
    (ooxml_bytes("ppt/presentation.xml"), "paparan.pptx", TipeBerkas.PPTX, "paparan.pptx"),
    (odf_bytes(ODT), "notulen.odt", TipeBerkas.ODT, "notulen.odt"),
    (odf_bytes(ODS), "rekap.ods", TipeBerkas.ODS, "rekap.ods"),
    (odf_bytes(ODP), "paparan.odp", TipeBerkas.ODP, "paparan.odp"),
    # The name does not matter: the content does, and the stored name follows it.
    (PDF_BYTES, "laporan.docx", TipeBerkas.PDF, "laporan.pdf"),
    (jpeg_bytes(), "foto.png", TipeBerkas.JPEG, "foto.jpg"),
    (ooxml_bytes("xl/workbook.xml"), "rekap", TipeBerkas.XLSX, "rekap.xlsx"),
    (odf_bytes(ODS), "../../rekap.xlsx", TipeBerkas.ODS, "rekap.ods"),
]


def refusal(content: bytes, name: str) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        berkas.inspect_upload(io.BytesIO(content), name)
    return caught.value.message_dict


# --- Accepted --------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "name", "kind", "stored"), ACCEPTED)
def test_every_accepted_type_is_recognised_by_content(content, name, kind, stored):
    inspected = berkas.inspect_upload(io.BytesIO(content), name)
    assert inspected == berkas.Inspeksi(
        tipe=kind, nama=stored, ukuran=len(content), sha256=hashlib.sha256(content).hexdigest()
    )


def test_the_sha256_is_the_files():
    inspected = berkas.inspect_upload(io.BytesIO(PDF_BYTES), "laporan.pdf")
    assert inspected.sha256 == "df2654d1de3d940da0303afeb6052b5e50a2b6011f0986da03161050ea1482d0"
    assert inspected.ukuran == 2175


def test_a_file_larger_than_one_read_is_hashed_whole():
    content = b"%PDF-1.7\n" + bytes(range(256)) * 10_000 + b"%%EOF"
    assert len(content) > berkas.CHUNK_BYTES * 2
    inspected = berkas.inspect_upload(io.BytesIO(content), "besar.pdf")
    assert inspected.sha256 == hashlib.sha256(content).hexdigest()
    assert inspected.ukuran == len(content)


def test_an_uploaded_file_object_is_inspected_by_its_declared_size():
    upload = SimpleUploadedFile("laporan.pdf", PDF_BYTES, content_type="text/html")
    inspected = berkas.inspect_upload(upload, upload.name)
    assert (inspected.tipe, inspected.nama, inspected.ukuran) == (
        TipeBerkas.PDF,
        "laporan.pdf",
        2175,
    )


@pytest.mark.parametrize("start", [0, 5, None])
def test_the_file_position_is_at_the_start_afterwards(start):
    fileobj = io.BytesIO(docx_bytes())
    if start is None:
        fileobj.read()
    else:
        fileobj.seek(start)
    berkas.inspect_upload(fileobj, "notulen.docx")
    assert fileobj.tell() == 0
    assert fileobj.read() == docx_bytes()


@pytest.mark.parametrize(
    "content",
    [b"", b"MZ\x90\x00" * 100, zip_bytes({"a.txt": "a"}), b"PK\x03\x04" + b"\x00" * 50],
)
def test_the_file_position_is_at_the_start_after_a_refusal(content):
    fileobj = io.BytesIO(content)
    fileobj.read()
    with pytest.raises(ValidationError):
        berkas.inspect_upload(fileobj, "x.pdf")
    assert fileobj.tell() == 0


# --- Disguised files -------------------------------------------------------------------------

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 2000
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (ELF, "laporan.pdf"),
        (EXE, "laporan.pdf"),
        (EXE, "notulen.docx"),
        (HTML, "foto.png"),
        (HTML, "laporan.pdf"),
        (SVG, "gambar.png"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "animasi.png"),
        (b"Laporan kegiatan bulan Oktober.\n" * 50, "laporan.pdf"),
        (b" %PDF-1.4\n" + b"x" * 2000, "laporan.pdf"),
        # A plain ZIP archive (with a real PDF inside) is not an office document.
        (zip_bytes({"laporan.pdf": PDF_BYTES}), "laporan.docx"),
        (zip_bytes({"word/document.xml": "<x/>"}), "laporan.docx"),  # no content types
        (zip_bytes({"[Content_Types].xml": CONTENT_TYPES}), "laporan.docx"),  # no main part
        (odf_bytes("application/vnd.oasis.opendocument.graphics"), "gambar.odt"),
        (odf_bytes("application/epub+zip"), "buku.odt"),
    ],
)
def test_a_disguised_file_is_refused_whatever_its_name(content, name):
    assert refusal(content, name) == {"berkas": [NOT_ACCEPTED.format(name)]}


def test_the_name_in_the_message_is_cut_short():
    name = "x" * 150 + ".pdf"
    assert refusal(ELF, name) == {"berkas": [NOT_ACCEPTED.format("x" * 100)]}


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + b"\x00" * 200,  # a zip signature and nothing valid after it
        ooxml_bytes("word/document.xml")[:-30],  # the central directory cut off
        b"PK\x03\x04" + b"\xff" * 5000,
    ],
)
def test_a_corrupt_zip_is_refused(content):
    assert refusal(content, "laporan.docx") == {"berkas": [NOT_ACCEPTED.format("laporan.docx")]}


def _flag_mimetype(content: bytes, *, flags: int = 0, method: bytes = b"") -> bytes:
    """The package with the `mimetype` entry's flags or compression method changed in both
    its local header and its central directory record."""
    data = bytearray(content)
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 6] |= flags
    data[central + 8] |= flags
    if method:
        data[local + 8 : local + 10] = method
        data[central + 10 : central + 12] = method
    return bytes(data)


def _corrupt_deflated_mimetype() -> bytes:
    data = bytearray(
        zip_bytes({"mimetype": ODT * 3, "content.xml": "<x/>"}, compression=zipfile.ZIP_DEFLATED)
    )
    start = data.find(b"mimetype") + len("mimetype")
    data[start : start + 6] = b"\xff" * 6
    return bytes(data)


@pytest.mark.parametrize(
    "content",
    [
        _flag_mimetype(odf_bytes(ODT), flags=1),  # encrypted: needs a password to read
        _flag_mimetype(odf_bytes(ODT), method=b"\x63\x00"),  # a compression method unknown
        _corrupt_deflated_mimetype(),  # the compressed stream is broken
    ],
)
def test_an_unreadable_mimetype_entry_is_refused_not_an_error(content):
    assert refusal(content, "notulen.odt") == {"berkas": [NOT_ACCEPTED.format("notulen.odt")]}


# --- Macros, bombs, archives too large -------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (ooxml_bytes("word/document.xml", {"word/vbaProject.bin": b"\xd0\xcf"}), "surat.docm"),
        (ooxml_bytes("word/document.xml", {"word/vbaProject.bin": b"\xd0\xcf"}), "surat.docx"),
        (ooxml_bytes("xl/workbook.xml", {"xl/vbaProject.bin": b"\xd0\xcf"}), "rekap.xlsx"),
        (ooxml_bytes("ppt/presentation.xml", {"ppt/VBAPROJECT.BIN": b"\xd0\xcf"}), "a.pptx"),
        # OpenDocument keeps Basic macros under Basic/, other script languages under Scripts/.
        (
            odf_bytes(ODT, {"Basic/script-lc.xml": "<x/>", "Basic/Standard/Module1.xml": "<x/>"}),
            "notulen.odt",
        ),
        (odf_bytes(ODS, {"Scripts/python/makro.py": "import os"}), "rekap.ods"),
    ],
)
def test_a_document_with_macros_is_refused(content, name):
    assert refusal(content, name) == {"berkas": [MACROS]}


def test_a_zip_bomb_is_refused_before_anything_is_unpacked():
    # 20 MB of zeros compress to about 20 KB: a thousand times, far beyond a real document.
    bomb = zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b"\x00" * (20 * 1024 * 1024),
        },
        compression=zipfile.ZIP_DEFLATED,
    )
    assert len(bomb) < 100_000
    assert refusal(bomb, "laporan.docx") == {"berkas": [BOMB]}


def test_an_ordinary_compressed_document_is_no_bomb():
    text = "".join(f"Paragraf {number}: kegiatan terlaksana.\n" for number in range(3000))
    document = zip_bytes(
        {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": text},
        compression=zipfile.ZIP_DEFLATED,
    )
    assert berkas.inspect_upload(io.BytesIO(document), "laporan.docx").tipe == TipeBerkas.DOCX


def test_an_archive_with_too_many_members_is_refused():
    members: dict[str, bytes | str] = {"[Content_Types].xml": CONTENT_TYPES}
    members |= {f"word/media/{number}.xml": "" for number in range(berkas.MAX_ZIP_MEMBERS)}
    assert refusal(zip_bytes(members), "laporan.docx") == {"berkas": [TOO_MANY]}


# --- Sizes -----------------------------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert refusal(b"", "laporan.pdf") == {"berkas": [EMPTY]}


def test_a_file_over_the_configured_limit_is_refused(settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    limit = 1024 * 1024
    at_limit = b"%PDF-1.4\n" + b"x" * (limit - 9)
    assert berkas.inspect_upload(io.BytesIO(at_limit), "a.pdf").ukuran == limit
    assert refusal(at_limit + b"x", "a.pdf") == {
        "berkas": ["Berkas terlalu besar (1,0 MB); batasnya 1 MB."]
    }
    assert refusal(b"%PDF-1.4\n" + b"x" * (3 * limit), "a.pdf") == {
        "berkas": ["Berkas terlalu besar (3,0 MB); batasnya 1 MB."]
    }


def test_the_default_limit_is_ten_megabytes():
    content = b"%PDF-1.4\n" + b"x" * (10 * 1024 * 1024)
    assert refusal(content, "a.pdf") == {
        "berkas": ["Berkas terlalu besar (10,0 MB); batasnya 10 MB."]
    }


def test_the_size_of_an_uploaded_file_is_checked_before_its_content(settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("virus.pdf", EXE + b"\x00" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        berkas.inspect_upload(upload, upload.name)
    assert caught.value.message_dict == {
        "berkas": ["Berkas terlalu besar (2,0 MB); batasnya 1 MB."]
    }
