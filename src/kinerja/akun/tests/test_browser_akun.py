"""In a real browser: log in by NIP, change a temporary password, create and revoke a token."""

from __future__ import annotations

import re

import pytest

from kinerja.akun.models import Pengguna, TokenApi
from kinerja.akun.tests.helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "Kopi-Tubruk-2025"


def log_in(page, nip: str, password: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def test_login_forced_change_and_logout(page, agency, screenshot):
    user = agency.pegawai.pengguna
    Pengguna.objects.filter(pk=user.pk).update(wajib_ganti_sandi=True)

    log_in(page, user.nip, "keliru-sekali")
    assert page.get_by_role("alert").inner_text() == "NIP atau kata sandi salah."
    screenshot(page, "akun-masuk-gagal")

    log_in(page, user.nip, PASSWORD)
    page.wait_for_url(re.compile(r"/akun/ganti-sandi/\?next=%2F$"))
    assert "kata sandi sementara" in page.get_by_test_id("ganti-sandi-form").inner_text()
    page.get_by_label("Kata sandi lama").fill(PASSWORD)
    page.get_by_label("Kata sandi baru", exact=False).first.fill(NEW_PASSWORD)
    page.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi baru").click()
    page.wait_for_url(re.compile(r"/$"))
    assert "Kata sandi Anda telah diganti." in page.locator(".messages").inner_text()
    assert page.get_by_test_id("current-user").inner_text().startswith("Siti Aminah")

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(re.compile(r"/akun/masuk/$"))
    assert "Anda telah keluar." in page.locator(".messages").inner_text()


def test_locked_login_says_for_how_long(page, agency):
    for _attempt in range(5):
        log_in(page, agency.pegawai.nip, "keliru-sekali")
    log_in(page, agency.pegawai.nip, PASSWORD)
    assert page.get_by_role("alert").inner_text() == (
        "Masuk dikunci sementara karena terlalu banyak percobaan yang gagal. "
        "Coba lagi dalam 15 menit."
    )


def test_create_a_token_then_revoke_it_with_htmx(page, agency, screenshot):
    log_in(page, agency.pegawai.nip, PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/akun/token/")
    page.get_by_label("Nama token").fill("skrip rekap")
    page.get_by_label("Masa berlaku (hari)").fill("30")
    page.get_by_role("button", name="Buat token").click()
    secret = page.get_by_test_id("token-rahasia").inner_text()
    assert secret.startswith("knj_")
    screenshot(page, "akun-token-baru")

    page.goto("/akun/token/")
    assert secret not in page.content()
    dialogs: list[str] = []

    def accept(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    row = page.get_by_test_id("token-row")
    row.get_by_role("button", name="Cabut").click()
    page.locator("[data-testid=token-row] .badge.bad").wait_for()
    assert row.locator(".badge").inner_text() == "Dicabut"
    assert dialogs == [
        "Cabut token “skrip rekap”? Aplikasi yang memakainya tidak akan bisa masuk lagi."
    ]
    assert TokenApi.objects.get().dicabut_pada is not None
    assert page.url.endswith("/akun/token/")
    screenshot(page, "akun-token-dicabut")


def test_hr_creates_an_account_and_the_employee_logs_in(page, agency, screenshot):
    from kinerja.organisasi.tests.factories import PegawaiFactory

    pegawai = PegawaiFactory(unit=agency.bagian, nama="Rina Marlina")
    log_in(page, agency.admin.nip, PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    page.goto(f"/akun/pegawai/{pegawai.pk}/akses/")
    assert "belum memiliki akun login" in page.get_by_test_id("akun-facts").inner_text()
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Buat akun").click()
    temporary = page.get_by_test_id("sandi-sementara-nilai").inner_text()
    assert re.fullmatch(r"[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}", temporary)
    screenshot(page, "akun-pegawai-akses-dibuat")

    page.get_by_role("button", name="Keluar").click()
    log_in(page, pegawai.nip, temporary)
    page.wait_for_url(re.compile(r"/akun/ganti-sandi/"))
    assert page.get_by_test_id("current-user").inner_text().startswith("Rina Marlina")
