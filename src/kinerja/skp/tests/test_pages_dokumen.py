"""Document pages: the PDF of a plan and of a frozen revision, the bulk ZIP page and the download
of its result; permission matrices over every role, nothing changes on refusals."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.organisasi.tests.factories import pegawai_with_account
from kinerja.skp import services
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import aktor_for
from kinerja.skp.tests.helpers import skp_state
from kinerja.skp.tests.test_documents import RHK_1, approve, build_plans, pdf_text

pytestmark = pytest.mark.django_db

READERS_OF_SITI = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
BULK_ROLES = {"admin", "pimpinan", "auditor", "superuser"}
BULK_UNIT = {"admin": "biro", "pimpinan": "biro", "auditor": "root", "superuser": "root"}
INVALID_CHOICE = (
    "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def state():
    return skp_state(), list(Pekerjaan.objects.order_by("pk").values_list("pk", "status"))


# --- The PDF of a plan -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_skp_pdf_matrix(agency, client_for, role):
    skp = approve(agency, build_plans(agency).own)
    before = state()
    response = client_for(role).get(reverse("skp:pdf", args=[skp.pk]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS_OF_SITI:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="SKP-2026-{agency.pegawai.nip}.pdf"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        text = pdf_text(response.content)
        assert f"1 NAMA Siti Aminah 1 NAMA Budi Santoso 2 NIP {agency.pegawai.nip}" in text
        assert RHK_1 in text
    else:
        assert response.status_code == 404
    assert state() == before


def test_skp_pdf_of_a_missing_plan_is_404(agency, client_for):
    assert client_for("superuser").get(reverse("skp:pdf", args=[999999])).status_code == 404


def test_skp_pdf_of_a_draft_shows_the_draft_mark(agency, client_for):
    skp = build_plans(agency).own
    response = client_for("pegawai").get(reverse("skp:pdf", args=[skp.pk]))
    assert response.status_code == 200
    assert "DRAF" in pdf_text(response.content)


# --- The PDF of a frozen revision ------------------------------------------------------------


def revised_plan(agency):
    """Siti's plan approved (revision 1), then reopened and its first RHK rewritten."""
    skp = approve(agency, build_plans(agency).own)
    aktor = aktor_for(agency.pegawai)
    skp = services.skp_revise(aktor=aktor, skp=skp, alasan="Mutasi tugas")
    rhk = Rhk.objects.get(skp=skp, uraian=RHK_1)
    services.rhk_update(
        aktor=aktor,
        rhk=rhk,
        uraian="Tersusunnya laporan kinerja triwulanan",
        jenis=rhk.jenis,
        kode=rhk.kode,
        rhk_atasan_id=rhk.rhk_atasan_id,
    )
    return skp


