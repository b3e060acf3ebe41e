"""In a real browser: Siti, Analis Kebijakan Ahli Pertama since 2020, rated Baik in 2025 and
Sangat Baik in the 2026 annual assessment that her unit's head finalised, opens "Angka kredit
saya": 12,50 for 2025, 18,75 for 2026 (12/12 × 150% × 12,5), a running total of 31,25 with
18,75 missing for the next rank; the year's PDF link answers with a PDF."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.akun.tests.helpers import PASSWORD
from kinerja.angka_kredit.tests.helpers import annual, annual_period, functional
from kinerja.aturan.enums import Predikat
from kinerja.organisasi.enums import Jenjang
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.tests.factories import SYSTEM, org_rating, rate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, nip: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def test_the_employee_reads_her_credit_points_and_opens_the_pdf(page, agency, screenshot):
    siti = functional(agency.pegawai, Jenjang.AHLI_PERTAMA)
    annual(siti, Predikat.BAIK, 2025)
    periode = annual_period(2026)
    org_rating(agency.bagian, periode)
    rate(siti, periode, Predikat.SANGAT_BAIK)
    rate(agency.penilai, periode, Predikat.BAIK, aktor=SYSTEM)
    penilaian_services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=periode)

    log_in(page, siti.nip)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Angka kredit saya"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Angka Kredit Saya")
    expect(page.get_by_test_id("jenjang")).to_have_text("Ahli Pertama")

    # Each finalised year: its predikat, the months at the jenjang, the points.
    y2026 = page.get_by_test_id("tahun-2026")
    y2025 = page.get_by_test_id("tahun-2025")
    expect(y2026.get_by_test_id("status")).to_have_text("Ditetapkan")
    expect(y2026.get_by_test_id("predikat")).to_have_text("Sangat Baik")
    expect(y2026.get_by_test_id("bagian")).to_contain_text("Ahli Pertama: 12 bulan → 18,75")
    expect(y2026.get_by_test_id("jumlah")).to_have_text("18,75")
    expect(y2025.get_by_test_id("status")).to_have_text("Ditetapkan")
    expect(y2025.get_by_test_id("predikat")).to_have_text("Baik")
    expect(y2025.get_by_test_id("bagian")).to_contain_text("Ahli Pertama: 12 bulan → 12,50")
    expect(y2025.get_by_test_id("jumlah")).to_have_text("12,50")

    y2026.get_by_text("Bagaimana dihitung").click()
    expect(y2026.locator("details ol li")).to_have_text(
        [
            "Persentase predikat Sangat Baik: 150%.",
            "Koefisien tahunan Ahli Pertama: 12,5.",
            "12/12 × 150% × 12,5 = 18,7500",
            "Disimpan dengan 3 desimal: 18,750; ditampilkan dengan 2 desimal: 18,75.",
        ]
    )

    # The running total at Ahli Pertama against the thresholds (50 for rank, 100 for jenjang).
    expect(page.get_by_test_id("kumulatif-total")).to_have_text("31,25")
    expect(page.get_by_test_id("kumulatif")).to_contain_text("(2025: 12,50; 2026: 18,75)")
    pangkat = page.get_by_test_id("ambang-pangkat")
    expect(pangkat.locator("td")).to_have_text(
        ["Kenaikan pangkat", "50,00", "18,75", "Belum tercapai"]
    )
    expect(page.get_by_test_id("ambang-jenjang").get_by_test_id("kurang")).to_have_text("68,75")
    screenshot(page, "angka-kredit-saya")

    # The PDF of 2026.
    link = y2026.get_by_test_id("pdf")
    expect(link).to_have_text("Penetapan Angka Kredit (PDF)")
    href = link.get_attribute("href")
    assert href == f"/angka-kredit/pegawai/{siti.pk}/2026/penetapan.pdf"
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
