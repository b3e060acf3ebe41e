"""Pure account rules: tokens, their status, lock release, temporary passwords, who may reset."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.akun import rules
from kinerja.akun.enums import StatusToken

NOW = datetime.datetime(2025, 3, 10, 9, 0, tzinfo=datetime.UTC)
WINDOW = datetime.timedelta(minutes=15)


def minutes_ago(*values: float) -> list[datetime.datetime]:
    return [NOW - datetime.timedelta(minutes=value) for value in values]


def test_token_has_prefix_length_and_is_random():
    first, second = rules.token_generate(), rules.token_generate()
    assert first.startswith("knj_")
    assert len(first) == 44
    assert first != second


def test_token_hash_is_sha256_hex():
    assert rules.token_hash("knj_abc") == hashlib.sha256(b"knj_abc").hexdigest()
    assert len(rules.token_hash("knj_abc")) == 64


def test_token_visible_part_is_the_first_twelve_characters():
    assert rules.token_visible_part("knj_ABCDEFGHIJKLMN") == "knj_ABCDEFGH"


@pytest.mark.parametrize(
    ("dicabut", "kedaluwarsa", "expected"),
    [
        (None, None, StatusToken.AKTIF),
        (None, NOW + datetime.timedelta(seconds=1), StatusToken.AKTIF),
        (None, NOW, StatusToken.KEDALUWARSA),
        (None, NOW - datetime.timedelta(days=1), StatusToken.KEDALUWARSA),
        (NOW, None, StatusToken.DICABUT),
        (NOW, NOW - datetime.timedelta(days=1), StatusToken.DICABUT),
    ],
)
def test_token_status(dicabut, kedaluwarsa, expected):
    assert (
        rules.token_status(dicabut_pada=dicabut, kedaluwarsa_pada=kedaluwarsa, now=NOW) == expected
    )


def test_token_status_labels_are_indonesian():
    assert [str(status.label) for status in StatusToken] == ["Aktif", "Kedaluwarsa", "Dicabut"]


@pytest.mark.parametrize(
    ("nama", "hari", "expected"),
    [
        ("skrip rekap", None, {}),
        ("skrip rekap", 1, {}),
        ("skrip rekap", 3650, {}),
        ("   ", None, {"nama": "Nama token wajib diisi."}),
        ("x" * 101, None, {"nama": "Nama token paling panjang 100 karakter."}),
        (
            "skrip",
            0,
            {"berlaku_hari": "Masa berlaku harus antara 1 dan 3650 hari, atau dikosongkan."},
        ),
        (
            "",
            3651,
            {
                "nama": "Nama token wajib diisi.",
                "berlaku_hari": "Masa berlaku harus antara 1 dan 3650 hari, atau dikosongkan.",
            },
        ),
    ],
)
def test_token_errors(nama, hari, expected):
    assert rules.token_errors(nama, hari) == expected


@pytest.mark.parametrize(("failures", "locked"), [(0, False), (4, False), (5, True), (9, True)])
def test_login_locked_from_the_maximum(failures, locked):
    assert rules.login_locked(failures, 5) is locked


def test_lock_release_is_none_below_the_maximum():
    assert rules.lock_release(minutes_ago(1, 2, 3, 4), 5, WINDOW) is None


def test_lock_release_is_when_the_maximum_th_newest_failure_leaves_the_window():
    failures = minutes_ago(1, 2, 3, 4, 10, 14)
    assert rules.lock_release(failures, 5, WINDOW) == NOW - datetime.timedelta(minutes=10) + WINDOW


@given(st.lists(st.integers(min_value=0, max_value=14 * 60), min_size=5, max_size=20))
def test_lock_release_ends_the_lock_exactly(seconds_ago):
    """Property: just before the release the window still holds the maximum, just after not."""
    failures = sorted(
        (NOW - datetime.timedelta(seconds=value) for value in seconds_ago), reverse=True
    )
    release = rules.lock_release(failures, 5, WINDOW)
    assert release is not None

    def count_at(moment: datetime.datetime) -> int:
        return sum(1 for failure in failures if failure >= moment - WINDOW)

    assert count_at(release) >= 5
    assert count_at(release + datetime.timedelta(microseconds=1)) < 5


@pytest.mark.parametrize(
    ("seconds", "minutes"), [(1, 1), (60, 1), (61, 2), (899.5, 15), (900, 15), (-5, 1)]
)
def test_minutes_until_rounds_up_and_is_at_least_one(seconds, minutes):
    assert rules.minutes_until(NOW + datetime.timedelta(seconds=seconds), NOW) == minutes


def test_temporary_password_format():
    password = rules.temporary_password_generate()
    groups = password.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(rules.TEMPORARY_PASSWORD_ALPHABET)
    assert not set("0O1lI") & set(password)


def test_temporary_passwords_differ():
    assert len({rules.temporary_password_generate() for _ in range(50)}) == 50


@pytest.mark.parametrize(
    ("actor_superuser", "target_superuser", "target_roles", "allowed"),
    [
        (False, False, False, True),
        (False, True, False, False),
        (False, False, True, False),
        (True, True, True, True),
        (True, False, False, True),
    ],
)
def test_account_change_allowed(actor_superuser, target_superuser, target_roles, allowed):
    assert (
        rules.account_change_allowed(
            actor_is_superuser=actor_superuser,
            target_is_superuser=target_superuser,
            target_has_roles=target_roles,
        )
        is allowed
    )
