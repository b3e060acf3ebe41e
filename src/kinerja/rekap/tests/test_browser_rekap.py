"""In a real browser: the HR admin of Biro Umum makes the TW1 2026 recap of the unit as XLSX,
follows the job to its end, downloads the workbook and finds the exchange-format header and
Siti's row: Baik (draft), functional Ahli Pertama (provisional credit 3/12 × 100% × 12.5),
grade 9 for three months with 2 late arrivals in January (1% of one month), high potential."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from kinerja.akun.tests.helpers import PASSWORD
from kinerja.angka_kredit.tests.helpers import functional
from kinerja.aturan.enums import Predikat
from kinerja.organisasi.enums import Jenjang
from kinerja.penilaian.tests.factories import SYSTEM, open_period, rate
from kinerja.talenta.models import Potensi
from kinerja.tukin import services as tukin_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JOB_TIMEOUT_MS = 30_000
JOB_URL = re.compile(r"/pekerjaan/[0-9a-f-]{36}/$")
EXCHANGE_COLUMNS = (
    "nip",
    "nama",
    "unit_kode",
    "periode",
    "rating_hasil",
    "rating_perilaku",
    "status",
    "predikat",
    "predikat_organisasi",
    "kurva_sesuai",
    "angka_kredit",
    "tukin_bruto",
    "potongan_persen",
    "tukin_netto",
    "kotak_talenta",
)


def log_in(page: Page, nip: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def test_hr_makes_the_xlsx_recap_and_downloads_it(page, settings, agency, tmp_path, screenshot):
    settings.JOBS_BACKEND = "thread"
    siti = functional(agency.pegawai, Jenjang.AHLI_PERTAMA)  # grade 9
    periode = open_period("TW1", tahun=2026)
    rate(siti, periode, Predikat.BAIK, aktor=SYSTEM)
    tukin_services.kehadiran_save(aktor=SYSTEM, pegawai=siti, tahun=2026, bulan=1, data={"tl1": 2})
    Potensi.objects.create(pegawai=siti, tahun=2026, potensi="TINGGI")

    log_in(page, agency.admin.nip)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Rekap kinerja"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rekap kinerja")
    form = page.get_by_test_id("rekap-form")
    form.get_by_label("Tahun").select_option("2026")
    form.get_by_label("Periode").select_option("TW1")
    form.get_by_label("Unit").select_option(label="BU — Biro Umum")
    form.get_by_label("Format").select_option(label="XLSX (Excel)")
    form.get_by_role("button", name="Buat rekap").click()

    expect(page).to_have_url(JOB_URL)
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_be_visible()
    expect(page.get_by_test_id("job-status")).to_have_text("Selesai", timeout=JOB_TIMEOUT_MS)
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_have_attribute(
        "aria-valuenow", "100"
    )
    expect(page.get_by_test_id("jumlah-rekap")).to_have_text("1")
    expect(page.get_by_test_id("jumlah-dikecualikan")).to_have_text("0")
    expect(page.get_by_test_id("unduh-dikecualikan")).to_have_count(0)  # a sheet, not a file
    screenshot(page, "rekap-selesai")

    link = page.get_by_test_id("unduh-rekap")
    expect(link).to_have_text("Unduh rekap-2026-TW1-BU.xlsx")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "rekap-2026-TW1-BU.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    book = load_workbook(path)
    assert book.sheetnames == ["rekap", "dikecualikan"]
    rows = list(book["rekap"].iter_rows(values_only=True))
    assert rows == [
        EXCHANGE_COLUMNS,
        (
            siti.nip,
            "Siti Aminah",
            "BU-SDM",
            "TW1",
            "SESUAI",
            "SESUAI",
            "DRAFT",
            "BAIK",
            None,
            None,
            3.125,
            11_343_000,
            0.33,
            11_305_190,
            8,
        ),
    ]
    assert list(book["dikecualikan"].iter_rows(values_only=True)) == [
        ("nip", "nama", "unit_kode", "keterangan", "alasan", "mulai", "sampai", "dinilai")
    ]
