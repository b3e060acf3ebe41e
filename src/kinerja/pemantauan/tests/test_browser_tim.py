"""In a real browser: Budi, the appraiser of the constructed team, opens "Dasbor tim" from the
navigation, sees what waits for him, the distribution chart and one sparkline per member
(rendered: visible, with a non-zero box), then follows the link to verify Siti's evidence."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.akun.tests.helpers import PASSWORD
from kinerja.pemantauan.tests.factories import refresh
from kinerja.pemantauan.tests.test_tim_selectors import build_team, with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, nip: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def rendered(page: Page, selector: str) -> list[dict[str, float]]:
    charts = page.locator(selector)
    boxes = []
    for index in range(charts.count()):
        chart = charts.nth(index)
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box is not None
        assert box["width"] > 0
        assert box["height"] > 0
        boxes.append(box)
    return boxes


def test_the_team_dashboard(page, agency, screenshot):
    tim = build_team(agency)
    with_history(tim)
    refresh()

    log_in(page, agency.penilai.nip)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Dasbor tim", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor tim")
    expect(page.get_by_test_id("total-skp")).to_have_text("1")
    expect(page.get_by_test_id("total-bukti")).to_have_text("2")
    expect(page.get_by_test_id("total-nilai")).to_have_text("1")
    expect(page.get_by_test_id("tim").locator("tbody tr")).to_have_count(4)

    bars = rendered(page, 'svg.grafik[data-grafik="tim-sebaran"]')
    assert len(bars) == 1
    assert (bars[0]["width"], bars[0]["height"]) == (640, 220)
    sparklines = rendered(page, 'svg.grafik[data-grafik="tim-tren"]')
    assert [(box["width"], box["height"]) for box in sparklines] == [(172, 60)] * 3
    chart = page.locator('svg[data-grafik="tim-tren"][aria-label="Predikat periodik Siti Aminah"]')
    expect(chart.locator("circle")).to_have_count(4)
    expect(page.get_by_test_id(f"tren-{tim.siti.pk}").get_by_test_id("peringatan")).to_be_visible()
    screenshot(page, "pemantauan-tim")

    page.get_by_test_id(f"anggota-{tim.siti.pk}").get_by_role(
        "link", name="Verifikasi bukti dukung"
    ).click()
    page.wait_for_url(re.compile(rf"/realisasi/{tim.laporan.pk}/$"))
