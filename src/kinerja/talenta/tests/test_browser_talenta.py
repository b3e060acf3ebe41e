"""In a real browser: the HR admin of Biro Umum enters the 2026 potential of the unit's two
employees, finds them in the 9-box (Budi, Sangat Baik and high potential, in box 9; Siti, Butuh
Perbaikan and medium potential, in box 3) and in the merit lists; then Budi, Siti's appraiser,
creates an improvement plan for her from the merit list, adds a monitoring note and closes it."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.akun.tests.helpers import PASSWORD
from kinerja.aturan.enums import Predikat
from kinerja.talenta.models import CatatanPerbaikan, Potensi, RencanaPerbaikan
from kinerja.talenta.tests.factories import assess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAHUN = 2026
SASARAN = "Menyelesaikan laporan bulanan tepat waktu"
CATATAN = "Laporan Oktober selesai tepat waktu"
HASIL = "Target perbaikan tercapai"


def log_in(page: Page, nip: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name=name, exact=True
    ).click()


def choose(page: Page, unit: str | None = None) -> None:
    filters = page.get_by_test_id("saringan")
    if unit is not None:
        filters.get_by_label("Unit").select_option(label=unit)
    filters.get_by_label("Tahun").fill(str(TAHUN))
    filters.get_by_role("button", name="Tampilkan").click()


def box_members(page: Page, kotak: int) -> list[str]:
    return [
        text.strip()
        for text in page.get_by_test_id(f"kotak-{kotak}").locator("li").all_inner_texts()
    ]


def test_potential_box_merit_and_an_improvement_plan(page, agency, screenshot):
    siti, budi = agency.pegawai, agency.penilai
    assess(budi, 2025, Predikat.SANGAT_BAIK)
    assess(budi, TAHUN, Predikat.SANGAT_BAIK)
    penilaian = assess(siti, TAHUN, Predikat.BUTUH_PERBAIKAN)

    # HR: the potential of Biro Umum's employees for 2026.
    log_in(page, agency.admin.nip)
    nav(page, "Talenta dan merit")
    page.get_by_test_id("tautan-talenta").get_by_role("link", name="Potensi pegawai").click()
    choose(page, "Biro Umum (BU)")
    form = page.get_by_test_id("potensi-form")
    expect(form.locator("tbody label")).to_have_text(["Budi Santoso", "Siti Aminah"])
    form.get_by_label("Budi Santoso").select_option(label="Tinggi")
    form.get_by_label("Siti Aminah").select_option(label="Menengah")
    form.get_by_role("button", name="Simpan potensi").click()
    expect(page.locator(".messages")).to_have_text("Potensi disimpan: 2 perubahan.")
    expect(form.get_by_label("Budi Santoso").locator("option:checked")).to_have_text("Tinggi")
    assert dict(Potensi.objects.filter(tahun=TAHUN).values_list("pegawai_id", "potensi")) == {
        budi.pk: "TINGGI",
        siti.pk: "MENENGAH",
    }

    # The 9-box of Biro Umum: both employees placed, nobody incomplete.
    page.get_by_role("link", name="9 kotak talenta").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("9 kotak talenta")
    expect(page.get_by_test_id("jumlah")).to_have_text("2")
    assert box_members(page, 9) == ["Budi Santoso Sangat Baik"]
    assert box_members(page, 3) == ["Siti Aminah Butuh Perbaikan"]
    for kotak in (1, 2, 4, 5, 6, 7, 8):
        expect(page.get_by_test_id(f"kotak-{kotak}").locator(".badge")).to_have_text("0")
    expect(page.get_by_test_id("kotak-9").locator(".badge")).to_have_text("1")
    expect(page.get_by_test_id("belum-lengkap")).to_have_count(0)
    screenshot(page, "talenta-kotak")

    # The merit lists.
    page.get_by_test_id("tautan-talenta").get_by_role("link", name="Daftar merit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Daftar merit")
    expect(page.get_by_test_id("suksesi").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_test_id("suksesi").locator("tbody td").nth(2)).to_have_text(
        "Sangat Baik pada 2025 dan 2026"
    )
    perbaikan = page.get_by_test_id("perbaikan").locator("tbody tr")
    expect(perbaikan).to_have_count(1)
    expect(perbaikan.locator("td").first).to_contain_text("Siti Aminah")
    expect(perbaikan.locator("td").last).to_contain_text("Belum ada")
    screenshot(page, "talenta-merit")

    # Budi, Siti's appraiser: a plan from the merit list, a note, then closing it.
    page.context.clear_cookies()
    log_in(page, budi.nip)
    nav(page, "Talenta dan merit")
    expect(page.get_by_test_id("kotak-3")).to_contain_text("Siti Aminah")
    page.get_by_test_id("tautan-talenta").get_by_role("link", name="Daftar merit").click()
    page.get_by_test_id("perbaikan").get_by_role("link", name="Buat rencana perbaikan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rencana perbaikan kinerja Siti Aminah"
    )
    form = page.get_by_test_id("rencana-form")
    expect(form.get_by_label("Berdasarkan penilaian").locator("option:checked")).to_have_text(
        "Tahunan 2026: Butuh Perbaikan (Ditetapkan)"
    )
    form.get_by_label("Sasaran perbaikan").fill(SASARAN)
    form.get_by_label("Mulai").fill("2026-08-31")
    form.get_by_role("button", name="Buat rencana perbaikan").click()

    expect(page.locator(".messages")).to_have_text("Rencana perbaikan kinerja dibuat.")
    rencana = page.get_by_test_id("rencana")
    expect(page.get_by_test_id("status")).to_have_text("Berjalan")
    expect(rencana.locator("dd")).to_contain_text(
        [
            "Siti Aminah",
            "Berjalan",
            "31 Agustus 2026 – 28 Februari 2027",
            "Budi Santoso",
            "Tahunan 2026: Butuh Perbaikan",
            SASARAN,
        ]
    )

    note = page.get_by_test_id("catatan-form")
    note.get_by_label("Tanggal").fill("2026-10-15")
    note.get_by_label("Catatan").fill(CATATAN)
    note.get_by_role("button", name="Simpan catatan").click()
    expect(page.locator(".messages")).to_have_text("Catatan ditambahkan.")
    expect(page.get_by_test_id("catatan").locator("tbody td")).to_have_text(
        ["15 Oktober 2026", CATATAN, f"Budi Santoso ({budi.nip})"]
    )

    close = page.get_by_test_id("tutup-form")
    close.get_by_label("Hasil", exact=True).select_option(label="Berhasil")
    close.get_by_label("Hasil evaluasi").fill(HASIL)
    close.get_by_role("button", name="Tutup rencana").click()
    expect(page.locator(".messages")).to_have_text("Rencana perbaikan ditutup.")
    expect(page.get_by_test_id("status")).to_have_text("Berhasil")
    expect(page.get_by_test_id("rencana")).to_contain_text(HASIL)
    expect(page.get_by_test_id("catatan-form")).to_have_count(0)
    expect(page.get_by_test_id("tutup-form")).to_have_count(0)
    screenshot(page, "talenta-perbaikan-ditutup")

    plan = RencanaPerbaikan.objects.get()
    assert (plan.pegawai_id, plan.penilaian_id, plan.pembimbing_id, plan.status) == (
        siti.pk,
        penilaian.pk,
        budi.pk,
        "BERHASIL",
    )
    assert (plan.mulai, plan.selesai, plan.sasaran, plan.hasil) == (
        datetime.date(2026, 8, 31),
        datetime.date(2027, 2, 28),
        SASARAN,
        HASIL,
    )
    assert list(CatatanPerbaikan.objects.values_list("tanggal", "isi")) == [
        (datetime.date(2026, 10, 15), CATATAN)
    ]
