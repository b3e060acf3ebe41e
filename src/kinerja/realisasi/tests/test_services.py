"""Writing period reports: opening a report, realisation values, evidence files and links (stored
under the report's folder, never orphaned, old files removed only after commit), what may be edited
in which state, the lock after the verification deadline, unlocking, and deadline reminders. Every
refusal leaves everything as it was."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory, pegawai_with_account
from kinerja.organisasi.tests.helpers import aktor_of
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition, periode_update
from kinerja.realisasi import services
from kinerja.realisasi.models import BukaKunci, BuktiDukung, Laporan, Realisasi, RiwayatBukti
from kinerja.realisasi.tests.factories import (
    FAR,
    PDF_BYTES,
    PNG_BYTES,
    docx_bytes,
    link,
    open_period,
    report_for,
    upload,
)
from kinerja.realisasi.tests.helpers import realisasi_state, stored_files
from kinerja.skp import services as skp_services
from kinerja.skp.enums import Aspek
from kinerja.skp.models import Indikator, Rhk
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan, plan_with_rhk

pytestmark = pytest.mark.django_db

BEING_VERIFIED = "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
DONE = "Laporan periode ini sudah selesai diverifikasi."
ALREADY_VERIFIED = "Bukti ini sudah diverifikasi; hanya bukti yang dikembalikan yang dapat diubah."
PAST = (
    "Batas verifikasi periode ini telah lewat pada 1 November 2026; minta admin kepegawaian "
    "membuka kuncinya."
)
CLOSED = "Periode ini sudah ditutup; minta admin kepegawaian membuka kuncinya."
BAD_LINK = "Tautan harus alamat http:// atau https:// yang lengkap."
NOT_ACCEPTED = (
    "Isi berkas “{}” bukan jenis yang diterima (PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, "
    "ODP), apa pun nama berkasnya."
)
STORED = re.compile(r"bukti/(\d+)/(\d+)/[0-9a-f]{16}-(.+)")
TODAY = datetime.date(2026, 11, 29)
"""A fixed day for the rules that take the day as an argument (reminders)."""


def today() -> datetime.date:
    """The real local day, for the services that read the clock themselves (unlocks)."""
    return timezone.localdate()


@dataclass
class Case:
    periode: Periode
    laporan: Laporan
    rhk: Rhk
    indikator: Indikator
    budi: Laporan
    budi_rhk: Rhk
    owner: Aktor
    appraiser: Aktor


@pytest.fixture
def case(agency) -> Case:
    """TW4 open far ahead; Budi's report and Siti's (her RHK supports Budi's; Budi appraises
    her)."""
    periode = open_period()
    budi, _skp, budi_rhk = report_for(agency.penilai, periode)
    laporan, _skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=budi_rhk)
    return Case(
        periode,
        laporan,
        rhk,
        rhk.indikator.get(),
        budi,
        budi_rhk,
        aktor_for(agency.pegawai),
        aktor_for(agency.penilai),
    )


def refused(call: Any) -> list[str] | dict[str, list[str]]:
    """The messages of a refused call (a field dict when the error names fields)."""
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    return error.message_dict if hasattr(error, "error_dict") else error.messages


def read(name: str) -> bytes:
    with default_storage.open(name) as handle:
        return handle.read()


def audit(aksi: str) -> list[tuple[str, str, Any, Any, str]]:
    return list(
        Entri.objects.filter(aksi=aksi)
        .order_by("urutan")
        .values_list("objek_id", "aktor_label", "sebelum", "sesudah", "keterangan")
    )


def submit(case: Case) -> Laporan:
    return services.laporan_submit(aktor=case.owner, laporan=case.laporan)


def verdict(case: Case, bukti: BuktiDukung, status: str, catatan: str = "") -> BuktiDukung:
    return services.bukti_verdict(aktor=case.appraiser, bukti=bukti, status=status, catatan=catatan)


# --- Opening a report ------------------------------------------------------------------------


def test_the_report_of_an_approved_plan_is_opened_once(agency, case):
    again = services.laporan_open(aktor=case.owner, skp=case.laporan.skp, periode=case.periode)
    assert again.pk == case.laporan.pk
    assert Laporan.objects.filter(skp=case.laporan.skp).count() == 1
    stored = Laporan.objects.get(pk=case.laporan.pk)
    assert (stored.status, stored.putaran, stored.diajukan_pada, stored.selesai_pada) == (
        "DRAF",
        0,
        None,
        None,
    )
    assert audit("laporan.create") == [
        (str(case.budi.pk), f"Budi Santoso ({agency.penilai.nip})", None, None, ""),
        (str(case.laporan.pk), f"Siti Aminah ({agency.pegawai.nip})", None, None, ""),
    ]


def test_a_plan_not_approved_has_no_report(agency):
    periode = open_period()
    skp, _rhk = plan_with_rhk(agency.outsider)
    before = realisasi_state()
    assert refused(lambda: services.laporan_open(aktor=SYSTEM, skp=skp, periode=periode)) == [
        "SKP tahun ini belum disetujui; realisasi diisi setelah SKP disetujui."
    ]
    assert realisasi_state() == before


def test_a_report_is_for_a_period_of_the_plans_year_not_the_annual_one(agency, case):
    other_year = open_period(tahun=2027)
    annual = Periode.objects.get(tahun__tahun=2026, kode="TAHUNAN")
    before = realisasi_state()
    for periode in (other_year, annual):
        assert refused(
            lambda periode=periode: services.laporan_open(
                aktor=case.owner, skp=case.laporan.skp, periode=periode
            )
        ) == ["Periode harus salah satu periode tahun SKP (bukan tahunan)."]
    assert realisasi_state() == before


def test_a_report_is_not_opened_in_a_draft_period(agency, case):
    draft = Periode.objects.get(tahun__tahun=2026, kode="TW3")
    assert draft.status == "DRAF"
    before = realisasi_state()
    assert refused(
        lambda: services.laporan_open(aktor=case.owner, skp=case.laporan.skp, periode=draft)
    ) == ["Periode ini belum dibuka."]
    assert realisasi_state() == before


def test_a_report_created_meanwhile_by_another_request_is_the_one_returned(agency):
    """Two tabs open the same report: both find none, the unique constraint decides, and the
    loser gets the winner's report (no error, no second audit entry)."""
    periode = open_period()
    skp, _rhk = approved_plan(agency.outsider)
    winner = Laporan.objects.create(skp=skp, periode=periode)
    with mock.patch.object(Laporan.objects, "filter", return_value=Laporan.objects.none()):
        found = services.laporan_open(aktor=SYSTEM, skp=skp, periode=periode)
    assert found.pk == winner.pk
    assert Laporan.objects.filter(skp=skp).count() == 1
    assert audit("laporan.create") == []


