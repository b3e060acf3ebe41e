"""The Umpan Balik sheet (PDF, read back with pypdf): heading, identity, per RHK the leader's RHK
or perspektif, targets and realisation, evidence with verdicts, feedback per RHK and per
BerAKHLAK value, the signature date; the PDF view's permission matrix and file name."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.tests.factories import JabatanFactory, pegawai_with_account
from kinerja.realisasi import documents, services
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.realisasi.tests.factories import link, open_period, upload
from kinerja.realisasi.tests.helpers import realisasi_state
from kinerja.skp import services as skp_services
from kinerja.skp.enums import Aspek, Pendekatan, Perspektif
from kinerja.skp.models import Indikator, Rhk
from kinerja.skp.tests.factories import aktor_for, approved_plan
from kinerja.skp.tests.test_documents import (
    LEAD_RHK,
    LEAD_RHK_2,
    RHK_1,
    RHK_2,
    RHK_TAMBAHAN,
    approve,
    assert_in_order,
    build_plans,
    identity_rows,
    pdf_pages,
    pdf_text,
    signature,
)

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"
READERS = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
NOTE_FIX = "Tanda tangan peserta belum lengkap"
NOTE_REJECT = "Bukan kegiatan triwulan ini"
FEEDBACK_RHK_1 = "Pertahankan ketepatan waktu penyusunan laporan."
FEEDBACK_TAMBAHAN = "Percepat digitalisasi berkas lama."
FEEDBACK_PELAYANAN = "Tanggap terhadap setiap permintaan layanan."
FEEDBACK_KOLABORATIF = "Libatkan rekan dari bagian lain."
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


@dataclass
class Sheet:
    laporan: Laporan
    rhk_1: Rhk
    rhk_2: Rhk
    tambahan: Rhk
    laporan_kegiatan: BuktiDukung
    daftar_hadir: BuktiDukung
    sertifikat: BuktiDukung


def realise(laporan: Laporan, rhk: Rhk, *values: str) -> None:
    """Realisation of the RHK's indicators, in their order."""
    aktor = aktor_for(laporan.skp.pegawai)
    for indikator, nilai in zip(
        Indikator.objects.filter(rhk=rhk).order_by("urutan", "pk"), values, strict=False
    ):
        services.realisasi_save(aktor=aktor, laporan=laporan, indikator=indikator, nilai=nilai)


def verdict(bukti: BuktiDukung, status: StatusBukti, catatan: str = "") -> None:
    services.bukti_verdict(
        aktor=aktor_for(bukti.laporan.skp.pegawai.penilai),
        bukti=bukti,
        status=status.value,
        catatan=catatan,
    )


def feedback(laporan: Laporan, isi: str, *, rhk: Rhk | None = None, nilai: str = "") -> None:
    services.umpan_balik_save(
        aktor=aktor_for(laporan.skp.pegawai.penilai), laporan=laporan, isi=isi, rhk=rhk, nilai=nilai
    )


def build_sheet(agency, kode: str = "TW3") -> Sheet:
    """Siti's approved plan (build_plans: RHK 1 with two indicators, RHK 2, one additional RHK),
    her report for the period with realisation and three evidence items, submitted; Budi
    accepted one item, returned one and rejected one, and wrote feedback."""
    own = approve(agency, build_plans(agency).own)
    periode = open_period(kode)
    laporan = services.laporan_open(aktor=aktor_for(agency.pegawai), skp=own, periode=periode)
    rhk_1 = Rhk.objects.get(skp=own, uraian=RHK_1)
    rhk_2 = Rhk.objects.get(skp=own, uraian=RHK_2)
    tambahan = Rhk.objects.get(skp=own, uraian=RHK_TAMBAHAN)
    realise(laporan, rhk_1, "10", "98,25")
    realise(laporan, tambahan, "1300")
    laporan_kegiatan = upload(laporan, rhk_1, uraian="Laporan kegiatan Juli")
    daftar_hadir = link(laporan, rhk_1, "https://drive.example.go.id/daftar-hadir")
    daftar_hadir = services.bukti_replace(
        aktor=aktor_for(agency.pegawai), bukti=daftar_hadir, uraian="Daftar hadir rapat"
    )
    sertifikat = upload(laporan, rhk_2, name="sertifikat.pdf", uraian="Sertifikat pelatihan")
    services.laporan_submit(aktor=aktor_for(agency.pegawai), laporan=laporan)
    verdict(laporan_kegiatan, StatusBukti.DITERIMA)
    verdict(daftar_hadir, StatusBukti.PERLU_PERBAIKAN, NOTE_FIX)
    verdict(sertifikat, StatusBukti.DITOLAK, NOTE_REJECT)
    feedback(laporan, FEEDBACK_RHK_1, rhk=rhk_1)
    feedback(laporan, FEEDBACK_TAMBAHAN, rhk=tambahan)
    feedback(laporan, FEEDBACK_PELAYANAN, nilai="BERORIENTASI_PELAYANAN")
    feedback(laporan, FEEDBACK_KOLABORATIF, nilai="KOLABORATIF")
    laporan.refresh_from_db()
    return Sheet(laporan, rhk_1, rhk_2, tambahan, laporan_kegiatan, daftar_hadir, sertifikat)


