"""Pure rules for accounts: token format and login throttling."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "knj_"
TOKEN_VISIBLE_LENGTH = 12


def token_generate() -> str:
    """A new secret token: a fixed prefix and 40 URL-safe random characters."""
    return TOKEN_PREFIX + secrets.token_urlsafe(30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_visible_part(token: str) -> str:
    return token[:TOKEN_VISIBLE_LENGTH]


def login_locked(recent_failures: int, maximum: int) -> bool:
    """Locked once the failures in the window reach the maximum."""
    return recent_failures >= maximum
