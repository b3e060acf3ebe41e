"""The login page (throttled by NIP and address), logout, the forced password change and the
password page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.akun.models import Pengguna, PercobaanMasuk
from kinerja.akun.tests.helpers import PASSWORD, accounts_state, audit_actions, shift_attempts
from kinerja.conftest import ROLES

pytestmark = pytest.mark.django_db
LOGIN = reverse("akun:login")
LOGOUT = reverse("akun:logout")
GANTI = reverse("akun:ganti-sandi")
BERANDA = reverse("core:beranda")
WRONG = "Pegawai-salah-99"
GENERIC = "NIP atau kata sandi salah."
NEW_PASSWORD = "Kopi-Tubruk-2025"


def lock_message(minutes: int) -> str:
    return (
        "Masuk dikunci sementara karena terlalu banyak percobaan yang gagal. "
        f"Coba lagi dalam {minutes} menit."
    )


def form_errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def post_login(client: Client, nip: str, password: str, **extra):
    return client.post(LOGIN, {"nip": nip, "kata_sandi": password, **extra})


def logged_in_user_id(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


# --- The page ------------------------------------------------------------------------------------


def test_login_page_is_in_indonesian(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_nip">NIP *</label>' in html
    assert '<label for="id_kata_sandi">Kata sandi *</label>' in html
    assert ">Masuk</button>" in html
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_login_succeeds_and_goes_home_and_is_audited(agency, client):
    user = agency.pegawai.pengguna
    response = post_login(client, user.nip, PASSWORD)
    assert response.status_code == 302
    assert response.url == BERANDA
    assert logged_in_user_id(client) == user.pk
    assert Pengguna.objects.get(pk=user.pk).last_login is not None
    assert audit_actions() == ["akun.login"]
    assert list(PercobaanMasuk.objects.values_list("nip", "alamat_ip", "berhasil")) == [
        (user.nip, "127.0.0.1", True)
    ]


def test_login_accepts_surrounding_spaces_in_the_nip(agency, client):
    user = agency.pegawai.pengguna
    post_login(client, f"  {user.nip} ", PASSWORD)
    assert logged_in_user_id(client) == user.pk


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/pekerjaan/", "/pekerjaan/"),
        ("/audit/?aksi=unit.update", "/audit/?aksi=unit.update"),
        ("https://jahat.example/curi", BERANDA),
        ("//jahat.example/", BERANDA),
        ("javascript:alert(1)", BERANDA),
    ],
)
def test_login_redirects_to_next_only_on_this_site(agency, client, next_url, expected):
    response = post_login(client, agency.pegawai.nip, PASSWORD, next=next_url)
    assert response.status_code == 302
    assert response.url == expected


def test_login_page_keeps_a_safe_next_in_the_form(client):
    hidden = '<input type="hidden" name="next" value="{}">'
    safe = client.get(LOGIN, {"next": "/pekerjaan/"}).content.decode()
    assert hidden.format("/pekerjaan/") in safe
    unsafe = client.get(LOGIN, {"next": "https://jahat.example/"}).content.decode()
    assert '<input type="hidden" name="next"' not in unsafe


def test_a_logged_in_user_is_sent_on(client_for):
    response = client_for("pegawai").get(LOGIN, {"next": "/pekerjaan/"})
    assert response.status_code == 302
    assert response.url == "/pekerjaan/"


@pytest.mark.parametrize("case", ["wrong password", "unknown nip", "inactive"])
def test_login_failures_get_the_same_generic_message(agency, client, case):
    user = agency.pegawai.pengguna
    nip, password = {
        "wrong password": (user.nip, WRONG),
        "unknown nip": ("199912312020121001", PASSWORD),
        "inactive": (user.nip, PASSWORD),
    }[case]
    if case == "inactive":
        Pengguna.objects.filter(pk=user.pk).update(is_active=False)
    response = post_login(client, nip, password)
    assert response.status_code == 200
    assert form_errors(response) == [GENERIC]
    assert logged_in_user_id(client) is None
    assert list(PercobaanMasuk.objects.values_list("nip", "berhasil", "terkunci")) == [
        (nip, False, False)
    ]
    assert audit_actions() == []


def test_empty_fields_are_named(client):
    response = client.post(LOGIN, {"nip": "", "kata_sandi": ""})
    form = response.context["form"]
    assert form.errors == {"nip": ["NIP wajib diisi."], "kata_sandi": ["Kata sandi wajib diisi."]}
    assert PercobaanMasuk.objects.count() == 0


# --- Throttling ----------------------------------------------------------------------------------


def test_five_failures_lock_the_nip_with_a_clear_message(agency, client):
    user = agency.pegawai.pengguna
    for _attempt in range(5):
        assert form_errors(post_login(client, user.nip, WRONG)) == [GENERIC]
    response = post_login(client, user.nip, PASSWORD)
    assert form_errors(response) == [lock_message(15)]
    assert lock_message(15) in response.content.decode()
    assert logged_in_user_id(client) is None
    assert PercobaanMasuk.objects.filter(terkunci=True).count() == 1


def test_the_message_says_how_long_is_left(agency, client):
    user = agency.pegawai.pengguna
    for _attempt in range(5):
        post_login(client, user.nip, WRONG)
    shift_attempts(minutes=11)
    assert form_errors(post_login(client, user.nip, PASSWORD)) == [lock_message(4)]


def test_retrying_while_locked_does_not_extend_the_lock(agency, client):
    user = agency.pegawai.pengguna
    for _attempt in range(5):
        post_login(client, user.nip, WRONG)
    shift_attempts(minutes=10)
    for _attempt in range(3):
        assert form_errors(post_login(client, user.nip, WRONG)) == [lock_message(5)]
    shift_attempts(minutes=6)
    post_login(client, user.nip, PASSWORD)
    assert logged_in_user_id(client) == user.pk


def test_the_lock_ends_after_the_window(agency, client):
    user = agency.pegawai.pengguna
    for _attempt in range(5):
        post_login(client, user.nip, WRONG)
    assert form_errors(post_login(client, user.nip, PASSWORD)) == [lock_message(15)]
    shift_attempts(minutes=14)
    assert form_errors(post_login(client, user.nip, PASSWORD)) == [lock_message(1)]
    shift_attempts(minutes=2)
    response = post_login(client, user.nip, PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == user.pk
    assert PercobaanMasuk.objects.filter(nip=user.nip, berhasil=False).count() == 0


def test_the_lock_is_per_nip(agency, client):
    for _attempt in range(5):
        post_login(client, agency.pegawai.nip, WRONG)
    post_login(client, agency.penilai.nip, PASSWORD)
    assert logged_in_user_id(client) == agency.penilai.pengguna_id


def test_the_address_is_locked_after_its_maximum(agency, client, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    for number in range(4):
        post_login(client, f"19991231202012100{number}", WRONG)
    response = post_login(client, agency.penilai.nip, PASSWORD)
    assert form_errors(response) == [lock_message(15)]
    other_address = Client(REMOTE_ADDR="10.20.30.40")
    post_login(other_address, agency.penilai.nip, PASSWORD)
    assert logged_in_user_id(other_address) == agency.penilai.pengguna_id


# --- Logout --------------------------------------------------------------------------------------


def test_logout_is_post_only(client_for):
    client = client_for("pegawai")
    assert client.get(LOGOUT).status_code == 405
    assert logged_in_user_id(client) is not None


def test_logout_ends_the_session_and_is_audited(agency, client_for):
    client = client_for("pegawai")
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response.url == LOGIN
    assert logged_in_user_id(client) is None
    assert audit_actions() == ["akun.logout"]
    follow = client.get(response.url)
    assert [str(message) for message in follow.context["messages"]] == ["Anda telah keluar."]


def test_logout_when_anonymous_just_redirects(client):
    response = client.post(LOGOUT)
    assert (response.status_code, response.url) == (302, LOGIN)
    assert audit_actions() == []


# --- Forced password change ----------------------------------------------------------------------


@pytest.fixture
def must_change(agency, client) -> Client:
    user = agency.pegawai.pengguna
    Pengguna.objects.filter(pk=user.pk).update(wajib_ganti_sandi=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["/", "/pekerjaan/", "/akun/token/", "/audit/?aksi=x"])
def test_a_user_who_must_change_is_sent_to_the_password_page(must_change, path):
    response = must_change.get(path)
    assert response.status_code == 302
    assert (
        response.url
        == f"{GANTI}?next={path.replace('/', '%2F').replace('?', '%3F').replace('=', '%3D')}"
    )


def test_a_post_is_not_processed_either(must_change):
    before = accounts_state()
    response = must_change.post(reverse("akun:token-list"), {"nama": "skrip"})
    assert (response.status_code, response.url) == (302, GANTI)
    assert accounts_state() == before


def test_htmx_requests_get_a_client_redirect(must_change):
    response = must_change.get("/pekerjaan/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == f"{GANTI}?next=%2Fpekerjaan%2F"


def test_exempt_paths_are_not_redirected(must_change):
    assert must_change.get(GANTI).status_code == 200
    assert must_change.get("/api/v1/akun/saya").status_code == 200
    assert must_change.get("/static/kinerja/kinerja.css").status_code == 404
    assert must_change.get(reverse("core:health")).status_code == 200
    assert must_change.post(LOGOUT).status_code == 302
    assert logged_in_user_id(must_change) is None


def test_users_without_the_flag_are_not_redirected(client_for):
    assert client_for("pegawai").get("/").status_code == 200


def test_after_the_change_the_user_goes_on_and_stays_logged_in(agency, must_change):
    page = must_change.get(GANTI, {"next": "/pekerjaan/"})
    assert "Anda masuk dengan kata sandi sementara" in page.content.decode()
    assert '<input type="hidden" name="next" value="/pekerjaan/">' in page.content.decode()
    response = must_change.post(
        GANTI,
        {
            "sandi_lama": PASSWORD,
            "sandi_baru": NEW_PASSWORD,
            "sandi_baru_ulang": NEW_PASSWORD,
            "next": "/pekerjaan/",
        },
    )
    assert (response.status_code, response.url) == (302, "/pekerjaan/")
    assert must_change.get("/").status_code == 200
    stored = Pengguna.objects.get(pk=agency.pegawai.pengguna_id)
    assert stored.wajib_ganti_sandi is False
    assert stored.check_password(NEW_PASSWORD)
    assert audit_actions() == ["pengguna.password_change"]


# --- The password page ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_password_page_matrix(agency, client_for, role):
    response = client_for(role).get(GANTI)
    if role == "anonim":
        assert response.status_code == 302
        assert response.url == f"{LOGIN}?next={GANTI}"
    else:
        assert response.status_code == 200
        assert "Ganti kata sandi" in response.content.decode()
        assert "kata sandi sementara" not in response.content.decode()


def test_anonymous_post_changes_nothing(agency, client):
    before = accounts_state()
    response = client.post(
        GANTI,
        {"sandi_lama": PASSWORD, "sandi_baru": NEW_PASSWORD, "sandi_baru_ulang": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert accounts_state() == before


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {
                "sandi_lama": PASSWORD,
                "sandi_baru": NEW_PASSWORD,
                "sandi_baru_ulang": "lain-lagi-123",
            },
            {"sandi_baru_ulang": ["Kedua isian kata sandi baru tidak sama."]},
        ),
        (
            {
                "sandi_lama": "keliru-123",
                "sandi_baru": NEW_PASSWORD,
                "sandi_baru_ulang": NEW_PASSWORD,
            },
            {"sandi_lama": ["Kata sandi lama salah."]},
        ),
        (
            {"sandi_lama": PASSWORD, "sandi_baru": "password", "sandi_baru_ulang": "password"},
            {"sandi_baru": ["Kata sandi ini terlalu umum."]},
        ),
        (
            {"sandi_lama": "", "sandi_baru": "", "sandi_baru_ulang": ""},
            {
                "sandi_lama": ["Kata sandi lama wajib diisi."],
                "sandi_baru": ["Kata sandi baru wajib diisi."],
                "sandi_baru_ulang": ["Ulangi kata sandi baru."],
            },
        ),
    ],
)
def test_password_page_names_what_is_wrong_and_changes_nothing(agency, client_for, data, errors):
    client = client_for("pegawai")
    before = accounts_state()
    response = client.post(GANTI, data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert accounts_state() == before


def test_password_change_keeps_the_session_and_invalidates_others(agency, client_for):
    client, other_session = client_for("pegawai"), client_for("pegawai")
    response = client.post(
        GANTI,
        {"sandi_lama": PASSWORD, "sandi_baru": NEW_PASSWORD, "sandi_baru_ulang": NEW_PASSWORD},
    )
    assert (response.status_code, response.url) == (302, BERANDA)
    assert client.get("/").status_code == 200
    assert other_session.get("/").status_code == 302
