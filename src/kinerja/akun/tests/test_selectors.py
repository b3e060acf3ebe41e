"""Reads: token authentication, token rows, login lock windows, an employee's account."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kinerja.akun import rules, selectors
from kinerja.akun.enums import StatusToken
from kinerja.akun.models import Pengguna, PercobaanMasuk, TokenApi
from kinerja.akun.services import token_create
from kinerja.akun.tests.helpers import failures_at
from kinerja.audit.services import Aktor
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.tests.factories import PegawaiFactory, PenggunaFactory, give_role

pytestmark = pytest.mark.django_db


def new_token(pengguna: Pengguna, **kwargs) -> tuple[TokenApi, str]:
    return token_create(aktor=Aktor.system(), pengguna=pengguna, nama="skrip", **kwargs)


# --- Token authentication ------------------------------------------------------------------------


def test_a_valid_token_authenticates_its_owner_and_marks_its_use():
    owner = PenggunaFactory()
    token, secret = new_token(owner)
    assert selectors.token_authenticate(secret) == owner
    token.refresh_from_db()
    assert token.terakhir_dipakai is not None
    assert timezone.now() - token.terakhir_dipakai < datetime.timedelta(seconds=5)


def test_last_use_is_written_at_most_once_a_minute(django_assert_num_queries):
    owner = PenggunaFactory()
    token, secret = new_token(owner)
    with django_assert_num_queries(2):  # read, then mark the first use
        selectors.token_authenticate(secret)
    with django_assert_num_queries(1):  # used seconds ago: read only
        selectors.token_authenticate(secret)
    earlier = timezone.now() - datetime.timedelta(minutes=2)
    TokenApi.objects.filter(pk=token.pk).update(terakhir_dipakai=earlier)
    with django_assert_num_queries(2):
        selectors.token_authenticate(secret)


def test_a_revoked_token_does_not_authenticate():
    token, secret = new_token(PenggunaFactory())
    TokenApi.objects.filter(pk=token.pk).update(dicabut_pada=timezone.now())
    assert selectors.token_authenticate(secret) is None


def test_an_expired_token_does_not_authenticate():
    token, secret = new_token(PenggunaFactory(), berlaku_hari=1)
    assert selectors.token_authenticate(secret) is not None
    TokenApi.objects.filter(pk=token.pk).update(
        kedaluwarsa_pada=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert selectors.token_authenticate(secret) is None


def test_a_token_of_an_inactive_user_does_not_authenticate():
    owner = PenggunaFactory()
    _token, secret = new_token(owner)
    Pengguna.objects.filter(pk=owner.pk).update(is_active=False)
    assert selectors.token_authenticate(secret) is None


def test_a_token_with_the_wrong_prefix_is_refused_without_a_query(django_assert_num_queries):
    _token, secret = new_token(PenggunaFactory())
    with django_assert_num_queries(0):
        assert selectors.token_authenticate("abc_" + secret[4:]) is None
        assert selectors.token_authenticate("") is None


def test_an_unknown_token_does_not_authenticate():
    new_token(PenggunaFactory())
    assert selectors.token_authenticate(rules.token_generate()) is None


# --- Token rows ----------------------------------------------------------------------------------


def test_token_rows_are_the_users_own_newest_first_with_their_status():
    owner, other = PenggunaFactory(), PenggunaFactory()
    active, _ = new_token(owner)
    revoked, _ = new_token(owner)
    expired, _ = new_token(owner, berlaku_hari=3)
    new_token(other)
    TokenApi.objects.filter(pk=revoked.pk).update(dicabut_pada=timezone.now())
    TokenApi.objects.filter(pk=expired.pk).update(
        kedaluwarsa_pada=timezone.now() - datetime.timedelta(hours=1)
    )
    rows = selectors.token_rows(owner.pk)
    assert [(row.token.pk, row.status) for row in rows] == [
        (expired.pk, StatusToken.KEDALUWARSA),
        (revoked.pk, StatusToken.DICABUT),
        (active.pk, StatusToken.AKTIF),
    ]
    assert [row.is_active for row in rows] == [False, False, True]


# --- Login lock windows ---------------------------------------------------------------------------


NIP = "198001012005011001"


@pytest.mark.parametrize(
    ("minutes_ago", "locked"),
    [
        ((1, 2, 3, 4), False),
        ((1, 2, 3, 4, 5), True),
        ((1, 2, 3, 4, 14.9), True),
        ((1, 2, 3, 4, 15.1), False),
        ((16, 17, 18, 19, 20), False),
    ],
)
def test_login_is_locked_by_nip_within_the_window(minutes_ago, locked):
    failures_at(NIP, *minutes_ago)
    assert (selectors.login_locked_until(nip=NIP, alamat_ip="10.9.9.9") is not None) is locked


def test_the_lock_ends_when_the_fifth_newest_failure_leaves_the_window():
    failures_at(NIP, 1, 2, 3, 4, 10, 12)
    until = selectors.login_locked_until(nip=NIP, alamat_ip=None)
    expected = timezone.now() + datetime.timedelta(minutes=5)
    assert abs(until - expected) < datetime.timedelta(seconds=5)


def test_successes_and_attempts_refused_while_locked_do_not_count():
    failures_at(NIP, 1, 2, 3, 4)
    PercobaanMasuk.objects.create(nip=NIP, alamat_ip="10.0.0.1", berhasil=True)
    PercobaanMasuk.objects.create(nip=NIP, alamat_ip="10.0.0.1", berhasil=False, terkunci=True)
    assert (selectors.login_locked_until(nip=NIP, alamat_ip="10.0.0.1") is not None) is False


def test_failures_of_other_nips_do_not_lock_a_nip():
    failures_at("198001012005011002", 1, 2, 3, 4, 5)
    assert (selectors.login_locked_until(nip=NIP, alamat_ip="10.9.9.9") is not None) is False


def test_login_is_locked_by_address(settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        failures_at(f"19800101200501100{number}", 1, alamat_ip="10.0.0.7")
    assert (selectors.login_locked_until(nip=NIP, alamat_ip="10.0.0.7") is not None) is True
    assert (selectors.login_locked_until(nip=NIP, alamat_ip="10.0.0.8") is not None) is False
    assert (selectors.login_locked_until(nip=NIP, alamat_ip=None) is not None) is False


def test_the_later_of_the_two_locks_wins(settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    failures_at(NIP, 10, 10, 10, 10, 10, alamat_ip="10.0.0.7")
    failures_at("198001012005011009", 2, alamat_ip="10.0.0.7")
    until = selectors.login_locked_until(nip=NIP, alamat_ip="10.0.0.7")
    # NIP lock ends in 5 minutes; the address holds 6 failures, the 6th newest 10 minutes ago.
    expected = timezone.now() + datetime.timedelta(minutes=5)
    assert abs(until - expected) < datetime.timedelta(seconds=5)
    failures_at("198001012005011008", 1, alamat_ip="10.0.0.7")
    until = selectors.login_locked_until(nip=NIP, alamat_ip="10.0.0.7")
    assert abs(until - expected) < datetime.timedelta(seconds=5)
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    until = selectors.login_locked_until(nip=NIP, alamat_ip="10.0.0.7")
    expected = timezone.now() + datetime.timedelta(minutes=13)
    assert abs(until - expected) < datetime.timedelta(seconds=5)


# --- An employee's account ------------------------------------------------------------------------


def test_account_of_pegawai_is_the_linked_one(agency):
    assert selectors.account_of_pegawai(agency.pegawai) == agency.pegawai.pengguna


def test_account_of_pegawai_falls_back_to_an_unlinked_account_with_the_nip():
    pegawai = PegawaiFactory()
    assert selectors.account_of_pegawai(pegawai) is None
    unlinked = PenggunaFactory(nip=pegawai.nip)
    assert selectors.account_of_pegawai(pegawai) == unlinked


def test_pengguna_has_roles(agency):
    assert selectors.pengguna_has_roles(agency.admin.pk) is True
    assert selectors.pengguna_has_roles(agency.pegawai.pengguna.pk) is False
    give_role(agency.pegawai.pengguna, JenisPeran.PIMPINAN, agency.bagian)
    assert selectors.pengguna_has_roles(agency.pegawai.pengguna.pk) is True