@pytest.mark.parametrize("role", ROLES)
def test_revision_pdf_matrix(agency, client_for, role):
    skp = revised_plan(agency)
    before = state()
    response = client_for(role).get(reverse("skp:revision-pdf", args=[skp.pk, 1]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS_OF_SITI:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="SKP-2026-{agency.pegawai.nip}-revisi-1.pdf"'
        )
        assert "Siti Aminah" in pdf_text(response.content)
    else:
        assert response.status_code == 404
    assert state() == before


def test_revision_pdf_shows_the_frozen_text_after_the_plan_changed(agency, client_for):
    skp = revised_plan(agency)
    client = client_for("penilai")

    frozen = pdf_text(client.get(reverse("skp:revision-pdf", args=[skp.pk, 1])).content)
    live = pdf_text(client.get(reverse("skp:pdf", args=[skp.pk])).content)

    assert RHK_1 + " Kuantitas" in frozen
    assert "Tersusunnya laporan kinerja triwulanan" not in frozen
    assert "DRAF" not in frozen
    assert "REVISI KE-" not in frozen
    assert "Tersusunnya laporan kinerja triwulanan Kuantitas" in live
    assert RHK_1 + " Kuantitas" not in live
    assert "REVISI KE-2" in live
    assert "DRAF" in live


@pytest.mark.parametrize("nomor", [2, 3])
def test_revision_pdf_of_a_revision_not_approved_is_404(agency, client_for, nomor):
    skp = revised_plan(agency)
    response = client_for("superuser").get(reverse("skp:revision-pdf", args=[skp.pk, nomor]))
    assert response.status_code == 404


# --- The bulk page ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_bulk_page_matrix(agency, client_for, role):
    build_plans(agency)
    before = state()
    response = client_for(role).get(reverse("skp:bulk"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in BULK_ROLES:
        assert response.status_code == 200
        assert response.context["nav_section"] == "kelengkapan"
        form = response.context["form"]
        expected = (
            ["BU", "BU-SDM"] if role in {"admin", "pimpinan"} else ["SET", "BU", "BU-SDM", "BL"]
        )
        assert [unit.kode for unit in form.fields["unit"].queryset] == expected
        assert list(form.fields["tahun"].choices) == [(2026, 2026)]
        assert form.fields["tahun"].initial == 2026
    else:
        assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_bulk_start_matrix(agency, client_for, role, media, django_capture_on_commit_callbacks):
    approve(agency, build_plans(agency).own)
    before = state()
    unit = getattr(agency, BULK_UNIT.get(role, "bagian"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(role).post(reverse("skp:bulk"), {"unit": unit.pk, "tahun": 2026})
    if role in BULK_ROLES:
        job = Pekerjaan.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("jobs:detail", args=[job.pk])
        assert (job.jenis, job.status, job.dibuat_oleh_id) == (
            "skp.dokumen",
            StatusPekerjaan.MENUNGGU,
            agency.user(role).pk,
        )
        assert job.parameter["unit_id"] == unit.pk
        assert len(callbacks) == 1
        assert skp_state() == before[0]
    elif role == "anonim":
        assert_login_redirect(response)
    else:
        assert response.status_code == 404
    if role not in BULK_ROLES:
        assert len(callbacks) == 0
        assert state() == before


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"unit": "root", "tahun": 2026}, {"unit": [INVALID_CHOICE]}),
        (
            {"unit": "biro", "tahun": 2030},
            {
                "tahun": [
                    "Masukkan pilihan yang valid. 2030 bukan salah satu dari pilihan yang tersedia."
                ]
            },
        ),
        ({"tahun": 2026}, {"unit": ["Bidang ini tidak boleh kosong."]}),
    ],
)
def test_bulk_start_refuses_bad_input(agency, client_for, media, data, errors):
    approve(agency, build_plans(agency).own)
    before = state()
    if "unit" in data:
        data = data | {"unit": getattr(agency, data["unit"]).pk}
    response = client_for("admin").post(reverse("skp:bulk"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert state() == before


def test_bulk_start_refuses_when_nothing_is_approved(agency, client_for, media):
    build_plans(agency)
    before = state()
    response = client_for("auditor").post(
        reverse("skp:bulk"), {"unit": agency.lain.pk, "tahun": 2026}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Belum ada SKP tahun 2026 yang disetujui di Biro Lain dan sub-unitnya; tidak ada "
        "dokumen untuk dibuat."
    ]
    assert "tidak ada dokumen untuk dibuat." in response.content.decode()
    assert state() == before


def test_bulk_from_the_page_to_the_download(
    agency, client_for, media, django_capture_on_commit_callbacks
):
    approve(agency, build_plans(agency).own)
    agus = pegawai_with_account(nama="Agus Salim", unit=agency.bagian, penilai=agency.penilai)
    client = client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("skp:bulk"), {"unit": agency.biro.pk, "tahun": 2026})
    job = Pekerjaan.objects.get()
    assert job.status == StatusPekerjaan.SELESAI, job.galat

    page = client.get(response.url)
    html = page.content.decode()
    download = reverse("skp:bulk-download", args=[job.pk])
    assert f'href="{download}"' in html
    assert "Unduh SKP-BU-2026.zip" in html
    assert page.context["hasil"]["jumlah"] == 2
    assert f"<td>{agus.nip}</td><td>Agus Salim</td><td>Belum ada SKP tahun 2026.</td>" in html

    zipped = client.get(download)
    assert zipped.status_code == 200
    assert zipped["Content-Type"] == "application/zip"
    assert zipped["Content-Disposition"] == 'attachment; filename="SKP-BU-2026.zip"'
    assert zipped["X-Content-Type-Options"] == "nosniff"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content)))
    assert sorted(archive.namelist()) == sorted(
        [
            f"SKP-2026-{agency.penilai.nip}-Budi_Santoso.pdf",
            f"SKP-2026-{agency.pegawai.nip}-Siti_Aminah.pdf",
        ]
    )
    assert "1 NAMA Siti Aminah" in pdf_text(
        archive.read(f"SKP-2026-{agency.pegawai.nip}-Siti_Aminah.pdf")
    )


