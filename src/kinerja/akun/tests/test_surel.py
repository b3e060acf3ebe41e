"""The user's own e-mail address for notifications: service, page and API."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.akun import services
from kinerja.akun.tests.helpers import accounts_state
from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES


def test_the_address_is_set_audited_and_cleared(agency):
    user = agency.pegawai.pengguna
    aktor = Aktor.of_user(user)
    services.pengguna_email_set(aktor=aktor, pengguna=user, email="  siti@example.go.id ")
    user.refresh_from_db()
    assert user.email == "siti@example.go.id"
    entry = Entri.objects.order_by("-urutan").first()
    assert (entry.aksi, entry.sebelum, entry.sesudah) == (
        "pengguna.email",
        {"email": ""},
        {"email": "siti@example.go.id"},
    )
    before = accounts_state()
    services.pengguna_email_set(aktor=aktor, pengguna=user, email="siti@example.go.id")
    assert accounts_state() == before  # unchanged: nothing written
    services.pengguna_email_set(aktor=aktor, pengguna=user, email="")
    user.refresh_from_db()
    assert user.email == ""


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("bukan-surel", "Alamat surel tidak valid."),
        ("a@", "Alamat surel tidak valid."),
        ("@b.id", "Alamat surel tidak valid."),
        ("x" * 250 + "@b.id", "Alamat surel terlalu panjang."),
    ],
)
def test_a_bad_address_is_refused_and_nothing_changes(agency, email, message):
    user = agency.pegawai.pengguna
    before = accounts_state()
    with pytest.raises(ValidationError) as refusal:
        services.pengguna_email_set(aktor=Aktor.of_user(user), pengguna=user, email=email)
    assert refusal.value.message_dict == {"email": [message]}
    assert accounts_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_every_user_sets_their_own_address_on_the_page(agency, client_for, role):
    client = client_for(role)
    response = client.post(reverse("akun:surel"), {"email": "saya@example.go.id"})
    if role == "anonim":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("akun:login"))
        return
    assert response.status_code == 302
    user = agency.user(role)
    user.refresh_from_db()
    assert user.email == "saya@example.go.id"
    page = client.get(reverse("akun:surel"))
    assert 'value="saya@example.go.id"' in page.content.decode()


def test_the_page_shows_the_error_on_the_field(agency, client_for):
    response = client_for("pegawai").post(reverse("akun:surel"), {"email": "salah"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["Alamat surel tidak valid."]}


@pytest.mark.parametrize("role", ROLES)
def test_the_api_sets_my_address(agency, client_for, role):
    response = client_for(role).put(
        "/api/v1/akun/saya/surel",
        data=json.dumps({"email": "api@example.go.id"}),
        content_type="application/json",
    )
    if role == "anonim":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert response.json()["email"] == "api@example.go.id"
    refused = client_for(role).put(
        "/api/v1/akun/saya/surel", data=json.dumps({"email": "x"}), content_type="application/json"
    )
    assert refused.status_code == 422
