"""In a real browser: the HR admin of Biro Umum opens the rater analytics (the comparison chart
of each appraiser renders with a size) and the evidence integrity report (a file reused by two
employees is listed)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kinerja.aturan.enums import Predikat
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.tests.analitik_factories import item, rated, report, tw1
from kinerja.pemantauan.tests.factories import refresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rater_analytics_and_integrity(page, agency, login_as, screenshot):
    periode = tw1()
    rekan = PegawaiFactory(nama="Rina Marlina", unit=agency.bagian, penilai=agency.penilai)
    for pegawai, predikat in ((agency.pegawai, Predikat.SANGAT_BAIK), (rekan, Predikat.BAIK)):
        rated(pegawai, periode, predikat, agency.penilai)
        laporan, rhk = report(pegawai, periode)
        item(laporan, rhk, sha256="a" * 64)
    refresh()  # the analytics read the stored figures

    login_as(page, agency.admin.nip)
    page.goto(f"/pemantauan/penilai/?periode={periode.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Analitik penilai")
    chart = page.locator('svg.grafik[data-grafik="penilai"]').first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 0
    assert box["height"] > 0
    expect(page.locator("body")).to_contain_text("Budi Santoso")
    screenshot(page, "pemantauan-penilai")

    page.get_by_role("navigation", name="Halaman pemantauan").get_by_role(
        "link", name="Integritas bukti"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Integritas bukti dukung")
    expect(page.locator("body")).to_contain_text("Rina Marlina")
    expect(page.locator("body")).to_contain_text("Siti Aminah")
    screenshot(page, "pemantauan-integritas")
