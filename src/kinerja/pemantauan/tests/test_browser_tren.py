"""In a real browser: the HR admin of Biro Umum opens the trend, projection, backtest and
early-warning pages of a history with a known structure (the model learns the alternation of
Baik and Butuh Perbaikan and beats the naive forecast); the charts render with a size, and the
appraiser sees their team's trends and projection."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kinerja.aturan.enums import Predikat
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.tests.factories import history, refresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
B, BP = Predikat.BAIK, Predikat.BUTUH_PERBAIKAN


def visible_chart(page: Page, name: str) -> None:
    chart = page.locator(f'svg.grafik[data-grafik="{name}"]').first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 0
    assert box["height"] > 0


def test_trend_projection_backtest_and_warnings(page, agency, login_as, screenshot):
    for index in range(4):
        pegawai = PegawaiFactory(nama=f"Pola {index}", unit=agency.bagian, penilai=agency.penilai)
        history(pegawai, 2025, [B, BP, B, BP])
        history(pegawai, 2026, [B, BP, B, BP])
    balik = PegawaiFactory(nama="Pola Balik", unit=agency.bagian, penilai=agency.penilai)
    history(balik, 2025, [BP, B, BP, B])
    history(balik, 2026, [BP, B, BP, B])
    history(agency.pegawai, 2026, [B, BP, BP, BP])
    refresh()

    login_as(page, agency.admin.nip)
    page.goto("/pemantauan/tren/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tren predikat")
    expect(page.get_by_test_id("jumlah-stagnan")).to_have_text("6")
    stagnan = page.get_by_test_id("tren-stagnan")
    expect(stagnan).to_contain_text("Siti Aminah")
    expect(stagnan).to_contain_text("Stagnan di Butuh Perbaikan selama 3 periode.")
    visible_chart(page, "tren-pegawai")
    screenshot(page, "pemantauan-tren")

    page.get_by_role("navigation", name="Halaman pemantauan").get_by_role(
        "link", name="Proyeksi"
    ).click()
    expect(page.get_by_test_id("kesimpulan")).to_contain_text(
        "Model dipakai karena lebih tepat daripada perkiraan naif"
    )
    visible_chart(page, "distribusi-proyeksi")
    visible_chart(page, "distribusi-aktual")
    expect(page.get_by_test_id("proyeksi-pegawai").locator("tbody tr")).to_have_count(6)
    screenshot(page, "pemantauan-proyeksi")

    page.get_by_role("link", name="Lihat uji balik model.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uji balik model proyeksi")
    visible_chart(page, "akurasi-uji-balik")
    expect(page.locator('svg.grafik rect[data-seri="model"]')).to_have_count(6)
    expect(page.get_by_test_id("kandidat-tanpa").locator("tr.total")).to_contain_text("78,8%")
    screenshot(page, "pemantauan-uji-balik")

    page.get_by_role("navigation", name="Halaman pemantauan").get_by_role(
        "link", name="Peringatan dini"
    ).click()
    rows = page.get_by_test_id("peringatan").locator("tbody tr")
    expect(rows.first).to_contain_text("Pola Balik")
    expect(rows.first).to_contain_text(
        "Peluang Butuh Perbaikan atau lebih rendah pada periode berikutnya 95,6%."
    )
    expect(rows.first.get_by_role("link", name="Buat rencana perbaikan")).to_be_visible()

    page.context.clear_cookies()
    login_as(page, agency.penilai.nip)
    page.goto("/pemantauan/proyeksi/")
    visible_chart(page, "distribusi-proyeksi")
    page.get_by_role("navigation", name="Halaman pemantauan tim").get_by_role(
        "link", name="Tren"
    ).click()
    visible_chart(page, "tren-pegawai")
    expect(page.get_by_test_id("saringan").get_by_label("Unit")).to_have_count(0)
