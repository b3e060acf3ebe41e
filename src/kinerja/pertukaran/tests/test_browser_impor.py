"""Importing a workbook in a real browser: the error report of a bad file, then a good file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from kinerja.demo.generator import PEGAWAI_COLUMNS, DemoAgency
from kinerja.organisasi.models import Pegawai

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_NIP = "199503152020122777"
NEW_NAMA = "Gita Anjani Maharani, S.Psi."
BAD_NIP = "199208172019031778"
JOB_TIMEOUT_MS = 30_000
JOB_URL = re.compile(r"/pekerjaan/[0-9a-f-]{36}/$")


def workbook(path: Path, rows: list[dict[str, str]]) -> Path:
    """A workbook with one `pegawai` sheet; every cell is text (so the NIP keeps its 18 digits)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "pegawai"
    sheet.append(list(PEGAWAI_COLUMNS))
    for row in rows:
        sheet.append([row.get(column, "") for column in PEGAWAI_COLUMNS])
    book.save(path)
    return path


def new_employee(agency: DemoAgency, **changes: str) -> dict[str, str]:
    kepala_subbagian = next(
        row
        for row in agency.rows["pegawai"]
        if row["unit_kode"] == "SET.B2.BG2.SB1" and row["jenis_jabatan"] == "PENGAWAS"
    )
    row = {
        "nip": NEW_NIP,
        "nama": NEW_NAMA,
        "unit_kode": "SET.B2.BG2.SB1",
        "jabatan": "Analis SDM Aparatur Ahli Pertama",
        "jenis_jabatan": "FUNGSIONAL",
        "jenjang": "AHLI_PERTAMA",
        "kelas_jabatan": "8",
        "status": "PNS",
        "golongan": "III/a",
        "atasan_nip": kepala_subbagian["nip"],
        "aktif": "YA",
        "keterangan": "",
    }
    return row | changes


def upload(page: Page, path: Path) -> None:
    page.goto(reverse("pertukaran:impor"))
    form = page.get_by_test_id("form-impor")
    form.get_by_label("Berkas").set_input_files(path)
    form.get_by_role("button", name="Impor").click()
    expect(page).to_have_url(JOB_URL)
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_be_visible()


def test_bad_workbook_shows_the_report_then_a_good_one_imports(
    page: Page,
    demo_agency: DemoAgency,
    login_as: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
    settings: Settings,
    tmp_path: Path,
) -> None:
    settings.JOBS_BACKEND = "thread"
    login_as(page, next(item.nip for item in demo_agency.akun if item.kunci == "admin"))

    bad = workbook(
        tmp_path / "pegawai-salah.xlsx",
        [
            new_employee(demo_agency),
            new_employee(demo_agency, nip=BAD_NIP, nama="Hendra Lubis", golongan="III/z"),
        ],
    )
    page.goto(reverse("pertukaran:impor"))
    screenshot(page, "impor-halaman")
    upload(page, bad)
    expect(page.get_by_test_id("job-status")).to_have_text("Gagal", timeout=JOB_TIMEOUT_MS)
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Impor ditolak: 1 kesalahan")
    report = page.get_by_test_id("laporan-impor")
    expect(report.locator("thead th")).to_have_text(["Sheet", "Baris", "Kolom", "Alasan"])
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report.locator("tbody tr td")).to_have_text(
        ["pegawai", "3", "golongan", "Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."]
    )
    screenshot(page, "impor-laporan-kesalahan")
    assert not Pegawai.objects.filter(nip__in=[NEW_NIP, BAD_NIP]).exists()  # all or nothing

    good = workbook(tmp_path / "pegawai-benar.xlsx", [new_employee(demo_agency)])
    upload(page, good)
    expect(page.get_by_test_id("job-status")).to_have_text("Selesai", timeout=JOB_TIMEOUT_MS)
    expect(page.get_by_role("progressbar", name="Kemajuan")).to_have_attribute(
        "aria-valuenow", "100"
    )
    counts = page.get_by_test_id("hasil-impor")
    expect(counts.locator("thead th")).to_have_text(["Sheet", "Dibuat", "Diubah", "Tetap"])
    expect(counts.locator("tbody tr")).to_have_count(1)
    expect(counts.locator("tbody tr td")).to_have_text(["pegawai", "1", "0", "0"])
    screenshot(page, "impor-berhasil")

    page.goto(reverse("organisasi:pegawai-list"))
    expect(page.get_by_test_id("pegawai-count")).to_have_text("301 pegawai")
    page.get_by_label("Cari NIP atau nama").fill("Gita Anjani")
    rows = page.get_by_test_id("pegawai-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(NEW_NAMA)
    expect(rows).to_contain_text(NEW_NIP)
    expect(rows).to_contain_text("Analis SDM Aparatur Ahli Pertama")
    screenshot(page, "impor-pegawai-baru-di-daftar")