# --- Realisation values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "stored"),
    [
        ("12", Decimal("12.0000")),
        ("97,5", Decimal("97.5000")),
        ("1.250,5", Decimal("1250.5000")),
        ("1.250", Decimal("1250.0000")),
        (" 3,1416 ", Decimal("3.1416")),
        ("0", Decimal("0.0000")),
        (Decimal("7.25"), Decimal("7.2500")),
        ("123.456.789,125", Decimal("123456789.1250")),
    ],
)
def test_a_quantitative_realisation_is_read_the_indonesian_way(case, nilai, stored):
    services.realisasi_save(
        aktor=case.owner, laporan=case.laporan, indikator=case.indikator, nilai=nilai
    )
    row = Realisasi.objects.get(laporan=case.laporan)
    assert (row.indikator_id, row.nilai, row.narasi) == (case.indikator.pk, stored, "")


@pytest.mark.parametrize(
    ("nilai", "errors"),
    [
        ("dua belas", {"nilai": ["Realisasi harus berupa angka, mis. 12 atau 97,5."]}),
        ("12,5,1", {"nilai": ["Realisasi harus berupa angka, mis. 12 atau 97,5."]}),
        ("NaN", {"nilai": ["Realisasi harus berupa angka, mis. 12 atau 97,5."]}),
        ("", {"nilai": ["Isi realisasi berupa angka."]}),
        ("   ", {"nilai": ["Isi realisasi berupa angka."]}),
        (None, {"nilai": ["Isi realisasi berupa angka."]}),
        (
            "-1",
            {"nilai": ["Realisasi tidak boleh negatif, paling banyak 4 angka di belakang koma."]},
        ),
        (
            "1,23456",
            {"nilai": ["Realisasi tidak boleh negatif, paling banyak 4 angka di belakang koma."]},
        ),
        ("1.000.000.000.000", {"nilai": ["Realisasi terlalu besar."]}),
        ("1e20", {"nilai": ["Realisasi terlalu besar."]}),
    ],
)
def test_a_quantitative_realisation_that_is_no_valid_number_is_refused(case, nilai, errors):
    before = realisasi_state()
    assert (
        refused(
            lambda: services.realisasi_save(
                aktor=case.owner, laporan=case.laporan, indikator=case.indikator, nilai=nilai
            )
        )
        == errors
    )
    assert realisasi_state() == before


def test_saving_a_realisation_again_changes_the_same_row(agency, case):
    first = services.realisasi_save(
        aktor=case.owner, laporan=case.laporan, indikator=case.indikator, nilai="10"
    )
    second = services.realisasi_save(
        aktor=case.owner, laporan=case.laporan, indikator=case.indikator, nilai="11,5"
    )
    assert first.pk == second.pk
    assert list(Realisasi.objects.values_list("laporan_id", "nilai")) == [
        (case.laporan.pk, Decimal("11.5000"))
    ]
    label = f"Siti Aminah ({agency.pegawai.nip})"
    assert audit("realisasi.update") == [
        (
            str(first.pk),
            label,
            None,
            {"indikator": case.indikator.pk, "nilai": "10", "narasi": ""},
            "",
        ),
        (
            str(first.pk),
            label,
            None,
            {"indikator": case.indikator.pk, "nilai": "11.5", "narasi": ""},
            "",
        ),
    ]


def qualitative_report(pegawai: Pegawai, periode: Periode) -> tuple[Laporan, Indikator]:
    aktor = aktor_for(pegawai)
    skp = skp_services.skp_create(aktor=aktor, pegawai=pegawai, tahun=2026, pendekatan="KUALITATIF")
    rhk = skp_services.rhk_create(aktor=aktor, skp=skp, uraian="Terlaksananya layanan")
    indikator = skp_services.indikator_create(
        aktor=aktor,
        rhk=rhk,
        aspek=Aspek.KUALITAS.value,
        uraian="Layanan sesuai standar",
        target_narasi="Layanan diberikan sesuai SOP",
    )
    skp_services.skp_submit(aktor=aktor, skp=skp)
    skp = skp_services.skp_approve(aktor=SYSTEM, skp=skp)
    return services.laporan_open(aktor=aktor, skp=skp, periode=periode), indikator


