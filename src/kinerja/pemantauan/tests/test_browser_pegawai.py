"""In a real browser: Siti opens "Dasbor saya" and sees her predikat charts (four quarters of
2025 and the annual predikat), her allowance charts (two months of 2026, December 2025) and her
credit points (2024 and 2025) drawn, each with its table; then Budi, her appraiser, opens her
dashboard: the same predikat charts, without her pay."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kinerja.angka_kredit.tests.helpers import functional
from kinerja.aturan.enums import Predikat as P
from kinerja.pemantauan.tests.test_pegawai_selectors import allowance, live_year, quarters
from kinerja.talenta.tests.factories import assess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chart(page: Page, name: str, mark: str, count: int) -> None:
    """The chart is drawn: visible, with a size, and with `count` points or bars."""
    found = page.locator(f'svg.grafik[data-grafik="{name}"]')
    expect(found).to_be_visible()
    box = found.bounding_box()
    assert box is not None, name
    assert (box["width"] > 0, box["height"] > 0) == (True, True), name
    expect(found.locator(mark)).to_have_count(count)
    for index in range(count):
        part = found.locator(mark).nth(index).bounding_box()
        assert part is not None, (name, index)
        assert (part["width"] > 0, part["height"] > 0) == (True, True), (name, index)


def test_my_dashboard_and_my_appraiser_s_view(page, agency, login_as, screenshot):
    siti = agency.pegawai
    functional(siti)
    assess(siti, 2024, P.SANGAT_BAIK)
    quarters(agency)
    live_year(agency)
    allowance(siti)

    login_as(page, siti.nip)
    page.goto("/pemantauan/saya/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor saya")
    chart(page, "predikat-periodik", "circle", 4)
    chart(page, "predikat-tahunan", "circle", 1)
    chart(page, "tukin-2026", "rect", 2)
    chart(page, "tukin-2025", "rect", 1)
    chart(page, "angka-kredit", "rect", 2)
    expect(page.get_by_test_id("tren-periodik").get_by_test_id("tren")).to_have_text("Turun")
    expect(page.get_by_test_id("tabel-periodik").locator("tbody tr")).to_have_count(4)
    expect(page.get_by_test_id("tabel-tukin").locator("tbody tr").first).to_contain_text(
        "Rp3.781.000"
    )
    expect(page.get_by_test_id("tindakan").locator("li")).to_have_count(4)
    screenshot(page, "pemantauan-dasbor-saya")

    page.context.clear_cookies()
    login_as(page, agency.penilai.nip)
    page.goto(f"/pemantauan/pegawai/{siti.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor kinerja · Siti Aminah")
    chart(page, "predikat-periodik", "circle", 4)
    chart(page, "predikat-tahunan", "circle", 1)
    chart(page, "angka-kredit", "rect", 2)
    expect(page.get_by_test_id("tukin")).to_have_count(0)
