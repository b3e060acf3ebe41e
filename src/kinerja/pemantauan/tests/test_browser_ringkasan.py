"""In a real browser: the HR admin of Biro Umum starts the refresh from the dashboard (the job
runs and its page shows it done), opens the dashboard of Triwulan I 2025, sees every chart drawn
with a size, drills down to Bagian SDM and finds who is late there."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.tests.test_ringkasan_selectors import build_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ["kemajuan", "distribusi-unit", "distribusi-instansi", "proyeksi"]


def charts_drawn(page: Page) -> None:
    charts = page.locator("svg.grafik")
    expect(charts).to_have_count(len(CHARTS))
    assert [charts.nth(i).get_attribute("data-grafik") for i in range(len(CHARTS))] == CHARTS
    for index in range(len(CHARTS)):
        chart = charts.nth(index)
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box is not None, CHARTS[index]
        assert box["width"] > 0, CHARTS[index]
        assert box["height"] > 0, CHARTS[index]
        assert chart.locator("rect").count() >= 5


def test_refresh_dashboard_and_drill_down(page, agency, login_as, screenshot):
    scene = build_scene(agency)
    login_as(page, agency.admin.nip)

    page.goto("/pemantauan/")
    expect(page.get_by_test_id("belum-diperbarui")).to_contain_text(
        "Data pemantauan belum diperbarui."
    )
    page.get_by_role("button", name="Perbarui data").click()
    page.wait_for_url(re.compile(r"/pekerjaan/[0-9a-f-]+/$"))
    expect(page.get_by_text("Pembaruan data pemantauan").first).to_be_visible()
    assert Pembaruan.objects.filter(status="SELESAI").count() == 1

    page.goto(f"/pemantauan/?periode={scene.tw1.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor kinerja: Biro Umum")
    expect(page.get_by_test_id("belum-diperbarui")).to_have_count(0)
    expect(page.get_by_test_id("kemajuan-unit").locator("tbody tr").nth(1)).to_contain_text(
        "1 dari 3 (33,3%)"
    )
    charts_drawn(page)
    screenshot(page, "pemantauan-ringkasan")

    page.get_by_test_id("kemajuan-sub-unit").get_by_role("link", name="Bagian SDM").click()
    page.wait_for_url(re.compile(rf"/pemantauan/unit/{agency.bagian.pk}/\?periode={scene.tw1.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor kinerja: Bagian SDM")
    expect(page.get_by_test_id("jejak").get_by_role("link", name="Biro Umum")).to_be_visible()
    late = page.get_by_test_id("terlambat-tabel").locator("tbody tr")
    expect(late).to_have_count(2)
    expect(late.nth(0)).to_contain_text("Budi Santoso")
    expect(late.nth(1)).to_contain_text("Siti Aminah")
    expect(late.nth(1)).to_contain_text("2 butir")
    charts_drawn(page)
    screenshot(page, "pemantauan-ringkasan-bagian")
