"""The personal API token page: list, create (secret shown once), revoke with HTMX."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.akun import rules
from kinerja.akun.enums import StatusToken
from kinerja.akun.models import TokenApi
from kinerja.akun.services import token_create
from kinerja.akun.tests.helpers import accounts_state, audit_actions
from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES

pytestmark = pytest.mark.django_db
LIST = reverse("akun:token-list")


def make_token(user, nama: str = "skrip", **kwargs) -> tuple[TokenApi, str]:
    return token_create(aktor=Aktor.system(), pengguna=user, nama=nama, **kwargs)


def revoke_url(token: TokenApi) -> str:
    return reverse("akun:token-revoke", args=[token.pk])


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix_shows_only_own_tokens(agency, client_for, role):
    mine = {}
    for other_role in ROLES[1:]:
        token, _secret = make_token(agency.user(other_role), nama=f"token {other_role}")
        mine[other_role] = token
    before = accounts_state()
    response = client_for(role).get(LIST)
    if role == "anonim":
        assert response.status_code == 302
        assert response.url == f"{reverse('akun:login')}?next={LIST}"
    else:
        assert response.status_code == 200
        assert response.context["nav_section"] == "token"
        assert [row.token.pk for row in response.context["rows"]] == [mine[role].pk]
        assert f"token {role}" in response.content.decode()
    assert accounts_state() == before


def test_list_shows_every_column_in_indonesian(agency, client_for):
    user = agency.pegawai.pengguna
    active, _ = make_token(user, nama="skrip rekap")
    expired, _ = make_token(user, nama="lama", berlaku_hari=5)
    revoked, _ = make_token(user, nama="bocor")
    TokenApi.objects.filter(pk=expired.pk).update(
        kedaluwarsa_pada=timezone.now() - datetime.timedelta(days=1)
    )
    TokenApi.objects.filter(pk=revoked.pk).update(dicabut_pada=timezone.now())
    html = client_for("pegawai").get(LIST).content.decode()
    for text in (
        "Token API",
        "Nama",
        "Awalan",
        "Dibuat",
        "Terakhir dipakai",
        "Kedaluwarsa",
        "Status",
        "Belum pernah",
        "Tanpa batas",
        "Buat token",
        f"<code>{active.awalan}…</code>",
        '<span class="badge ok">Aktif</span>',
        '<span class="badge warn">Kedaluwarsa</span>',
        '<span class="badge bad">Dicabut</span>',
    ):
        assert text in html, text
    assert html.count(">Cabut</button>") == 1


def test_list_query_count_stays_flat(agency, client_for, django_assert_num_queries):
    user = agency.pegawai.pengguna
    client = client_for("pegawai")
    make_token(user)
    client.get(LIST)
    with django_assert_num_queries(6):
        client.get(LIST)
    for number in range(10):
        make_token(user, nama=f"token {number}")
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert len(response.context["rows"]) == 11


def test_create_shows_the_secret_once_and_stores_only_its_hash(agency, client_for):
    client = client_for("pegawai")
    response = client.post(LIST, {"nama": "skrip rekap", "berlaku_hari": "30"})
    assert response.status_code == 200
    secret = response.context["baru"]["rahasia"]
    html = response.content.decode()
    assert secret in html
    assert "hanya ditampilkan sekali" in html
    assert "Ctrl+C" in html
    assert response.headers["Cache-Control"].startswith("max-age=0")
    token = TokenApi.objects.get()
    assert (token.pengguna_id, token.nama, token.hash) == (
        agency.pegawai.pengguna_id,
        "skrip rekap",
        rules.token_hash(secret),
    )
    assert token.kedaluwarsa_pada is not None
    assert audit_actions() == ["token_api.create"]
    assert secret not in client.get(LIST).content.decode()


def test_create_without_validity(client_for):
    client_for("pegawai").post(LIST, {"nama": "ci", "berlaku_hari": ""})
    assert TokenApi.objects.get().kedaluwarsa_pada is None


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"nama": "", "berlaku_hari": ""}, {"nama": ["Nama token wajib diisi."]}),
        (
            {"nama": "ci", "berlaku_hari": "dua"},
            {"berlaku_hari": ["Masa berlaku harus berupa bilangan bulat."]},
        ),
        (
            {"nama": "ci", "berlaku_hari": "0"},
            {"berlaku_hari": ["Pastikan nilai ini lebih besar dari atau sama dengan 1."]},
        ),
    ],
)
def test_create_names_what_is_wrong_and_changes_nothing(agency, client_for, data, errors):
    before = accounts_state()
    response = client_for("pegawai").post(LIST, data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert response.context["baru"] is None
    assert accounts_state() == before


def test_revoke_with_htmx_returns_the_updated_row(agency, client_for):
    token, _secret = make_token(agency.pegawai.pengguna, nama="skrip rekap")
    row = client_for("pegawai").get(LIST).content.decode()
    assert f'hx-post="{revoke_url(token)}"' in row
    assert 'hx-confirm="Cabut token “skrip rekap”?' in row
    response = client_for("pegawai").post(revoke_url(token), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<tr id="token-{token.pk}"')
    assert '<span class="badge bad">Dicabut</span>' in html
    assert ">Cabut</button>" not in html
    token.refresh_from_db()
    assert token.dicabut_pada is not None
    assert audit_actions() == ["token_api.create", "token_api.revoke"]


def test_revoke_without_htmx_redirects_with_a_message(agency, client_for):
    token, _secret = make_token(agency.pegawai.pengguna, nama="skrip")
    client = client_for("pegawai")
    response = client.post(revoke_url(token))
    assert (response.status_code, response.url) == (302, LIST)
    follow = client.get(LIST)
    assert [str(message) for message in follow.context["messages"]] == ["Token skrip dicabut."]
    assert follow.context["rows"][0].status == StatusToken.DICABUT


def test_revoke_is_post_only(agency, client_for):
    token, _secret = make_token(agency.pegawai.pengguna)
    assert client_for("pegawai").get(revoke_url(token)).status_code == 405
    token.refresh_from_db()
    assert token.dicabut_pada is None


@pytest.mark.parametrize("role", ROLES)
def test_revoke_matrix_only_the_owner(agency, client_for, role):
    token, _secret = make_token(agency.pegawai.pengguna)
    before = accounts_state()
    response = client_for(role).post(revoke_url(token))
    if role == "pegawai":
        assert response.status_code == 302
        token.refresh_from_db()
        assert token.dicabut_pada is not None
        return
    if role == "anonim":
        assert response.status_code == 302
        assert response.url.startswith(reverse("akun:login"))
    else:
        assert response.status_code == 404
    assert accounts_state() == before


def test_revoking_a_missing_token_is_404(client_for):
    assert client_for("pegawai").post(reverse("akun:token-revoke", args=[999])).status_code == 404
