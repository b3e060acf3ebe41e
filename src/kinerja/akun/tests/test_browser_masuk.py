"""Logging in with NIP and password in a real browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kinerja.demo.generator import DEMO_PASSWORD, DemoAgency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wrong_password_shows_the_error_then_the_right_one_opens_the_beranda(
    page: Page, demo_agency: DemoAgency, screenshot: Callable[[Page, str], Path]
) -> None:
    pegawai = next(item for item in demo_agency.akun if item.kunci == "pegawai")

    page.goto(reverse("core:beranda"))
    expect(page).to_have_url(re.compile(re.escape(reverse("akun:login")) + r"\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Masuk")
    form = page.get_by_test_id("login-form")
    form.get_by_label("NIP").fill(pegawai.nip)
    form.get_by_label("Kata sandi").fill("bukan-sandinya")
    form.get_by_role("button", name="Masuk").click()

    expect(page.get_by_role("alert")).to_have_text("NIP atau kata sandi salah.")
    expect(page.get_by_test_id("current-user")).to_have_count(0)
    expect(form.get_by_label("NIP")).to_have_value(pegawai.nip)
    expect(form.get_by_label("Kata sandi")).to_have_value("")
    screenshot(page, "masuk-sandi-salah")

    form.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    form.get_by_role("button", name="Masuk").click()

    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Selamat datang, {pegawai.nama}")
    expect(page.get_by_test_id("current-user")).to_contain_text(pegawai.nama)
    expect(page.get_by_role("navigation", name="Navigasi utama")).to_contain_text("Profil saya")
    screenshot(page, "masuk-beranda")