def verified_on(bukti: BuktiDukung, when: datetime.datetime) -> None:
    BuktiDukung.objects.filter(pk=bukti.pk).update(diverifikasi_pada=when)


# --- The JA/JF sheet -------------------------------------------------------------------------


def test_sheet_has_heading_identity_results_evidence_feedback_and_signature(agency):
    sheet = build_sheet(agency)
    assert sheet.laporan.status == StatusLaporan.PERLU_PERBAIKAN.value
    verified_on(sheet.laporan_kegiatan, datetime.datetime(2026, 10, 6, 9, 0, tzinfo=JAKARTA))
    verified_on(sheet.daftar_hadir, datetime.datetime(2026, 10, 8, 23, 30, tzinfo=JAKARTA))
    verified_on(sheet.sertifikat, datetime.datetime(2026, 10, 7, 10, 0, tzinfo=JAKARTA))

    pages = pdf_pages(documents.feedback_pdf(sheet.laporan))
    text = " ".join(pages)

    assert pages[0].startswith(
        "UMPAN BALIK BERKELANJUTAN PERIODE: Triwulan III 2026 "
        "Verifikasi bukti dukung belum selesai (status laporan: Perlu perbaikan). "
        "Instansi Pemerintah NO PEGAWAI YANG DINILAI NO PEJABAT PENILAI KINERJA"
    )
    assert_in_order(
        text,
        *identity_rows(agency.pegawai, agency.penilai),
        "HASIL KERJA NO RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI RENCANA HASIL KERJA ASPEK "
        "INDIKATOR KINERJA INDIVIDU TARGET REALISASI",
        f"A. Utama 1 {LEAD_RHK} {RHK_1} Kuantitas Jumlah laporan yang tersusun 12 laporan "
        "10 laporan Kualitas Persentase laporan tanpa revisi 97,5 persen 98,25 persen "
        "Bukti dukung: 1. Laporan kegiatan Juli (Diterima) "
        f"2. Daftar hadir rapat (Perlu Perbaikan: {NOTE_FIX}) "
        f"Umpan balik: {FEEDBACK_RHK_1}",
        f"2 {LEAD_RHK} {RHK_2} Waktu Pelatihan selesai tepat waktu 12 bulan {DASH} "
        f"Bukti dukung: 1. Sertifikat pelatihan (Ditolak: {NOTE_REJECT}) Umpan balik: {DASH}",
        f"B. Tambahan 1 {LEAD_RHK_2} {RHK_TAMBAHAN} Kuantitas Jumlah berkas terdigitalisasi "
        f"1.250 berkas 1.300 berkas Bukti dukung: {DASH} Umpan balik: {FEEDBACK_TAMBAHAN}",
        "PERILAKU KERJA NO NILAI BERAKHLAK UMPAN BALIK",
        "1 Berorientasi Pelayanan • Memahami dan memenuhi kebutuhan masyarakat • Ramah, cekatan, "
        f"solutif, dan dapat diandalkan • Melakukan perbaikan tiada henti {FEEDBACK_PELAYANAN}",
        "2 Akuntabel • Melaksanakan tugas dengan jujur",
        f"Tidak menyalahgunakan kewenangan jabatan {DASH}",
        "7 Kolaboratif • Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        f"untuk tujuan bersama {FEEDBACK_KOLABORATIF}",
        # The signature date is the day of the latest verdict (in the agency's time zone).
        signature("8 Oktober 2026", agency.pegawai, agency.penilai),
    )
    assert text.count("Bukti dukung:") == 3
    assert text.count("Umpan balik:") == 3
    assert "PERSPEKTIF" not in text
    assert "Menunggu verifikasi" not in text
    assert pages[-1].endswith(
        f"Umpan Balik Triwulan III 2026 · Siti Aminah · NIP {agency.pegawai.nip} "
        f"Halaman {len(pages)} dari {len(pages)}"
    )


