"""The assessment documents (PDF, read back with pypdf): the periodic and the annual evaluation,
the objection section, the snapshot surviving a transfer, the Format Penetapan of a group, the
bulk ZIP job; the period headings and file names."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Rating
from kinerja.audit.services import Aktor
from kinerja.core.formatting import format_date
from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.organisasi.models import Pegawai, Peran
from kinerja.organisasi.tests.factories import pegawai_with_account
from kinerja.penilaian import documents, jobs, selectors, services
from kinerja.penilaian.models import Keberatan, Penetapan, Penilaian
from kinerja.penilaian.tests.factories import (
    aktor_for,
    finalised_group,
    open_period,
    org_rating,
    rate,
    rate_all,
    team,
)
from kinerja.periode.models import Periode
from kinerja.realisasi import services as realisasi_services
from kinerja.skp import services as skp_services
from kinerja.skp.enums import Aspek, JenisRhk
from kinerja.skp.tests.factories import approved_plan, plan_with_rhk
from kinerja.skp.tests.test_documents import assert_in_order, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"
RHK_UTAMA = "Tersusunnya laporan kinerja bulanan"
RHK_TAMBAHAN = "Terdigitalisasinya berkas kepegawaian"
CATATAN = "Tingkatkan ketepatan waktu penyampaian laporan"
ALASAN = "Laporan triwulan sudah lengkap dan tepat waktu"
PENJELASAN = "Dua laporan terlambat disampaikan"
KEPUTUSAN = "Bukti keterlambatan tidak cukup kuat"
FINAL_DAY = datetime.datetime(2026, 7, 3, 9, 0, tzinfo=datetime.UTC)


@dataclass
class Scene:
    periode: Periode
    penilaian: Penilaian
    atasan: Pegawai


def identity(person: Pegawai, jabatan: str | None = None, unit: str | None = None) -> list[str]:
    return [
        person.nama,
        person.nip,
        "Penata Muda, III/a",
        jabatan or person.jabatan.nama,
        unit or person.unit.nama,
    ]


def identity_rows(pegawai: list[str], penilai: list[str]) -> str:
    labels = ["NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"]
    return " ".join(
        f"{number} {label} {own} {number} {label} {other}"
        for number, (label, own, other) in enumerate(
            zip(labels, pegawai, penilai, strict=True), start=1
        )
    )


def atasan_rows(values: list[str]) -> str:
    labels = ["NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"]
    return " ".join(
        f"{number} {label} {value}"
        for number, (label, value) in enumerate(zip(labels, values, strict=True), start=1)
    )


def build(agency, kode: str = "TW2") -> Scene:
    """Siti's approved plan (a main RHK with 10 of 12 reports realised, an additional RHK
    without realisation), Bagian SDM rated Baik, Siti rated by Budi (Sesuai / Di Atas: Baik)
    with per-RHK and per-value ratings and a note; Budi (appraised by Rahmat of Biro Umum)
    rated Sangat Baik. Nothing finalised yet."""
    periode = open_period(kode)
    siti, budi = agency.pegawai, agency.penilai
    _lead, lead_rhk = approved_plan(budi, uraian="Terwujudnya layanan kepegawaian yang prima")
    skp, rhk = plan_with_rhk(siti, uraian=RHK_UTAMA, target="12", rhk_atasan=lead_rhk)
    tambahan = skp_services.rhk_create(
        aktor=aktor_for(siti),
        skp=skp,
        uraian=RHK_TAMBAHAN,
        jenis=JenisRhk.TAMBAHAN.value,
        rhk_atasan_id=lead_rhk.pk,
    )
    skp_services.indikator_create(
        aktor=aktor_for(siti),
        rhk=tambahan,
        aspek=Aspek.KUALITAS.value,
        uraian="Persentase berkas terdigitalisasi",
        target_nilai="90",
        target_satuan="persen",
    )
    skp_services.skp_submit(aktor=aktor_for(siti), skp=skp)
    skp = skp_services.skp_approve(aktor=aktor_for(budi), skp=skp)
    # The annual form takes the realisation of every report of the year.
    reported = open_period("TW2") if periode.is_annual else periode
    laporan = realisasi_services.laporan_open(aktor=aktor_for(siti), skp=skp, periode=reported)
    realisasi_services.realisasi_save(
        aktor=aktor_for(siti), laporan=laporan, indikator=rhk.indikator.get(), nilai="10"
    )
    atasan = pegawai_with_account(nama="Rahmat Hidayat", unit=agency.biro)
    budi.penilai = atasan
    budi.save()
    org_rating(agency.bagian, periode, PredikatOrganisasi.BAIK)
    rhk.refresh_from_db()
    penilaian = services.penilaian_save(
        aktor=aktor_for(budi),
        pegawai=siti,
        periode=periode,
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.DI_ATAS,
        rating_rhk={rhk.kode: Rating.SESUAI.value},
        rating_nilai={"BERORIENTASI_PELAYANAN": "DI_ATAS", "AKUNTABEL": "SESUAI"},
        catatan=CATATAN,
    )
    rate(budi, periode, Predikat.SANGAT_BAIK)
    return Scene(periode, penilaian, atasan)


def finalise(agency, scene: Scene) -> Penilaian:
    services.penetapan_finalise(
        aktor=aktor_for(agency.penilai), unit=agency.bagian, periode=scene.periode
    )
    return Penilaian.objects.get(pk=scene.penilaian.pk)


def backdate(periode: Periode) -> None:
    """The finalisation moved to FINAL_DAY (the day the documents are signed)."""
    Penilaian.objects.filter(periode=periode).update(ditetapkan_pada=FINAL_DAY)
    Penetapan.objects.filter(periode=periode).update(ditetapkan_pada=FINAL_DAY)


def evaluation_text(penilaian: Penilaian) -> str:
    return pdf_text(documents.evaluasi_pdf(Penilaian.objects.get(pk=penilaian.pk)))


def object_to(agency, penilaian: Penilaian, *, explain: bool, decide: bool | None) -> Keberatan:
    keberatan = services.keberatan_file(
        aktor=aktor_for(agency.pegawai), penilaian=penilaian, alasan=ALASAN
    )
    if explain:
        keberatan = services.keberatan_explain(
            aktor=aktor_for(agency.penilai), keberatan=keberatan, penjelasan=PENJELASAN
        )
    if decide is not None:
        keberatan = services.keberatan_decide(
            aktor=aktor_for(penilaian.atasan_penilai),
            keberatan=keberatan,
            diterima=decide,
            keputusan=KEPUTUSAN,
            rating_hasil=Rating.DI_ATAS if decide else None,
            rating_perilaku=Rating.DI_ATAS if decide else None,
        )
    return keberatan


# --- The periodic evaluation -----------------------------------------------------------------


def test_finalised_periodic_evaluation_has_every_part(agency):
    scene = build(agency)
    penilaian = finalise(agency, scene)
    backdate(scene.periode)

    pages = pdf_pages(documents.evaluasi_pdf(Penilaian.objects.get(pk=penilaian.pk)))
    text = " ".join(pages)

    assert text.startswith("EVALUASI KINERJA PEGAWAI PERIODE: TRIWULAN II Instansi Pemerintah")
    assert "DRAF" not in text
    assert "belum ditetapkan" not in text
    assert_in_order(
        text,
        "PERIODE PENILAIAN: 1 APRIL 2026 SD 30 JUNI 2026",
        "NO PEGAWAI YANG DINILAI NO PEJABAT PENILAI KINERJA",
        identity_rows(identity(agency.pegawai), identity(agency.penilai)),
        "NO ATASAN PEJABAT PENILAI KINERJA",
        atasan_rows(identity(scene.atasan)),
        "NO EVALUASI KINERJA 1 CAPAIAN KINERJA ORGANISASI Baik (Bagian SDM) 2 POLA DISTRIBUSI",
        "Kelompok 2 orang terlalu kecil untuk dinilai terhadap kurva",
        "HASIL KERJA NO RENCANA HASIL KERJA ASPEK INDIKATOR KINERJA INDIVIDU TARGET REALISASI "
        "CAPAIAN RATING A. Utama",
        f"1 {RHK_UTAMA} Kuantitas Jumlah laporan yang tersusun 12 laporan 10 laporan 83,33% "
        "Sesuai Ekspektasi B. Tambahan",
        f"1 {RHK_TAMBAHAN} Kualitas Persentase berkas terdigitalisasi 90 persen {DASH} {DASH} "
        f"{DASH}",
        "RATING HASIL KERJA Sesuai Ekspektasi",
        "NO NILAI BERAKHLAK RATING 1 Berorientasi Pelayanan Di Atas Ekspektasi "
        f"2 Akuntabel Sesuai Ekspektasi 3 Kompeten {DASH}",
        f"7 Kolaboratif {DASH} RATING PERILAKU KERJA Di Atas Ekspektasi",
        "PREDIKAT KINERJA PEGAWAI Baik",
        f"CATATAN / REKOMENDASI {CATATAN}",
        "Jakarta, 3 Juli 2026 Pegawai yang Dinilai Pejabat Penilai Kinerja "
        f"Siti Aminah Budi Santoso NIP. {agency.pegawai.nip} NIP. {agency.penilai.nip}",
    )
    # A periodic evaluation without an objection has no objection section and is signed by
    # the employee and the appraiser only.
    assert "KEBERATAN" not in text
    assert "Atasan Pejabat Penilai Kinerja" not in text
    assert pages[0].endswith(
        f"Evaluasi Kinerja Triwulan II 2026 · Siti Aminah · NIP {agency.pegawai.nip} "
        f"Halaman 1 dari {len(pages)}"
    )


def test_draft_evaluation_carries_the_draf_mark_and_todays_date(agency):
    scene = build(agency)
    pages = pdf_pages(documents.evaluasi_pdf(scene.penilaian))
    text = " ".join(pages)
    assert [page.split().count("DRAF") for page in pages] == [1] * len(pages)
    assert text.startswith(
        "EVALUASI KINERJA PEGAWAI PERIODE: TRIWULAN II Predikat kinerja belum ditetapkan."
    )
    assert f"Jakarta, {format_date(timezone.localdate())} Pegawai yang Dinilai" in text
    assert "PREDIKAT KINERJA PEGAWAI Baik" in text


def test_a_periodic_evaluation_shows_its_objection(agency):
    scene = build(agency)
    penilaian = finalise(agency, scene)
    object_to(agency, penilaian, explain=True, decide=False)

    text = evaluation_text(penilaian)
    today = format_date(timezone.localdate())
    assert_in_order(
        text,
        "PREDIKAT KINERJA PEGAWAI Baik",
        f"KEBERATAN {ALASAN} Diajukan pada {today} · Status: Ditolak",
        f"PENJELASAN PEJABAT PENILAI ATAS KEBERATAN {PENJELASAN} Dijelaskan pada {today}",
        "KEPUTUSAN ATASAN PEJABAT PENILAI ATAS KEBERATAN Keberatan ditolak. Predikat tetap: "
        f"Baik. {KEPUTUSAN} Diputuskan pada {today}",
        "Pegawai yang Dinilai Pejabat Penilai Kinerja",
    )


def test_snapshot_survives_a_transfer_and_a_new_appraiser(agency):
    scene = build(agency)
    penilaian = finalise(agency, scene)
    siti = agency.pegawai
    siti.unit = agency.lain
    siti.penilai = agency.outsider
    siti.save()

    text = evaluation_text(penilaian)

    assert identity_rows(identity(siti, unit="Bagian SDM"), identity(agency.penilai)) in text
    assert atasan_rows(identity(scene.atasan)) in text
    assert "Baik (Bagian SDM)" in text
    assert f"Siti Aminah Budi Santoso NIP. {siti.nip} NIP. {agency.penilai.nip}" in text
    assert "Biro Lain" not in text
    assert "Joko Widodo" not in text


# --- The annual document ---------------------------------------------------------------------


def test_annual_document_without_objection(agency):
    scene = build(agency, "TAHUNAN")
    penilaian = finalise(agency, scene)
    backdate(scene.periode)

    text = evaluation_text(penilaian)

    assert text.startswith("DOKUMEN EVALUASI KINERJA PEGAWAI PERIODE: TAHUNAN Instansi Pemerintah")
    assert_in_order(
        text,
        "PERIODE PENILAIAN: 1 JANUARI 2026 SD 31 DESEMBER 2026",
        "NO ATASAN PEJABAT PENILAI KINERJA",
        "CAPAIAN KINERJA ORGANISASI Baik (Bagian SDM)",
        "PREDIKAT KINERJA PEGAWAI Baik",
        f"CATATAN / REKOMENDASI {CATATAN}",
        "KEBERATAN Tidak ada keberatan",
        f"PENJELASAN PEJABAT PENILAI ATAS KEBERATAN {DASH}",
        f"KEPUTUSAN ATASAN PEJABAT PENILAI ATAS KEBERATAN {DASH}",
        "Jakarta, 3 Juli 2026 Pegawai yang Dinilai Pejabat Penilai Kinerja "
        f"Siti Aminah Budi Santoso NIP. {agency.pegawai.nip} NIP. {agency.penilai.nip}",
        f"Atasan Pejabat Penilai Kinerja Rahmat Hidayat NIP. {scene.atasan.nip}",
    )


def test_annual_document_with_an_upheld_objection(agency):
    scene = build(agency, "TAHUNAN")
    penilaian = finalise(agency, scene)
    object_to(agency, penilaian, explain=True, decide=True)

    text = evaluation_text(penilaian)
    today = format_date(timezone.localdate())
    assert_in_order(
        text,
        "RATING HASIL KERJA Di Atas Ekspektasi",
        "RATING PERILAKU KERJA Di Atas Ekspektasi",
        "PREDIKAT KINERJA PEGAWAI Sangat Baik",
        f"KEBERATAN {ALASAN} Diajukan pada {today} · Status: Diterima",
        f"PENJELASAN PEJABAT PENILAI ATAS KEBERATAN {PENJELASAN}",
        "KEPUTUSAN ATASAN PEJABAT PENILAI ATAS KEBERATAN Keberatan diterima. Predikat: Baik "
        f"\N{RIGHTWARDS ARROW} Sangat Baik. {KEPUTUSAN} Diputuskan pada {today}",
        f"Atasan Pejabat Penilai Kinerja Rahmat Hidayat NIP. {scene.atasan.nip}",
    )
    assert "Tidak ada keberatan" not in text


def test_annual_document_with_an_objection_waiting_for_the_explanation(agency):
    scene = build(agency, "TAHUNAN")
    penilaian = finalise(agency, scene)
    object_to(agency, penilaian, explain=False, decide=None)

    text = evaluation_text(penilaian)
    assert_in_order(
        text,
        f"KEBERATAN {ALASAN} Diajukan pada",
        "Status: Diajukan",
        f"PENJELASAN PEJABAT PENILAI ATAS KEBERATAN {DASH}",
        "KEPUTUSAN ATASAN PEJABAT PENILAI ATAS KEBERATAN Belum diputuskan.",
    )
    assert "Dijelaskan pada" not in text
    assert "Diputuskan pada" not in text


def test_annual_draft_without_a_note_or_group(agency):
    """Rated before any organisation rating: no group, no chart, a dash for the note."""
    periode = open_period("TAHUNAN")
    penilaian = rate(agency.pegawai, periode, Predikat.BUTUH_PERBAIKAN)

    pages = pdf_pages(documents.evaluasi_pdf(penilaian))
    text = " ".join(pages)
    assert [page.split().count("DRAF") for page in pages] == [1] * len(pages)
    assert_in_order(
        text,
        f"1 CAPAIAN KINERJA ORGANISASI {DASH} 2 POLA DISTRIBUSI {DASH}",
        f"A. Utama {DASH} B. Tambahan {DASH} RATING HASIL KERJA Di Bawah Ekspektasi",
        "PREDIKAT KINERJA PEGAWAI Butuh Perbaikan",
        f"CATATAN / REKOMENDASI {DASH}",
        "KEBERATAN Tidak ada keberatan",
        f"Atasan Pejabat Penilai Kinerja {DASH} NIP. {DASH}",
    )
    assert atasan_rows([DASH] * 5) in text


# --- The Format Penetapan --------------------------------------------------------------------


def test_final_format_penetapan_lists_every_member_and_the_curve(agency):
    _penetapan, unit, kepala, _members, periode = finalised_group(10, kode="TW1")
    backdate(periode)
    group = selectors.kelompok_detail(unit, periode)
    # The head changes afterwards: the document keeps the signatory of the finalisation.
    kepala.nama = "Nama Baru Kepala"
    kepala.save()

    pages = pdf_pages(documents.penetapan_pdf(group))
    text = " ".join(pages)

    assert text.startswith(
        "FORMAT PENETAPAN PREDIKAT KINERJA PERIODE: TRIWULAN I Instansi Pemerintah "
        "PERIODE PENILAIAN: 1 JANUARI 2026 SD 31 MARET 2026"
    )
    assert "DRAF" not in text
    rows = []
    for number, item in enumerate(group.rated, start=1):
        pegawai = item.identitas["pegawai"]
        rows.append(
            f"{number} {pegawai['nama']} NIP. {pegawai['nip']} {pegawai['jabatan']} "
            f"{Rating(item.rating_hasil).label} {Rating(item.rating_perilaku).label} "
            f"{Predikat(item.predikat).label}"
        )
    assert_in_order(
        text,
        f"UNIT KERJA {unit.kode} {DASH} {unit.nama}",
        f"CAPAIAN KINERJA ORGANISASI Baik ({unit.nama})",
        "JUMLAH PEGAWAI DINILAI 11",
        "NO NAMA / NIP JABATAN RATING HASIL KERJA RATING PERILAKU KERJA PREDIKAT KINERJA",
        *rows,
        "PREDIKAT KINERJA JUMLAH PERSENTASE RENTANG YANG DIIZINKAN",
        f"Sangat Baik 3 27,3% {DASH} Baik 7 63,6% 4–7 orang Butuh Perbaikan 1 9,1% {DASH} "
        f"Kurang/Misconduct 0 0,0% {DASH} Sangat Kurang 0 0,0% {DASH}",
        "KETENTUAN KURVA RENTANG YANG DIIZINKAN JUMLAH KETERANGAN",
        "Baik kelompok terbanyak 4–11 orang 7 Terpenuhi",
        "Baik paling banyak 70% 0–7 orang 7 Terpenuhi",
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang 1–11 orang 1 Terpenuhi",
        "Sesuai kurva. Distribusi predikat 11 pegawai sesuai dengan kurva untuk capaian kinerja "
        "organisasi Baik.",
        f"Jakarta, 3 Juli 2026 Pimpinan Unit Kerja {kepala.jabatan.nama} Kepala {unit.nama} "
        f"NIP. {kepala.nip}",
    )
    assert "Nama Baru Kepala" not in text
    assert rows[0].startswith(f"1 Kepala {unit.nama} NIP. {kepala.nip}")


def test_draft_format_penetapan_carries_the_draf_mark_and_the_current_head(agency):
    periode = open_period("TW3")
    unit, kepala, members = team(10, induk=agency.biro)
    org_rating(unit, periode, PredikatOrganisasi.BAIK)
    rate_all(members, periode, [Predikat.SANGAT_BAIK] * 3 + [Predikat.BAIK] * 7)

    pages = pdf_pages(documents.penetapan_pdf(selectors.kelompok_detail(unit, periode)))
    text = " ".join(pages)

    assert [page.split().count("DRAF") for page in pages] == [1] * len(pages)
    assert_in_order(
        text,
        "FORMAT PENETAPAN PREDIKAT KINERJA PERIODE: TRIWULAN III",
        "Predikat kinerja kelompok ini belum ditetapkan.",
        "JUMLAH PEGAWAI DINILAI 10",
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang 1–10 orang 0 Tidak terpenuhi",
        "Tidak sesuai kurva. Distribusi predikat 10 pegawai tidak sesuai dengan kurva",
        f"Jakarta, {format_date(timezone.localdate())} Pimpinan Unit Kerja "
        f"{kepala.jabatan.nama} Kepala {unit.nama} NIP. {kepala.nip}",
    )


def test_format_penetapan_needs_an_organisation_rating(agency):
    periode = open_period("TW1")
    group = selectors.kelompok_detail(agency.bagian, periode)
    with pytest.raises(ValueError, match="organisation rating"):
        documents.penetapan_pdf(group)


# --- Headings and names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "expected"),
    [
        ("TW1", "PERIODE: TRIWULAN I"),
        ("TW2", "PERIODE: TRIWULAN II"),
        ("TW3", "PERIODE: TRIWULAN III"),
        ("TW4", "PERIODE: TRIWULAN IV/AKHIR"),
        ("B01", "PERIODE: BULAN JANUARI"),
        ("B12", "PERIODE: BULAN DESEMBER"),
        ("TAHUNAN", "PERIODE: TAHUNAN"),
    ],
)
def test_period_heading(kode, expected):
    assert documents.period_heading(Periode(kode=kode)) == expected


def test_file_names(agency):
    _penetapan, unit, kepala, _members, periode = finalised_group(10, kode="TW4")
    penilaian = Penilaian.objects.select_related("pegawai", "periode__tahun").get(
        pegawai=kepala, periode=periode
    )
    group = selectors.kelompok_detail(unit, periode)
    assert documents.evaluasi_filename(penilaian) == f"EvaluasiKinerja-2026-TW4-{kepala.nip}.pdf"
    assert documents.penetapan_filename(group) == f"PenetapanPredikat-2026-TW4-{unit.kode}.pdf"
    assert documents.member_name(penilaian, periode) == (
        f"EvaluasiKinerja-2026-TW4-{kepala.nip}-Kepala_{unit.nama.replace(' ', '_')}.pdf"
    )
    assert documents.archive_name(unit, periode) == f"EvaluasiKinerja-{unit.kode}-2026-TW4.zip"


# --- The bulk job ----------------------------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def start(self, total: int, stage: str = "") -> None:
        self.calls.append(("start", total, stage))

    def advance(self, amount: int = 1) -> None:
        self.calls.append(("advance", amount))


def zip_members(stored: str) -> dict[str, str]:
    with default_storage.open(stored, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
        return {name: pdf_text(archive.read(name)) for name in archive.namelist()}


def start(user, unit, periode, django_capture_on_commit_callbacks) -> Pekerjaan:
    with django_capture_on_commit_callbacks(execute=True):
        job = documents.bulk_start(
            aktor=Aktor.of_user(user, "10.0.0.9"), pengguna=user, unit=unit, periode=periode
        )
    job.refresh_from_db()
    return job


def test_the_kind_is_registered_with_its_result_template():
    kind = registry.kind("penilaian.dokumen")
    assert (kind.handler, kind.result_template) == (
        jobs.bulk_documents,
        "penilaian/dokumen_hasil.html",
    )


def test_bulk_job_zips_every_evaluation_and_the_format_penetapan(
    agency, django_capture_on_commit_callbacks
):
    _penetapan, unit, kepala, members, periode = finalised_group(10, induk=agency.biro)
    job = start(agency.admin, unit, periode, django_capture_on_commit_callbacks)

    assert job.status == StatusPekerjaan.SELESAI, job.galat
    assert job.judul == f"Dokumen evaluasi kinerja {unit.nama} Triwulan I 2026"
    assert job.dibuat_oleh_id == agency.admin.pk
    assert job.parameter == {
        "unit_id": unit.pk,
        "periode_id": periode.pk,
        "pengguna_id": agency.admin.pk,
        "pekerjaan_id": str(job.pk),
    }
    assert (job.progres_selesai, job.progres_total, job.tahap) == (
        12,
        12,
        "Membuat dokumen evaluasi kinerja",
    )
    archive = f"EvaluasiKinerja-{unit.kode}-2026-TW1.zip"
    assert job.hasil == {
        "berkas": f"dokumen/{job.pk}/{archive}",
        "nama_berkas": archive,
        "unit": f"{unit.kode} {DASH} {unit.nama}",
        "periode": "Triwulan I 2026",
        "ditetapkan": True,
        "jumlah": 12,
        "belum_dinilai": [],
    }
    documents_in_zip = zip_members(job.hasil["berkas"])
    assert len(documents_in_zip) == 12
    penetapan_name = f"PenetapanPredikat-2026-TW1-{unit.kode}.pdf"
    expected = {penetapan_name}
    for person in [kepala, *members]:
        name = f"EvaluasiKinerja-2026-TW1-{person.nip}-{person.nama.replace(' ', '_')}.pdf"
        expected.add(name)
        text = documents_in_zip[name]
        assert text.startswith("EVALUASI KINERJA PEGAWAI PERIODE: TRIWULAN I Instansi")
        assert f"1 NAMA {person.nama} 1 NAMA" in text
        assert f"Baik ({unit.nama})" in text
        assert "DRAF" not in text
    assert set(documents_in_zip) == expected
    assert documents_in_zip[penetapan_name].startswith("FORMAT PENETAPAN PREDIKAT KINERJA")
    assert "JUMLAH PEGAWAI DINILAI 11" in documents_in_zip[penetapan_name]


def test_bulk_job_of_a_draft_group_reports_progress_per_document(agency):
    periode = open_period("TW2")
    unit, kepala, members = team(3, induk=agency.biro)
    org_rating(unit, periode)
    rate_all(members[:2], periode, [Predikat.BAIK, Predikat.BUTUH_PERBAIKAN])
    recorder = Recorder()
    parameter = {
        "unit_id": unit.pk,
        "periode_id": periode.pk,
        "pengguna_id": agency.pimpinan.pk,
        "pekerjaan_id": "abc",
    }

    hasil = documents.bulk_build(parameter, recorder)

    assert recorder.calls == [
        ("start", 3, "Membuat dokumen evaluasi kinerja"),
        ("advance", 1),
        ("advance", 1),
        ("advance", 1),
    ]
    assert hasil["jumlah"] == 3
    assert hasil["ditetapkan"] is False
    assert hasil["belum_dinilai"] == sorted(
        [{"nip": p.nip, "nama": p.nama} for p in (kepala, members[2])], key=lambda r: r["nama"]
    )
    texts = zip_members(hasil["berkas"])
    assert len(texts) == 3
    assert all(text.split().count("DRAF") >= 1 for text in texts.values())


def test_bulk_start_refuses_without_group_rating_or_access(agency):
    periode = open_period("TW1")
    aktor = Aktor.of_user(agency.admin)
    with pytest.raises(ValidationError) as error:
        documents.bulk_start(
            aktor=aktor, pengguna=agency.admin, unit=agency.bagian, periode=periode
        )
    assert error.value.messages == [
        "Capaian kinerja organisasi Bagian SDM untuk Triwulan I belum ditetapkan; belum ada "
        "kelompok penilaian."
    ]
    org_rating(agency.bagian, periode)
    with pytest.raises(ValidationError) as error:
        documents.bulk_start(
            aktor=aktor, pengguna=agency.admin, unit=agency.bagian, periode=periode
        )
    assert error.value.messages == [
        "Belum ada pegawai yang dinilai di kelompok Bagian SDM; tidak ada dokumen."
    ]
    rate(agency.pegawai, periode, Predikat.BAIK)
    outsider = agency.outsider.pengguna
    with pytest.raises(PermissionDenied):
        documents.bulk_start(
            aktor=Aktor.of_user(outsider), pengguna=outsider, unit=agency.bagian, periode=periode
        )
    assert Pekerjaan.objects.count() == 0


def test_bulk_job_checks_access_again_for_its_creator(agency, django_capture_on_commit_callbacks):
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, Predikat.BAIK)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = documents.bulk_start(
            aktor=Aktor.of_user(agency.admin),
            pengguna=agency.admin,
            unit=agency.bagian,
            periode=periode,
        )
    Peran.objects.filter(pengguna=agency.admin).delete()  # the role ends before the job runs
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL
    assert job.galat == "Unit tidak ada atau di luar lingkup Anda."
    assert not default_storage.exists(f"dokumen/{job.pk}")