def test_a_qualitative_realisation_is_a_narrative(agency):
    laporan, indikator = qualitative_report(agency.outsider, open_period())
    aktor = aktor_for(agency.outsider)
    services.realisasi_save(
        aktor=aktor, laporan=laporan, indikator=indikator, nilai="12", narasi="  Sesuai SOP  "
    )
    assert list(Realisasi.objects.values_list("indikator_id", "nilai", "narasi")) == [
        (indikator.pk, None, "Sesuai SOP")
    ]
    before = realisasi_state()
    assert refused(
        lambda: services.realisasi_save(
            aktor=aktor, laporan=laporan, indikator=indikator, narasi=" \n "
        )
    ) == {"narasi": ["Uraikan realisasi secara naratif."]}
    assert realisasi_state() == before


def test_an_indicator_of_another_plan_is_refused(case):
    others = case.budi_rhk.indikator.get()
    before = realisasi_state()
    assert refused(
        lambda: services.realisasi_save(
            aktor=case.owner, laporan=case.laporan, indikator=others, nilai="3"
        )
    ) == {"indikator": ["Indikator ini bukan bagian dari SKP laporan ini."]}
    assert realisasi_state() == before


# --- Evidence files --------------------------------------------------------------------------


def test_an_uploaded_file_is_stored_under_the_reports_folder(agency, case):
    bukti = upload(case.laporan, case.rhk, uraian="  Laporan kegiatan Oktober ")
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    match = STORED.fullmatch(stored.berkas.name)
    assert match is not None, stored.berkas.name
    assert match.groups() == (str(case.periode.pk), str(case.laporan.pk), "laporan.pdf")
    assert read(stored.berkas.name) == PDF_BYTES
    assert stored_files() == [stored.berkas.name]
    assert (
        stored.jenis,
        stored.uraian,
        stored.nama_berkas,
        stored.tipe_berkas,
        stored.ukuran,
        stored.sha256,
        stored.tautan,
        stored.status,
        stored.putaran,
    ) == (
        "BERKAS",
        "Laporan kegiatan Oktober",
        "laporan.pdf",
        "PDF",
        2175,
        "df2654d1de3d940da0303afeb6052b5e50a2b6011f0986da03161050ea1482d0",
        "",
        "MENUNGGU",
        0,
    )
    assert list(stored.riwayat.values_list("putaran", "aksi", "status", "keterangan")) == [
        (0, "UNGGAH", "MENUNGGU", "laporan.pdf")
    ]
    assert audit("bukti.create") == [
        (
            str(bukti.pk),
            f"Siti Aminah ({agency.pegawai.nip})",
            None,
            {
                "rhk": case.rhk.pk,
                "berkas": "laporan.pdf",
                "sha256": "df2654d1de3d940da0303afeb6052b5e50a2b6011f0986da03161050ea1482d0",
            },
            "",
        )
    ]


def test_the_stored_name_follows_the_content_not_the_name(case):
    bukti = upload(case.laporan, case.rhk, content=PNG_BYTES, name="../../../foto.pdf.exe")
    assert (bukti.nama_berkas, bukti.tipe_berkas) == ("foto_pdf.png", "PNG")
    assert STORED.fullmatch(bukti.berkas.name).group(3) == "foto_pdf.png"
    assert read(bukti.berkas.name) == PNG_BYTES


def test_two_files_of_the_same_name_never_overwrite_each_other(case):
    first = upload(case.laporan, case.rhk, content=PDF_BYTES)
    second = upload(case.laporan, case.rhk, content=docx_bytes(), name="laporan.pdf")
    assert first.berkas.name != second.berkas.name
    assert stored_files() == sorted([first.berkas.name, second.berkas.name])
    assert (read(first.berkas.name), read(second.berkas.name)) == (PDF_BYTES, docx_bytes())
    assert second.nama_berkas == "laporan.docx"


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000


@pytest.mark.parametrize(
    ("content", "name", "uraian", "errors"),
    [
        (ELF, "laporan.pdf", "Laporan", {"berkas": [NOT_ACCEPTED.format("laporan.pdf")]}),
        (
            b"<html><script>x</script></html>",
            "a.png",
            "Foto",
            {"berkas": [NOT_ACCEPTED.format("a.png")]},
        ),
        (b"", "kosong.pdf", "Laporan", {"berkas": ["Berkas kosong."]}),
        (
            PDF_BYTES,
            "laporan.pdf",
            "   ",
            {"uraian": ["Tuliskan keterangan singkat bukti dukung."]},
        ),
    ],
)
def test_a_refused_upload_leaves_no_file_and_no_row(case, content, name, uraian, errors):
    before = realisasi_state()
    assert refused(lambda: upload(case.laporan, case.rhk, content, name, uraian)) == errors
    assert realisasi_state() == before
    assert stored_files() == []