def test_a_fully_verified_report_has_no_status_note(agency):
    sheet = build_sheet(agency)
    aktor = aktor_for(agency.pegawai)
    services.bukti_replace(
        aktor=aktor, bukti=sheet.daftar_hadir, uraian="Daftar hadir rapat bertanda tangan"
    )
    services.bukti_delete(aktor=aktor, bukti=sheet.sertifikat)
    services.laporan_submit(aktor=aktor, laporan=sheet.laporan)
    verdict(sheet.daftar_hadir, StatusBukti.DITERIMA)
    laporan = Laporan.objects.get(pk=sheet.laporan.pk)
    assert laporan.status == StatusLaporan.SELESAI.value

    text = pdf_text(documents.feedback_pdf(laporan))

    assert text.startswith(
        "UMPAN BALIK BERKELANJUTAN PERIODE: Triwulan III 2026 Instansi Pemerintah NO PEGAWAI"
    )
    assert "Verifikasi bukti dukung belum selesai" not in text
    assert_in_order(
        text,
        "Bukti dukung: 1. Laporan kegiatan Juli (Diterima) "
        f"2. Daftar hadir rapat bertanda tangan (Diterima) Umpan balik: {FEEDBACK_RHK_1}",
        f"{RHK_2} Waktu Pelatihan selesai tepat waktu 12 bulan {DASH} Bukti dukung: {DASH} "
        f"Umpan balik: {DASH}",
        signature(format_date(timezone.localdate()), agency.pegawai, agency.penilai),
    )


def test_a_draft_report_prints_dashes_waiting_items_and_todays_date(agency):
    own = approve(agency, build_plans(agency).own)
    periode = open_period("TW1")
    laporan = services.laporan_open(aktor=aktor_for(agency.pegawai), skp=own, periode=periode)
    upload(laporan, Rhk.objects.get(skp=own, uraian=RHK_1), uraian="Notula rapat")

    text = pdf_text(documents.feedback_pdf(laporan))

    assert text.startswith(
        "UMPAN BALIK BERKELANJUTAN PERIODE: Triwulan I 2026 "
        "Verifikasi bukti dukung belum selesai (status laporan: Draf)."
    )
    assert_in_order(
        text,
        f"A. Utama 1 {LEAD_RHK} {RHK_1} Kuantitas Jumlah laporan yang tersusun 12 laporan {DASH} "
        f"Kualitas Persentase laporan tanpa revisi 97,5 persen {DASH} "
        f"Bukti dukung: 1. Notula rapat (Menunggu verifikasi) Umpan balik: {DASH}",
        f"7 Kolaboratif • Memberi kesempatan kepada berbagai pihak untuk berkontribusi • "
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah • Menggerakkan pemanfaatan "
        f"berbagai sumber daya untuk tujuan bersama {DASH}",
        signature(format_date(timezone.localdate()), agency.pegawai, agency.penilai),
    )


# --- The JPT sheet and the qualitative approach ----------------------------------------------


def test_jpt_sheet_has_perspektif_column_and_no_leader_rhk(agency):
    kepala = pegawai_with_account(
        nama="Rahmat Hidayat",
        unit=agency.biro,
        jabatan=JabatanFactory(nama="Kepala Biro Umum", jenis_jabatan=JenisJabatan.JPT.value),
    )
    periode = open_period("TW2")
    skp, rhk = approved_plan(
        kepala,
        uraian="Meningkatnya kepuasan layanan umum",
        perspektif=Perspektif.PENERIMA_LAYANAN.value,
    )
    laporan = services.laporan_open(aktor=aktor_for(kepala), skp=skp, periode=periode)
    realise(laporan, rhk, "11")
    upload(laporan, rhk, uraian="Hasil survei kepuasan")

    text = pdf_text(documents.feedback_pdf(laporan))

    assert_in_order(
        text,
        "UMPAN BALIK BERKELANJUTAN PERIODE: Triwulan II 2026",
        f"1 NAMA Rahmat Hidayat 1 NAMA {DASH}",
        f"4 JABATAN Kepala Biro Umum 4 JABATAN {DASH}",
        "HASIL KERJA NO RENCANA HASIL KERJA INDIKATOR KINERJA INDIVIDU TARGET REALISASI "
        "PERSPEKTIF A. Utama 1 Meningkatnya kepuasan layanan umum Jumlah laporan yang tersusun "
        "12 laporan 11 laporan Perspektif Penerima Layanan Bukti dukung: 1. Hasil survei "
        f"kepuasan (Menunggu verifikasi) Umpan balik: {DASH} B. Tambahan {DASH} PERILAKU KERJA",
        signature(format_date(timezone.localdate()), kepala, None),
    )
    assert "DIINTERVENSI" not in text
    assert "ASPEK" not in text


