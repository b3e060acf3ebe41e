"""Pure rules for accounts: token format and status, login throttling, temporary passwords."""

from __future__ import annotations

import datetime
import hashlib
import math
import secrets
from collections.abc import Sequence

from kinerja.akun.enums import StatusToken
from kinerja.core.i18n import gettext

TOKEN_PREFIX = "knj_"  # noqa: S105 (a public marker, not a secret)
TOKEN_VISIBLE_LENGTH = 12
TOKEN_NAME_MAX_LENGTH = 100
TOKEN_MAX_VALIDITY_DAYS = 3650

# No look-alike characters (0/O, 1/l/I), so a password read aloud or copied by hand survives.
TEMPORARY_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"  # noqa: S105
TEMPORARY_PASSWORD_GROUPS = 3
TEMPORARY_PASSWORD_GROUP_LENGTH = 4


def token_generate() -> str:
    """A new secret token: a fixed prefix and 40 URL-safe random characters."""
    return TOKEN_PREFIX + secrets.token_urlsafe(30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_visible_part(token: str) -> str:
    return token[:TOKEN_VISIBLE_LENGTH]


def token_status(
    *,
    dicabut_pada: datetime.datetime | None,
    kedaluwarsa_pada: datetime.datetime | None,
    now: datetime.datetime,
) -> StatusToken:
    """Revoked wins over expired; a token without an expiry never expires."""
    if dicabut_pada is not None:
        return StatusToken.DICABUT
    if kedaluwarsa_pada is not None and kedaluwarsa_pada <= now:
        return StatusToken.KEDALUWARSA
    return StatusToken.AKTIF


def token_errors(nama: str, berlaku_hari: int | None) -> dict[str, str]:
    """What is wrong with a new token's name and validity (empty: nothing)."""
    errors: dict[str, str] = {}
    if not nama.strip():
        errors["nama"] = gettext("Nama token wajib diisi.")
    elif len(nama.strip()) > TOKEN_NAME_MAX_LENGTH:
        errors["nama"] = gettext("Nama token paling panjang %(maksimum)d karakter.") % {
            "maksimum": TOKEN_NAME_MAX_LENGTH
        }
    if berlaku_hari is not None and not 1 <= berlaku_hari <= TOKEN_MAX_VALIDITY_DAYS:
        errors["berlaku_hari"] = gettext(
            "Masa berlaku harus antara 1 dan %(maksimum)d hari, atau dikosongkan."
        ) % {"maksimum": TOKEN_MAX_VALIDITY_DAYS}
    return errors


def login_locked(recent_failures: int, maximum: int) -> bool:
    """Locked once the failures in the window reach the maximum."""
    return recent_failures >= maximum


def lock_release(
    failures_newest_first: Sequence[datetime.datetime],
    maximum: int,
    window: datetime.timedelta,
) -> datetime.datetime | None:
    """When a lock ends, given the failures inside the window (newest first); None: not locked.

    The lock holds while `maximum` failures lie in the window, so it ends when the
    `maximum`-th newest failure leaves it.
    """
    if not login_locked(len(failures_newest_first), maximum):
        return None
    return failures_newest_first[maximum - 1] + window


def minutes_until(moment: datetime.datetime, now: datetime.datetime) -> int:
    """Whole minutes from now until a moment, rounded up, at least 1 (for "try again in …")."""
    seconds = (moment - now).total_seconds()
    return max(1, math.ceil(seconds / 60))


def temporary_password_generate() -> str:
    """A random temporary password like 'Xk7p-Qm3r-Tz9a' (about 69 bits), shown once to HR."""
    groups = (
        "".join(
            secrets.choice(TEMPORARY_PASSWORD_ALPHABET)
            for _ in range(TEMPORARY_PASSWORD_GROUP_LENGTH)
        )
        for _ in range(TEMPORARY_PASSWORD_GROUPS)
    )
    return "-".join(groups)


def account_change_allowed(
    *, actor_is_superuser: bool, target_is_superuser: bool, target_has_roles: bool
) -> bool:
    """Whether an actor who manages the employee may reset or (de)activate their account.

    An account holding a role (admin kepegawaian, pimpinan, auditor) or superuser status is
    managed by a superuser only, so that an admin cannot take over an account with more power.
    """
    if actor_is_superuser:
        return True
    return not (target_is_superuser or target_has_roles)
