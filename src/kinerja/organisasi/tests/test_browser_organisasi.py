"""Browsing the demo organisation in a real browser as its admin kepegawaian."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kinerja.demo.generator import DemoAgency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BREADCRUMB_SEPARATOR = " \u203a "


def account(agency: DemoAgency, kunci: str) -> str:
    return next(item.nip for item in agency.akun if item.kunci == kunci)


def person(agency: DemoAgency, nip: str) -> dict[str, str]:
    return next(row for row in agency.rows["pegawai"] if row["nip"] == nip)


def test_unit_tree_to_a_unit_to_an_employee_with_the_appraiser_chain(
    page: Page,
    demo_agency: DemoAgency,
    login_as: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    pegawai = person(demo_agency, account(demo_agency, "pegawai"))
    penilai = person(demo_agency, pegawai["atasan_nip"])  # the Kepala Subbagian
    atasan_penilai = person(demo_agency, penilai["atasan_nip"])  # the Kepala Bagian
    login_as(page, account(demo_agency, "admin"))

    page.goto(reverse("organisasi:unit-list"))
    tree = page.get_by_test_id("unit-tree")
    expect(tree.get_by_role("link", name="Sekretariat Badan", exact=True)).to_be_visible()
    expect(tree.locator("li")).to_have_count(38)
    screenshot(page, "organisasi-pohon-unit")
    tree.get_by_role("link", name="Subbagian Pengadaan dan Mutasi Pegawai", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Subbagian Pengadaan dan Mutasi Pegawai"
    )
    expect(page.get_by_test_id("breadcrumb")).to_contain_text(
        BREADCRUMB_SEPARATOR.join(
            ["Sekretariat Badan", "Biro Organisasi, Kepegawaian, dan Hukum", "Bagian Kepegawaian"]
        )
    )
    in_unit = [row for row in demo_agency.rows["pegawai"] if row["unit_kode"] == "SET.B2.BG2.SB1"]
    employees = page.get_by_test_id("pegawai-table")
    expect(employees.locator("tbody tr")).to_have_count(len(in_unit))
    screenshot(page, "organisasi-unit")
    employees.get_by_role("link", name=pegawai["nama"], exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(pegawai["nama"])
    expect(page.get_by_text(f"NIP {pegawai['nip']}")).to_be_visible()
    facts = page.get_by_test_id("pegawai-facts")
    expect(facts).to_contain_text(pegawai["jabatan"])
    expect(facts).to_contain_text("Subbagian Pengadaan dan Mutasi Pegawai")
    chain = page.get_by_test_id("penilai-chain")
    expect(chain.locator("dt:text-is('Pejabat Penilai') + dd")).to_have_text(penilai["nama"])
    expect(chain.locator("dt:text-is('Atasan Pejabat Penilai') + dd")).to_have_text(
        atasan_penilai["nama"]
    )
    screenshot(page, "organisasi-profil-pegawai")

    # The appraiser's name leads to the appraiser's own profile.
    chain.get_by_role("link", name=penilai["nama"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(penilai["nama"])
    expect(
        page.get_by_test_id("penilai-chain").locator("dt:text-is('Pejabat Penilai') + dd")
    ).to_have_text(atasan_penilai["nama"])


def test_employee_search_by_name_narrows_the_table(
    page: Page,
    demo_agency: DemoAgency,
    login_as: Callable[[Page, str], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    pegawai = person(demo_agency, account(demo_agency, "pegawai"))
    family_name = pegawai["nama"].split(",")[0].split()[-1]
    matching = sorted(
        row["nama"]
        for row in demo_agency.rows["pegawai"]
        if family_name.casefold() in row["nama"].casefold()
    )
    assert 1 < len(matching) < 25
    login_as(page, account(demo_agency, "admin"))

    page.goto(reverse("organisasi:pegawai-list"))
    expect(page.get_by_test_id("pegawai-count")).to_have_text("300 pegawai")
    page.get_by_label("Cari NIP atau nama").fill(family_name)

    expect(page.get_by_test_id("pegawai-count")).to_have_text(f"{len(matching)} pegawai")
    rows = page.get_by_test_id("pegawai-table").locator("tbody tr")
    expect(rows).to_have_count(len(matching))
    names = rows.locator("td:first-child a")
    expect(names).to_have_text(matching)
    expect(page).to_have_url(re.compile(rf"[?&]q={family_name}(&|$)"))
    screenshot(page, "organisasi-cari-pegawai")

    page.get_by_label("Cari NIP atau nama").fill(pegawai["nip"])
    expect(page.get_by_test_id("pegawai-count")).to_have_text("1 pegawai")
    expect(rows.locator("td:first-child a")).to_have_text([pegawai["nama"]])
