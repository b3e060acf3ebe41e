"""Changing a rule set in a real browser: copy the active version, edit a section, activate."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from kinerja.aturan import selectors
from kinerja.aturan.models import SetAturan
from kinerja.demo.generator import DemoAgency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_copies_edits_and_activates_a_new_version(
    page: Page,
    demo_agency: DemoAgency,
    login_as: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    admin = next(item.nip for item in demo_agency.akun if item.kunci == "admin")
    active = SetAturan.objects.get(kode="bawaan", status="AKTIF")
    login_as(page, admin)

    page.goto(reverse("aturan:list"))
    page.get_by_role("link", name=re.compile(f"Versi {active.versi}")).first.click()
    expect(page.get_by_test_id("isi-besaran")).to_contain_text("Rp3.781.000")
    page.get_by_role("link", name="Salin menjadi versi baru").click()
    page.get_by_role("button", name="Buat salinan").click()
    draft = SetAturan.objects.get(kode="bawaan", status="DRAF")
    assert draft.versi == active.versi + 1
    expect(page).to_have_url(re.compile(reverse("aturan:update", args=[draft.pk]) + "$"))

    page.goto(reverse("aturan:section", args=[draft.pk, "keberatan"]))
    page.get_by_label("Batas pengajuan keberatan (hari)").fill("21")
    page.get_by_role("button", name="Simpan bagian ini").click()
    expect(page.locator(".messages")).to_contain_text("disimpan")

    page.goto(reverse("aturan:detail", args=[draft.pk]))
    changes = page.get_by_test_id("perubahan")
    expect(changes).to_contain_text("keberatan.batas_hari")
    expect(changes).to_contain_text("21")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.locator("h1").get_by_test_id("status")).to_have_text("Aktif")
    screenshot(page, "aturan-versi-baru-aktif")

    # The copy applies from today; the earlier version keeps applying before that.
    active.refresh_from_db()
    draft.refresh_from_db()
    assert (active.status, draft.status) == ("AKTIF", "AKTIF")
    assert draft.berlaku_mulai == timezone.localdate()
    assert selectors.rule_set_agency(timezone.localdate()) == draft
    assert selectors.rule_set_agency(draft.berlaku_mulai - datetime.timedelta(days=1)) == active
    assert draft.aturan().keberatan_hari == 21
