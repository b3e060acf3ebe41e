"""Progress reporting for long work: to the job record (browser) or to a terminal."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO, cast

from django.core.cache import cache
from django.core.management.base import OutputWrapper


class Progress(Protocol):
    def start(self, total: int, stage: str = "") -> None: ...

    def advance(self, amount: int = 1) -> None: ...


class NullProgress:
    def start(self, total: int, stage: str = "") -> None:
        return None

    def advance(self, amount: int = 1) -> None:
        return None


def progress_cache_key(job_id: object) -> str:
    return f"kinerja:job-progress:{job_id}"


class JobProgress:
    """Writes progress to the cache, outside the job's own database transaction.

    An all-or-nothing import holds its transaction (and on SQLite the write lock) until the end,
    so progress cannot go through the database; the cache is shared by the web processes.
    """

    def __init__(self, job_id: object, interval_seconds: float = 0.3) -> None:
        self.key = progress_cache_key(job_id)
        self.interval = interval_seconds
        self.total = 0
        self.done = 0
        self.stage = ""
        self._last_write = 0.0

    def start(self, total: int, stage: str = "") -> None:
        self.total, self.done, self.stage = max(total, 0), 0, stage
        self._write(force=True)

    def advance(self, amount: int = 1) -> None:
        self.done = min(self.done + amount, self.total) if self.total else self.done + amount
        self._write(force=self.done >= self.total)

    def _write(self, *, force: bool) -> None:
        now = time.monotonic()
        if force or now - self._last_write >= self.interval:
            cache.set(
                self.key, {"done": self.done, "total": self.total, "stage": self.stage}, 86400
            )
            self._last_write = now


class TerminalProgress:
    """A progress bar on a terminal; on a pipe, a line every tenth of the way."""

    width = 30

    def __init__(self, stream: TextIO | OutputWrapper | None = None) -> None:
        self.stream = _raw_stream(stream)
        self.interactive = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total = 0
        self.done = 0
        self.stage = ""
        self._last_tenth = -1
        self._last_draw = 0.0

    def start(self, total: int, stage: str = "") -> None:
        if self.total and self.interactive:
            self.stream.write("\n")
        self.total, self.done, self.stage, self._last_tenth = max(total, 0), 0, stage, -1
        self._draw(force=True)

    def advance(self, amount: int = 1) -> None:
        self.done = min(self.done + amount, self.total) if self.total else self.done + amount
        self._draw(force=self.done >= self.total)

    def finish(self) -> None:
        if self.interactive and self.total:
            self.stream.write("\n")
            self.stream.flush()

    def render(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(fraction * self.width)
        bar = "█" * filled + "·" * (self.width - filled)
        label = f" {self.stage}" if self.stage else ""
        return f"[{bar}] {int(fraction * 100):3d}% {self.done}/{self.total}{label}"

    def _draw(self, *, force: bool) -> None:
        if self.interactive:
            now = time.monotonic()
            if force or now - self._last_draw >= 0.1:
                self.stream.write("\r" + self.render())
                self.stream.flush()
                self._last_draw = now
            return
        tenth = int(10 * self.done / self.total) if self.total else 10
        if tenth != self._last_tenth:
            self.stream.write(self.render() + "\n")
            self.stream.flush()
            self._last_tenth = tenth


def _raw_stream(stream: TextIO | OutputWrapper | None) -> TextIO:
    """The stream to draw on. A command's `self.stderr` (an OutputWrapper) would end every write
    with a newline, which breaks the redrawn bar, so the bar writes to the stream it wraps."""
    if stream is None:
        return sys.stderr
    if isinstance(stream, OutputWrapper):
        return cast(TextIO, stream._out)
    return stream
