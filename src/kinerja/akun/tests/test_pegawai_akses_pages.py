"""The page where HR creates, resets and (de)activates an employee's login account."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.akun.models import Pengguna
from kinerja.akun.tests.helpers import PASSWORD, accounts_state, audit_actions
from kinerja.conftest import ROLES
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory, give_role

pytestmark = pytest.mark.django_db
MANAGERS = ("admin", "superuser")


def page_url(pegawai: Pegawai) -> str:
    return reverse("akun:pegawai-akses", args=[pegawai.pk])


def sandi_url(pegawai: Pegawai) -> str:
    return reverse("akun:pegawai-akses-sandi", args=[pegawai.pk])


def aktif_url(pegawai: Pegawai) -> str:
    return reverse("akun:pegawai-akses-aktif", args=[pegawai.pk])


def flash(client) -> list[str]:
    return [str(message) for message in client.get("/akun/token/").context["messages"]]


# --- Permission matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(agency, client_for, role):
    before = accounts_state()
    response = client_for(role).get(page_url(agency.pegawai))
    if role == "anonim":
        assert response.status_code == 302
        assert response.url.startswith(reverse("akun:login"))
    elif role in MANAGERS:
        assert response.status_code == 200
        assert response.context["pegawai"] == agency.pegawai
        assert response.context["akun"] == agency.pegawai.pengguna
        assert response.context["can_change"] is True
    else:
        assert response.status_code == 404
    assert accounts_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_reset_matrix(agency, client_for, role):
    before = accounts_state()
    response = client_for(role).post(sandi_url(agency.pegawai))
    if role in MANAGERS:
        assert response.status_code == 200
        temporary = response.context["sandi_sementara"]
        assert Pengguna.objects.get(pk=agency.pegawai.pengguna_id).check_password(temporary)
        assert audit_actions() == ["pengguna.password_reset"]
        return
    if role == "anonim":
        assert response.status_code == 302
    else:
        assert response.status_code == 404
    assert accounts_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_deactivate_matrix(agency, client_for, role):
    before = accounts_state()
    response = client_for(role).post(aktif_url(agency.pegawai), {"aktif": "0"})
    if role in MANAGERS:
        assert (response.status_code, response.url) == (302, page_url(agency.pegawai))
        assert Pengguna.objects.get(pk=agency.pegawai.pengguna_id).is_active is False
        assert audit_actions() == ["pengguna.deactivate"]
        return
    if role == "anonim":
        assert response.status_code == 302
        assert response.url.startswith(reverse("akun:login"))
    else:
        assert response.status_code == 404
    assert accounts_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_an_employee_outside_the_admins_subtree(agency, client_for, role):
    """The outsider works in Biro Lain: only the superuser manages the account."""
    before = accounts_state()
    responses = [
        client_for(role).get(page_url(agency.outsider)),
        client_for(role).post(sandi_url(agency.outsider)),
        client_for(role).post(aktif_url(agency.outsider), {"aktif": "0"}),
    ]
    statuses = [response.status_code for response in responses]
    if role == "superuser":
        assert statuses == [200, 200, 302]
        return
    assert statuses == ([302, 302, 302] if role == "anonim" else [404, 404, 404])
    assert accounts_state() == before


def test_a_missing_employee_is_404(client_for):
    assert client_for("superuser").get(reverse("akun:pegawai-akses", args=[999])).status_code == 404


def test_the_actions_are_post_only(agency, client_for):
    client = client_for("admin")
    before = accounts_state()
    assert client.get(sandi_url(agency.pegawai)).status_code == 405
    assert client.get(aktif_url(agency.pegawai)).status_code == 405
    assert accounts_state() == before


# --- What the page shows and does ----------------------------------------------------------------


def test_page_of_an_employee_without_account(agency, client_for):
    pegawai = PegawaiFactory(unit=agency.bagian, nama="Rina Marlina")
    response = client_for("admin").get(page_url(pegawai))
    html = response.content.decode()
    assert response.context["akun"] is None
    assert "Pegawai ini belum memiliki akun login." in html
    assert ">Buat akun</button>" in html
    assert "Nonaktifkan akun" not in html
    assert response.context["nav_section"] == "pegawai"


def test_page_of_an_employee_with_account(agency, client_for):
    html = client_for("admin").get(page_url(agency.pegawai)).content.decode()
    for text in (
        "Akun login pegawai",
        agency.pegawai.nip,
        '<span class="badge ok">Aktif</span>',
        "Belum pernah masuk",
        ">Atur ulang kata sandi</button>",
        ">Nonaktifkan akun</button>",
    ):
        assert text in html, text


def test_page_shows_the_last_login(agency, client_for, client):
    client.post(reverse("akun:login"), {"nip": agency.pegawai.nip, "kata_sandi": PASSWORD})
    response = client_for("admin").get(page_url(agency.pegawai))
    last_login = Pengguna.objects.get(pk=agency.pegawai.pengguna_id).last_login
    assert last_login is not None
    assert "Belum pernah masuk" not in response.content.decode()
    assert response.context["akun"].last_login == last_login


def test_create_account_shows_the_temporary_password_once(agency, client_for, client):
    pegawai = PegawaiFactory(unit=agency.bagian, nama="Rina Marlina")
    admin = client_for("admin")
    response = admin.post(sandi_url(pegawai))
    temporary = response.context["sandi_sementara"]
    html = response.content.decode()
    assert "Akun dibuat" in html
    assert temporary in html
    assert response.headers["Cache-Control"].startswith("max-age=0")
    pegawai.refresh_from_db()
    account = Pengguna.objects.get(pk=pegawai.pengguna_id)
    assert (account.nip, account.nama, account.wajib_ganti_sandi) == (
        pegawai.nip,
        "Rina Marlina",
        True,
    )
    assert temporary not in admin.get(page_url(pegawai)).content.decode()
    # The employee logs in with it and must change it first.
    login = client.post(reverse("akun:login"), {"nip": pegawai.nip, "kata_sandi": temporary})
    assert login.status_code == 302
    assert client.get("/").url == f"{reverse('akun:ganti-sandi')}?next=%2F"


def test_reset_shows_its_title(agency, client_for):
    html = client_for("admin").post(sandi_url(agency.pegawai)).content.decode()
    assert "Kata sandi diatur ulang" in html


def test_reset_of_an_inactive_employee_is_refused_with_a_message(agency, client_for):
    Pegawai.objects.filter(pk=agency.pegawai.pk).update(aktif=False)
    client = client_for("admin")
    before = accounts_state()
    response = client.post(sandi_url(agency.pegawai))
    assert (response.status_code, response.url) == (302, page_url(agency.pegawai))
    assert flash(client) == [
        "Pegawai Siti Aminah nonaktif; akunnya tidak dapat dibuat atau diatur ulang."
    ]
    assert accounts_state() == before


def test_deactivate_then_reactivate(agency, client_for):
    client = client_for("admin")
    client.post(aktif_url(agency.pegawai), {"aktif": "0"})
    assert flash(client) == ["Akun dinonaktifkan."]
    html = client.get(page_url(agency.pegawai)).content.decode()
    assert '<span class="badge bad">Nonaktif</span>' in html
    assert ">Aktifkan akun</button>" in html
    client.post(aktif_url(agency.pegawai), {"aktif": "1"})
    assert flash(client) == ["Akun diaktifkan."]
    assert Pengguna.objects.get(pk=agency.pegawai.pengguna_id).is_active is True
    assert audit_actions() == ["pengguna.deactivate", "pengguna.activate"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Pilih aktifkan atau nonaktifkan."),
        (
            {"aktif": "x"},
            "Masukkan pilihan yang valid. x bukan salah satu dari pilihan yang tersedia.",
        ),
    ],
)
def test_bad_activation_input_changes_nothing(agency, client_for, data, message):
    client = client_for("admin")
    before = accounts_state()
    client.post(aktif_url(agency.pegawai), data)
    assert flash(client) == [message]
    assert accounts_state() == before


def test_activation_without_account_is_refused(agency, client_for):
    pegawai = PegawaiFactory(unit=agency.bagian)
    client = client_for("admin")
    before = accounts_state()
    client.post(aktif_url(pegawai), {"aktif": "0"})
    assert flash(client) == ["Pegawai ini belum memiliki akun login; buat akun terlebih dahulu."]
    assert accounts_state() == before


# --- Accounts with more power ---------------------------------------------------------------------


@pytest.fixture
def powerful(agency) -> Pegawai:
    """The employee also leads Bagian SDM: a role only a superuser may take over."""
    give_role(agency.pegawai.pengguna, JenisPeran.PIMPINAN, agency.bagian)
    return agency.pegawai


def test_admin_sees_but_cannot_reset_an_account_with_a_role(agency, client_for, powerful):
    client = client_for("admin")
    page = client.get(page_url(powerful))
    assert page.status_code == 200
    assert page.context["can_change"] is False
    html = page.content.decode()
    assert "hanya superuser yang dapat" in html
    assert "Atur ulang kata sandi</button>" not in html
    before = accounts_state()
    assert client.post(sandi_url(powerful)).status_code == 403
    assert client.post(aktif_url(powerful), {"aktif": "0"}).status_code == 403
    assert accounts_state() == before


def test_superuser_resets_an_account_with_a_role(agency, client_for, powerful):
    response = client_for("superuser").post(sandi_url(powerful))
    assert response.status_code == 200
    assert Pengguna.objects.get(pk=powerful.pengguna_id).check_password(
        response.context["sandi_sementara"]
    )


def test_admin_cannot_take_over_a_superuser_account_through_its_nip(agency, client_for):
    """An employee record without a link, whose NIP is the superuser's login."""
    pegawai = PegawaiFactory(unit=agency.bagian, nip=agency.superuser.nip)
    client = client_for("admin")
    before = accounts_state()
    assert client.get(page_url(pegawai)).context["can_change"] is False
    assert client.post(sandi_url(pegawai)).status_code == 403
    assert accounts_state() == before


def test_superuser_cannot_deactivate_themself(agency, client_for):
    pegawai = PegawaiFactory(unit=agency.bagian)
    Pegawai.objects.filter(pk=pegawai.pk).update(pengguna=agency.superuser)
    client = client_for("superuser")
    before = accounts_state()
    client.post(aktif_url(pegawai), {"aktif": "0"})
    assert flash(client) == ["Anda tidak dapat menonaktifkan akun Anda sendiri."]
    assert accounts_state() == before
