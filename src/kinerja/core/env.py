"""Typed helpers that read settings from environment variables.

A bad value stops start-up with a message naming the variable, the value and what is expected.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on", "ya"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "tidak", ""})


class EnvironmentReader:
    """Reads typed values from a mapping (the process environment by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        return None if value is None else value.strip()

    def _fail(self, name: str, value: str, expected: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(
            f"Environment variable {name}={value!r} is invalid: {expected}."
        )

    def string(self, name: str, default: str | None = None, *, required: bool = False) -> str:
        value = self._raw(name)
        if value:
            return value
        if required or default is None:
            raise ImproperlyConfigured(
                f"Environment variable {name} is required but not set (see .env.example)."
            )
        return default

    def optional_string(self, name: str) -> str | None:
        return self._raw(name) or None

    def boolean(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise self._fail(name, value, "expected one of 1/0, true/false, yes/no, on/off")

    def integer(
        self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
    ) -> int:
        value = self._raw(name)
        if not value:
            return default
        try:
            number = int(value)
        except ValueError:
            raise self._fail(name, value, "expected a whole number") from None
        if minimum is not None and number < minimum:
            raise self._fail(name, value, f"expected at least {minimum}")
        if maximum is not None and number > maximum:
            raise self._fail(name, value, f"expected at most {maximum}")
        return number

    def string_list(self, name: str, default: list[str]) -> list[str]:
        value = self._raw(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self._raw(name)
        if not value:
            return default
        if value not in choices:
            raise self._fail(name, value, "expected one of " + ", ".join(choices))
        return value

    def path(self, name: str, default: Path) -> Path:
        value = self._raw(name)
        return Path(value).expanduser().resolve() if value else default

    def url(self, name: str, schemes: tuple[str, ...]) -> str | None:
        value = self._raw(name)
        if not value:
            return None
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in schemes:
            raise self._fail(
                name,
                "…" if "@" in value else value,
                "expected a URL starting with " + " or ".join(f"{s}://" for s in schemes),
            )
        return value
