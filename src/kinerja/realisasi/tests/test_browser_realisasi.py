"""In a real browser: the employee opens the period, records a realisation, uploads two PDF files
and submits; the appraiser opens the report from "Verifikasi bukti dukung", returns one item
with a note and accepts the rest; the employee sees the verdicts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.akun.tests.helpers import PASSWORD
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.realisasi.tests.factories import PDF_BYTES, open_period
from kinerja.skp.tests.factories import approved_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEADER_RHK = "Terkelolanya administrasi kepegawaian biro"
NOTE = "Daftar hadir belum ditandatangani pimpinan rapat."


def log_in(page: Page, nip: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(re.compile(r"/akun/masuk/$"))


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name=name).click()


def add_pdf(page: Page, name: str, uraian: str) -> None:
    form = page.get_by_test_id("rhk").get_by_test_id("bukti-form")
    form.get_by_label("Keterangan").fill(uraian)
    form.get_by_label("Berkas").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    form.get_by_role("button", name="Tambah bukti").click()
    expect(page.locator(".messages")).to_have_text(f"Bukti dukung “{name}” ditambahkan.")


def test_employee_uploads_and_submits_then_the_appraiser_returns_one_item(page, agency, screenshot):
    periode = open_period()
    _leader_skp, leader_rhk = approved_plan(agency.penilai, kode="P-01", uraian=LEADER_RHK)
    approved_plan(agency.pegawai, rhk_atasan=leader_rhk)

    # The employee opens the period from "Realisasi saya".
    log_in(page, agency.pegawai.nip)
    nav(page, "Realisasi saya")
    expect(page.get_by_role("heading", level=1)).to_have_text("Realisasi saya tahun 2026")
    row = page.get_by_test_id("periode-TW4")
    expect(row.get_by_test_id("laporan-status")).to_have_text("Belum diisi")
    screenshot(page, "realisasi-saya")
    row.get_by_role("button", name="Isi realisasi").click()
    page.wait_for_url(re.compile(r"/realisasi/\d+/$"))
    laporan = Laporan.objects.get(skp__pegawai=agency.pegawai, periode=periode)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Realisasi Triwulan IV-Akhir 2026 · Siti Aminah"
    )
    expect(page.get_by_test_id("laporan-status")).to_have_text("Draf")

    # A realisation typed the Indonesian way; a wrong one is refused in place first (HTMX).
    realisation = page.get_by_test_id("realisasi-form")
    realisation.get_by_label("Realisasi").fill("sepuluh")
    realisation.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_test_id("realisasi-form").locator(".errorlist")).to_have_text(
        "Realisasi harus berupa angka, mis. 12 atau 97,5."
    )
    page.get_by_test_id("realisasi-form").get_by_label("Realisasi").fill("10,5")
    page.get_by_test_id("realisasi-form").get_by_role("button", name="Simpan realisasi").click()
    expect(page.locator(".messages")).to_have_text(
        "Realisasi indikator “Jumlah laporan yang tersusun” disimpan."
    )
    expect(page.get_by_test_id("iki-realisasi")).to_have_text("10,5 laporan")

    # Two PDF files as evidence.
    expect(page.get_by_test_id("upload-help")).to_have_text(
        "Jenis berkas yang diterima: PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, ODP; paling "
        "besar 10 MB. Jenis berkas diperiksa dari isinya, bukan dari namanya."
    )
    add_pdf(page, "daftar-hadir.pdf", "Daftar hadir rapat koordinasi")
    page.get_by_test_id("bukti-tambah").locator("summary").click()
    add_pdf(page, "notulen.pdf", "Notulen rapat koordinasi")
    expect(page.get_by_test_id("bukti-uraian")).to_have_text(
        ["Daftar hadir rapat koordinasi", "Notulen rapat koordinasi"]
    )
    expect(page.get_by_test_id("bukti-unduh")).to_have_text(["daftar-hadir.pdf", "notulen.pdf"])
    screenshot(page, "realisasi-draf")

    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    expect(page.locator(".messages")).to_have_text(
        "Realisasi Triwulan IV-Akhir diajukan kepada pejabat penilai."
    )
    expect(page.get_by_test_id("laporan-status")).to_have_text("Diajukan")
    expect(page.get_by_test_id("tidak-dapat-diubah")).to_have_text(
        "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
    )
    log_out(page)

    # The appraiser opens it from the inbox, returns the attendance list and accepts the rest.
    log_in(page, agency.penilai.nip)
    nav(page, "Verifikasi bukti dukung")
    inbox_row = page.get_by_role("row").filter(has_text="Siti Aminah")
    expect(inbox_row).to_contain_text("Triwulan IV-Akhir 2026")
    inbox_row.get_by_role("link", name="Periksa bukti").click()
    page.wait_for_url(re.compile(rf"/realisasi/{laporan.pk}/$"))
    returned, accepted = BuktiDukung.objects.filter(laporan=laporan).order_by("pk")
    screenshot(page, "realisasi-diperiksa-penilai")
    item = page.locator(f"#bukti-{returned.pk}")
    item.get_by_role("radio", name="Perlu Perbaikan").check()
    item.get_by_label("Catatan (wajib untuk Perlu Perbaikan dan Ditolak)").fill(NOTE)
    item.get_by_role("button", name="Simpan verifikasi").click()
    expect(item).to_contain_text("Bukti “daftar-hadir.pdf” ditandai Perlu Perbaikan.")
    page.get_by_role(
        "checkbox", name="Saya telah memeriksa semua bukti dukung yang menunggu verifikasi."
    ).check()
    page.get_by_role("button", name="Terima semua bukti yang menunggu").click()
    expect(page.get_by_test_id("laporan-status")).to_have_text("Perlu perbaikan")
    log_out(page)

    # The employee sees the verdicts, the note on the returned item, and may correct it.
    log_in(page, agency.pegawai.nip)
    page.goto(f"/realisasi/{laporan.pk}/")
    expect(page.get_by_test_id("bukti-status")).to_have_text(["Perlu Perbaikan", "Diterima"])
    first = page.locator(f"#bukti-{returned.pk}")
    expect(first.get_by_test_id("bukti-catatan")).to_contain_text(
        f"Catatan pejabat penilai: {NOTE}"
    )
    expect(page.locator(f"#bukti-{accepted.pk}").get_by_test_id("bukti-catatan")).to_have_count(0)
    expect(first.get_by_test_id("bukti-ubah")).to_have_count(1)
    expect(page.locator(f"#bukti-{accepted.pk}").get_by_test_id("bukti-ubah")).to_have_count(0)
    expect(page.get_by_test_id("perlu-perbaikan")).to_have_text(
        "1 bukti dukung dikembalikan pejabat penilai: perbaiki atau hapus, lalu ajukan kembali."
    )
    screenshot(page, "realisasi-perlu-perbaikan")
    assert Laporan.objects.get(pk=laporan.pk).status == StatusLaporan.PERLU_PERBAIKAN
    assert [item.status for item in BuktiDukung.objects.filter(laporan=laporan).order_by("pk")] == [
        StatusBukti.PERLU_PERBAIKAN,
        StatusBukti.DITERIMA,
    ]
