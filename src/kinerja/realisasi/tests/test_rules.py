"""Pure rules of periodic realisation: what may be edited when, submission, verdicts and the
report's status after them, the lock after the verification deadline, unlocking, file types by
content, stored names, sizes, links, the integrity signals and the counts per status."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.realisasi import rules
from kinerja.realisasi.enums import JenisSinyal, StatusBukti, StatusLaporan, TipeBerkas

DRAF, DIAJUKAN, PERLU_PERBAIKAN, SELESAI = (
    StatusLaporan.DRAF,
    StatusLaporan.DIAJUKAN,
    StatusLaporan.PERLU_PERBAIKAN,
    StatusLaporan.SELESAI,
)
MENUNGGU, DITERIMA, DIKEMBALIKAN, DITOLAK = (
    StatusBukti.MENUNGGU,
    StatusBukti.DITERIMA,
    StatusBukti.PERLU_PERBAIKAN,
    StatusBukti.DITOLAK,
)

BEING_VERIFIED = "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
DONE = "Laporan periode ini sudah selesai diverifikasi."
ALREADY_VERIFIED = "Bukti ini sudah diverifikasi; hanya bukti yang dikembalikan yang dapat diubah."
NO_EVIDENCE = "Lampirkan sekurang-kurangnya satu bukti dukung sebelum mengajukan."
BAD_VERDICT = "Hasil verifikasi harus Diterima, Perlu Perbaikan, atau Ditolak."
NOTE_REQUIRED = "Tuliskan catatan: apa yang perlu diperbaiki atau mengapa bukti ditolak."
NOT_OPENED = "Periode ini belum dibuka."
CLOSED = "Periode ini sudah ditutup; minta admin kepegawaian membuka kuncinya."
BAD_LINK = "Tautan harus alamat http:// atau https:// yang lengkap."
LONG_LINK = "Tautan terlalu panjang (paling banyak 1.000 karakter)."
LINK_BASE = "https://drive.example.go.id/"

# --- The report's workflow -------------------------------------------------------------------

REPORT_EDIT = {DRAF: None, DIAJUKAN: BEING_VERIFIED, PERLU_PERBAIKAN: None, SELESAI: DONE}


@pytest.mark.parametrize("status", list(StatusLaporan))
def test_a_report_is_edited_while_draft_or_needing_correction(status):
    assert rules.report_edit_error(status) == REPORT_EDIT[status]
    assert rules.report_edit_error(status.value) == REPORT_EDIT[status]


# (report status, item status) -> the refusal (None: the item may change).
ITEM_EDIT = {
    (DRAF, MENUNGGU): None,
    (DRAF, DITERIMA): None,
    (DRAF, DIKEMBALIKAN): None,
    (DRAF, DITOLAK): None,
    (DIAJUKAN, MENUNGGU): BEING_VERIFIED,
    (DIAJUKAN, DITERIMA): BEING_VERIFIED,
    (DIAJUKAN, DIKEMBALIKAN): BEING_VERIFIED,
    (DIAJUKAN, DITOLAK): BEING_VERIFIED,
    # While the report needs correction, a waiting item is one the employee added or corrected
    # in this correction (none waits from the round just verified): it may change again.
    (PERLU_PERBAIKAN, MENUNGGU): None,
    (PERLU_PERBAIKAN, DITERIMA): ALREADY_VERIFIED,
    (PERLU_PERBAIKAN, DIKEMBALIKAN): None,
    (PERLU_PERBAIKAN, DITOLAK): None,
    (SELESAI, MENUNGGU): DONE,
    (SELESAI, DITERIMA): DONE,
    (SELESAI, DIKEMBALIKAN): DONE,
    (SELESAI, DITOLAK): DONE,
}


def test_the_item_table_covers_every_pair():
    assert set(ITEM_EDIT) == {(r, i) for r in StatusLaporan for i in StatusBukti}


@pytest.mark.parametrize(("report", "item"), list(ITEM_EDIT))
def test_an_item_changes_only_when_its_report_and_its_verdict_allow(report, item):
    assert rules.item_edit_error(report, item) == ITEM_EDIT[(report, item)]
    assert rules.item_edit_error(report.value, item.value) == ITEM_EDIT[(report, item)]


@pytest.mark.parametrize(
    ("status", "total", "expected"),
    [
        (DRAF, 1, None),
        (DRAF, 7, None),
        (DRAF, 0, NO_EVIDENCE),
        (PERLU_PERBAIKAN, 2, None),
        (PERLU_PERBAIKAN, 0, NO_EVIDENCE),
        (DIAJUKAN, 3, BEING_VERIFIED),
        (DIAJUKAN, 0, BEING_VERIFIED),
        (SELESAI, 3, DONE),
        (SELESAI, 0, DONE),
    ],
)
def test_submission_needs_an_editable_report_with_evidence(status, total, expected):
    assert rules.submit_error(status, 0, total) == expected
    assert rules.submit_error(status.value, total, total) == expected


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([MENUNGGU], DIAJUKAN),
        ([DITERIMA, MENUNGGU], DIAJUKAN),
        ([DITOLAK, MENUNGGU, DITERIMA], DIAJUKAN),
        ([DITERIMA], SELESAI),
        ([DITERIMA, DITERIMA, DITERIMA], SELESAI),
        ([DITERIMA, DIKEMBALIKAN], PERLU_PERBAIKAN),
        ([DITOLAK], PERLU_PERBAIKAN),
        ([DIKEMBALIKAN, DITOLAK], PERLU_PERBAIKAN),
        (["DITERIMA", "DITOLAK"], PERLU_PERBAIKAN),
        (["MENUNGGU", "DITOLAK"], DIAJUKAN),
    ],
)
def test_the_report_waits_while_an_item_waits_then_needs_correction_or_is_done(statuses, expected):
    assert rules.status_after_verdicts(statuses) == expected
    assert rules.status_after_verdicts(iter(statuses)) == expected


@pytest.mark.parametrize(
    ("verdict", "catatan", "expected"),
    [
        ("DITERIMA", "", None),
        ("DITERIMA", "Lengkap", None),
        ("diterima", "", None),
        ("Diterima", "  ", None),
        ("PERLU_PERBAIKAN", "Tanda tangan belum ada", None),
        ("Perlu Perbaikan", "Tanda tangan belum ada", None),
        ("perlu perbaikan", "Tanda tangan belum ada", None),
        ("DITOLAK", "Bukan dokumen triwulan ini", None),
        ("Ditolak", "Bukan dokumen triwulan ini", None),
        ("PERLU_PERBAIKAN", "", NOTE_REQUIRED),
        ("PERLU_PERBAIKAN", " \n\t ", NOTE_REQUIRED),
        ("DITOLAK", "", NOTE_REQUIRED),
        ("ditolak", "   ", NOTE_REQUIRED),
        ("MENUNGGU", "", BAD_VERDICT),
        ("MENUNGGU", "Nanti", BAD_VERDICT),
        ("", "", BAD_VERDICT),
        ("SETUJU", "ok", BAD_VERDICT),
        ("diterima sebagian", "ok", BAD_VERDICT),
    ],
)
def test_a_verdict_on_a_waiting_item(verdict, catatan, expected):
    assert rules.verdict_error(MENUNGGU, verdict, catatan) == expected
    assert rules.verdict_error("MENUNGGU", verdict, catatan) == expected


@pytest.mark.parametrize(
    ("status", "label"),
    [(DITERIMA, "Diterima"), (DIKEMBALIKAN, "Perlu Perbaikan"), (DITOLAK, "Ditolak")],
)
@pytest.mark.parametrize(
    ("verdict", "catatan"),
    [("DITERIMA", ""), ("PERLU_PERBAIKAN", "Perbaiki"), ("DITOLAK", "Tolak"), ("DITOLAK", "")],
)
def test_an_item_is_verified_once_per_round(status, label, verdict, catatan):
    expected = f"Bukti ini sudah diverifikasi ({label})."
    assert rules.verdict_error(status, verdict, catatan) == expected
    assert rules.verdict_error(status.value, verdict, catatan) == expected


@pytest.mark.parametrize("status", list(StatusBukti))
def test_an_unknown_verdict_is_named_before_anything_else(status):
    assert rules.verdict_error(status, "LULUS", "") == BAD_VERDICT


# --- The lock --------------------------------------------------------------------------------

TODAY = datetime.date(2026, 11, 29)
DEADLINE = datetime.date(2026, 10, 10)
PAST = (
    "Batas verifikasi periode ini telah lewat pada 10 Oktober 2026; minta admin kepegawaian "
    "membuka kuncinya."
)


def lock(status="DIBUKA", *, today=TODAY, batas=DEADLINE, unlocked=None):
    return rules.lock_error(
        today=today, period_status=status, batas_verifikasi=batas, unlocked_until=unlocked
    )


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"today": datetime.date(2026, 10, 1)}, None),
        ({"today": DEADLINE}, None),
        ({"today": datetime.date(2026, 10, 11)}, PAST),
        ({}, PAST),
        ({"status": "DRAF", "today": datetime.date(2026, 10, 1)}, NOT_OPENED),
        ({"status": "DITUTUP", "today": datetime.date(2026, 10, 1)}, CLOSED),
        ({"status": "DIKUNCI", "today": datetime.date(2026, 10, 1)}, CLOSED),
        ({"status": "DITUTUP"}, CLOSED),
        ({"status": "DIKUNCI"}, CLOSED),
        # HR unlocked the person or their unit: until that day inclusive, then locked again.
        ({"unlocked": datetime.date(2026, 12, 5)}, None),
        ({"unlocked": TODAY}, None),
        ({"unlocked": datetime.date(2026, 11, 28)}, PAST),
        ({"unlocked": datetime.date(2026, 10, 20)}, PAST),
        ({"status": "DITUTUP", "unlocked": datetime.date(2026, 12, 5)}, None),
        ({"status": "DIKUNCI", "unlocked": TODAY}, None),
        ({"status": "DIKUNCI", "unlocked": datetime.date(2026, 11, 1)}, CLOSED),
    ],
)
def test_the_lock_after_the_deadline_or_when_the_period_is_closed(arguments, expected):
    assert lock(**arguments) == expected


def test_the_deadline_in_the_lock_message_is_the_periods():
    assert lock(batas=datetime.date(2026, 1, 5)) == (
        "Batas verifikasi periode ini telah lewat pada 5 Januari 2026; minta admin "
        "kepegawaian membuka kuncinya."
    )


@pytest.mark.parametrize(
    ("alasan", "sampai", "expected"),
    [
        ("Sakit selama masa verifikasi", datetime.date(2026, 12, 5), {}),
        ("Sakit", TODAY, {}),
        ("", datetime.date(2026, 12, 5), {"alasan": "Tuliskan alasan membuka kunci."}),
        ("  \n ", TODAY, {"alasan": "Tuliskan alasan membuka kunci."}),
        (
            "Sakit",
            datetime.date(2026, 11, 28),
            {"sampai": "Tanggal berakhir tidak boleh sebelum hari ini."},
        ),
        (
            "",
            datetime.date(2025, 1, 1),
            {
                "alasan": "Tuliskan alasan membuka kunci.",
                "sampai": "Tanggal berakhir tidak boleh sebelum hari ini.",
            },
        ),
    ],
)
def test_unlocking_needs_a_reason_and_a_day_not_past(alasan, sampai, expected):
    assert rules.unlock_errors(alasan, sampai, TODAY) == expected


# --- File types by content -------------------------------------------------------------------

ZIP = b"PK\x03\x04\x14\x00\x00\x00"
OOXML = "[Content_Types].xml"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%", TipeBerkas.PDF),
        (b"%PDF-", TipeBerkas.PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", TipeBerkas.JPEG),
        (b"\xff\xd8\xff\xe1\x00\x10Exif", TipeBerkas.JPEG),
        (b"\x89PNG\r\n\x1a\n", TipeBerkas.PNG),
        (b"%PDF", None),  # truncated signature
        (b"\x89PNG\r\n", None),
        (b"GIF89a\x01\x00", None),
        (b"\x7fELF\x02\x01\x01\x00", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"<!DOCTYPE html>", None),
        (b"<html><body>", None),
        (b"Laporan kegiatan", None),
        (b"", None),
        (b" %PDF-1.4", None),  # the signature must open the file
    ],
)
def test_a_file_is_recognised_by_its_magic_bytes(head, kind):
    assert rules.detect_type(head) == kind
    assert rules.detect_type(head, [OOXML, "word/document.xml"]) == kind


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        ([OOXML, "_rels/.rels", "word/document.xml"], TipeBerkas.DOCX),
        (
            [OOXML, "docProps/app.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"],
            TipeBerkas.XLSX,
        ),
        ([OOXML, "ppt/presentation.xml"], TipeBerkas.PPTX),
        (["word/document.xml"], None),  # no content types: not an OOXML package
        ([OOXML, "_rels/.rels", "docProps/core.xml"], None),  # no main folder
        ([OOXML, "words/document.xml"], None),
        (["readme.txt", "laporan.pdf"], None),  # a plain ZIP archive
        ([], None),
    ],
)
def test_an_office_package_is_recognised_by_its_main_folder(names, kind):
    assert rules.detect_type(ZIP, names) == kind


@pytest.mark.parametrize(
    ("mimetype", "kind"),
    [
        ("application/vnd.oasis.opendocument.text", TipeBerkas.ODT),
        ("application/vnd.oasis.opendocument.spreadsheet", TipeBerkas.ODS),
        ("application/vnd.oasis.opendocument.presentation", TipeBerkas.ODP),
        ("application/vnd.oasis.opendocument.text\n", TipeBerkas.ODT),
        ("application/vnd.oasis.opendocument.graphics", None),
        ("application/vnd.oasis.opendocument.text-template", None),
        ("application/epub+zip", None),
        ("text/html", None),
    ],
)
def test_an_opendocument_package_is_recognised_by_its_mimetype_entry(mimetype, kind):
    assert rules.detect_type(ZIP, ["mimetype", "content.xml"], mimetype) == kind
    # The mimetype entry decides, whatever folders the package also has.
    assert rules.detect_type(ZIP, ["mimetype", OOXML, "word/document.xml"], mimetype) == kind


def test_a_zip_that_could_not_be_listed_is_no_accepted_type():
    assert rules.detect_type(ZIP) is None
    assert rules.detect_type(ZIP, None, "application/vnd.oasis.opendocument.text") is None


def test_a_listing_without_the_zip_signature_is_ignored():
    assert rules.detect_type(b"Laporan", [OOXML, "word/document.xml"]) is None
    assert rules.detect_type(b"", ["mimetype"], "application/vnd.oasis.opendocument.text") is None


def test_every_type_has_an_extension_and_a_content_type():
    assert set(rules.EXTENSIONS) == set(TipeBerkas) == set(rules.CONTENT_TYPES)
    assert rules.allowed_types_text() == "PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, ODP"


# --- Stored names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "kind", "expected"),
    [
        ("laporan.pdf", TipeBerkas.PDF, "laporan.pdf"),
        ("Laporan Kegiatan TW3.pdf", TipeBerkas.PDF, "Laporan_Kegiatan_TW3.pdf"),
        ("../../x.pdf", TipeBerkas.PDF, "x.pdf"),
        ("../../../etc/passwd", TipeBerkas.PDF, "passwd.pdf"),
        ("..\\..\\windows\\x.pdf", TipeBerkas.PDF, "x.pdf"),
        ("C:\\Users\\siti\\Documents\\foto kegiatan.jpg", TipeBerkas.JPEG, "foto_kegiatan.jpg"),
        ("/var/www/index.html", TipeBerkas.PNG, "index.png"),
        ("a.pdf.exe", TipeBerkas.PDF, "a_pdf.pdf"),
        ("laporan.exe", TipeBerkas.PDF, "laporan.pdf"),
        ("foto.png", TipeBerkas.JPEG, "foto.jpg"),  # the content decides the extension
        ("data.XLSX", TipeBerkas.XLSX, "data.xlsx"),
        ("laporan", TipeBerkas.DOCX, "laporan.docx"),
        ("Laporan Kegiatan — Triwulan Ⅲ.pdf", TipeBerkas.PDF, "Laporan_Kegiatan_Triwulan.pdf"),
        ("Rapat koordinasi (final) v2.odt", TipeBerkas.ODT, "Rapat_koordinasi_final_v2.odt"),
        ("文件.pdf", TipeBerkas.PDF, "bukti.pdf"),
        ("Ünïcödé.ods", TipeBerkas.ODS, "n_c_d.ods"),
        ("x\x00.pdf", TipeBerkas.PDF, "x.pdf"),
        (".pdf", TipeBerkas.PDF, "bukti.pdf"),
        (".htaccess", TipeBerkas.PNG, "bukti.png"),
        ("...", TipeBerkas.PDF, "bukti.pdf"),
        ("", TipeBerkas.PPTX, "bukti.pptx"),
        ("../", TipeBerkas.PDF, "bukti.pdf"),
        ("--rf.pdf", TipeBerkas.PDF, "rf.pdf"),
        ("a" * 300 + ".pdf", TipeBerkas.PDF, "a" * 80 + ".pdf"),
        ("b" * 80 + ".odp", TipeBerkas.ODP, "b" * 80 + ".odp"),
    ],
)
def test_the_stored_name_is_safe_and_ends_with_the_detected_type(original, kind, expected):
    assert rules.stored_name(original, kind) == expected


SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}(\.[a-z]{3,4})")


@settings(max_examples=500, deadline=None)
@given(
    original=st.text(max_size=400)
    | st.lists(
        st.sampled_from(["..", ".", "/", "\\", "a", "laporan", ".pdf", ".exe", " ", "é", "\x00"])
    ).map("".join),
    kind=st.sampled_from(list(TipeBerkas)),
)
def test_a_stored_name_never_leaves_its_folder_and_always_has_the_types_extension(original, kind):
    name = rules.stored_name(original, kind)
    assert "/" not in name
    assert "\\" not in name
    assert name.endswith(rules.EXTENSIONS[kind])
    match = SAFE_NAME.fullmatch(name)
    assert match is not None, name
    assert match.group(1) == rules.EXTENSIONS[kind]


# --- Sizes -----------------------------------------------------------------------------------

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (1, 10 * MB, None),
        (10 * MB, 10 * MB, None),
        (10 * MB + 1, 10 * MB, "Berkas terlalu besar (10,0 MB); batasnya 10 MB."),
        (15 * MB, 10 * MB, "Berkas terlalu besar (15,0 MB); batasnya 10 MB."),
        (int(12.5 * MB), 10 * MB, "Berkas terlalu besar (12,5 MB); batasnya 10 MB."),
        (3 * MB, 2 * MB, "Berkas terlalu besar (3,0 MB); batasnya 2 MB."),
        (1500 * MB, 1024 * MB, "Berkas terlalu besar (1.500,0 MB); batasnya 1.024 MB."),
        (0, 10 * MB, "Berkas kosong."),
    ],
)
def test_a_file_must_not_be_empty_nor_over_the_limit(size, limit, expected):
    assert rules.size_error(size, limit) == expected


# --- Links -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://drive.example.go.id/berkas/1", None),
        ("http://intranet.example.go.id", None),
        ("  https://drive.example.go.id/berkas/1  ", None),
        ("HTTPS://DRIVE.EXAMPLE.GO.ID/x", None),
        ("https://drive.example.go.id:8443/x?id=1#hal-2", None),
        ("https://10.0.0.5/laporan", None),
        ("javascript:alert(1)", BAD_LINK),
        ("JavaScript://drive.example.go.id/%0Aalert(1)", BAD_LINK),
        ("data:text/html,<script>alert(1)</script>", BAD_LINK),
        ("ftp://files.example.go.id/laporan.pdf", BAD_LINK),
        ("file:///etc/passwd", BAD_LINK),
        ("mailto:siti@example.go.id", BAD_LINK),
        ("drive.example.go.id/berkas/1", BAD_LINK),
        ("//drive.example.go.id/berkas/1", BAD_LINK),
        ("https://", BAD_LINK),
        ("https:///berkas/1", BAD_LINK),
        ("https://:443/berkas/1", BAD_LINK),  # a port but no host
        ("https://siti@/berkas/1", BAD_LINK),  # a user but no host
        ("https://drive.example.go.id:abc/berkas", BAD_LINK),  # a port that is no number
        ("https://drive.example.go.id:99999/berkas", BAD_LINK),  # a port out of range
        ("http://[::1/berkas", BAD_LINK),  # a broken IPv6 address
        ("", BAD_LINK),
        (LINK_BASE + "a" * (1000 - len(LINK_BASE)), None),  # exactly 1,000 characters
        (LINK_BASE + "a" * (1001 - len(LINK_BASE)), LONG_LINK),
    ],
)
def test_a_link_must_be_a_complete_http_address(url, expected):
    assert rules.link_error(url) == expected


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://drive.example.go.id/berkas/1", "https://drive.example.go.id/berkas/1"),
        ("HTTPS://Drive.Example.GO.ID/Berkas/1", "https://drive.example.go.id/Berkas/1"),
        ("https://drive.example.go.id/berkas/1/", "https://drive.example.go.id/berkas/1"),
        ("https://drive.example.go.id/berkas/1//", "https://drive.example.go.id/berkas/1"),
        ("https://drive.example.go.id/", "https://drive.example.go.id"),
        ("https://drive.example.go.id", "https://drive.example.go.id"),
        ("https://drive.example.go.id/berkas/1#hal-2", "https://drive.example.go.id/berkas/1"),
        ("https://drive.example.go.id/x?id=1&b=2", "https://drive.example.go.id/x?id=1&b=2"),
        ("https://drive.example.go.id/x/?id=1#a", "https://drive.example.go.id/x?id=1"),
        ("http://drive.example.go.id:80/x", "http://drive.example.go.id/x"),
        ("https://drive.example.go.id:443/x", "https://drive.example.go.id/x"),
        ("http://drive.example.go.id:443/x", "http://drive.example.go.id:443/x"),
        ("https://drive.example.go.id:80/x", "https://drive.example.go.id:80/x"),
        ("https://drive.example.go.id:8443/x", "https://drive.example.go.id:8443/x"),
        ("https://siti:rahasia@drive.example.go.id/x", "https://drive.example.go.id/x"),
        ("  https://drive.example.go.id/x  ", "https://drive.example.go.id/x"),
    ],
)
def test_links_are_compared_in_a_normal_form(url, key):
    assert rules.link_key(url) == key


def test_links_differing_only_in_form_share_their_key():
    forms = [
        "https://drive.example.go.id/berkas/1",
        "HTTPS://DRIVE.EXAMPLE.GO.ID/berkas/1/",
        "https://drive.example.go.id:443/berkas/1#page=2",
    ]
    assert {rules.link_key(url) for url in forms} == {"https://drive.example.go.id/berkas/1"}
    assert rules.link_key("http://drive.example.go.id/berkas/1") != rules.link_key(forms[0])


# --- Integrity signals -----------------------------------------------------------------------

ME, OTHER, THIRD = 1, 2, 3
RHK, RHK_2 = 10, 11
TW3, TW2 = 100, 99
BATAS = datetime.date(2026, 10, 5)


def signals(**changes):
    arguments = {
        "pegawai_id": ME,
        "rhk_id": RHK,
        "periode_id": TW3,
        "ukuran": 50_000,
        "diunggah": datetime.date(2026, 10, 1),
        "batas_realisasi": BATAS,
    } | changes
    return [(signal.jenis, signal.pesan) for signal in rules.integrity_signals(**arguments)]


BY_OTHERS = (JenisSinyal.BERKAS_PEGAWAI_LAIN, "Berkas yang sama juga diajukan oleh 1 pegawai lain.")
OTHER_RHK = (JenisSinyal.BERKAS_RHK_LAIN, "Berkas yang sama dipakai untuk RHK lain.")
OTHER_PERIOD = (
    JenisSinyal.BERKAS_PERIODE_LAIN,
    "Berkas yang sama sudah dipakai pada periode lain.",
)
SHARED_LINK = (JenisSinyal.TAUTAN_BERSAMA, "Tautan yang sama juga dipakai oleh 1 pegawai lain.")
LATE = (
    JenisSinyal.TERLAMBAT,
    "Diunggah 6 Oktober 2026, setelah batas realisasi 5 Oktober 2026.",
)


def test_an_ordinary_item_has_no_signal():
    assert signals() == []
    assert signals(diunggah=BATAS, ukuran=1024) == []


def test_the_same_file_by_other_employees_counts_each_employee_once():
    uses = [rules.Jejak(OTHER, 50, TW3), rules.Jejak(OTHER, 51, TW2), rules.Jejak(THIRD, 52, TW3)]
    assert signals(same_file=uses) == [
        (JenisSinyal.BERKAS_PEGAWAI_LAIN, "Berkas yang sama juga diajukan oleh 2 pegawai lain.")
    ]
    assert signals(same_file=uses[:2]) == [BY_OTHERS]


def test_the_same_file_for_another_rhk_in_the_period():
    assert signals(same_file=[rules.Jejak(ME, RHK_2, TW3)]) == [OTHER_RHK]


def test_the_same_file_for_the_same_rhk_in_the_period_is_no_signal():
    assert signals(same_file=[rules.Jejak(ME, RHK, TW3)]) == []


def test_the_same_file_in_another_period():
    assert signals(same_file=[rules.Jejak(ME, RHK, TW2)]) == [OTHER_PERIOD]
    assert signals(same_file=[rules.Jejak(ME, RHK_2, TW2)]) == [OTHER_PERIOD]


def test_a_link_used_by_other_employees():
    assert signals(same_link=[rules.Jejak(OTHER, 50, TW3)], ukuran=None, is_file=False) == [
        SHARED_LINK
    ]
    uses = [rules.Jejak(OTHER, 50, TW3), rules.Jejak(THIRD, 50, TW2), rules.Jejak(OTHER, 1, TW2)]
    assert signals(same_link=uses, ukuran=None, is_file=False) == [
        (JenisSinyal.TAUTAN_BERSAMA, "Tautan yang sama juga dipakai oleh 2 pegawai lain.")
    ]


def test_a_link_used_again_by_its_owner_is_no_signal():
    assert signals(same_link=[rules.Jejak(ME, RHK_2, TW2)], ukuran=None, is_file=False) == []


def test_an_upload_after_the_realisation_deadline():
    assert signals(diunggah=datetime.date(2026, 10, 6)) == [LATE]
    assert signals(diunggah=datetime.date(2027, 1, 2)) == [
        (
            JenisSinyal.TERLAMBAT,
            "Diunggah 2 Januari 2027, setelah batas realisasi 5 Oktober 2026.",
        )
    ]


@pytest.mark.parametrize(
    ("ukuran", "expected"),
    [
        (1, [(JenisSinyal.BERKAS_KECIL, "Berkas hanya 1 bita; periksa isinya.")]),
        (300, [(JenisSinyal.BERKAS_KECIL, "Berkas hanya 300 bita; periksa isinya.")]),
        (1023, [(JenisSinyal.BERKAS_KECIL, "Berkas hanya 1.023 bita; periksa isinya.")]),
        (1024, []),
        (None, []),
    ],
)
def test_a_nearly_empty_file(ukuran, expected):
    assert signals(ukuran=ukuran) == expected


def test_a_link_is_never_a_small_file():
    assert signals(ukuran=10, is_file=False) == []


def test_every_signal_at_once_in_a_fixed_order():
    assert signals(
        ukuran=300,
        diunggah=datetime.date(2026, 10, 6),
        same_file=[
            rules.Jejak(OTHER, 50, TW3),
            rules.Jejak(ME, RHK_2, TW3),
            rules.Jejak(ME, RHK, TW2),
        ],
        same_link=[rules.Jejak(THIRD, 50, TW3)],
    ) == [
        BY_OTHERS,
        OTHER_RHK,
        OTHER_PERIOD,
        SHARED_LINK,
        LATE,
        (JenisSinyal.BERKAS_KECIL, "Berkas hanya 300 bita; periksa isinya."),
    ]


def test_two_signals_together():
    assert signals(
        diunggah=datetime.date(2026, 10, 6), same_file=[rules.Jejak(THIRD, 52, TW2)]
    ) == [BY_OTHERS, LATE]


# --- Counting --------------------------------------------------------------------------------


def test_counts_per_status_name_every_status():
    assert rules.count_by_status([]) == {
        "MENUNGGU": 0,
        "DITERIMA": 0,
        "PERLU_PERBAIKAN": 0,
        "DITOLAK": 0,
    }
    assert rules.count_by_status(
        ["DITERIMA", "MENUNGGU", "DITERIMA", "DITOLAK", StatusBukti.DITERIMA]
    ) == {"MENUNGGU": 1, "DITERIMA": 3, "PERLU_PERBAIKAN": 0, "DITOLAK": 1}