def test_an_upload_over_the_limit_is_refused(case, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    before = realisasi_state()
    content = PDF_BYTES + b"x" * (1024 * 1024)
    assert refused(lambda: upload(case.laporan, case.rhk, content)) == {
        "berkas": ["Berkas terlalu besar (1,0 MB); batasnya 1 MB."]
    }
    assert realisasi_state() == before


def test_evidence_for_an_rhk_of_another_plan_is_refused(case):
    before = realisasi_state()
    message = {"rhk": ["RHK ini bukan bagian dari SKP laporan ini."]}
    assert refused(lambda: upload(case.laporan, case.budi_rhk)) == message
    assert refused(lambda: link(case.laporan, case.budi_rhk)) == message
    assert realisasi_state() == before


def test_a_failure_after_the_file_was_saved_removes_the_file(case):
    """The file is written before its row; when the row's transaction fails the file goes."""
    upload(case.laporan, case.rhk)
    before = realisasi_state()
    with (
        mock.patch.object(services, "audit_record", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError, match="audit down"),
    ):
        upload(case.laporan, case.rhk, content=docx_bytes(), name="notulen.docx")
    assert realisasi_state() == before
    assert len(stored_files()) == 1


# --- Evidence links --------------------------------------------------------------------------


def test_a_link_is_stored_with_its_comparison_key(agency, case):
    bukti = services.bukti_add_link(
        aktor=case.owner,
        laporan=case.laporan,
        rhk=case.rhk,
        tautan="  HTTPS://Drive.Example.GO.ID:443/Berkas/1/#hal  ",
        uraian="Dokumentasi",
    )
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    assert (
        stored.jenis,
        stored.tautan,
        stored.tautan_kunci,
        str(stored.berkas),
        stored.sha256,
        stored.ukuran,
        stored.status,
    ) == (
        "TAUTAN",
        "HTTPS://Drive.Example.GO.ID:443/Berkas/1/#hal",
        "https://drive.example.go.id/Berkas/1",
        "",
        "",
        None,
        "MENUNGGU",
    )
    assert list(stored.riwayat.values_list("aksi", "status")) == [("TAUTAN", "MENUNGGU")]
    assert audit("bukti.create")[0][3] == {
        "rhk": case.rhk.pk,
        "tautan": "HTTPS://Drive.Example.GO.ID:443/Berkas/1/#hal",
    }
    assert stored_files() == []


@pytest.mark.parametrize(
    "tautan",
    ["javascript:alert(1)", "ftp://files.example.go.id/a", "drive.example.go.id/a", "https://", ""],
)
def test_a_link_that_is_no_complete_http_address_is_refused(case, tautan):
    before = realisasi_state()
    assert refused(lambda: link(case.laporan, case.rhk, tautan)) == {"tautan": [BAD_LINK]}
    assert realisasi_state() == before


# --- Replacing evidence ----------------------------------------------------------------------


def replace(case: Case, bukti: BuktiDukung, **changes: Any) -> BuktiDukung:
    content = changes.pop("content", None)
    arguments: dict[str, Any] = {"uraian": "Laporan yang diperbaiki"} | changes
    if content is not None:
        arguments["fileobj"] = io.BytesIO(content)
    return services.bukti_replace(aktor=case.owner, bukti=bukti, **arguments)


def test_a_file_replaced_by_a_file_removes_the_old_one_after_commit(
    case, django_capture_on_commit_callbacks
):
    bukti = upload(case.laporan, case.rhk)
    old = bukti.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        replaced = replace(case, bukti, content=docx_bytes(), nama_berkas="notulen rapat.docx")
        assert default_storage.exists(old)  # the transaction has not committed yet
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    assert stored.berkas.name == replaced.berkas.name != old
    assert STORED.fullmatch(stored.berkas.name).group(3) == "notulen_rapat.docx"
    assert stored_files() == [stored.berkas.name]
    assert read(stored.berkas.name) == docx_bytes()
    assert (stored.jenis, stored.uraian, stored.nama_berkas, stored.tipe_berkas) == (
        "BERKAS",
        "Laporan yang diperbaiki",
        "notulen_rapat.docx",
        "DOCX",
    )
    assert (stored.ukuran, stored.status) == (len(docx_bytes()), "MENUNGGU")
    assert list(stored.riwayat.values_list("aksi", "status", "keterangan")) == [
        ("UNGGAH", "MENUNGGU", "laporan.pdf"),
        ("GANTI", "MENUNGGU", "notulen_rapat.docx"),
    ]
    [entry] = audit("bukti.replace")
    assert entry[2:] == (
        {"uraian": "Laporan kegiatan", "berkas": "laporan.pdf", "tautan": ""},
        {"uraian": "Laporan yang diperbaiki", "berkas": "notulen_rapat.docx", "tautan": ""},
        "",
    )


def test_the_old_file_stays_while_the_replacement_is_not_committed(
    case, django_capture_on_commit_callbacks
):
    bukti = upload(case.laporan, case.rhk)
    old = bukti.berkas.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        replaced = replace(case, bukti, content=PNG_BYTES, nama_berkas="foto.png")
    assert len(callbacks) == 1
    assert stored_files() == sorted([old, replaced.berkas.name])
    callbacks[0]()
    assert stored_files() == [replaced.berkas.name]


def test_a_link_replaced_by_a_link(case, django_capture_on_commit_callbacks):
    bukti = link(case.laporan, case.rhk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        replace(case, bukti, tautan="https://drive.example.go.id/berkas/2/")
    assert callbacks == []
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    assert (stored.jenis, stored.tautan, stored.tautan_kunci, stored.uraian) == (
        "TAUTAN",
        "https://drive.example.go.id/berkas/2/",
        "https://drive.example.go.id/berkas/2",
        "Laporan yang diperbaiki",
    )


def test_a_file_replaced_by_a_link_removes_the_file_after_commit(
    case, django_capture_on_commit_callbacks
):
    bukti = upload(case.laporan, case.rhk)
    with django_capture_on_commit_callbacks(execute=True):
        replace(case, bukti, tautan="https://drive.example.go.id/berkas/9")
        assert stored_files() == [bukti.berkas.name]
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    assert (
        stored.jenis,
        str(stored.berkas),
        stored.nama_berkas,
        stored.tipe_berkas,
        stored.ukuran,
        stored.sha256,
        stored.tautan,
        stored.tautan_kunci,
    ) == (
        "TAUTAN",
        "",
        "",
        "",
        None,
        "",
        "https://drive.example.go.id/berkas/9",
        "https://drive.example.go.id/berkas/9",
    )
    assert stored_files() == []


def test_a_link_replaced_by_a_file(case):
    bukti = link(case.laporan, case.rhk)
    replaced = replace(case, bukti, content=PDF_BYTES, nama_berkas="bukti.pdf")
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    assert (stored.jenis, stored.tautan, stored.tautan_kunci, stored.nama_berkas) == (
        "BERKAS",
        "",
        "",
        "bukti.pdf",
    )
    assert stored_files() == [replaced.berkas.name]


def test_changing_only_the_description_keeps_the_file(case, django_capture_on_commit_callbacks):
    bukti = upload(case.laporan, case.rhk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        replace(case, bukti, uraian="Laporan kegiatan (lengkap)")
    assert callbacks == []
    stored = BuktiDukung.objects.get(pk=bukti.pk)
    assert (stored.berkas.name, stored.uraian) == (bukti.berkas.name, "Laporan kegiatan (lengkap)")
    assert stored_files() == [bukti.berkas.name]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"tautan": "javascript:alert(1)"}, {"tautan": [BAD_LINK]}),
        ({"tautan": "ftp://files.example.go.id/a"}, {"tautan": [BAD_LINK]}),
        ({"content": ELF, "nama_berkas": "a.pdf"}, {"berkas": [NOT_ACCEPTED.format("a.pdf")]}),
        ({"content": b"", "nama_berkas": "a.pdf"}, {"berkas": ["Berkas kosong."]}),
        ({"uraian": " "}, {"uraian": ["Tuliskan keterangan singkat bukti dukung."]}),
    ],
)
@pytest.mark.parametrize("kind", ["file", "link"])
def test_a_refused_replacement_changes_nothing(case, kind, changes, errors):
    bukti = upload(case.laporan, case.rhk) if kind == "file" else link(case.laporan, case.rhk)
    before = realisasi_state()
    assert refused(lambda: replace(case, bukti, **changes)) == errors
    assert realisasi_state() == before


