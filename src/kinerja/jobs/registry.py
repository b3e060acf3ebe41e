"""Kinds of background job. Each app registers its handlers in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kinerja.jobs.progress import Progress

Handler = Callable[[dict[str, Any], Progress], dict[str, Any]]
DEFAULT_RESULT_TEMPLATE = "jobs/_hasil_umum.html"


class JobFailed(Exception):
    """Raised by a handler to end its job as failed, with a result to show (e.g. a report)."""

    def __init__(self, message: str, hasil: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.hasil = hasil or {}


@dataclass(frozen=True)
class JobKind:
    handler: Handler
    result_template: str = DEFAULT_RESULT_TEMPLATE


_KINDS: dict[str, JobKind] = {}


def register(
    jenis: str, *, result_template: str = DEFAULT_RESULT_TEMPLATE
) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        _KINDS[jenis] = JobKind(handler, result_template)
        return handler

    return decorate


def result_template(jenis: str) -> str:
    """The template showing a finished job's result (the generic one for an unknown kind)."""
    found = _KINDS.get(jenis)
    return found.result_template if found else DEFAULT_RESULT_TEMPLATE


def kind(jenis: str) -> JobKind:
    try:
        return _KINDS[jenis]
    except KeyError:
        raise LookupError(f"Unknown job kind {jenis!r}") from None
