"""In a real browser: the HR admin of Biro Umum records Siti's attendance for November 2026
(2 late arrivals TL1, 1 day absent without reason), finds her net allowance in the payroll list,
recomputes the unit with a reason and follows the job to its result; then Siti logs in, opens
"Tunjangan kinerja saya" and the month, and reads the itemised cuts and the explanation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.akun.tests.helpers import PASSWORD
from kinerja.tukin.enums import SebabPerhitungan
from kinerja.tukin.models import Kehadiran, Perhitungan, Tukin
from kinerja.tukin.tests.helpers import BULAN, TAHUN, graded

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JOB_TIMEOUT_MS = 30_000
JOB_URL = re.compile(r"/pekerjaan/[0-9a-f-]{36}/$")
ALASAN = "Koreksi data presensi November"


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


def choose_month(page: Page, unit: str) -> None:
    filters = page.get_by_test_id("saringan")
    filters.get_by_label("Unit").select_option(label=unit)
    filters.get_by_label("Tahun").fill(str(TAHUN))
    filters.get_by_label("Bulan").select_option(label="November")
    filters.get_by_role("button", name="Tampilkan").click()


def cells(row) -> list[str]:
    return [text.strip() for text in row.locator("td").all_inner_texts()]


def test_hr_records_attendance_recomputes_and_the_employee_reads_the_month(
    page, settings, agency, screenshot
):
    settings.JOBS_BACKEND = "thread"
    siti = graded(agency.pegawai, 9)
    budi = graded(agency.penilai, 10)

    # HR: the attendance of Biro Umum for November; Siti's is not recorded yet.
    log_in(page, agency.admin.nip)
    nav(page, "Tunjangan kinerja")
    page.get_by_test_id("tukin-nav").get_by_role("link", name="Kehadiran").click()
    choose_month(page, "Biro Umum")
    expect(page.get_by_role("heading", level=2).first).to_have_text("Biro Umum — November 2026")
    row = page.get_by_test_id(f"kehadiran-{siti.pk}")
    expect(row).to_contain_text("belum diisi")
    row.get_by_role("link", name="Isi").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Data kehadiran Siti Aminah — November 2026"
    )
    form = page.get_by_test_id("kehadiran-form")
    form.get_by_label("TL1: terlambat 1–30 menit (kali)").fill("2")
    form.get_by_label("Tidak masuk tanpa keterangan (hari)").fill("1")
    form.get_by_role("button", name="Simpan").click()

    expect(page.locator(".messages")).to_contain_text(
        "Data kehadiran Siti Aminah bulan November 2026 disimpan. Tukin netto sekarang Rp3.629.760."
    )
    row = page.get_by_test_id(f"kehadiran-{siti.pk}")
    assert cells(row)[3:15] == ["2", "0", "0", "0", "0", "0", "0", "0", "0", "1", "0", "—"]
    screenshot(page, "tukin-kehadiran-disimpan")

    # The payroll list: Siti's net after 4% of cuts; Budi is not computed yet.
    page.get_by_test_id("tukin-nav").get_by_role("link", name="Daftar tukin").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("Biro Umum — November 2026")
    expect(page.get_by_test_id("tidak-dihitung").locator("tbody td")).to_have_text(
        [
            budi.nip,
            "Budi Santoso",
            "Bagian SDM",
            "Belum dihitung. (netto bila dihitung sekarang: Rp4.551.000)",
        ]
    )
    siti_row = page.get_by_test_id(f"tukin-{siti.pk}")
    expect(siti_row).to_be_visible()
    assert cells(siti_row)[4:] == [
        "9",
        "Rp3.781.000",
        "Rp0",
        "Rp3.781.000",
        "4,00%",
        "Rp151.240",
        "Rp3.629.760",
    ]
    expect(page.get_by_test_id(f"tukin-{budi.pk}")).to_have_count(0)

    # Recompute the unit: Budi is computed for the first time, Siti stays the same.
    recompute = page.get_by_test_id("hitung-ulang-form")
    recompute.get_by_label("Alasan").fill(ALASAN)
    recompute.get_by_role("button", name="Hitung ulang").click()
    expect(page).to_have_url(JOB_URL)
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_be_visible()
    expect(page.get_by_test_id("job-status")).to_have_text("Selesai", timeout=JOB_TIMEOUT_MS)
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_have_attribute(
        "aria-valuenow", "100"
    )
    result = page.get_by_test_id("hasil-hitung-ulang")
    expect(result.locator("dd")).to_have_text(
        ["Biro Umum", "November 2026", "2", "1", "1", "0", "0"]
    )
    screenshot(page, "tukin-hitung-ulang-selesai")

    run = Perhitungan.objects.get(sebab=SebabPerhitungan.MANUAL)
    assert run.alasan == ALASAN
    assert dict(
        Tukin.objects.filter(tahun=TAHUN, bulan=BULAN).values_list("pegawai_id", "netto")
    ) == {siti.pk: 3_629_760, budi.pk: 4_551_000}

    page.get_by_test_id("perhitungan-link").click()
    expect(page.get_by_test_id("perhitungan")).to_contain_text(ALASAN)
    expect(page.get_by_test_id(f"perubahan-{budi.pk}")).to_contain_text("— → Rp4.551.000")
    expect(page.get_by_test_id(f"perubahan-{siti.pk}")).to_have_count(0)

    # Siti: her year, then November with the itemised cuts and the explanation.
    page.context.clear_cookies()
    log_in(page, siti.nip)
    nav(page, "Tunjangan kinerja saya")
    page.goto(f"/tukin/saya/?tahun={TAHUN}")  # the year of the data, whatever today's year
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tunjangan kinerja saya — {TAHUN}")
    november = page.get_by_test_id(f"bulan-{BULAN}")
    assert cells(november) == [
        "November 2026",
        "Rp3.781.000",
        "Rp0",
        "4,00%",
        "Rp151.240",
        "Rp3.629.760",
        "Lihat",
    ]
    expect(page.get_by_test_id("bulan-10")).to_contain_text("Belum dihitung")
    november.get_by_role("link", name="Lihat").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tunjangan kinerja Siti Aminah — November 2026"
    )
    expect(page.get_by_test_id("netto")).to_have_text("Rp3.629.760")
    assert cells(page.get_by_test_id("potongan-tl1")) == [
        "Terlambat TL1 (1–30 menit)",
        "2",
        "0,50%",
        "1,00%",
    ]
    assert cells(page.get_by_test_id("potongan-tanpa_keterangan")) == [
        "Tidak masuk tanpa keterangan",
        "1",
        "3,00%",
        "3,00%",
    ]
    expect(page.get_by_test_id("rincian").locator("tfoot td")).to_have_text(
        ["4,00%", "4,00%", "Rp151.240", "Rp3.629.760"]
    )
    expect(page.get_by_test_id("penjelasan").locator("ol li")).to_have_text(
        [
            "Besaran kelas jabatan 9: Rp3.781.000.",
            "Tidak ada tambahan: predikat tahun lalu bukan Sangat Baik.",
            "Tukin bruto: Rp3.781.000.",
            "Terlambat TL1 (1–30 menit): 2 × 0,5% = 1%.",
            "Tidak masuk tanpa keterangan: 1 × 3% = 3%.",
            "Jumlah potongan: 4%.",
            "Potongan: 4% × Rp3.781.000 = Rp151.240 (dibulatkan ke rupiah terdekat).",
            "Tukin netto: Rp3.781.000 − Rp151.240 = Rp3.629.760.",
        ]
    )
    screenshot(page, "tukin-saya-bulan")

    kehadiran = Kehadiran.objects.get(pegawai=siti, tahun=TAHUN, bulan=BULAN)
    assert (kehadiran.tl1, kehadiran.tanpa_keterangan) == (2, 1)