def test_a_failure_after_the_new_file_was_saved_keeps_the_old_one(case):
    bukti = upload(case.laporan, case.rhk)
    before = realisasi_state()
    with (
        mock.patch.object(services, "audit_record", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError, match="audit down"),
    ):
        replace(case, bukti, content=docx_bytes(), nama_berkas="notulen.docx")
    assert realisasi_state() == before
    assert read(bukti.berkas.name) == PDF_BYTES


# --- Removing evidence -----------------------------------------------------------------------


def test_a_removed_items_file_goes_after_commit(agency, case, django_capture_on_commit_callbacks):
    bukti = upload(case.laporan, case.rhk)
    with django_capture_on_commit_callbacks(execute=True):
        services.bukti_delete(aktor=case.owner, bukti=bukti)
        assert stored_files() == [bukti.berkas.name]
    assert not BuktiDukung.objects.filter(pk=bukti.pk).exists()
    assert not RiwayatBukti.objects.filter(bukti_id=bukti.pk).exists()
    assert stored_files() == []
    assert audit("bukti.delete") == [
        (
            str(bukti.pk),
            f"Siti Aminah ({agency.pegawai.nip})",
            {"rhk": case.rhk.pk, "berkas": "laporan.pdf", "tautan": ""},
            None,
            "",
        )
    ]


def test_a_removal_rolled_back_keeps_the_row_and_the_file(case, django_capture_on_commit_callbacks):
    bukti = upload(case.laporan, case.rhk)
    before = realisasi_state()

    def remove_then_fail() -> None:
        with transaction.atomic():
            services.bukti_delete(aktor=case.owner, bukti=bukti)
            raise RuntimeError("the request failed later")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        remove_then_fail()
    assert callbacks == []
    assert realisasi_state() == before
    assert read(bukti.berkas.name) == PDF_BYTES


