"""Document pages: the evaluation PDF of an assessment, the Format Penetapan PDF of a group, the
bulk ZIP of a group's documents (started here, made by the `penilaian.dokumen` job) and its
download; permission matrices over every role, nothing changes on refusals."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.tests.factories import pegawai_with_account
from kinerja.penilaian import access, services
from kinerja.penilaian.models import Keberatan, Penetapan, Penilaian
from kinerja.penilaian.tests.factories import SYSTEM, aktor_for, open_period, org_rating, rate
from kinerja.periode.models import Periode
from kinerja.skp.tests.test_documents import pdf_text

pytestmark = pytest.mark.django_db

READERS_OF_SITI = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
GROUP_READERS = {"penilai", "admin", "pimpinan", "auditor", "superuser"}


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def state():
    return (
        list(
            Penilaian.objects.order_by("pk").values_list(
                "pk", "status", "predikat", "penetapan_id", "identitas"
            )
        ),
        list(Penetapan.objects.order_by("pk").values_list("pk", "status", "jumlah")),
        list(Keberatan.objects.values_list("pk", "status")),
        list(Pekerjaan.objects.order_by("pk").values_list("pk", "status")),
    )


def rated_bagian(agency, *, final: bool = True) -> Periode:
    """Bagian SDM rated Baik for TW1: Siti Baik (by Budi), Budi Sangat Baik; finalised by
    Budi, the unit's head, unless `final` is False."""
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, Predikat.BAIK)
    rate(agency.penilai, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    if final:
        services.penetapan_finalise(
            aktor=aktor_for(agency.penilai), unit=agency.bagian, periode=periode
        )
    return periode


def siti_assessment(agency, periode: Periode) -> Penilaian:
    return Penilaian.objects.get(pegawai=agency.pegawai, periode=periode)


# --- The evaluation PDF ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_evaluasi_pdf_matrix(agency, client_for, role):
    penilaian = siti_assessment(agency, rated_bagian(agency))
    before = state()
    response = client_for(role).get(reverse("penilaian:evaluasi_pdf", args=[penilaian.pk]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS_OF_SITI:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'inline; filename="EvaluasiKinerja-2026-TW1-{agency.pegawai.nip}.pdf"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        text = pdf_text(response.content)
        assert text.startswith("EVALUASI KINERJA PEGAWAI PERIODE: TRIWULAN I Instansi")
        assert "1 NAMA Siti Aminah 1 NAMA Budi Santoso" in text
        assert "PREDIKAT KINERJA PEGAWAI Baik" in text
        assert "DRAF" not in text
    else:
        assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize(
    ("role", "status"),
    [("pegawai", 404), ("outsider", 404), ("penilai", 200), ("admin", 200), ("auditor", 200)],
)
def test_evaluasi_pdf_of_a_draft_is_hidden_from_the_employee(agency, client_for, role, status):
    penilaian = siti_assessment(agency, rated_bagian(agency, final=False))
    response = client_for(role).get(reverse("penilaian:evaluasi_pdf", args=[penilaian.pk]))
    assert response.status_code == status
    if status == 200:
        text = pdf_text(response.content)
        assert "DRAF" in text.split()
        assert "Predikat kinerja belum ditetapkan." in text


def test_evaluasi_pdf_of_a_missing_assessment_is_404(agency, client_for):
    response = client_for("superuser").get(reverse("penilaian:evaluasi_pdf", args=[999999]))
    assert response.status_code == 404


# --- The Format Penetapan PDF ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_penetapan_pdf_matrix(agency, client_for, role):
    periode = rated_bagian(agency)
    before = state()
    url = reverse("penilaian:penetapan_pdf", args=[agency.bagian.pk, periode.pk])
    response = client_for(role).get(url)
    if role == "anonim":
        assert_login_redirect(response)
    elif role in GROUP_READERS:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            'inline; filename="PenetapanPredikat-2026-TW1-BU-SDM.pdf"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        text = pdf_text(response.content)
        assert text.startswith("FORMAT PENETAPAN PREDIKAT KINERJA PERIODE: TRIWULAN I")
        assert "UNIT KERJA BU-SDM \N{EN DASH} Bagian SDM" in text
        assert f"1 Budi Santoso NIP. {agency.penilai.nip}" in text
        assert f"2 Siti Aminah NIP. {agency.pegawai.nip}" in text
        assert "DRAF" not in text
    else:
        assert response.status_code == 404
    assert state() == before


def test_penetapan_pdf_of_a_draft_group_carries_the_draf_mark(agency, client_for):
    periode = rated_bagian(agency, final=False)
    url = reverse("penilaian:penetapan_pdf", args=[agency.bagian.pk, periode.pk])
    text = pdf_text(client_for("admin").get(url).content)
    assert "DRAF" in text.split()
    assert "Predikat kinerja kelompok ini belum ditetapkan." in text


@pytest.mark.parametrize("what", ["no organisation rating", "missing period", "missing unit"])
def test_penetapan_pdf_without_a_group_is_404(agency, client_for, what):
    periode = rated_bagian(agency)
    unit_id, periode_id = agency.bagian.pk, periode.pk
    if what == "no organisation rating":
        unit_id = agency.lain.pk
    elif what == "missing period":
        periode_id = 999999
    else:
        unit_id = 999999
    url = reverse("penilaian:penetapan_pdf", args=[unit_id, periode_id])
    assert client_for("superuser").get(url).status_code == 404


# --- The bulk ZIP ----------------------------------------------------------------------------


def zip_names(content: bytes) -> list[str]:
    return sorted(zipfile.ZipFile(io.BytesIO(content)).namelist())


EXPECTED_ZIP = [
    "EvaluasiKinerja-2026-TW1-{budi}-Budi_Santoso.pdf",
    "EvaluasiKinerja-2026-TW1-{siti}-Siti_Aminah.pdf",
    "PenetapanPredikat-2026-TW1-BU-SDM.pdf",
]


def expected_zip(agency) -> list[str]:
    return sorted(
        name.format(budi=agency.penilai.nip, siti=agency.pegawai.nip) for name in EXPECTED_ZIP
    )


@pytest.mark.parametrize("role", ROLES)
def test_massal_matrix(agency, client_for, role, django_capture_on_commit_callbacks):
    periode = rated_bagian(agency)
    before = state()
    url = reverse("penilaian:dokumen_massal", args=[agency.bagian.pk, periode.pk])
    client = client_for(role)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    if role == "anonim":
        assert_login_redirect(response)
        assert state() == before
    elif role in GROUP_READERS:
        job = Pekerjaan.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("jobs:detail", args=[job.pk])
        assert job.jenis == "penilaian.dokumen"
        assert job.dibuat_oleh_id == agency.user(role).pk
        assert job.status == StatusPekerjaan.SELESAI, job.galat
        assert job.hasil["jumlah"] == 3
        page = client.get(response.url)
        download = reverse("penilaian:dokumen_unduh", args=[job.pk])
        assert f'href="{download}"' in page.content.decode()
        assert "Unduh EvaluasiKinerja-BU-SDM-2026-TW1.zip" in page.content.decode()
        archive = client.get(download)
        assert archive.status_code == 200
        assert archive["Content-Type"] == "application/zip"
        assert zip_names(b"".join(archive.streaming_content)) == expected_zip(agency)
        assert state()[:3] == before[:3]
    else:
        assert response.status_code == 404
        assert state() == before


def test_massal_by_get_is_not_allowed(agency, client_for):
    periode = rated_bagian(agency)
    before = state()
    url = reverse("penilaian:dokumen_massal", args=[agency.bagian.pk, periode.pk])
    assert client_for("admin").get(url).status_code == 405
    assert state() == before


def test_massal_is_403_for_an_appraiser_who_neither_finalises_nor_reads_the_unit(
    agency, client_for
):
    periode = rated_bagian(agency)
    pegawai_with_account(nama="Dewi Lestari", unit=agency.bagian, penilai=agency.outsider)
    scope = scope_for(agency.outsider.pengguna)
    assert access.kurva_unit_get(scope, agency.bagian.pk, periode) == agency.bagian
    assert not access.may_finalise(scope, agency.bagian)
    before = state()
    url = reverse("penilaian:dokumen_massal", args=[agency.bagian.pk, periode.pk])
    assert client_for("outsider").post(url).status_code == 403
    assert state() == before


def test_massal_without_an_organisation_rating_tells_why(agency, client_for):
    periode = open_period("TW1")
    before = state()
    url = reverse("penilaian:dokumen_massal", args=[agency.bagian.pk, periode.pk])
    response = client_for("admin").post(url)
    assert response.status_code == 302
    assert response.url == reverse("penilaian:kurva_detail", args=[agency.bagian.pk, periode.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Capaian kinerja organisasi Bagian SDM untuk Triwulan I belum ditetapkan; belum ada "
        "kelompok penilaian."
    ]
    assert state() == before


# --- The download ----------------------------------------------------------------------------

ARCHIVE = "EvaluasiKinerja-BU-SDM-2026-TW1.zip"


def finished_job(agency, **changes) -> Pekerjaan:
    """A finished `penilaian.dokumen` job of Budi with its archive in storage (two entries)."""
    job = Pekerjaan.objects.create(
        jenis="penilaian.dokumen",
        judul="Dokumen evaluasi kinerja Bagian SDM Triwulan I 2026",
        status=StatusPekerjaan.SELESAI,
        dibuat_oleh=agency.penilai.pengguna,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.pdf", b"%PDF-1.4 a")
        archive.writestr("b.pdf", b"%PDF-1.4 b")
    stored = default_storage.save(f"dokumen/{job.pk}/{ARCHIVE}", ContentFile(buffer.getvalue()))
    job.hasil = {"berkas": stored, "nama_berkas": ARCHIVE}
    job.save(update_fields=["hasil"])
    Pekerjaan.objects.filter(pk=job.pk).update(**changes)
    return job


@pytest.mark.parametrize("role", ROLES)
def test_unduh_matrix(agency, client_for, role):
    job = finished_job(agency)
    response = client_for(role).get(reverse("penilaian:dokumen_unduh", args=[job.pk]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"penilai", "superuser"}:  # the job's creator; a superuser sees every job
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"] == f'attachment; filename="{ARCHIVE}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert zip_names(b"".join(response.streaming_content)) == ["a.pdf", "b.pdf"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    "changes",
    [
        {"status": StatusPekerjaan.GAGAL},
        {"status": StatusPekerjaan.BERJALAN},
        {"jenis": "skp.dokumen"},
        {"hasil": {"berkas": f"dokumen/lain/{ARCHIVE}", "nama_berkas": ARCHIVE}},
        {"hasil": None},
    ],
)
def test_unduh_of_a_job_without_its_archive_is_404(agency, client_for, changes):
    job = finished_job(agency, **changes)
    response = client_for("penilai").get(reverse("penilaian:dokumen_unduh", args=[job.pk]))
    assert response.status_code == 404


def test_unduh_of_a_missing_job_is_404(agency, client_for):
    url = reverse("penilaian:dokumen_unduh", args=["00000000-0000-0000-0000-000000000000"])
    assert client_for("superuser").get(url).status_code == 404
