"""Assessment API, documents: the evaluation PDF of an assessment, the Format Penetapan of a
curve group and the bulk ZIP job (status, content type, permission; the documents' content is
tested with penilaian.documents)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan
from kinerja.penilaian.tests.factories import open_period, org_rating
from kinerja.penilaian.tests.test_api import (
    BASE,
    finalise_bagian,
    penilaian_state,
    rate_siti,
    refusal,
    status_for,
)

pytestmark = pytest.mark.django_db
READERS = {"penilai", "admin", "pimpinan", "auditor", "superuser"}


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def assert_pdf(response, filename: str) -> str:
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF")
    return text_of(response.content)


@pytest.mark.parametrize("role", ROLES)
def test_evaluation_pdf_matrix(agency, client_for, role):
    periode = open_period("TW1")
    penilaian = rate_siti(agency, periode)
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/{penilaian.pk}/evaluasi.pdf")
    assert penilaian_state() == before
    # The readers of the assessment; Siti reads hers only once finalised.
    assert response.status_code == status_for(role, READERS, set())
    if response.status_code != 200:
        return
    text = assert_pdf(response, f"EvaluasiKinerja-2026-TW1-{agency.pegawai.nip}.pdf")
    assert "Siti Aminah" in text
    assert "Budi Santoso" in text


def test_evaluation_pdf_of_a_finalised_assessment_for_its_employee(agency, client_for):
    _periode, siti, _budi = finalise_bagian(agency)
    response = client_for("pegawai").get(f"{BASE}/{siti.pk}/evaluasi.pdf")
    assert response.status_code == 200
    assert "Siti Aminah" in assert_pdf(
        response, f"EvaluasiKinerja-2026-TW1-{agency.pegawai.nip}.pdf"
    )
    assert client_for("outsider").get(f"{BASE}/{siti.pk}/evaluasi.pdf").status_code == 404
    assert client_for("pegawai").get(f"{BASE}/999999/evaluasi.pdf").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_finalisation_pdf_matrix(agency, client_for, role):
    periode, _siti, _budi = finalise_bagian(agency)
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}/penetapan.pdf")
    assert penilaian_state() == before
    # The readers of the curve: Budi, HR and the leader above, the auditor, the superuser.
    assert response.status_code == status_for(role, READERS, set())
    if response.status_code != 200:
        return
    text = assert_pdf(response, "PenetapanPredikat-2026-TW1-BU-SDM.pdf")
    assert "Bagian SDM" in text
    assert "Siti Aminah" in text


def test_finalisation_pdf_needs_an_organisation_rating(agency, client_for):
    periode = open_period("TW1")
    rate_siti(agency, periode)
    client = client_for("admin")
    url = f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}/penetapan.pdf"
    assert client.get(url).status_code == 404
    org_rating(agency.bagian, periode)
    # A group not finalised yet: its draft document.
    response = client.get(url)
    assert response.status_code == 200
    assert "Bagian SDM" in assert_pdf(response, "PenetapanPredikat-2026-TW1-BU-SDM.pdf")


@pytest.mark.parametrize("role", ROLES)
def test_bulk_documents_matrix(agency, client_for, role):
    periode, _siti, _budi = finalise_bagian(agency)
    before = penilaian_state()
    response = client_for(role).post(f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}/dokumen")
    # Those who finalise the group (Budi, HR, the leader above, the superuser) and those who
    # read the unit (the auditor).
    assert response.status_code == status_for(role, READERS, set(), 202)
    if response.status_code != 202:
        assert penilaian_state() == before
        return
    job = Pekerjaan.objects.get()
    assert response.json() == {"id": str(job.pk), "url": f"/api/v1/pekerjaan/{job.pk}"}
    assert (job.jenis, job.parameter["unit_id"], job.parameter["periode_id"]) == (
        "penilaian.dokumen",
        agency.bagian.pk,
        periode.pk,
    )
    assert job.parameter["pengguna_id"] == agency.user(role).pk


def test_bulk_documents_refused_without_a_group(agency, client_for):
    periode = open_period("TW1")
    client = client_for("admin")
    before = penilaian_state()
    response = client.post(f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}/dokumen")
    assert response.json() == refusal(
        "__all__",
        "Capaian kinerja organisasi Bagian SDM untuk Triwulan I belum ditetapkan; belum ada "
        "kelompok penilaian.",
    )
    assert client.post(f"{BASE}/kurva/{agency.bagian.pk}/999999/dokumen").status_code == 404
    assert penilaian_state() == before
