"""Accounts API: the three ways to authenticate, who am I, tokens, and HR's account actions."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.akun import rules
from kinerja.akun.models import Pengguna, TokenApi
from kinerja.akun.services import token_create
from kinerja.akun.tests.helpers import accounts_state, audit_actions
from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.tests.factories import PegawaiFactory, give_role

pytestmark = pytest.mark.django_db
BASE = "/api/v1/akun/"
SAYA = f"{BASE}saya"
TOKEN = f"{BASE}token"
MANAGERS = ("admin", "superuser")


def make_token(user, nama: str = "skrip", **kwargs) -> tuple[TokenApi, str]:
    return token_create(aktor=Aktor.system(), pengguna=user, nama=nama, **kwargs)


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def api_key(secret: str) -> Client:
    return Client(headers={"X-API-Key": secret})


# --- Authentication ------------------------------------------------------------------------------


def test_bearer_token_authenticates(agency):
    _token, secret = make_token(agency.pegawai.pengguna)
    response = bearer(secret).get(SAYA)
    assert response.status_code == 200
    assert response.json()["nip"] == agency.pegawai.nip


def test_api_key_header_authenticates(agency):
    _token, secret = make_token(agency.penilai.pengguna)
    response = api_key(secret).get(SAYA)
    assert response.status_code == 200
    assert response.json()["nip"] == agency.penilai.nip


def test_session_authenticates(client_for, agency):
    response = client_for("admin").get(SAYA)
    assert response.status_code == 200
    assert response.json()["nip"] == agency.admin.nip


def test_session_writes_need_the_csrf_token(agency):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agency.pegawai.pengguna)
    refused = client.post(TOKEN, {"nama": "skrip"}, content_type="application/json")
    assert refused.status_code == 403
    assert TokenApi.objects.count() == 0
    client.get(reverse("akun:token-list"))
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        TOKEN, {"nama": "skrip"}, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 201
    assert TokenApi.objects.count() == 1


def test_token_writes_need_no_csrf_token(agency):
    _token, secret = make_token(agency.pegawai.pengguna)
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    response = client.post(TOKEN, {"nama": "lain"}, content_type="application/json")
    assert response.status_code == 201


@pytest.mark.parametrize("case", ["revoked", "expired", "unknown", "inactive", "prefix", "none"])
def test_bad_tokens_get_401(agency, case):
    user = agency.pegawai.pengguna
    token, secret = make_token(user, berlaku_hari=1)
    if case == "revoked":
        TokenApi.objects.filter(pk=token.pk).update(dicabut_pada=timezone.now())
    elif case == "expired":
        TokenApi.objects.filter(pk=token.pk).update(
            kedaluwarsa_pada=timezone.now() - datetime.timedelta(minutes=1)
        )
    elif case == "unknown":
        secret = rules.token_generate()
    elif case == "inactive":
        Pengguna.objects.filter(pk=user.pk).update(is_active=False)
    elif case == "prefix":
        secret = "xyz_" + secret[4:]
    clients = [Client()] if case == "none" else [bearer(secret), api_key(secret)]
    for client in clients:
        response = client.get(SAYA)
        assert response.status_code == 401
        assert response.json() == {"detail": "Unauthorized"}


def test_only_the_sha256_hash_is_stored(agency):
    _token, secret = make_token(agency.pegawai.pengguna)
    stored = TokenApi.objects.values()[0]
    assert stored["hash"] == rules.token_hash(secret)
    assert all(secret not in str(value) for value in stored.values())


def test_use_is_recorded(agency):
    token, secret = make_token(agency.pegawai.pengguna)
    bearer(secret).get(SAYA)
    token.refresh_from_db()
    assert token.terakhir_dipakai is not None


# --- Who am I ------------------------------------------------------------------------------------


EXPECTED_ROLES = {
    "pegawai": ["Pegawai"],
    "penilai": ["Pegawai", "Pejabat penilai"],
    "outsider": ["Pegawai"],
    "admin": ["Pegawai", "Admin kepegawaian"],
    "pimpinan": ["Pegawai", "Pimpinan unit"],
    "auditor": ["Pegawai", "Auditor"],
    "superuser": ["Pegawai", "Superuser"],
}


@pytest.mark.parametrize("role", ROLES)
def test_saya_matrix(agency, client_for, role):
    response = client_for(role).get(SAYA)
    if role == "anonim":
        assert response.status_code == 401
        return
    user = agency.user(role)
    pegawai = {"pegawai": agency.pegawai, "penilai": agency.penilai, "outsider": agency.outsider}
    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "nip": user.nip,
        "nama": user.nama,
        "peran": EXPECTED_ROLES[role],
        "pegawai_id": pegawai[role].pk if role in pegawai else None,
        "wajib_ganti_sandi": False,
        "email": "",
    }


# --- Tokens --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_token_list_matrix_only_own(agency, client_for, role):
    tokens = {name: make_token(agency.user(name), nama=f"t-{name}")[0] for name in ROLES[1:]}
    response = client_for(role).get(TOKEN)
    if role == "anonim":
        assert response.status_code == 401
        return
    token = tokens[role]
    assert response.status_code == 200
    body = response.json()
    created = datetime.datetime.fromisoformat(body[0].pop("dibuat_pada"))
    assert created == token.dibuat_pada.replace(
        microsecond=token.dibuat_pada.microsecond // 1000 * 1000
    )
    assert body == [
        {
            "id": token.pk,
            "nama": f"t-{role}",
            "awalan": token.awalan,
            "status": "AKTIF",
            "terakhir_dipakai": None,
            "kedaluwarsa_pada": None,
            "dicabut_pada": None,
        }
    ]


def test_token_create_returns_the_secret_once(agency, client_for):
    client = client_for("pegawai")
    response = client.post(
        TOKEN, {"nama": "skrip rekap", "berlaku_hari": 7}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    token = TokenApi.objects.get()
    assert body["rahasia"].startswith("knj_")
    assert token.hash == rules.token_hash(body["rahasia"])
    assert (body["id"], body["nama"], body["awalan"], body["status"]) == (
        token.pk,
        "skrip rekap",
        body["rahasia"][:12],
        "AKTIF",
    )
    assert body["kedaluwarsa_pada"] is not None
    assert "rahasia" not in client.get(TOKEN).json()[0]
    assert bearer(body["rahasia"]).get(SAYA).json()["nip"] == agency.pegawai.nip
    assert audit_actions() == ["token_api.create"]


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"nama": "  "}, {"nama": ["Nama token wajib diisi."]}),
        ({"nama": "x" * 101}, {"nama": ["Nama token paling panjang 100 karakter."]}),
        (
            {"nama": "ci", "berlaku_hari": 0},
            {"berlaku_hari": ["Masa berlaku harus antara 1 dan 3650 hari, atau dikosongkan."]},
        ),
    ],
)
def test_token_create_rejects_bad_input(agency, client_for, payload, errors):
    before = accounts_state()
    response = client_for("pegawai").post(TOKEN, payload, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == errors
    assert accounts_state() == before


def test_token_list_query_count_stays_flat(agency, django_assert_num_queries):
    user = agency.pegawai.pengguna
    _token, secret = make_token(user)
    client = bearer(secret)
    client.get(TOKEN)  # marks the first use
    with django_assert_num_queries(2):  # the token, the list
        assert len(client.get(TOKEN).json()) == 1
    for number in range(10):
        make_token(user, nama=f"token {number}")
    with django_assert_num_queries(2):
        assert len(client.get(TOKEN).json()) == 11


def test_anonymous_token_create_is_401(agency):
    response = Client().post(TOKEN, {"nama": "x"}, content_type="application/json")
    assert response.status_code == 401
    assert TokenApi.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_token_revoke_matrix_only_own(agency, client_for, role):
    token, secret = make_token(agency.pegawai.pengguna)
    before = accounts_state()
    response = client_for(role).delete(f"{TOKEN}/{token.pk}")
    if role == "pegawai":
        assert response.status_code == 200
        assert response.json()["status"] == "DICABUT"
        assert response.json()["dicabut_pada"] is not None
        assert bearer(secret).get(SAYA).status_code == 401
        return
    assert response.status_code == (401 if role == "anonim" else 404)
    assert accounts_state() == before


def test_token_can_revoke_itself_and_a_second_revoke_changes_nothing(agency):
    token, secret = make_token(agency.pegawai.pengguna)
    client = bearer(secret)
    assert client.delete(f"{TOKEN}/{token.pk}").status_code == 200
    assert client.delete(f"{TOKEN}/{token.pk}").status_code == 401
    _other, other_secret = make_token(agency.pegawai.pengguna)
    again = bearer(other_secret).delete(f"{TOKEN}/{token.pk}")
    assert again.status_code == 200
    assert again.json()["status"] == "DICABUT"
    assert audit_actions() == ["token_api.create", "token_api.revoke", "token_api.create"]


def test_revoking_a_missing_token_is_404(client_for):
    assert client_for("pegawai").delete(f"{TOKEN}/999").status_code == 404


# --- HR: an employee's account -------------------------------------------------------------------


def akses(pegawai) -> str:
    return f"{BASE}pegawai/{pegawai.pk}/akses"


def aktif(pegawai) -> str:
    return f"{BASE}pegawai/{pegawai.pk}/aktif"


@pytest.mark.parametrize("role", ROLES)
def test_provision_matrix(agency, client_for, role):
    pegawai = PegawaiFactory(unit=agency.bagian, nama="Rina Marlina")
    before = accounts_state()
    response = client_for(role).post(akses(pegawai))
    if role in MANAGERS:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        body = response.json()
        account = Pengguna.objects.get(nip=pegawai.nip)
        assert account.check_password(body.pop("sandi_sementara"))
        assert body == {
            "pengguna_id": account.pk,
            "nip": pegawai.nip,
            "nama": "Rina Marlina",
            "aktif": True,
            "wajib_ganti_sandi": True,
            "terakhir_masuk": None,
            "dibuat": True,
        }
        assert audit_actions() == ["pengguna.create", "pegawai.update"]
        return
    assert response.status_code == (401 if role == "anonim" else 404)
    assert accounts_state() == before


def test_provision_of_an_existing_account_resets_it(agency, client_for):
    body = client_for("admin").post(akses(agency.pegawai)).json()
    assert body["dibuat"] is False
    assert body["pengguna_id"] == agency.pegawai.pengguna_id
    assert Pengguna.objects.get(pk=agency.pegawai.pengguna_id).check_password(
        body["sandi_sementara"]
    )


@pytest.mark.parametrize("role", ROLES)
def test_provision_outside_the_admins_subtree(agency, client_for, role):
    before = accounts_state()
    response = client_for(role).post(akses(agency.outsider))
    if role == "superuser":
        assert response.status_code == 200
        return
    assert response.status_code == (401 if role == "anonim" else 404)
    assert accounts_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_set_active_matrix(agency, client_for, role):
    before = accounts_state()
    response = client_for(role).post(
        aktif(agency.pegawai), {"aktif": False}, content_type="application/json"
    )
    if role in MANAGERS:
        assert response.status_code == 200
        user = agency.pegawai.pengguna
        assert response.json() == {
            "pengguna_id": user.pk,
            "nip": user.nip,
            "nama": user.nama,
            "aktif": False,
            "wajib_ganti_sandi": False,
            "terakhir_masuk": None,
        }
        assert Pengguna.objects.get(pk=user.pk).is_active is False
        assert audit_actions() == ["pengguna.deactivate"]
        return
    assert response.status_code == (401 if role == "anonim" else 404)
    assert accounts_state() == before


def test_set_active_without_account_is_422(agency, client_for):
    pegawai = PegawaiFactory(unit=agency.bagian)
    response = client_for("admin").post(
        aktif(pegawai), {"aktif": True}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "aktif": ["Pegawai ini belum memiliki akun login; buat akun terlebih dahulu."]
    }


def test_inactive_employee_provision_is_422(agency, client_for):
    agency.pegawai.aktif = False
    agency.pegawai.save(update_fields=["aktif"])
    before = accounts_state()
    response = client_for("admin").post(akses(agency.pegawai))
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "pegawai": ["Pegawai Siti Aminah nonaktif; akunnya tidak dapat dibuat atau diatur ulang."]
    }
    assert accounts_state() == before


def test_admin_gets_403_for_an_account_with_a_role(agency, client_for):
    give_role(agency.pegawai.pengguna, JenisPeran.ADMIN_KEPEGAWAIAN, agency.bagian)
    client = client_for("admin")
    before = accounts_state()
    message = (
        "Akun ini memiliki peran atau status superuser; hanya superuser yang dapat "
        "mengatur ulang atau mengubah status akunnya."
    )
    provision = client.post(akses(agency.pegawai))
    activation = client.post(
        aktif(agency.pegawai), {"aktif": False}, content_type="application/json"
    )
    assert (provision.status_code, provision.json()) == (403, {"detail": message})
    assert (activation.status_code, activation.json()) == (403, {"detail": message})
    assert accounts_state() == before
    assert client_for("superuser").post(akses(agency.pegawai)).status_code == 200


def test_a_deactivated_users_session_gets_401(agency, client_for):
    client = client_for("pegawai")
    client_for("admin").post(
        aktif(agency.pegawai), {"aktif": False}, content_type="application/json"
    )
    assert client.get(SAYA).status_code == 401
