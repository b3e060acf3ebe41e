"""Job kinds used by the tests, registered with the real registry."""

from __future__ import annotations

import threading
import time
from typing import Any

from kinerja.jobs import registry
from kinerja.jobs.progress import Progress

RELEASE = threading.Event()


@registry.register("test.jumlah")
def add_numbers(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    numbers = parameter["angka"]
    progress.start(len(numbers), "menjumlah")
    for _ in numbers:
        progress.advance()
    return {"jumlah": sum(numbers), "baris_dibaca": len(numbers)}


@registry.register("test.ditolak")
def refuse(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    progress.start(4, "memeriksa")
    progress.advance(2)
    raise registry.JobFailed("Berkas berisi 2 galat.", hasil={"galat": 2, "baris": [3, 7]})


@registry.register("test.rusak")
def crash(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    raise ZeroDivisionError("division by zero")


@registry.register("test.tunggu")
def wait_for_release(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Stays running until the test sets RELEASE (bounded by a timeout)."""
    progress.start(10, "menunggu izin")
    progress.advance(3)
    time.sleep(0.35)  # past JobProgress's write interval, so the next report reaches the cache
    progress.advance(0)
    released = RELEASE.wait(timeout=10)
    return {"dilepas": released}


@registry.register("test.khusus", result_template="jobs/tests/_hasil_khusus.html")
def custom(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    return {"pesan": "hasil khusus"}