def test_qualitative_plan_prints_narrative_target_and_realisation(agency):
    periode = open_period("TW2")
    aktor = aktor_for(agency.penilai)
    skp = skp_services.skp_create(
        aktor=aktor, pegawai=agency.penilai, tahun=2026, pendekatan=Pendekatan.KUALITATIF.value
    )
    rhk = skp_services.rhk_create(aktor=aktor, skp=skp, uraian="Terbinanya budaya kerja")
    indikator = skp_services.indikator_create(
        aktor=aktor,
        rhk=rhk,
        aspek=Aspek.KUALITAS.value,
        uraian="Budaya kerja BerAKHLAK diterapkan",
        target_narasi="Seluruh pegawai menerapkan nilai BerAKHLAK",
    )
    skp_services.skp_submit(aktor=aktor, skp=skp)
    skp = skp_services.skp_approve(aktor=aktor_for(agency.penilai), skp=skp)
    laporan = services.laporan_open(aktor=aktor, skp=skp, periode=periode)
    services.realisasi_save(
        aktor=aktor,
        laporan=laporan,
        indikator=indikator,
        narasi="Apel budaya kerja diikuti seluruh pegawai bagian",
    )

    text = pdf_text(documents.feedback_pdf(laporan))

    assert (
        f"A. Utama 1 {DASH} Terbinanya budaya kerja Kualitas Budaya kerja BerAKHLAK diterapkan "
        "Seluruh pegawai menerapkan nilai BerAKHLAK Apel budaya kerja diikuti seluruh pegawai "
        f"bagian Bukti dukung: {DASH} Umpan balik: {DASH} B. Tambahan {DASH} PERILAKU KERJA"
    ) in text


# --- Pieces ----------------------------------------------------------------------------------


def test_evidence_text_names_the_verdict_and_the_note_when_there_is_one():
    assert documents.evidence_text("Notula", "DITERIMA", "") == "Notula (Diterima)"
    assert documents.evidence_text("Notula", "MENUNGGU", "  ") == "Notula (Menunggu verifikasi)"
    assert (
        documents.evidence_text("Notula", "DITOLAK", " Bukan notula rapat ")
        == "Notula (Ditolak: Bukan notula rapat)"
    )


def test_signature_date_is_the_latest_verdict_in_local_time_or_today(agency):
    sheet = build_sheet(agency)
    from kinerja.realisasi.selectors import laporan_detail

    verified_on(sheet.laporan_kegiatan, datetime.datetime(2026, 10, 6, 20, 0, tzinfo=datetime.UTC))
    verified_on(sheet.daftar_hadir, datetime.datetime(2026, 10, 6, 16, 59, tzinfo=datetime.UTC))
    verified_on(sheet.sertifikat, datetime.datetime(2026, 9, 30, 1, 0, tzinfo=datetime.UTC))
    today = datetime.date(2026, 11, 1)
    # 20.00 UTC on 6 October is 03.00 on 7 October in Jakarta.
    assert documents.signature_date(laporan_detail(sheet.laporan), today) == datetime.date(
        2026, 10, 7
    )
    BuktiDukung.objects.update(diverifikasi_pada=None)
    assert documents.signature_date(laporan_detail(sheet.laporan), today) == today


def test_pdf_filename_names_year_period_and_nip(agency):
    sheet = build_sheet(agency)
    assert documents.pdf_filename(sheet.laporan) == (
        f"UmpanBalik-2026-TW3-{agency.pegawai.nip}.pdf"
    )


# --- The PDF view ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_feedback_pdf_matrix(agency, client_for, role):
    sheet = build_sheet(agency)
    before = realisasi_state()

    response = client_for(role).get(reverse("realisasi:feedback-pdf", args=[sheet.laporan.pk]))

    if role == "anonim":
        assert response.status_code == 302
        assert response.url.startswith(reverse("akun:login"))
    elif role in READERS:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="UmpanBalik-2026-TW3-{agency.pegawai.nip}.pdf"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        text = pdf_text(response.content)
        assert text.startswith("UMPAN BALIK BERKELANJUTAN PERIODE: Triwulan III 2026")
        assert f"1 NAMA Siti Aminah 1 NAMA Budi Santoso 2 NIP {agency.pegawai.nip}" in text
        assert f"Umpan balik: {FEEDBACK_RHK_1}" in text
    else:
        assert response.status_code == 404
    assert realisasi_state() == before


def test_feedback_pdf_of_a_missing_report_is_404(agency, client_for):
    response = client_for("superuser").get(reverse("realisasi:feedback-pdf", args=[999999]))
    assert response.status_code == 404


def test_feedback_pdf_refuses_post(agency, client_for):
    sheet = build_sheet(agency)
    url = reverse("realisasi:feedback-pdf", args=[sheet.laporan.pk])
    before = realisasi_state()
    assert client_for("pegawai").post(url).status_code == 405
    assert realisasi_state() == before
