"""The employee's SKP pages: permission matrices over every role, the flows with their exact
texts (create, copy, RHK and IKI, submit, withdraw, revise, revisions), refusals that change
nothing, HTMX fragments and pinned query counts."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Jabatan
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.skp import services
from kinerja.skp.enums import Aspek, JenisRhk, Pendekatan, Perspektif, StatusSkp
from kinerja.skp.models import EkspektasiPerilaku, Indikator, RevisiSkp, Rhk, Skp
from kinerja.skp.tests.factories import (
    SYSTEM,
    aktor_for,
    approved_plan,
    open_year,
    plan_with_rhk,
)
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

READERS = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
WITH_EMPLOYEE_RECORD = {"pegawai", "penilai", "outsider"}
LEADER_RHK = "Terkelolanya administrasi kepegawaian biro"
OWN_RHK = "Tersusunnya laporan kinerja"


@dataclass
class Plans:
    """The appraiser's approved plan and the employee's draft supporting it (year 2026)."""

    leader_skp: Skp
    leader_rhk: Rhk
    skp: Skp
    rhk: Rhk
    indikator: Indikator


@pytest.fixture
def plans(agency) -> Plans:
    open_year()
    leader_skp, leader_rhk = approved_plan(agency.penilai, kode="P-01", uraian=LEADER_RHK)
    skp, rhk = plan_with_rhk(agency.pegawai, rhk_atasan=leader_rhk)
    return Plans(leader_skp, leader_rhk, skp, rhk, rhk.indikator.get())


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def texts(response) -> list[str]:
    """The messages this request added (a redirect not followed leaves earlier ones stored)."""
    return [str(message) for message in get_messages(response.wsgi_request)._queued_messages]


def detail_url(skp: Skp) -> str:
    return reverse("skp:detail", args=[skp.pk])


def refresh(skp: Skp) -> Skp:
    return Skp.objects.get(pk=skp.pk)


def htmx(client: Client, method: str, url: str, data: dict[str, Any] | None = None):
    return getattr(client, method)(url, data or {}, headers={"HX-Request": "true"})


def submit(skp: Skp) -> Skp:
    return services.skp_submit(aktor=aktor_for(skp.pegawai), skp=skp)


def approve(skp: Skp) -> Skp:
    return services.skp_approve(aktor=aktor_for(skp.pegawai.penilai or skp.pegawai), skp=skp)


# --- Permission matrices -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_mine_matrix(agency, plans, client_for, role):
    before = skp_state()
    response = client_for(role).get(reverse("skp:mine"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in WITH_EMPLOYEE_RECORD:
        assert response.status_code == 200
        assert response.context["nav_section"] == "skp"
        assert response.context["tahun"] == 2026
        expected = {"pegawai": plans.skp, "penilai": plans.leader_skp, "outsider": None}[role]
        assert response.context["skp"] == expected
    else:
        assert response.status_code == 404
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_create_matrix(agency, plans, client_for, role):
    before = skp_state()
    data = {"tahun": 2026, "pendekatan": "KUALITATIF"}
    response = client_for(role).post(reverse("skp:create"), data)
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "outsider":
        created = Skp.objects.get(pegawai=agency.outsider, tahun=2026)
        assert response.status_code == 302
        assert response.url == detail_url(created)
        assert created.pendekatan == Pendekatan.KUALITATIF
        assert created.status == StatusSkp.DRAF
    elif role in {"pegawai", "penilai"}:
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "tahun": ["SKP tahun 2026 untuk pegawai ini sudah ada."]
        }
        assert skp_state() == before
    else:
        assert response.status_code == 404
        assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix(agency, plans, client_for, role):
    before = skp_state()
    response = client_for(role).get(detail_url(plans.skp))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        context = response.context
        assert context["skp"] == plans.skp
        assert context["can_edit"] is (role == "pegawai")
        assert context["can_set_expectations"] is (role in {"pegawai", "penilai"})
        assert context["can_decide"] is False
        assert context["nav_section"] == {
            "pegawai": "skp",
            "penilai": "skp-bawahan",
        }.get(role, "kelengkapan")
        assert (context["rhk_form"] is not None) is (role == "pegawai")
        html = response.content.decode()
        assert ("Tambah RHK" in html) is (role == "pegawai")
        assert ("Ajukan ke pejabat penilai" in html) is (role == "pegawai")
    else:
        assert response.status_code == 404
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_revision_matrix(agency, plans, client_for, role):
    before = skp_state()
    client = client_for(role)
    response = client.get(reverse("skp:revision", args=[plans.leader_skp.pk, 1]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        assert response.context["revisi"] == RevisiSkp.objects.get(skp=plans.leader_skp)
        missing = client.get(reverse("skp:revision", args=[plans.leader_skp.pk, 2]))
        assert missing.status_code == 404
    else:
        assert response.status_code == 404
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_expectations_matrix(agency, plans, client_for, role):
    before = skp_state()
    client = client_for(role)
    url = reverse("skp:expectations", args=[plans.skp.pk])
    page = client.get(url)
    response = client.post(url, {"KOMPETEN": f"Ditulis oleh {role}"})
    if role == "anonim":
        assert_login_redirect(page)
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai"}:
        assert page.status_code == 200
        assert len(page.context["form"].fields) == 7
        assert response.status_code == 302
        assert response.url == detail_url(plans.skp)
        assert texts(response) == ["Ekspektasi perilaku disimpan."]
        saved = EkspektasiPerilaku.objects.get(skp=plans.skp, nilai="KOMPETEN")
        assert saved.ekspektasi == f"Ditulis oleh {role}"
        return
    elif role in READERS:
        assert page.status_code == 403
        assert response.status_code == 403
    else:
        assert page.status_code == 404
        assert response.status_code == 404
    assert skp_state() == before


def _submitted(plans: Plans) -> None:
    submit(plans.skp)


def _approved(plans: Plans) -> None:
    approve(submit(plans.skp))


# name -> (prepare the state, method, url, data, what the owner's request changed)
OwnerCase = tuple[
    Callable[[Plans], None] | None,
    str,
    Callable[[Plans], str],
    dict[str, Any],
    Callable[[Plans, Any], None],
]


def _template(name: str) -> Callable[[Plans, Any], None]:
    def check(plans: Plans, response: Any) -> None:
        assert response.status_code == 200
        assert name in [template.name for template in response.templates]

    return check


def _redirected(check: Callable[[Plans], None]) -> Callable[[Plans, Any], None]:
    def run(plans: Plans, response: Any) -> None:
        assert response.status_code == 302
        assert response.url == detail_url(plans.skp)
        check(plans)

    return run


OWNER_CASES: dict[str, OwnerCase] = {
    "update-page": (
        None,
        "get",
        lambda p: reverse("skp:update", args=[p.skp.pk]),
        {},
        _template("skp/update.html"),
    ),
    "update": (
        None,
        "post",
        lambda p: reverse("skp:update", args=[p.skp.pk]),
        {"pendekatan": "KUALITATIF", "konsekuensi": "Teguran tertulis"},
        _redirected(
            lambda p: _assert_fields(
                refresh(p.skp), pendekatan="KUALITATIF", konsekuensi="Teguran tertulis"
            )
        ),
    ),
    "rhk-create-page": (
        None,
        "get",
        lambda p: reverse("skp:rhk-create", args=[p.skp.pk]),
        {},
        _template("skp/rhk_form.html"),
    ),
    "rhk-create": (
        None,
        "post",
        lambda p: reverse("skp:rhk-create", args=[p.skp.pk]),
        {"jenis": "TAMBAHAN", "uraian": "Terselenggaranya rapat koordinasi"},
        _redirected(
            lambda p: _assert_rhk(
                p.skp,
                [
                    ("RHK-01", "UTAMA", OWN_RHK),
                    ("RHK-02", "TAMBAHAN", "Terselenggaranya rapat koordinasi"),
                ],
            )
        ),
    ),
    "rhk-update-page": (
        None,
        "get",
        lambda p: reverse("skp:rhk-update", args=[p.rhk.pk]),
        {},
        _template("skp/rhk_form.html"),
    ),
    "rhk-update": (
        None,
        "post",
        lambda p: reverse("skp:rhk-update", args=[p.rhk.pk]),
        {"kode": "A-1", "jenis": "UTAMA", "uraian": "Tersusunnya laporan bulanan"},
        _redirected(
            lambda p: _assert_rhk(p.skp, [("A-1", "UTAMA", "Tersusunnya laporan bulanan")])
        ),
    ),
    "rhk-delete": (
        None,
        "post",
        lambda p: reverse("skp:rhk-delete", args=[p.rhk.pk]),
        {},
        _redirected(lambda p: _assert_rhk(p.skp, [])),
    ),
    "indikator-create-page": (
        None,
        "get",
        lambda p: reverse("skp:indikator-create", args=[p.rhk.pk]),
        {},
        _template("skp/indikator_form.html"),
    ),
    "indikator-create": (
        None,
        "post",
        lambda p: reverse("skp:indikator-create", args=[p.rhk.pk]),
        {
            "aspek": "WAKTU",
            "uraian": "Ketepatan waktu",
            "target_nilai": "12",
            "target_satuan": "bulan",
        },
        _redirected(
            lambda p: _assert_iki(
                p.rhk, [("KUANTITAS", Decimal("12"), "laporan"), ("WAKTU", Decimal("12"), "bulan")]
            )
        ),
    ),
    "indikator-update-page": (
        None,
        "get",
        lambda p: reverse("skp:indikator-update", args=[p.indikator.pk]),
        {},
        _template("skp/indikator_form.html"),
    ),
    "indikator-update": (
        None,
        "post",
        lambda p: reverse("skp:indikator-update", args=[p.indikator.pk]),
        {
            "aspek": "KUALITAS",
            "uraian": "Laporan tanpa revisi",
            "target_nilai": "97,5",
            "target_satuan": "persen",
        },
        _redirected(lambda p: _assert_iki(p.rhk, [("KUALITAS", Decimal("97.5"), "persen")])),
    ),
    "indikator-delete": (
        None,
        "post",
        lambda p: reverse("skp:indikator-delete", args=[p.indikator.pk]),
        {},
        _redirected(lambda p: _assert_iki(p.rhk, [])),
    ),
    "submit": (
        None,
        "post",
        lambda p: reverse("skp:submit", args=[p.skp.pk]),
        {},
        _redirected(lambda p: _assert_fields(refresh(p.skp), status="DIAJUKAN")),
    ),
    "withdraw": (
        _submitted,
        "post",
        lambda p: reverse("skp:withdraw", args=[p.skp.pk]),
        {},
        _redirected(lambda p: _assert_fields(refresh(p.skp), status="DRAF")),
    ),
    "revise-page": (
        _approved,
        "get",
        lambda p: reverse("skp:revise", args=[p.skp.pk]),
        {},
        _template("skp/revise.html"),
    ),
    "revise": (
        _approved,
        "post",
        lambda p: reverse("skp:revise", args=[p.skp.pk]),
        {"alasan": "Mutasi ke Bagian Keuangan"},
        _redirected(
            lambda p: _assert_fields(
                refresh(p.skp), status="DRAF", revisi=2, alasan_revisi="Mutasi ke Bagian Keuangan"
            )
        ),
    ),
}


def _assert_fields(skp: Skp, **expected: Any) -> None:
    assert {name: getattr(skp, name) for name in expected} == expected


def _assert_rhk(skp: Skp, expected: list[tuple[str, str, str]]) -> None:
    rows = Rhk.objects.filter(skp=skp).order_by("urutan", "pk")
    assert [(rhk.kode, rhk.jenis, rhk.uraian) for rhk in rows] == expected


def _assert_iki(rhk: Rhk, expected: list[tuple[str, Decimal | None, str]]) -> None:
    rows = Indikator.objects.filter(rhk_id=rhk.pk).order_by("pk")
    assert [(item.aspek, item.target_nilai, item.target_satuan) for item in rows] == expected


@pytest.mark.parametrize("case", sorted(OWNER_CASES))
@pytest.mark.parametrize("role", ROLES)
def test_owner_action_matrix(agency, plans, client_for, role, case):
    """Only the owner edits and moves the plan; every other reader gets 403, the outsider 404,
    the anonymous user the login page; nothing changes for them."""
    prepare, method, url, data, check = OWNER_CASES[case]
    if prepare is not None:
        prepare(plans)
    before = skp_state()
    response = getattr(client_for(role), method)(url(plans), data)
    if role == "pegawai":
        check(plans, response)
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    assert skp_state() == before


# --- "SKP saya": the year, creating and copying -------------------------------------------------


def test_mine_offers_the_create_form_and_the_year_switcher(agency, client_for):
    open_year(2025)
    open_year(2026)
    services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2025)
    client = client_for("pegawai")
    response = client.get(reverse("skp:mine"))
    assert response.status_code == 200
    assert response.context["tahun"] == 2026
    assert response.context["years"] == [2026, 2025]
    assert response.context["opened"] is True
    assert response.context["previous"].tahun == 2025
    html = response.content.decode()
    assert "Anda belum memiliki SKP tahun 2026." in html
    assert "Buat SKP" in html
    assert "Salin SKP tahun 2025" in html

    older = client.get(reverse("skp:mine"), {"tahun": 2025})
    assert older.context["skp"].tahun == 2025
    assert older.context["years"] == [2026, 2025]
    assert older.context["opened"] is True
    assert 'data-testid="tahun-belum-dibuka"' not in older.content.decode()


def test_mine_says_when_the_year_is_not_opened(agency, client_for):
    open_year(2026)
    response = client_for("pegawai").get(reverse("skp:mine"), {"tahun": 2027})
    assert response.context["tahun"] == 2027
    assert response.context["opened"] is False
    assert response.context["years"] == [2026]
    html = response.content.decode()
    assert "Tahun kinerja 2027 belum dibuka oleh admin kepegawaian." in html
    assert 'data-testid="form-buat"' not in html


def test_mine_without_any_opened_year_shows_this_year(agency, client_for):
    response = client_for("pegawai").get(reverse("skp:mine"), {"tahun": "bukan-tahun"})
    assert response.context["tahun"] == timezone.localdate().year
    assert response.context["years"] == []
    assert "belum dibuka oleh admin kepegawaian" in response.content.decode()


def test_create_then_the_plan_page(agency, client_for):
    open_year()
    client = client_for("pegawai")
    response = client.post(reverse("skp:create"), {"tahun": 2026, "pendekatan": "KUALITATIF"})
    skp = Skp.objects.get(pegawai=agency.pegawai, tahun=2026)
    assert response.status_code == 302
    assert response.url == detail_url(skp)
    assert texts(response) == ["SKP tahun 2026 dibuat. Tambahkan RHK beserta indikatornya."]
    assert (skp.pendekatan, skp.status, skp.revisi) == ("KUALITATIF", "DRAF", 1)
    assert [(row.aksi, row.status) for row in skp.riwayat.all()] == [("DIBUAT", "DRAF")]

    page = client.get(reverse("skp:mine"))
    assert page.context["skp"] == skp
    html = page.content.decode()
    assert "Revisi ke-1 · Pendekatan Kualitatif" in html
    assert page.context["problems"] == [
        "SKP pejabat penilai Anda (Budi Santoso) untuk tahun 2026 belum disetujui; "
        "SKP Anda dapat diajukan setelah itu.",
        "SKP harus memuat sekurang-kurangnya satu RHK utama.",
    ]


def test_create_in_a_year_not_opened_is_refused(agency, client_for):
    open_year()
    before = skp_state()
    response = client_for("pegawai").post(
        reverse("skp:create"), {"tahun": 2030, "pendekatan": "KUANTITATIF"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Tahun kinerja 2030 belum dibuka oleh admin kepegawaian."
    ]
    assert "Tahun kinerja 2030 belum dibuka oleh admin kepegawaian." in response.content.decode()
    assert skp_state() == before


def test_create_page_without_post_shows_the_form(agency, client_for):
    open_year()
    response = client_for("pegawai").get(reverse("skp:create"), {"tahun": 2026})
    assert response.status_code == 200
    assert response.context["form"]["tahun"].value() == 2026
    assert response.context["salin"] is False


def test_copy_last_year_relinks_to_the_appraisers_new_rhk(agency, client_for):
    open_year(2025)
    open_year(2026)
    _old_leader, old_leader_rhk = approved_plan(
        agency.penilai, tahun=2025, kode="P-01", uraian="RHK pimpinan 2025"
    )
    _new_leader, new_leader_rhk = approved_plan(
        agency.penilai, tahun=2026, kode="P-01", uraian="RHK pimpinan 2026"
    )
    old, _rhk = plan_with_rhk(
        agency.pegawai, tahun=2025, rhk_atasan=old_leader_rhk, kode="R-1", target="24"
    )
    services.skp_update(
        aktor=SYSTEM, skp=old, pendekatan="KUANTITATIF", konsekuensi="Teguran\nPembinaan"
    )
    services.ekspektasi_update(
        by_owner=False, aktor=SYSTEM, skp=old, ekspektasi={"LOYAL": "Menjaga rahasia"}
    )
    client = client_for("pegawai")

    response = client.post(reverse("skp:create"), {"tahun": 2026, "salin": "1"})

    copy = Skp.objects.get(pegawai=agency.pegawai, tahun=2026)
    assert response.status_code == 302
    assert response.url == detail_url(copy)
    assert texts(response) == ["SKP tahun 2026 dibuat dari salinan SKP tahun sebelumnya."]
    rhk = copy.rhk.get()
    assert (rhk.kode, rhk.uraian, rhk.rhk_atasan_id) == ("R-1", OWN_RHK, new_leader_rhk.pk)
    assert [(i.aspek, i.target_nilai) for i in rhk.indikator.all()] == [
        ("KUANTITAS", Decimal("24"))
    ]
    assert copy.konsekuensi == "Teguran\nPembinaan"
    assert list(copy.ekspektasi.values_list("nilai", "ekspektasi")) == [
        ("LOYAL", "Menjaga rahasia")
    ]
    assert [(row.aksi, row.catatan) for row in copy.riwayat.order_by("pk")] == [
        ("DIBUAT", ""),
        ("DISALIN", "Disalin dari SKP tahun 2025."),
    ]
    page = client.get(detail_url(copy))
    html = page.content.decode()
    assert "P-01 RHK pimpinan 2026" in html
    assert page.context["problems"] == []


def test_copy_without_an_earlier_plan_is_refused(agency, client_for):
    open_year()
    before = skp_state()
    response = client_for("pegawai").post(reverse("skp:create"), {"tahun": 2026, "salin": "1"})
    assert response.status_code == 200
    assert response.context["salin"] is True
    assert response.context["form"].non_field_errors() == [
        "Tidak ada SKP tahun sebelumnya untuk disalin."
    ]
    assert skp_state() == before


def test_copy_offer_is_hidden_without_an_earlier_plan(agency, client_for):
    open_year()
    response = client_for("pegawai").get(reverse("skp:mine"))
    assert response.context["previous"] is None
    assert "Salin SKP tahun" not in response.content.decode()


# --- The plan page -----------------------------------------------------------------------------


def test_detail_shows_the_people_the_rhk_and_the_values(agency, plans, client_for):
    response = client_for("pegawai").get(detail_url(plans.skp))
    html = response.content.decode()
    identitas = response.context["identitas"]
    assert identitas["pegawai"]["nama"] == "Siti Aminah"
    assert identitas["penilai"]["nama"] == "Budi Santoso"
    assert identitas["atasan_penilai"] is None
    assert "Bagian SDM" in html
    assert [row.rhk.kode for row in response.context["rhk_utama"]] == ["RHK-01"]
    assert response.context["rhk_tambahan"] == []
    row = response.context["rhk_utama"][0]
    assert [(b.indikator.uraian, b.target) for b in row.indikator] == [
        ("Jumlah laporan yang tersusun", "12 laporan")
    ]
    assert f"P-01 {LEADER_RHK}" in html
    assert response.context["form_kind"] == "JA_JF"
    assert len(response.context["ekspektasi"]) == 7
    assert html.count("<tr data-nilai=") == 7
    assert "Berorientasi Pelayanan" in html
    assert "Melakukan perbaikan tiada henti" in html
    assert response.context["problems"] == []
    assert "SKP sudah lengkap dan dapat diajukan." in html
    assert [row.aksi for row in response.context["history"]] == ["DIBUAT"]
    assert response.context["revisions"] == []
    assert reverse("skp:pdf", args=[plans.skp.pk]) in html
    assert [label for label, _items in response.context["lampiran"]] == [
        "Dukungan sumber daya",
        "Skema pertanggungjawaban",
        "Konsekuensi",
    ]


def test_detail_of_a_jpt_shows_perspektif_and_goal(agency, client_for):
    open_year()
    jpt = Jabatan.objects.create(nama="Kepala Biro", jenis_jabatan=JenisJabatan.JPT.value)
    agency.pegawai.jabatan = jpt
    agency.pegawai.save(update_fields=["jabatan"])
    skp, _rhk = plan_with_rhk(agency.pegawai, perspektif=Perspektif.PROSES_BISNIS.value)
    response = client_for("pegawai").get(detail_url(skp))
    assert response.context["form_kind"] == "JPT"
    assert set(response.context["rhk_form"].fields) == {
        "kode",
        "jenis",
        "uraian",
        "perspektif",
        "sasaran",
    }
    assert "Perspektif Proses Bisnis" in response.content.decode()


def test_rhk_form_asks_for_the_leaders_rhk_only_below_an_appraiser(agency, plans, client_for):
    own = client_for("pegawai").get(reverse("skp:rhk-create", args=[plans.skp.pk]))
    field = own.context["form"].fields["rhk_atasan"]
    assert list(field.widget.choices) == [("", "—"), (plans.leader_rhk.pk, f"P-01 {LEADER_RHK}")]
    assert "RHK pimpinan yang diintervensi *" in own.content.decode()
    top = client_for("penilai").get(reverse("skp:rhk-create", args=[plans.leader_skp.pk]))
    assert top.status_code == 302  # the appraiser's plan is approved: revise it first
    services.skp_revise(aktor=aktor_for(agency.penilai), skp=plans.leader_skp, alasan="Mutasi")
    top = client_for("penilai").get(reverse("skp:rhk-create", args=[plans.leader_skp.pk]))
    assert set(top.context["form"].fields) == {"kode", "jenis", "uraian"}


def test_returned_plan_shows_the_appraisers_note(agency, plans, client_for):
    services.skp_return(
        aktor=aktor_for(agency.penilai), skp=submit(plans.skp), catatan="Target terlalu rendah."
    )
    response = client_for("pegawai").get(detail_url(plans.skp))
    html = response.content.decode()
    assert "Dikembalikan oleh pejabat penilai dengan catatan:" in html
    assert "Target terlalu rendah." in html
    assert response.context["can_edit"] is True


def test_submitted_plan_offers_the_appraiser_approve_and_return(agency, plans, client_for):
    submit(plans.skp)
    response = client_for("penilai").get(detail_url(plans.skp))
    assert response.context["can_decide"] is True
    html = response.content.decode()
    assert f'action="{reverse("skp:approve", args=[plans.skp.pk])}"' in html
    assert f'action="{reverse("skp:return", args=[plans.skp.pk])}"' in html
    assert html.count('name="catatan"') == 2
    owner = client_for("pegawai").get(detail_url(plans.skp))
    assert owner.context["can_decide"] is False
    assert owner.context["can_withdraw"] is True
    assert owner.context["can_edit"] is False
    assert "Tarik kembali" in owner.content.decode()


# --- RHK and IKI -------------------------------------------------------------------------------


def test_add_rhk_and_iki_the_indonesian_way(agency, plans, client_for):
    client = client_for("pegawai")
    response = client.post(
        reverse("skp:rhk-create", args=[plans.skp.pk]),
        {
            "jenis": "UTAMA",
            "uraian": "Terlaksananya survei kepuasan",
            "rhk_atasan": plans.leader_rhk.pk,
        },
    )
    assert texts(response) == ["RHK RHK-02 ditambahkan."]
    rhk = Rhk.objects.get(skp=plans.skp, kode="RHK-02")
    assert rhk.rhk_atasan_id == plans.leader_rhk.pk
    response = client.post(
        reverse("skp:indikator-create", args=[rhk.pk]),
        {
            "aspek": "KUALITAS",
            "uraian": "Indeks kepuasan",
            "target_nilai": "1.250,5",
            "target_satuan": "poin",
        },
    )
    assert texts(response) == ["IKI ditambahkan pada RHK RHK-02."]
    assert [(i.aspek, i.target_nilai, i.target_satuan) for i in rhk.indikator.all()] == [
        ("KUALITAS", Decimal("1250.5"), "poin")
    ]
    page = client.get(detail_url(plans.skp))
    assert "1.250,5 poin" in page.content.decode()
    edit = client.get(reverse("skp:indikator-update", args=[rhk.indikator.get().pk]))
    assert edit.context["form"]["target_nilai"].value() == "1250,5"


def test_rhk_refusals_show_the_service_message(agency, plans, client_for):
    _foreign, foreign_rhk = plan_with_rhk(agency.outsider, kode="X-1")
    client = client_for("pegawai")
    before = skp_state()
    response = client.post(
        reverse("skp:rhk-create", args=[plans.skp.pk]),
        {"kode": "RHK-01", "jenis": "UTAMA", "uraian": "", "rhk_atasan": foreign_rhk.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "kode": ["Kode RHK RHK-01 sudah dipakai di SKP ini."],
        "uraian": ["Uraian rencana hasil kerja wajib diisi."],
        "rhk_atasan": [
            "RHK pimpinan harus salah satu RHK dalam SKP pejabat penilai Anda tahun 2026."
        ],
    }
    assert skp_state() == before


def test_iki_refusals_show_the_service_message(agency, plans, client_for):
    client = client_for("pegawai")
    before = skp_state()
    response = client.post(
        reverse("skp:indikator-create", args=[plans.rhk.pk]),
        {
            "aspek": "KUANTITAS",
            "uraian": "Jumlah",
            "target_nilai": "dua belas",
            "target_satuan": "",
        },
    )
    assert response.context["form"].errors == {
        "target_nilai": ["Target harus berupa angka, mis. 12 atau 97,5."]
    }
    response = client.post(
        reverse("skp:indikator-create", args=[plans.rhk.pk]),
        {"aspek": "BIAYA", "uraian": "", "target_nilai": "", "target_satuan": ""},
    )
    assert response.context["form"].errors == {
        "aspek": ["Aspek harus salah satu dari: Kuantitas, Kualitas, Waktu."],
        "uraian": ["Indikator kinerja individu wajib diisi."],
        "target_nilai": ["Pendekatan kuantitatif: target wajib berupa angka."],
        "target_satuan": ["Satuan target wajib diisi (mis. dokumen, persen, hari)."],
    }
    assert skp_state() == before


def test_kualitatif_iki_form_asks_for_a_narrative(agency, plans, client_for):
    services.skp_update(aktor=SYSTEM, skp=plans.skp, pendekatan="KUALITATIF")
    client = client_for("pegawai")
    page = client.get(reverse("skp:indikator-create", args=[plans.rhk.pk]))
    assert set(page.context["form"].fields) == {"aspek", "uraian", "target_narasi"}
    response = client.post(
        reverse("skp:indikator-create", args=[plans.rhk.pk]),
        {
            "aspek": "KUALITAS",
            "uraian": "Mutu laporan",
            "target_narasi": "Laporan diterima tanpa revisi",
        },
    )
    assert response.status_code == 302
    added = plans.rhk.indikator.get(uraian="Mutu laporan")
    assert (added.target_nilai, added.target_narasi) == (None, "Laporan diterima tanpa revisi")
    html = client.get(detail_url(plans.skp)).content.decode()
    assert "Laporan diterima tanpa revisi" in html


def test_aspek_biaya_is_offered_when_the_year_uses_it(agency, client_for):
    open_year(aspek_biaya=True)
    _skp, rhk = plan_with_rhk(agency.penilai)
    response = client_for("penilai").get(reverse("skp:indikator-create", args=[rhk.pk]))
    choices = [value for value, _label in response.context["form"].fields["aspek"].widget.choices]
    assert choices == ["KUANTITAS", "KUALITAS", "WAKTU", "BIAYA"]


def test_editing_a_submitted_plan_is_refused(agency, plans, client_for):
    submit(plans.skp)
    client = client_for("pegawai")
    before = skp_state()
    message = "SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."
    page = client.get(reverse("skp:rhk-create", args=[plans.skp.pk]))
    assert page.status_code == 302
    assert page.url == detail_url(plans.skp)
    assert texts(page) == [message]
    response = client.post(
        reverse("skp:rhk-create", args=[plans.skp.pk]), {"jenis": "UTAMA", "uraian": "Baru"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    deleted = client.post(reverse("skp:rhk-delete", args=[plans.rhk.pk]))
    assert texts(deleted) == [message]
    updated = client.post(reverse("skp:update", args=[plans.skp.pk]), {"pendekatan": "KUALITATIF"})
    assert updated.context["form"].non_field_errors() == [message]
    expectations = client.post(reverse("skp:expectations", args=[plans.skp.pk]), {"LOYAL": "Setia"})
    assert texts(expectations) == [message]
    assert skp_state() == before


def test_deleting_an_rhk_that_subordinates_support_is_refused(agency, plans, client_for):
    services.skp_revise(aktor=aktor_for(agency.penilai), skp=plans.leader_skp, alasan="Mutasi")
    before = skp_state()
    response = client_for("penilai").post(reverse("skp:rhk-delete", args=[plans.leader_rhk.pk]))
    assert response.status_code == 302
    assert texts(response) == [
        "RHK P-01 tidak dapat dihapus: 1 RHK bawahan mengintervensinya (Siti Aminah). "
        "Pindahkan dahulu RHK bawahan tersebut."
    ]
    assert skp_state() == before


# --- HTMX --------------------------------------------------------------------------------------


def test_htmx_rhk_form_replaces_the_rhk_then_the_section(agency, plans, client_for):
    client = client_for("pegawai")
    url = reverse("skp:rhk-update", args=[plans.rhk.pk])
    form = htmx(client, "get", url)
    html = form.content.decode()
    assert form.templates[0].name == "skp/_rhk_form.html"
    assert f'id="rhk-{plans.rhk.pk}"' in html
    assert "<html" not in html
    assert f'hx-post="{url}"' in html
    plain = client.get(url)
    assert plain.templates[0].name == "skp/rhk_form.html"
    # The page of its own posts plainly: no HTMX attributes on its form.
    assert (
        f'<form method="post" action="{url}"\n      id="rhk-{plans.rhk.pk}"'
        in plain.content.decode()
    )

    wrong = htmx(client, "post", url, {"kode": "RHK-01", "jenis": "UTAMA", "uraian": " "})
    assert "Uraian rencana hasil kerja wajib diisi." in wrong.content.decode()
    assert "HX-Retarget" not in wrong.headers

    done = htmx(
        client,
        "post",
        url,
        {
            "kode": "RHK-01",
            "jenis": "UTAMA",
            "uraian": "Uraian baru",
            "rhk_atasan": plans.leader_rhk.pk,
        },
    )
    assert done.status_code == 200
    assert done.headers["HX-Retarget"] == "#rhk-section"
    assert done.headers["HX-Reswap"] == "outerHTML"
    body = done.content.decode()
    assert 'id="rhk-section"' in body
    assert "Uraian baru" in body
    assert list(get_messages(done.wsgi_request)) == []


def test_htmx_iki_edit_form_is_a_table_row(agency, plans, client_for):
    client = client_for("pegawai")
    form = htmx(client, "get", reverse("skp:indikator-update", args=[plans.indikator.pk]))
    html = form.content.decode().strip()
    assert html.startswith(f'<tr id="iki-{plans.indikator.pk}"><td colspan="4">')
    assert 'hx-target="closest tr"' in html


def test_htmx_delete_refreshes_the_section_and_submit_problems(agency, plans, client_for):
    client = client_for("pegawai")
    response = htmx(client, "post", reverse("skp:indikator-delete", args=[plans.indikator.pk]))
    assert response.headers["HX-Retarget"] == "#rhk-section"
    assert "RHK RHK-01 belum memiliki indikator kinerja individu." in response.content.decode()


def test_htmx_form_of_a_plan_not_editable_reloads_the_page(agency, plans, client_for):
    submit(plans.skp)
    response = htmx(client_for("pegawai"), "get", reverse("skp:rhk-update", args=[plans.rhk.pk]))
    assert response.headers["HX-Redirect"] == detail_url(plans.skp)


# --- Workflow ----------------------------------------------------------------------------------


def test_submit_refused_with_the_exact_problem_list(agency, client_for):
    open_year()
    plan_with_rhk(agency.penilai, kode="P-01")  # the appraiser's plan is still a draft
    skp = services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
    services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Tersusunnya rencana kerja")
    expected = [
        "SKP pejabat penilai Anda (Budi Santoso) untuk tahun 2026 belum disetujui; "
        "SKP Anda dapat diajukan setelah itu.",
        "RHK RHK-01 belum memiliki indikator kinerja individu.",
        "RHK RHK-01 belum menyebutkan RHK pimpinan yang diintervensi.",
    ]
    client = client_for("pegawai")
    page = client.get(detail_url(skp))
    assert page.context["problems"] == expected
    for problem in expected:
        assert problem in page.content.decode()
    before = skp_state()
    response = client.post(reverse("skp:submit", args=[skp.pk]))
    assert response.status_code == 302
    assert response.url == detail_url(skp)
    assert texts(response) == expected
    assert skp_state() == before


def test_submit_refused_after_the_deadline(agency, client_for):
    open_year(batas_pengajuan_skp=datetime.date(2026, 1, 31))
    skp, _rhk = plan_with_rhk(agency.penilai)
    before = skp_state()
    response = client_for("penilai").post(reverse("skp:submit", args=[skp.pk]))
    assert texts(response) == [
        "Batas pengajuan SKP tahun 2026 telah lewat pada 31 Januari 2026; minta admin "
        "kepegawaian memperpanjang batas pengajuan."
    ]
    assert skp_state() == before


def test_submit_then_withdraw(agency, plans, client_for):
    client = client_for("pegawai")
    response = client.post(reverse("skp:submit", args=[plans.skp.pk]))
    assert texts(response) == ["SKP tahun 2026 diajukan kepada pejabat penilai."]
    assert refresh(plans.skp).status == StatusSkp.DIAJUKAN
    page = client.get(detail_url(plans.skp))
    assert page.context["can_withdraw"] is True
    assert f"diajukan {format_date(timezone.localdate())}" in page.content.decode()

    again = client.post(reverse("skp:submit", args=[plans.skp.pk]))
    assert texts(again) == ["SKP berstatus diajukan tidak dapat diajukan."]

    response = client.post(reverse("skp:withdraw", args=[plans.skp.pk]))
    assert texts(response) == ["Pengajuan SKP ditarik kembali; SKP dapat diubah lagi."]
    skp = refresh(plans.skp)
    assert skp.status == StatusSkp.DRAF
    assert [(row.aksi, row.status) for row in skp.riwayat.order_by("pk")] == [
        ("DIBUAT", "DRAF"),
        ("DIAJUKAN", "DIAJUKAN"),
        ("DITARIK", "DRAF"),
    ]
    history = client.get(detail_url(skp)).content.decode()
    assert "Pengajuan ditarik" in history


def test_withdraw_of_a_draft_is_refused(agency, plans, client_for):
    before = skp_state()
    response = client_for("pegawai").post(reverse("skp:withdraw", args=[plans.skp.pk]))
    assert texts(response) == ["Hanya SKP yang diajukan yang dapat ditarik kembali."]
    assert skp_state() == before


def test_revise_with_reason_and_read_the_approved_revision(agency, plans, client_for):
    approve(submit(plans.skp))
    client = client_for("pegawai")
    page = client.get(detail_url(plans.skp))
    assert page.context["can_revise"] is True
    assert page.context["revisi_form"] is not None
    assert "Buka revisi" in page.content.decode()
    assert 'data-testid="skp-status">Disetujui<' in page.content.decode()

    response = client.post(
        reverse("skp:revise", args=[plans.skp.pk]), {"alasan": "Mutasi ke Bagian Keuangan"}
    )
    assert texts(response) == ["Revisi ke-2 dibuka. Ubah SKP, lalu ajukan kembali."]
    skp = refresh(plans.skp)
    assert (skp.status, skp.revisi, skp.alasan_revisi) == ("DRAF", 2, "Mutasi ke Bagian Keuangan")

    client.post(
        reverse("skp:rhk-update", args=[plans.rhk.pk]),
        {
            "kode": "RHK-01",
            "jenis": "UTAMA",
            "uraian": "Uraian revisi kedua",
            "rhk_atasan": plans.leader_rhk.pk,
        },
    )
    page = client.get(detail_url(skp))
    html = page.content.decode()
    assert "<strong>Alasan revisi:</strong> Mutasi ke Bagian Keuangan" in html
    assert "Revisi ke-2 · Pendekatan Kuantitatif" in html
    assert [item.nomor for item in page.context["revisions"]] == [1]
    revision_url = reverse("skp:revision", args=[skp.pk, 1])
    assert f'href="{revision_url}"' in html

    frozen = client.get(revision_url)
    frozen_html = frozen.content.decode()
    assert frozen.context["dokumen"]["rhk_utama"][0]["uraian"] == OWN_RHK
    assert OWN_RHK in frozen_html
    assert "Uraian revisi kedua" not in frozen_html
    assert "12 laporan" in frozen_html
    assert f"P-01 {LEADER_RHK}" in frozen_html
    assert reverse("skp:revision-pdf", args=[skp.pk, 1]) in frozen_html
    assert "SKP 2026 · Siti Aminah · revisi ke-1" in frozen_html


def test_revise_without_reason_is_refused_on_the_field(agency, plans, client_for):
    approve(submit(plans.skp))
    before = skp_state()
    response = client_for("pegawai").post(
        reverse("skp:revise", args=[plans.skp.pk]), {"alasan": " "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "alasan": ["Tuliskan alasan revisi (mis. mutasi, perubahan tugas)."]
    }
    assert skp_state() == before


def test_revise_of_a_draft_is_refused(agency, plans, client_for):
    before = skp_state()
    response = client_for("pegawai").post(
        reverse("skp:revise", args=[plans.skp.pk]), {"alasan": "Mutasi"}
    )
    assert response.status_code == 302
    assert texts(response) == ["Revisi hanya dapat dibuka untuk SKP yang sudah disetujui."]
    assert skp_state() == before


def test_appraiser_sets_expectations_until_approval(agency, plans, client_for):
    submit(plans.skp)
    client = client_for("penilai")
    response = client.post(
        reverse("skp:expectations", args=[plans.skp.pk]),
        {"BERORIENTASI_PELAYANAN": "Menjawab surat dalam 3 hari", "LOYAL": ""},
    )
    assert texts(response) == ["Ekspektasi perilaku disimpan."]
    assert dict(plans.skp.ekspektasi.values_list("nilai", "ekspektasi")) == {
        "BERORIENTASI_PELAYANAN": "Menjawab surat dalam 3 hari",
        "AKUNTABEL": "",
        "KOMPETEN": "",
        "HARMONIS": "",
        "LOYAL": "",
        "ADAPTIF": "",
        "KOLABORATIF": "",
    }
    owner_page = client_for("pegawai").get(detail_url(plans.skp))
    assert owner_page.context["can_set_expectations"] is False
    assert "Menjawab surat dalam 3 hari" in owner_page.content.decode()

    approve(refresh(plans.skp))
    before = skp_state()
    refused = client.post(reverse("skp:expectations", args=[plans.skp.pk]), {"LOYAL": "Setia"})
    assert texts(refused) == ["SKP sudah disetujui; buka revisi untuk mengubahnya."]
    assert skp_state() == before


def test_update_approach_and_lampiran(agency, plans, client_for):
    client = client_for("pegawai")
    page = client.get(reverse("skp:update", args=[plans.skp.pk]))
    assert page.context["form"]["pendekatan"].value() == "KUANTITATIF"
    response = client.post(
        reverse("skp:update", args=[plans.skp.pk]),
        {
            "pendekatan": "KUANTITATIF",
            "dukungan_sumber_daya": "Anggaran rapat\n\nAplikasi SIMPEG",
            "skema_pertanggungjawaban": "Laporan bulanan",
            "konsekuensi": "",
        },
    )
    assert texts(response) == ["Pendekatan dan lampiran SKP disimpan."]
    detail = client.get(detail_url(plans.skp))
    assert detail.context["lampiran"] == [
        ("Dukungan sumber daya", ["Anggaran rapat", "Aplikasi SIMPEG"]),
        ("Skema pertanggungjawaban", ["Laporan bulanan"]),
        ("Konsekuensi", []),
    ]
    assert "<li>Aplikasi SIMPEG</li>" in detail.content.decode()


# --- Query counts ------------------------------------------------------------------------------


def _grow(plans: Plans, count: int) -> None:
    aktor = aktor_for(plans.skp.pegawai)
    for number in range(count):
        rhk = services.rhk_create(
            aktor=aktor,
            skp=plans.skp,
            uraian=f"RHK tambahan {number}",
            jenis=JenisRhk.TAMBAHAN.value if number % 2 else JenisRhk.UTAMA.value,
            rhk_atasan_id=plans.leader_rhk.pk,
        )
        for aspek in (Aspek.KUANTITAS, Aspek.WAKTU):
            services.indikator_create(
                aktor=aktor,
                rhk=rhk,
                aspek=aspek.value,
                uraian=f"IKI {number}",
                target_nilai="5",
                target_satuan="dokumen",
            )
    for other in PegawaiFactory.create_batch(count, unit=plans.skp.pegawai.unit):
        services.skp_create(aktor=SYSTEM, pegawai=other, tahun=2026)


DETAIL_QUERIES = 23
MINE_QUERIES = 27


@pytest.mark.parametrize("count", [0, 6])
def test_detail_query_count_is_flat(agency, plans, client_for, django_assert_num_queries, count):
    _grow(plans, count)
    client = client_for("pegawai")
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(detail_url(plans.skp))
    assert len(response.context["rhk_utama"]) + len(response.context["rhk_tambahan"]) == count + 1


@pytest.mark.parametrize("count", [0, 6])
def test_mine_query_count_is_flat(agency, plans, client_for, django_assert_num_queries, count):
    _grow(plans, count)
    client = client_for("pegawai")
    with django_assert_num_queries(MINE_QUERIES):
        response = client.get(reverse("skp:mine"))
    assert len(response.context["rhk_utama"]) + len(response.context["rhk_tambahan"]) == count + 1
