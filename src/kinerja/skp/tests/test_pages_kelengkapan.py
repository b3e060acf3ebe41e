"""HR's completion report: permission matrix, exact numbers per unit for a constructed agency
(top level, drill-down, the scope of an admin of a subtree), the list of employees without a
plan, the bulk-download button, and a pinned query count."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.conftest import ROLES
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.skp import services
from kinerja.skp.tests.factories import SYSTEM, TAHUN, aktor_for, open_year, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

READERS = {"admin", "pimpinan", "auditor", "superuser"}
COMPLETION_QUERIES = 9
COMPLETION_UNIT_QUERIES = 12


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def numbers(response) -> list[tuple]:
    """Each row: unit code, own employees only?, employees, draf, diajukan, dikembalikan,
    disetujui, without a plan, % approved."""
    return [
        (
            row.unit.kode,
            row.langsung,
            row.jumlah_pegawai,
            row.per_status.get("DRAF", 0),
            row.per_status.get("DIAJUKAN", 0),
            row.per_status.get("DIKEMBALIKAN", 0),
            row.per_status.get("DISETUJUI", 0),
            row.tanpa_skp,
            row.persen_disetujui,
        )
        for row in response.context["rows"]
    ]


def missing(response) -> list[str]:
    return [pegawai.nama for pegawai in response.context["employees"]]


def url(**query) -> str:
    text = "&".join(f"{key}={value}" for key, value in query.items())
    return f"{reverse('skp:completion')}?{text}" if text else reverse("skp:completion")


@pytest.fixture
def plans(agency) -> None:
    """2026 in the test agency:
    root (Sekretariat): Sekretaris — no plan
    biro: Kepala Biro — approved
    bagian: Budi — approved, Siti — submitted, Rina — draft, Tono — no plan (one in 2025)
    lain: Joko — returned, Wati — no plan, Purna (inactive) — a draft that does not count
    """
    open_year(2025)
    open_year()
    PegawaiFactory(nama="Sekretaris", unit=agency.root)
    kepala = PegawaiFactory(nama="Kepala Biro", unit=agency.biro)
    budi_plan, leader_rhk = plan_with_rhk(agency.penilai)
    kepala_plan, _rhk = plan_with_rhk(kepala)
    for pegawai, skp in ((agency.penilai, budi_plan), (kepala, kepala_plan)):
        services.skp_submit(aktor=aktor_for(pegawai), skp=skp)
        services.skp_approve(aktor=SYSTEM, skp=skp)
    siti, _rhk = plan_with_rhk(agency.pegawai, rhk_atasan=leader_rhk)
    services.skp_submit(aktor=aktor_for(agency.pegawai), skp=siti)
    plan_with_rhk(PegawaiFactory(nama="Rina", unit=agency.bagian))
    plan_with_rhk(PegawaiFactory(nama="Tono", unit=agency.bagian), tahun=2025)
    joko, _rhk = plan_with_rhk(agency.outsider)
    services.skp_submit(aktor=aktor_for(agency.outsider), skp=joko)
    services.skp_return(aktor=SYSTEM, skp=joko, catatan="Perbaiki target.")
    PegawaiFactory(nama="Wati", unit=agency.lain)
    purna = PegawaiFactory(nama="Purna", unit=agency.lain)
    plan_with_rhk(purna)
    Pegawai.objects.filter(pk=purna.pk).update(aktif=False)


@pytest.mark.parametrize("role", ROLES)
def test_completion_matrix(agency, client_for, plans, role):
    before = skp_state()
    response = client_for(role).get(url(tahun=TAHUN))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        assert response.context["nav_section"] == "kelengkapan"
        top = "BU" if role in {"admin", "pimpinan"} else "SET"
        assert [row.unit.kode for row in response.context["rows"]] == [top]
        assert "employees" not in response.context
    else:
        assert response.status_code == 404
    assert skp_state() == before


def test_numbers_of_the_whole_agency_and_its_drill_down(agency, client_for, plans):
    client = client_for("auditor")
    top = client.get(url(tahun=TAHUN))
    assert numbers(top) == [("SET", False, 8, 1, 1, 1, 2, 3, 25)]
    page = top.content.decode()
    assert "Pilih unit untuk melihat sub-unitnya" in page
    assert f'<a href="{url(unit=agency.root.pk, tahun=TAHUN)}">Sekretariat Badan</a>' in (
        page.replace("&amp;", "&")
    )

    root = client.get(url(unit=agency.root.pk, tahun=TAHUN))
    assert numbers(root) == [
        ("SET", True, 1, 0, 0, 0, 0, 1, 0),
        ("BL", False, 2, 0, 0, 1, 0, 1, 0),
        ("BU", False, 5, 1, 1, 0, 2, 1, 40),
    ]
    assert missing(root) == ["Sekretaris", "Wati", "Tono"]
    assert root.context["page_obj"].paginator.count == 3

    biro = client.get(url(unit=agency.biro.pk, tahun=TAHUN))
    assert numbers(biro) == [
        ("BU", True, 1, 0, 0, 0, 1, 0, 100),
        ("BU-SDM", False, 4, 1, 1, 0, 1, 1, 25),
    ]
    assert missing(biro) == ["Tono"]
    html = biro.content.decode()
    assert "Biro Umum (pegawai langsung)" in html
    assert '<td class="num">40%</td>' not in html
    assert '<td class="num">25%</td>' in html
    assert '<span style="width: 25%"></span>' in html
    assert '<span style="width: 100%"></span>' in html

    bagian = client.get(url(unit=agency.bagian.pk, tahun=TAHUN))
    assert numbers(bagian) == [("BU-SDM", True, 4, 1, 1, 0, 1, 1, 25)]
    assert missing(bagian) == ["Tono"]


def test_another_year(agency, client_for, plans):
    response = client_for("auditor").get(url(unit=agency.bagian.pk, tahun=2025))
    assert numbers(response) == [("BU-SDM", True, 4, 1, 0, 0, 0, 3, 0)]
    assert missing(response) == ["Budi Santoso", "Rina", "Siti Aminah"]
    assert response.context["years"] == [2026, 2025]


def test_an_admin_sees_only_their_subtree(agency, client_for, plans):
    client = client_for("admin")
    assert numbers(client.get(url(tahun=TAHUN))) == [("BU", False, 5, 1, 1, 0, 2, 1, 40)]
    for unit in (agency.root, agency.lain):
        assert client.get(url(unit=unit.pk, tahun=TAHUN)).status_code == 404
    assert client.get(url(unit=99999, tahun=TAHUN)).status_code == 404
    biro = client.get(url(unit=agency.biro.pk, tahun=TAHUN)).content.decode()
    # The parent (root) is outside the admin's scope: the trail links to the top only.
    assert f'href="{url(unit=agency.root.pk, tahun=TAHUN)}"' not in biro.replace("&amp;", "&")
    bagian = client.get(url(unit=agency.bagian.pk, tahun=TAHUN)).content.decode()
    assert f'<a href="{url(unit=agency.biro.pk, tahun=TAHUN)}">Biro Umum</a>' in (
        bagian.replace("&amp;", "&")
    )


def test_the_chosen_unit_offers_its_bulk_download(agency, client_for, plans):
    page = client_for("admin").get(url(unit=agency.bagian.pk, tahun=TAHUN)).content.decode()
    assert f'<form method="post" action="{reverse("skp:bulk")}"' in page
    assert f'<input type="hidden" name="unit" value="{agency.bagian.pk}">' in page
    assert '<input type="hidden" name="tahun" value="2026">' in page
    assert "Unduh dokumen SKP unit ini" in page
    top = client_for("admin").get(url(tahun=TAHUN)).content.decode()
    assert "Unduh dokumen SKP unit ini" not in top


def test_a_unit_where_everybody_has_a_plan(agency, client_for, plans):
    response = client_for("superuser").get(url(unit=agency.biro.pk, tahun=TAHUN))
    assert missing(response) == ["Tono"]
    PegawaiFactory(nama="Baru", unit=agency.lain, aktif=False)
    services.skp_create(aktor=SYSTEM, pegawai=Pegawai.objects.get(nama="Wati"), tahun=TAHUN)
    lain = client_for("superuser").get(url(unit=agency.lain.pk, tahun=TAHUN))
    assert numbers(lain) == [("BL", True, 2, 1, 0, 1, 0, 0, 0)]
    assert missing(lain) == []
    assert "Semua pegawai aktif di unit ini sudah memiliki SKP." in lain.content.decode()


def populate(agency, count: int) -> None:
    for number in range(count):
        unit = agency.bagian if number % 2 else agency.lain
        pegawai = PegawaiFactory(nama=f"Pegawai {number:03d}", unit=unit)
        if number % 3 == 0:
            plan_with_rhk(pegawai)


@pytest.mark.parametrize("count", [6, 120])
def test_completion_query_count_is_flat(agency, django_assert_num_queries, count):
    open_year()
    populate(agency, count)
    client = Client()
    client.force_login(agency.auditor)
    with django_assert_num_queries(COMPLETION_QUERIES):
        response = client.get(reverse("skp:completion"))
    assert response.status_code == 200
    assert numbers(response)[0][2] == count + 3
    with django_assert_num_queries(COMPLETION_UNIT_QUERIES):
        response = client.get(url(unit=agency.root.pk))
    assert response.status_code == 200
    without = count + 3 - len(range(0, count, 3))
    assert response.context["page_obj"].paginator.count == without
    assert len(response.context["employees"]) == min(without, 50)
    if without > 50:
        assert "Halaman 1 dari" in response.content.decode()