def test_removing_a_link_touches_no_file(case, django_capture_on_commit_callbacks):
    kept = upload(case.laporan, case.rhk)
    bukti = link(case.laporan, case.rhk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.bukti_delete(aktor=case.owner, bukti=bukti)
    assert callbacks == []
    assert list(BuktiDukung.objects.values_list("pk", flat=True)) == [kept.pk]
    assert stored_files() == [kept.berkas.name]


# --- What may be edited in which state -------------------------------------------------------


def every_edit(case: Case, bukti: BuktiDukung) -> dict[str, Any]:
    """Each act of the owner on the report and on one of its items."""
    return {
        "realisasi": lambda: services.realisasi_save(
            aktor=case.owner, laporan=case.laporan, indikator=case.indikator, nilai="5"
        ),
        "upload": lambda: upload(case.laporan, case.rhk, content=docx_bytes(), name="baru.docx"),
        "link": lambda: link(case.laporan, case.rhk, "https://drive.example.go.id/baru"),
        "replace": lambda: replace(case, bukti, content=PNG_BYTES, nama_berkas="foto.png"),
        "replace-link": lambda: replace(case, bukti, tautan="https://drive.example.go.id/x"),
        "delete": lambda: services.bukti_delete(aktor=case.owner, bukti=bukti),
    }


@pytest.mark.parametrize(
    "act", ["realisasi", "upload", "link", "replace", "replace-link", "delete"]
)
def test_nothing_is_edited_while_the_report_is_being_verified(case, act):
    bukti = upload(case.laporan, case.rhk)
    submit(case)
    before = realisasi_state()
    assert refused(every_edit(case, bukti)[act]) == [BEING_VERIFIED]
    assert realisasi_state() == before


@pytest.mark.parametrize(
    "act", ["realisasi", "upload", "link", "replace", "replace-link", "delete"]
)
def test_nothing_is_edited_once_the_report_is_verified(case, act):
    bukti = upload(case.laporan, case.rhk)
    submit(case)
    verdict(case, bukti, "DITERIMA")
    assert Laporan.objects.get(pk=case.laporan.pk).status == "SELESAI"
    before = realisasi_state()
    assert refused(every_edit(case, bukti)[act]) == [DONE]
    assert realisasi_state() == before


@pytest.mark.parametrize("act", ["replace", "replace-link", "delete"])
def test_an_accepted_item_stays_when_the_report_needs_correction(case, act):
    accepted = upload(case.laporan, case.rhk)
    returned = link(case.laporan, case.rhk)
    submit(case)
    verdict(case, accepted, "DITERIMA")
    verdict(case, returned, "PERLU_PERBAIKAN", "Tautan tidak dapat dibuka")
    assert Laporan.objects.get(pk=case.laporan.pk).status == "PERLU_PERBAIKAN"
    before = realisasi_state()
    assert refused(every_edit(case, accepted)[act]) == [ALREADY_VERIFIED]
    assert realisasi_state() == before


def test_while_correcting_the_employee_fixes_returned_items_and_adds_new_ones(case):
    accepted = upload(case.laporan, case.rhk)
    returned = link(case.laporan, case.rhk)
    rejected = upload(case.laporan, case.rhk, content=PNG_BYTES, name="foto.png")
    submit(case)
    verdict(case, accepted, "DITERIMA")
    verdict(case, returned, "PERLU_PERBAIKAN", "Tautan tidak dapat dibuka")
    verdict(case, rejected, "DITOLAK", "Bukan kegiatan triwulan ini")

    services.realisasi_save(
        aktor=case.owner, laporan=case.laporan, indikator=case.indikator, nilai="12"
    )
    replace(case, returned, tautan="https://drive.example.go.id/berkas/benar")
    added = upload(case.laporan, case.rhk, content=docx_bytes(), name="notulen.docx")
    # A corrected or newly added item waits for the next round and may still change.
    replace(case, returned, tautan="https://drive.example.go.id/berkas/benar-2")
    replace(case, added, uraian="Notulen rapat koordinasi")
    services.bukti_delete(aktor=case.owner, bukti=rejected)

    assert list(
        BuktiDukung.objects.filter(laporan=case.laporan)
        .order_by("pk")
        .values_list("pk", "status", "tautan", "uraian")
    ) == [
        (accepted.pk, "DITERIMA", "", "Laporan kegiatan"),
        (
            returned.pk,
            "MENUNGGU",
            "https://drive.example.go.id/berkas/benar-2",
            "Laporan yang diperbaiki",
        ),
        (added.pk, "MENUNGGU", "", "Notulen rapat koordinasi"),
    ]


# --- The lock after the verification deadline ------------------------------------------------


def every_act(case: Case, agency: Any) -> dict[str, Any]:
    """Every act on a report: the owner's edits and submission, the appraiser's verdicts and
    feedback."""
    bukti = BuktiDukung.objects.filter(laporan=case.laporan).order_by("pk").first()
    return every_edit(case, bukti) | {
        "submit": lambda: submit(case),
        "verdict": lambda: verdict(case, bukti, "DITERIMA"),
        "accept-all": lambda: services.bukti_accept_all(aktor=case.appraiser, laporan=case.laporan),
        "feedback": lambda: services.umpan_balik_save(
            aktor=case.appraiser, laporan=case.laporan, rhk=case.rhk, isi="Pertahankan"
        ),
    }


ACTS = [
    "realisasi",
    "upload",
    "link",
    "replace",
    "delete",
    "submit",
    "verdict",
    "accept-all",
    "feedback",
]


def past_deadline(periode: Periode) -> Periode:
    return periode_update(
        aktor=SYSTEM,
        periode=periode,
        batas_realisasi=datetime.date(2026, 10, 5),
        batas_verifikasi=datetime.date(2026, 11, 1),
        batas_penilaian=FAR,
    )


def ready(case: Case, act: str) -> None:
    """The report in the state the act needs: a draft with an item, or submitted."""
    upload(case.laporan, case.rhk)
    if act in ("verdict", "accept-all"):
        submit(case)


@pytest.mark.parametrize("act", ACTS)
def test_after_the_verification_deadline_nobody_acts(agency, case, act):
    ready(case, act)
    past_deadline(case.periode)
    before = realisasi_state()
    assert refused(every_act(case, agency)[act]) == [PAST]
    assert realisasi_state() == before


@pytest.mark.parametrize("act", ACTS)
def test_in_a_closed_period_nobody_acts(agency, case, act):
    ready(case, act)
    periode_transition(aktor=SYSTEM, periode=case.periode, aksi="close", alasan="Periode berakhir")
    before = realisasi_state()
    assert refused(every_act(case, agency)[act]) == [CLOSED]
    assert realisasi_state() == before


@pytest.mark.parametrize("act", ACTS)
def test_an_unlock_for_the_person_lets_everyone_act_on_their_report(agency, case, act):
    ready(case, act)
    past_deadline(case.periode)
    services.buka_kunci_create(
        aktor=aktor_of(agency.superuser),
        periode=case.periode,
        pegawai=agency.pegawai,
        sampai=today(),
        alasan="Sakit selama masa pengisian",
    )
    every_act(case, agency)[act]()


@pytest.mark.parametrize("unit", ["root", "biro", "bagian"])
def test_an_unlock_of_a_unit_above_the_person_opens_their_report(agency, case, unit):
    past_deadline(case.periode)
    assert services.lock_problem(Laporan.objects.get(pk=case.laporan.pk)) == PAST
    services.buka_kunci_create(
        aktor=aktor_of(agency.superuser),
        periode=case.periode,
        unit=getattr(agency, unit),
        sampai=today() + datetime.timedelta(days=3),
        alasan="Gangguan aplikasi",
    )
    fresh = Laporan.objects.get(pk=case.laporan.pk)
    assert services.lock_problem(fresh) is None
    assert services.unlocked_until(fresh) == today() + datetime.timedelta(days=3)
    upload(case.laporan, case.rhk)


def test_an_unlock_elsewhere_or_expired_keeps_the_report_locked(agency, case):
    past_deadline(case.periode)
    other_period = open_period("TW3")
    for target in (
        {"unit": agency.lain},
        {"pegawai": agency.outsider},
        {"pegawai": agency.penilai},
    ):
        services.buka_kunci_create(
            aktor=aktor_of(agency.superuser),
            periode=case.periode,
            sampai=today(),
            alasan="Untuk orang lain",
            **target,
        )
    services.buka_kunci_create(
        aktor=aktor_of(agency.superuser),
        periode=other_period,
        pegawai=agency.pegawai,
        sampai=today(),
        alasan="Untuk periode lain",
    )
    BukaKunci.objects.create(
        periode=case.periode,
        pegawai=agency.pegawai,
        sampai=today() - datetime.timedelta(days=1),
        alasan="Sudah lewat",
        oleh_label="tes",
    )
    fresh = Laporan.objects.get(pk=case.laporan.pk)
    assert services.unlocked_until(fresh) == today() - datetime.timedelta(days=1)
    assert services.lock_problem(fresh) == PAST
    before = realisasi_state()
    assert refused(lambda: upload(case.laporan, case.rhk)) == [PAST]
    assert realisasi_state() == before


def test_the_latest_unlock_counts(agency, case):
    past_deadline(case.periode)
    for days in (2, 9, 4):
        services.buka_kunci_create(
            aktor=aktor_of(agency.superuser),
            periode=case.periode,
            pegawai=agency.pegawai if days != 9 else None,
            unit=agency.biro if days == 9 else None,
            sampai=today() + datetime.timedelta(days=days),
            alasan="Perpanjangan",
        )
    assert services.unlocked_until(case.laporan) == today() + datetime.timedelta(days=9)


def test_an_unlock_is_recorded_with_its_reason(agency, case):
    admin = aktor_of(agency.admin)
    found = services.buka_kunci_create(
        aktor=admin,
        periode=case.periode,
        pegawai=agency.pegawai,
        sampai=today() + datetime.timedelta(days=5),
        alasan="  Cuti sakit 2 minggu  ",
    )
    assert list(
        BukaKunci.objects.values_list(
            "pk", "periode_id", "pegawai_id", "unit_id", "sampai", "alasan", "oleh_id"
        )
    ) == [
        (
            found.pk,
            case.periode.pk,
            agency.pegawai.pk,
            None,
            today() + datetime.timedelta(days=5),
            "Cuti sakit 2 minggu",
            agency.admin.pk,
        )
    ]
    assert audit("bukakunci.create") == [
        (
            str(found.pk),
            admin.label,
            None,
            {
                "periode": case.periode.pk,
                "pegawai": agency.pegawai.pk,
                "unit": None,
                "sampai": (today() + datetime.timedelta(days=5)).isoformat(),
            },
            "Cuti sakit 2 minggu",
        )
    ]


@pytest.mark.parametrize(
    ("target", "alasan", "sampai", "errors"),
    [
        ({}, "Sakit", today(), ["Pilih satu pegawai atau satu unit."]),
        ({"pegawai": True, "unit": True}, "Sakit", today(), ["Pilih satu pegawai atau satu unit."]),
        ({"pegawai": True}, " ", today(), {"alasan": ["Tuliskan alasan membuka kunci."]}),
        (
            {"unit": True},
            "Sakit",
            today() - datetime.timedelta(days=1),
            {"sampai": ["Tanggal berakhir tidak boleh sebelum hari ini."]},
        ),
        (
            {"pegawai": True},
            "",
            datetime.date(2026, 1, 1),
            {
                "alasan": ["Tuliskan alasan membuka kunci."],
                "sampai": ["Tanggal berakhir tidak boleh sebelum hari ini."],
            },
        ),
    ],
)
def test_a_refused_unlock_changes_nothing(agency, case, target, alasan, sampai, errors):
    chosen = {
        "pegawai": agency.pegawai if target.get("pegawai") else None,
        "unit": agency.bagian if target.get("unit") else None,
    }
    before = realisasi_state()
    assert (
        refused(
            lambda: services.buka_kunci_create(
                aktor=aktor_of(agency.admin),
                periode=case.periode,
                sampai=sampai,
                alasan=alasan,
                **chosen,
            )
        )
        == errors
    )
    assert realisasi_state() == before


# --- Reminders before the deadlines ----------------------------------------------------------


def notices() -> list[tuple[int, str, str, str, str]]:
    return list(
        Notifikasi.objects.order_by("penerima_id", "kunci").values_list(
            "penerima_id", "judul", "isi", "tautan", "kunci"
        )
    )


@pytest.fixture
def reminders_case(agency, case):
    """Budi's report a draft, Siti's submitted, Joko without a report; an employee without an
    account and an inactive one, both with approved plans."""
    upload(case.laporan, case.rhk)
    submit(case)
    approved_plan(agency.outsider)
    no_account = PegawaiFactory(nama="Tanpa Akun", unit=agency.lain)
    approved_plan(no_account)
    inactive = pegawai_with_account(nama="Sudah Pensiun", unit=agency.lain)
    approved_plan(inactive)
    Pegawai.objects.filter(pk=inactive.pk).update(aktif=False)
    return case


def deadlines(periode: Periode, realisasi: datetime.date, verifikasi: datetime.date) -> None:
    periode_update(
        aktor=SYSTEM,
        periode=periode,
        batas_realisasi=realisasi,
        batas_verifikasi=verifikasi,
        batas_penilaian=FAR,
    )


def test_employees_who_have_not_submitted_are_reminded_once(agency, reminders_case):
    periode = reminders_case.periode
    deadlines(periode, datetime.date(2026, 12, 1), datetime.date(2026, 12, 20))
    Notifikasi.objects.all().delete()

    assert services.deadline_reminders(today=TODAY) == 2

    title = "Batas realisasi Triwulan IV-Akhir: 1 Desember 2026"
    body = "Isi realisasi dan unggah bukti dukung, lalu ajukan kepada pejabat penilai."
    key = f"ingat:realisasi:{periode.pk}:2026-12-01"
    assert notices() == sorted(
        [
            (agency.penilai.pengguna_id, title, body, "/realisasi/", key),
            (agency.outsider.pengguna_id, title, body, "/realisasi/", key),
        ]
    )
    assert services.deadline_reminders(today=TODAY) == 0
    assert services.deadline_reminders(today=datetime.date(2026, 12, 1)) == 0
    assert len(notices()) == 2

    # A deadline moved later is a new deadline: reminded again, once.
    deadlines(periode, datetime.date(2026, 12, 2), datetime.date(2026, 12, 20))
    assert services.deadline_reminders(today=TODAY) == 2
    assert services.deadline_reminders(today=TODAY) == 0
    assert [row[1] for row in notices()].count(
        "Batas realisasi Triwulan IV-Akhir: 2 Desember 2026"
    ) == 2


def test_appraisers_with_items_waiting_are_reminded_once(agency, reminders_case):
    periode = reminders_case.periode
    deadlines(periode, datetime.date(2026, 11, 20), datetime.date(2026, 12, 2))
    Notifikasi.objects.all().delete()

    assert services.deadline_reminders(today=TODAY) == 1

    assert notices() == [
        (
            agency.penilai.pengguna_id,
            "Batas verifikasi Triwulan IV-Akhir: 2 Desember 2026",
            "Masih ada bukti dukung bawahan yang menunggu verifikasi Anda.",
            "/realisasi/verifikasi/",
            f"ingat:verifikasi:{periode.pk}:2026-12-02",
        )
    ]
    assert services.deadline_reminders(today=TODAY) == 0


def test_both_reminders_when_both_deadlines_are_near(agency, reminders_case):
    deadlines(reminders_case.periode, datetime.date(2026, 11, 30), datetime.date(2026, 12, 1))
    Notifikasi.objects.all().delete()
    assert services.deadline_reminders(today=TODAY, hari=2) == 3
    assert [row[1] for row in notices()] == [
        "Batas realisasi Triwulan IV-Akhir: 30 November 2026",
        "Batas verifikasi Triwulan IV-Akhir: 1 Desember 2026",
        "Batas realisasi Triwulan IV-Akhir: 30 November 2026",
    ]


@pytest.mark.parametrize(
    ("today", "hari"),
    [
        (datetime.date(2026, 11, 27), 3),  # the deadline 4 days ahead
        (datetime.date(2026, 11, 29), 1),
        (datetime.date(2026, 12, 2), 3),  # the deadline has passed
    ],
)
def test_no_reminder_outside_the_days_before_a_deadline(reminders_case, today, hari):
    deadlines(reminders_case.periode, datetime.date(2026, 12, 1), datetime.date(2026, 12, 1))
    Notifikasi.objects.all().delete()
    assert services.deadline_reminders(today=today, hari=hari) == 0
    assert notices() == []


def test_no_reminder_for_a_closed_period(reminders_case):
    deadlines(reminders_case.periode, datetime.date(2026, 12, 1), datetime.date(2026, 12, 1))
    periode_transition(
        aktor=SYSTEM, periode=reminders_case.periode, aksi="close", alasan="Selesai lebih awal"
    )
    Notifikasi.objects.all().delete()
    assert services.deadline_reminders(today=TODAY) == 0
