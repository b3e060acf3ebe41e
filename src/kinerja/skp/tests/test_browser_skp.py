"""In a real browser: the employee drafts a plan supporting the appraiser's approved plan and
submits it; the appraiser opens it from "SKP bawahan" and approves it; the employee sees it
approved."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kinerja.akun.tests.helpers import PASSWORD
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Skp
from kinerja.skp.tests.factories import approved_plan, open_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEADER_RHK = "Terkelolanya administrasi kepegawaian biro"
OWN_RHK = "Tersusunnya rekap kehadiran pegawai bagian"


def log_in(page: Page, nip: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(re.compile(r"/akun/masuk/$"))


def test_employee_drafts_and_submits_then_the_appraiser_approves(page, agency, screenshot):
    open_year()
    approved_plan(agency.penilai, kode="P-01", uraian=LEADER_RHK)

    # The employee creates the plan of the year.
    log_in(page, agency.pegawai.nip)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="SKP saya"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SKP saya tahun 2026")
    expect(page.get_by_test_id("belum-ada-skp")).to_have_text("Anda belum memiliki SKP tahun 2026.")
    screenshot(page, "skp-saya-kosong")
    page.get_by_test_id("form-buat").get_by_role("button", name="Buat SKP").click()
    page.wait_for_url(re.compile(r"/skp/\d+/$"))
    expect(page.locator(".messages")).to_have_text(
        "SKP tahun 2026 dibuat. Tambahkan RHK beserta indikatornya."
    )
    expect(page.get_by_test_id("skp-status")).to_have_text("Draf")

    # An RHK supporting the appraiser's RHK (HTMX: the section is refreshed in place).
    rhk_form = page.get_by_test_id("rhk-form")
    rhk_form.get_by_label("Rencana hasil kerja").fill(OWN_RHK)
    rhk_form.get_by_label("RHK pimpinan yang diintervensi").select_option(
        label=f"P-01 {LEADER_RHK}"
    )
    rhk_form.get_by_role("button", name="Tambah RHK").click()
    card = page.get_by_test_id("rhk-utama").get_by_test_id("rhk")
    expect(card).to_have_count(1)
    expect(card.get_by_test_id("rhk-uraian")).to_have_text(OWN_RHK)
    expect(card.get_by_test_id("rhk-atasan")).to_have_text(f"P-01 {LEADER_RHK} (Budi Santoso)")
    expect(page.get_by_test_id("problems")).to_have_text(
        "RHK RHK-01 belum memiliki indikator kinerja individu."
    )

    # Its IKI, with a target typed the Indonesian way.
    card.get_by_test_id("iki-tambah").locator("summary").click()
    iki_form = card.get_by_test_id("iki-form")
    iki_form.get_by_label("Aspek").select_option(label="Kualitas")
    iki_form.get_by_label("Indikator kinerja individu").fill("Persentase rekap tepat waktu")
    iki_form.get_by_label("Target").fill("97,5")
    iki_form.get_by_label("Satuan").fill("persen")
    iki_form.get_by_role("button", name="Tambah IKI").click()
    expect(card.get_by_test_id("iki-target")).to_have_text("97,5 persen")
    expect(page.get_by_test_id("siap-diajukan")).to_have_text(
        "SKP sudah lengkap dan dapat diajukan."
    )
    screenshot(page, "skp-draf-lengkap")

    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    expect(page.locator(".messages")).to_have_text(
        "SKP tahun 2026 diajukan kepada pejabat penilai."
    )
    expect(page.get_by_test_id("skp-status")).to_have_text("Diajukan")
    expect(page.get_by_role("button", name="Tarik kembali")).to_be_visible()
    log_out(page)

    # The appraiser opens it from "SKP bawahan" and approves it.
    log_in(page, agency.penilai.nip)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="SKP bawahan"
    ).click()
    skp = Skp.objects.get(pegawai=agency.pegawai, tahun=2026)
    row = page.get_by_test_id(f"bawahan-{agency.pegawai.pk}")
    expect(row).to_contain_text("Siti Aminah")
    row.get_by_role("link", name="Periksa SKP").click()
    page.wait_for_url(re.compile(rf"/skp/{skp.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("SKP 2026 · Siti Aminah")
    expect(page.get_by_test_id("rhk-uraian")).to_have_text(OWN_RHK)
    screenshot(page, "skp-diperiksa-penilai")
    approve = page.get_by_test_id("form-setujui")
    approve.get_by_label("Catatan (opsional)").fill("Sudah selaras dengan RHK pimpinan.")
    approve.get_by_role("button", name="Setujui SKP").click()
    expect(page.locator(".messages")).to_have_text("SKP 2026 Siti Aminah disetujui.")
    log_out(page)

    # The employee sees the plan approved, with the appraiser's note.
    log_in(page, agency.pegawai.nip)
    page.goto("/skp/")
    expect(page.get_by_test_id("skp-status")).to_have_text("Disetujui")
    expect(page.get_by_test_id("catatan-penilai")).to_contain_text(
        "Sudah selaras dengan RHK pimpinan."
    )
    expect(page.get_by_test_id("revisi")).to_contain_text("Revisi ke-1")
    screenshot(page, "skp-disetujui")
    assert Skp.objects.get(pk=skp.pk).status == StatusSkp.DISETUJUI
