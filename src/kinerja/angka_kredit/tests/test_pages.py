"""Credit-point pages: permission matrices, what each shows, the unit list's query count, the
XLSX export and the Penetapan Angka Kredit PDF."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.angka_kredit.tests.helpers import TAHUN, annual, annual_period, functional, history
from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.organisasi.enums import Jenjang
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.models import Penilaian
from kinerja.penilaian.tests.factories import SYSTEM, org_rating, rate

pytestmark = pytest.mark.django_db
D = datetime.date
READERS_OF_SITI = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
WITH_EMPLOYEE_RECORD = {"pegawai", "penilai", "outsider"}
LIST_READERS = {"admin", "pimpinan", "auditor", "superuser"}
LIST_QUERIES = 12


def state() -> list[tuple]:
    return list(Penilaian.objects.order_by("pk").values_list("pk", "status", "predikat"))


def expected(role: str, allowed: set[str]) -> int:
    if role == "anonim":
        return 302
    return 200 if role in allowed else 404


@pytest.fixture
def siti(agency):
    """Siti (Ahli Pertama all year) with a finalised Sangat Baik 2026."""
    functional(agency.pegawai, Jenjang.AHLI_PERTAMA)
    annual(agency.pegawai, Predikat.SANGAT_BAIK)
    return agency.pegawai


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- Own and one employee ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_saya_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(reverse("angka_kredit:saya"))
    assert state() == before
    assert response.status_code == expected(role, WITH_EMPLOYEE_RECORD)
    if role == "pegawai":
        assert response.context["riwayat"].pegawai == siti
        assert response.context["nav_section"] == "angka_kredit_saya"
        body = response.content.decode()
        assert 'data-testid="kumulatif-total">18,75<' in body
        assert reverse("angka_kredit:pdf", args=[siti.pk, TAHUN]) in body


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(reverse("angka_kredit:pegawai", args=[siti.pk]))
    assert state() == before
    # Siti herself, her appraiser Budi, HR and the leader of Biro Umum, the auditor, superuser.
    assert response.status_code == expected(role, READERS_OF_SITI)
    if response.status_code == 200:
        assert response.context["riwayat"].kumulatif.total == Decimal("18.750")
    assert (
        client_for("admin").get(reverse("angka_kredit:pegawai", args=[999999])).status_code == 404
    )


def test_penilai_reads_direct_appraisees_only(agency, client_for):
    grand = PegawaiFactory(unit=agency.bagian, penilai=agency.pegawai)
    client = client_for("penilai")
    assert client.get(reverse("angka_kredit:pegawai", args=[agency.pegawai.pk])).status_code == 200
    assert client.get(reverse("angka_kredit:pegawai", args=[grand.pk])).status_code == 404
    assert client.get(reverse("angka_kredit:pegawai", args=[agency.outsider.pk])).status_code == 404


def test_non_functional_employee_page(agency, client_for):
    response = client_for("pegawai").get(reverse("angka_kredit:saya"))
    body = response.content.decode()
    assert "Anda tidak menduduki jabatan fungsional" in body
    assert 'data-testid="kumulatif"' not in body
    other = client_for("admin").get(reverse("angka_kredit:pegawai", args=[agency.pegawai.pk]))
    assert "Siti Aminah tidak menduduki jabatan fungsional" in other.content.decode()


def test_draft_is_hidden_from_the_employee_and_provisional_for_readers(agency, client_for):
    functional(agency.pegawai, Jenjang.AHLI_PERTAMA)
    annual(agency.pegawai, Predikat.SANGAT_BAIK, final=False)
    own = client_for("pegawai").get(reverse("angka_kredit:saya")).content.decode()
    assert "Penilaian tahunan belum ditetapkan" in own
    assert "Sangat Baik" not in own
    assert 'data-testid="kumulatif-total">0,00<' in own
    url = reverse("angka_kredit:pegawai", args=[agency.pegawai.pk])
    hr = client_for("admin").get(url).content.decode()
    assert "Sangat Baik" in hr
    assert "sementara, tidak dihitung" in hr
    assert 'data-testid="kumulatif-total">0,00<' in hr


# --- The unit list and its export ----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_daftar_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(reverse("angka_kredit:daftar"), {"tahun": TAHUN})
    assert state() == before
    assert response.status_code == expected(role, LIST_READERS)
    if response.status_code == 200:
        assert [row.pegawai for row in response.context["rows"]] == [siti]
        assert response.context["nav_section"] == "angka_kredit"


def test_daftar_unit_filter_and_scope(agency, client_for, siti):
    functional(agency.outsider, Jenjang.AHLI_MUDA)
    url = reverse("angka_kredit:daftar")
    everyone = client_for("auditor").get(url, {"tahun": TAHUN})
    assert [row.pegawai for row in everyone.context["rows"]] == [agency.outsider, siti]
    admin = client_for("admin")
    assert [row.pegawai for row in admin.get(url, {"tahun": TAHUN}).context["rows"]] == [siti]
    lain = admin.get(url, {"unit": agency.lain.pk, "tahun": TAHUN})
    assert lain.status_code == 404
    bagian = admin.get(url, {"unit": agency.bagian.pk, "tahun": TAHUN})
    assert bagian.context["unit"] == agency.bagian
    body = bagian.content.decode()
    assert 'data-testid="kumulatif">18,75<' in body
    assert 'data-testid="kurang-pangkat">31,25<' in body
    assert 'data-testid="kurang-jenjang">81,25<' in body
    # A bad filter value is ignored: every unit of the scope, the default year.
    assert admin.get(url, {"unit": "x", "tahun": "abc"}).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_daftar_query_count_is_flat(agency, client_for, django_assert_num_queries, count):
    functional(agency.pegawai, Jenjang.AHLI_PERTAMA)
    annual(agency.pegawai, Predikat.BAIK, 2025)
    annual(agency.pegawai, Predikat.BAIK)
    for index in range(count - 1):
        extra = PegawaiFactory(unit=agency.bagian, nama=f"Fungsional {index}")
        history(extra, [(D(2024, 1, 1), None), (D(2025, 3, 1), Jenjang.AHLI_MUDA)])
        annual(extra, Predikat.SANGAT_BAIK, 2025)
        annual(extra, Predikat.BAIK, final=False)
    client = client_for("admin")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(
            reverse("angka_kredit:daftar"), {"unit": agency.biro.pk, "tahun": TAHUN}
        )
    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("role", ROLES)
def test_ekspor_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(
        reverse("angka_kredit:ekspor"),
        {"tahun": TAHUN, "unit": agency.biro.pk if role in {"admin", "pimpinan"} else ""},
    )
    assert state() == before
    assert response.status_code == expected(role, LIST_READERS)
    if response.status_code != 200:
        return
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = (
        "AngkaKredit-2026-BU.xlsx"
        if role in {"admin", "pimpinan"}
        else "AngkaKredit-2026-semua.xlsx"
    )
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:9] == (
        "NIP",
        "Nama",
        "Unit",
        "Jenjang",
        "Status penilaian tahunan",
        "Predikat",
        "Jumlah bulan",
        "Angka kredit tahun ini",
        "Angka kredit kumulatif",
    )
    assert rows[2] == (
        siti.nip,
        "Siti Aminah",
        "Bagian SDM",
        "Ahli Pertama",
        "Ditetapkan",
        "Sangat Baik",
        12,
        18.75,
        18.75,
        31.25,
        81.25,
        "Tidak",
        "Ya",
        "Tidak",
    )
    assert len(rows) == 3


# --- The PDF --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_pdf_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(reverse("angka_kredit:pdf", args=[siti.pk, TAHUN]))
    assert state() == before
    assert response.status_code == expected(role, READERS_OF_SITI)
    if response.status_code != 200:
        return
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'inline; filename="PenetapanAngkaKredit-2026-{siti.nip}.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_pdf_content_after_the_real_finalisation(agency, client_for):
    """Siti Ahli Pertama all year, Sangat Baik in the annual assessment of Bagian SDM finalised
    by its head Budi: 18,75, signed by the unit's head (Siti's appraiser has no superior)."""
    functional(agency.pegawai, Jenjang.AHLI_PERTAMA)
    periode = annual_period()
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, Predikat.SANGAT_BAIK)
    rate(agency.penilai, periode, Predikat.BAIK, aktor=SYSTEM)
    penilaian_services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=periode)
    response = client_for("pegawai").get(
        reverse("angka_kredit:pdf", args=[agency.pegawai.pk, TAHUN])
    )
    assert response.status_code == 200
    text = text_of(response.content)
    for expected_text in (
        "PENETAPAN ANGKA KREDIT",
        "Nomor:",
        "Periode: 1 Januari 2026 – 31 Desember 2026",
        "Siti Aminah",
        agency.pegawai.nip,
        "Penata Muda, III/a",
        "Ahli Pertama",
        "Bagian SDM",
        "Sangat Baik",
        "150%",
        "12,5",
        "18,75",
        "31,25",
        "81,25",
        "Lulus uji kompetensi",
        "Set aturan bawaan versi 1",
        "Kepala Unit Kerja",
        "Budi Santoso",
    ):
        assert expected_text in text, expected_text


def test_pdf_refused_without_a_finalised_annual_assessment(agency, client_for):
    functional(agency.pegawai, Jenjang.AHLI_PERTAMA)
    client = client_for("admin")
    url = reverse("angka_kredit:pdf", args=[agency.pegawai.pk, TAHUN])
    response = client.get(url)
    assert response.status_code == 404
    assert "penilaian tahunan belum ditetapkan" in response.content.decode()
    annual(agency.pegawai, Predikat.BAIK, final=False)
    assert client.get(url).status_code == 404
    Penilaian.objects.update(status="FINAL")
    assert client.get(url).status_code == 200
