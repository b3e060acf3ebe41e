"""In a real browser: the head of a unit rates the last two of his ten appraisees from "Penilaian
kinerja" (the predikat box follows the chosen ratings at once), finds in "Monitoring kurva" that
the unit is out of its curve with the calibration suggestion, changes one rating and finalises
the unit's predikat."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.akun.tests.helpers import PASSWORD
from kinerja.aturan.enums import Predikat
from kinerja.penilaian.enums import StatusPenetapan, StatusPenilaian
from kinerja.penilaian.models import Penetapan, Penilaian
from kinerja.penilaian.tests.factories import SYSTEM, open_period, org_rating, rate, rate_all, team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SB, B = Predikat.SANGAT_BAIK, Predikat.BAIK


def log_in(page: Page, nip: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name=name).click()


def rate_in_form(page: Page, hasil: str, perilaku: str, expected: str) -> None:
    form = page.get_by_test_id("form-penilaian")
    form.get_by_label("Rating hasil kerja").select_option(label=hasil)
    form.get_by_label("Rating perilaku kerja").select_option(label=perilaku)
    expect(page.get_by_test_id("predikat-nilai")).to_have_text(expected)
    form.get_by_role("button", name="Simpan penilaian").click()
    expect(page.locator(".messages")).to_contain_text(f"Predikat: {expected}.")


def test_the_head_rates_his_unit_calibrates_and_finalises(page, screenshot):
    periode = open_period("TW1")
    unit, kepala, members = team(10)
    org_rating(unit, periode)
    rate_all(members[:8], periode, [SB, SB, B, B, B, B, B, B])
    rate(kepala, periode, SB, aktor=SYSTEM)
    ninth, tenth = members[8], members[9]

    log_in(page, kepala.nip)
    nav(page, "Penilaian kinerja")
    expect(page.get_by_test_id("periode")).to_contain_text("Triwulan I 2026")
    expect(page.get_by_test_id(f"dinilai-{ninth.pk}").get_by_test_id("status")).to_have_text(
        "Belum dinilai"
    )

    # The ninth: Sesuai/Sesuai is Baik; the box shows it before saving.
    page.get_by_test_id(f"dinilai-{ninth.pk}").get_by_role("link", name="Nilai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Penilaian Kinerja · {ninth.nama} · Triwulan I 2026"
    )
    rate_in_form(page, "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik")

    # The tenth: Baik too, and the unit leaves its curve (8 Baik of 11, nobody below).
    page.get_by_test_id(f"dinilai-{tenth.pk}").get_by_role("link", name="Nilai").click()
    rate_in_form(page, "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik")
    expect(page.get_by_test_id(f"dinilai-{tenth.pk}").get_by_test_id("predikat")).to_have_text(
        "Baik"
    )

    page.get_by_test_id(f"kelompok-{unit.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(unit.nama)
    expect(page.get_by_test_id("saran")).to_contain_text(
        "Ubah 1 pegawai dari Baik menjadi Butuh Perbaikan"
    )
    expect(page.get_by_test_id("penetapan-errors")).to_contain_text(
        "Distribusi predikat belum sesuai kurva: Baik paling banyak 70%; Butuh Perbaikan + "
        "Kurang/Misconduct paling sedikit 1 orang."
    )
    screenshot(page, "monitoring-kurva-tidak-sesuai")

    # Calibration: the tenth's results were below expectation after all.
    page.get_by_test_id(f"anggota-{tenth.pk}").get_by_role("link").first.click()
    rate_in_form(page, "Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan")

    page.get_by_test_id(f"kelompok-{unit.pk}").click()
    expect(page.get_by_test_id("saran")).to_have_count(0)
    page.get_by_test_id("tetapkan-form").get_by_role("button", name="Tetapkan predikat").click()
    expect(page.get_by_test_id("penetapan")).to_contain_text("Ditetapkan")
    screenshot(page, "monitoring-kurva-ditetapkan")

    penetapan = Penetapan.objects.get(unit=unit, periode=periode)
    assert penetapan.status == StatusPenetapan.DITETAPKAN
    assert penetapan.jumlah == {
        "SANGAT_BAIK": 3,
        "BAIK": 7,
        "BUTUH_PERBAIKAN": 1,
        "KURANG": 0,
        "SANGAT_KURANG": 0,
    }
    assert set(Penilaian.objects.filter(periode=periode).values_list("status", flat=True)) == {
        StatusPenilaian.FINAL.value
    }