def test_failed_bulk_job_page_shows_the_error_and_no_download(agency, client_for, media):
    job = finished_job(
        agency,
        status=StatusPekerjaan.GAGAL,
        galat="Unit tidak ada atau di luar lingkup Anda.",
        hasil={},
    )
    html = client_for("admin").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert (
        '<p class="message error" role="alert">Unit tidak ada atau di luar lingkup Anda.</p>'
        in html
    )
    assert reverse("skp:bulk-download", args=[job.pk]) not in html


# --- The download ----------------------------------------------------------------------------


def finished_job(agency, **changes) -> Pekerjaan:
    """A finished bulk job of the admin, with its ZIP stored."""
    job_id = uuid.uuid4()
    stored = default_storage.save(
        f"dokumen/{job_id}/SKP-BU-2026.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18)
    )
    fields = {
        "id": job_id,
        "jenis": "skp.dokumen",
        "judul": "Dokumen SKP Biro Umum tahun 2026",
        "status": StatusPekerjaan.SELESAI,
        "dibuat_oleh": agency.admin,
        "hasil": {"berkas": stored, "nama_berkas": "SKP-BU-2026.zip", "jumlah": 1, "dilewati": []},
    }
    return Pekerjaan.objects.create(**(fields | changes))


@pytest.mark.parametrize("role", ROLES)
def test_bulk_download_matrix(agency, client_for, media, role):
    job = finished_job(agency)
    before = state()
    response = client_for(role).get(reverse("skp:bulk-download", args=[job.pk]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"admin", "superuser"}:
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="SKP-BU-2026.zip"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == b"PK\x05\x06" + b"\x00" * 18
    else:
        assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize(
    "changes",
    [
        {"jenis": "pertukaran.import"},
        {"status": StatusPekerjaan.BERJALAN},
        {"status": StatusPekerjaan.GAGAL},
        {"hasil": None},
        {"hasil": {"berkas": "impor/lain/SKP-BU-2026.zip", "nama_berkas": "x.zip"}},
    ],
)
def test_bulk_download_of_anything_but_a_finished_bulk_job_is_404(
    agency, client_for, media, changes
):
    job = finished_job(agency, **changes)
    default_storage.save("impor/lain/SKP-BU-2026.zip", ContentFile(b"rahasia"))
    assert client_for("admin").get(reverse("skp:bulk-download", args=[job.pk])).status_code == 404


def test_bulk_download_of_a_deleted_file_or_unknown_job_is_404(agency, client_for, media):
    job = finished_job(agency)
    default_storage.delete(job.hasil["berkas"])
    client = client_for("admin")
    assert client.get(reverse("skp:bulk-download", args=[job.pk])).status_code == 404
    assert client.get(reverse("skp:bulk-download", args=[uuid.uuid4()])).status_code == 404
