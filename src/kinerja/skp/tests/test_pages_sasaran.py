"""Organisation goals (Perjanjian Kinerja): permission matrices of the list, create, update and
delete; the unit and year shown; create, change and delete with their indicator rows; the errors
on the right fields; refusing to delete a goal an RHK derives from."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from kinerja.conftest import ROLES
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.tests.factories import JabatanFactory, pegawai_with_account
from kinerja.skp import services
from kinerja.skp.models import IndikatorOrganisasi, SasaranOrganisasi
from kinerja.skp.tests.factories import SYSTEM, TAHUN, open_year
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

MANAGERS_OF_BAGIAN = {"admin", "superuser"}


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_data(kode: str, uraian: str, rows: list[tuple[str, str, str]], initial: int = 0):
    """The goal form as a browser posts it: the fields, then the indicator rows (blank rows
    fill up to at least 3)."""
    data: dict[str, Any] = {"kode": kode, "uraian": uraian}
    padded = rows + [("", "", "")] * max(0, 3 - len(rows))
    data |= {
        "indikator-TOTAL_FORMS": str(len(padded)),
        "indikator-INITIAL_FORMS": str(initial),
        "indikator-MIN_NUM_FORMS": "0",
        "indikator-MAX_NUM_FORMS": "1000",
    }
    for index, (text, target, satuan) in enumerate(padded):
        data |= {
            f"indikator-{index}-uraian": text,
            f"indikator-{index}-target": target,
            f"indikator-{index}-satuan": satuan,
        }
    return data


def list_url(unit, tahun: int = TAHUN) -> str:
    return f"{reverse('skp:goal-list')}?unit={unit.pk}&tahun={tahun}"


def create_url(unit, tahun: int = TAHUN) -> str:
    return f"{reverse('skp:goal-create')}?unit={unit.pk}&tahun={tahun}"


def indicators(goal: SasaranOrganisasi) -> list[tuple[str, str, str, int]]:
    return list(
        IndikatorOrganisasi.objects.filter(sasaran=goal)
        .order_by("urutan")
        .values_list("uraian", "target", "satuan", "urutan")
    )


@pytest.fixture
def goal(agency) -> SasaranOrganisasi:
    open_year()
    return services.sasaran_save(
        aktor=SYSTEM,
        unit=agency.bagian,
        tahun=TAHUN,
        kode="SS-1",
        uraian="Meningkatnya kualitas layanan kepegawaian",
        indikator=[
            {"uraian": "Indeks kepuasan layanan", "target": "3,5", "satuan": "indeks"},
            {"uraian": "Layanan tepat waktu", "target": "95", "satuan": "persen"},
        ],
    )


# --- Permission matrices ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_goal_list_matrix(agency, client_for, goal, role):
    before = skp_state()
    client = client_for(role)
    default = client.get(reverse("skp:goal-list"))
    chosen = client.get(reverse("skp:goal-list"), {"unit": agency.bagian.pk, "tahun": TAHUN})
    if role == "anonim":
        assert_login_redirect(default)
        assert_login_redirect(chosen)
        return
    # Every signed-in user reads the goals; the own unit first, else the agency's root.
    own_unit = {"pegawai": agency.bagian, "penilai": agency.bagian, "outsider": agency.lain}
    assert default.status_code == 200
    assert default.context["unit"] == own_unit.get(role, agency.root)
    assert default.context["nav_section"] == "sasaran"
    assert chosen.status_code == 200
    assert [item.kode for item in chosen.context["goals"]] == ["SS-1"]
    assert chosen.context["can_manage"] is (role in MANAGERS_OF_BAGIAN)
    page = chosen.content.decode()
    assert ('data-testid="tambah-sasaran"' in page) is (role in MANAGERS_OF_BAGIAN)
    assert (reverse("skp:goal-update", args=[goal.pk]) in page) is (role in MANAGERS_OF_BAGIAN)
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_goal_create_matrix(agency, client_for, goal, role):
    client = client_for(role)
    before = skp_state()
    get = client.get(create_url(agency.bagian))
    post = client.post(
        create_url(agency.bagian), form_data("SS-2", "Sasaran baru", [("Indikator", "1", "")])
    )
    if role in MANAGERS_OF_BAGIAN:
        assert get.status_code == 200
        assert post.status_code == 302
        assert SasaranOrganisasi.objects.filter(kode="SS-2", unit=agency.bagian).count() == 1
        return
    if role == "anonim":
        assert_login_redirect(get)
        assert_login_redirect(post)
    else:
        assert get.status_code == 403
        assert post.status_code == 403
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_goal_update_matrix(agency, client_for, goal, role):
    url = reverse("skp:goal-update", args=[goal.pk])
    client = client_for(role)
    before = skp_state()
    get = client.get(url)
    post = client.post(url, form_data("SS-1", "Diubah", [("Indikator", "1", "")], initial=2))
    if role in MANAGERS_OF_BAGIAN:
        assert get.status_code == 200
        assert post.status_code == 302
        goal.refresh_from_db()
        assert goal.uraian == "Diubah"
        return
    if role == "anonim":
        assert_login_redirect(get)
        assert_login_redirect(post)
    else:
        assert get.status_code == 403
        assert post.status_code == 403
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_goal_delete_matrix(agency, client_for, goal, role):
    url = reverse("skp:goal-delete", args=[goal.pk])
    before = skp_state()
    response = client_for(role).post(url)
    if role in MANAGERS_OF_BAGIAN:
        assert response.status_code == 302
        assert response.url == list_url(agency.bagian)
        assert sent_messages(response) == ["Sasaran SS-1 dihapus."]
        assert not SasaranOrganisasi.objects.exists()
        assert not IndikatorOrganisasi.objects.exists()
        return
    if role == "anonim":
        assert_login_redirect(response)
    else:
        assert response.status_code == 403
    assert skp_state() == before


def test_goals_of_another_subtree_are_read_only_for_its_non_admins(agency, client_for):
    open_year()
    other = services.sasaran_save(
        aktor=SYSTEM, unit=agency.lain, tahun=TAHUN, kode="L-1", uraian="Sasaran Biro Lain"
    )
    before = skp_state()
    admin = client_for("admin")
    assert admin.get(list_url(agency.lain)).context["can_manage"] is False
    assert admin.get(create_url(agency.lain)).status_code == 403
    assert admin.get(reverse("skp:goal-update", args=[other.pk])).status_code == 403
    assert admin.post(reverse("skp:goal-delete", args=[other.pk])).status_code == 403
    assert skp_state() == before
    assert client_for("superuser").get(list_url(agency.lain)).context["can_manage"] is True


def test_a_jpt_manages_the_goals_of_their_own_unit(agency, client_for):
    open_year()
    head = pegawai_with_account(
        nama="Kepala Bagian",
        unit=agency.bagian,
        jabatan=JabatanFactory(jenis_jabatan=JenisJabatan.JPT.value),
    )
    client = Client()
    client.force_login(head.pengguna)
    assert client.get(list_url(agency.bagian)).context["can_manage"] is True
    assert client.get(list_url(agency.biro)).context["can_manage"] is False
    response = client.post(
        create_url(agency.bagian), form_data("SS-9", "Sasaran kepala", [("Indeks", "3", "")])
    )
    assert response.status_code == 302
    assert client.get(create_url(agency.biro)).status_code == 403


def test_missing_units_and_goals_are_404(agency, client_for, goal):
    client = client_for("admin")
    assert client.get(reverse("skp:goal-list"), {"unit": 99999}).status_code == 404
    assert client.get(reverse("skp:goal-create")).status_code == 404
    assert client.get(reverse("skp:goal-create"), {"unit": 99999}).status_code == 404
    assert client.get(reverse("skp:goal-update", args=[goal.pk + 1])).status_code == 404
    assert client.post(reverse("skp:goal-delete", args=[goal.pk + 1])).status_code == 404
    assert client.get(reverse("skp:goal-delete", args=[goal.pk])).status_code == 405


# --- Create, change, delete ------------------------------------------------------------------


def test_list_shows_goals_with_their_indicators(agency, client_for, goal):
    response = client_for("pegawai").get(list_url(agency.bagian))
    page = response.content.decode()
    assert "Bagian SDM — tahun 2026" in page
    assert "<td>Meningkatnya kualitas layanan kepegawaian</td>" in page
    assert "<div>Indeks kepuasan layanan</div><div>Layanan tepat waktu</div>" in page
    assert "<div>3,5 indeks</div><div>95 persen</div>" in page
    empty = client_for("pegawai").get(list_url(agency.biro))
    assert empty.context["goals"] == []
    assert "Belum ada sasaran organisasi untuk unit ini pada tahun 2026." in (
        empty.content.decode()
    )


def test_create_a_goal_with_indicator_rows(agency, client_for):
    open_year()
    client = client_for("admin")
    form = client.get(create_url(agency.bagian))
    assert form.context["form"].indikator.total_form_count() == 3
    assert "Perjanjian Kinerja Bagian SDM, tahun 2026." in form.content.decode()
    response = client.post(
        create_url(agency.bagian),
        form_data(
            "SS-1",
            "Terwujudnya ASN yang profesional",
            [
                ("Persentase ASN terlatih", "80", "persen"),
                ("", "", ""),
                ("Indeks merit", "0,8", ""),
            ],
        ),
    )
    assert response.status_code == 302
    assert response.url == list_url(agency.bagian)
    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == ["Sasaran SS-1 ditambahkan."]
    created = SasaranOrganisasi.objects.get()
    assert (created.unit, created.tahun, created.kode, created.uraian, created.urutan) == (
        agency.bagian,
        TAHUN,
        "SS-1",
        "Terwujudnya ASN yang profesional",
        1,
    )
    assert indicators(created) == [
        ("Persentase ASN terlatih", "80", "persen", 1),
        ("Indeks merit", "0,8", "", 2),
    ]


def test_create_errors_go_on_the_right_fields(agency, client_for, goal):
    client = client_for("admin")
    before = skp_state()
    duplicate = client.post(create_url(agency.bagian), form_data("SS-1", "Lain", []))
    assert duplicate.status_code == 200
    assert duplicate.context["form"].errors == {"kode": ["Kode sasaran SS-1 sudah dipakai."]}
    bad_code = client.post(create_url(agency.bagian), form_data("SS 2", "Lain", []))
    assert list(bad_code.context["form"].errors) == ["kode"]
    missing = client.post(create_url(agency.bagian), form_data("SS-2", "", []))
    assert missing.context["form"].errors == {"uraian": ["Bidang ini tidak boleh kosong."]}
    half_row = client.post(
        create_url(agency.bagian),
        form_data("SS-2", "Sasaran", [("Indikator pertama", "1", ""), ("Tanpa target", "", "")]),
    )
    assert half_row.context["form"].errors == {
        "__all__": ["Indikator ke-2: uraian dan target wajib diisi."]
    }
    assert (
        '<ul class="errorlist" role="alert"><li>Indikator ke-2: uraian dan target wajib '
        "diisi.</li></ul>"
    ) in half_row.content.decode()
    no_year = client.post(create_url(agency.bagian, 2030), form_data("SS-2", "Sasaran", []))
    assert no_year.context["form"].errors == {
        "__all__": ["Tahun kinerja 2030 belum dibuka oleh admin kepegawaian."]
    }
    no_management = client.post(create_url(agency.bagian), {"kode": "SS-2", "uraian": "X"})
    assert no_management.status_code == 200
    assert no_management.context["form"].indikator.non_form_errors()
    assert skp_state() == before


def test_the_list_says_when_the_year_is_not_opened(agency, client_for, goal):
    response = client_for("admin").get(list_url(agency.bagian, 2030))
    page = response.content.decode()
    assert (
        "Tahun kinerja 2030 belum dibuka; sasaran dapat ditambahkan setelah admin kepegawaian "
        "membukanya."
    ) in page
    assert 'data-testid="tambah-sasaran"' not in page
    assert response.context["years"] == [2030, 2026]


def test_update_replaces_the_indicators(agency, client_for, goal):
    client = client_for("admin")
    url = reverse("skp:goal-update", args=[goal.pk])
    form = client.get(url)
    rows = form.context["form"].indikator
    assert rows.total_form_count() == 5
    assert [row.initial for row in rows.forms[:2]] == [
        {"uraian": "Indeks kepuasan layanan", "target": "3,5", "satuan": "indeks"},
        {"uraian": "Layanan tepat waktu", "target": "95", "satuan": "persen"},
    ]
    assert "Ubah sasaran SS-1" in form.content.decode()
    response = client.post(
        url,
        form_data(
            "SS-01",
            "Meningkatnya kualitas dan kecepatan layanan",
            [("Indeks kepuasan layanan", "3,6", "indeks"), ("", "", ""), ("Baru", "10", "hari")],
            initial=2,
        ),
    )
    assert response.url == list_url(agency.bagian)
    assert sent_messages(response) == ["Perubahan sasaran SS-01 disimpan."]
    goal.refresh_from_db()
    assert (goal.kode, goal.uraian) == ("SS-01", "Meningkatnya kualitas dan kecepatan layanan")
    assert indicators(goal) == [
        ("Indeks kepuasan layanan", "3,6", "indeks", 1),
        ("Baru", "10", "hari", 2),
    ]


def test_a_used_goal_is_not_deleted(agency, client_for, goal):
    head = pegawai_with_account(
        nama="Kepala Bagian",
        unit=agency.bagian,
        jabatan=JabatanFactory(jenis_jabatan=JenisJabatan.JPT.value),
    )
    plan = services.skp_create(aktor=SYSTEM, pegawai=head, tahun=TAHUN)
    services.rhk_create(
        aktor=SYSTEM,
        skp=plan,
        uraian="Meningkatnya layanan",
        perspektif="PENERIMA_LAYANAN",
        sasaran_id=goal.pk,
    )
    before = skp_state()
    response = client_for("admin").post(reverse("skp:goal-delete", args=[goal.pk]))
    assert response.url == list_url(agency.bagian)
    assert sent_messages(response) == ["Sasaran SS-1 dipakai oleh 1 RHK dan tidak dapat dihapus."]
    assert skp_state() == before
