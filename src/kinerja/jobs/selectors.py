from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.progress import progress_cache_key


@dataclass(frozen=True)
class JobState:
    status: str
    done: int
    total: int
    stage: str

    @property
    def percent(self) -> int:
        if self.status == StatusPekerjaan.SELESAI:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0


def job_state(job: Pekerjaan) -> JobState:
    """The live progress of a job (from the cache while it runs)."""
    return _state(job, cache.get(progress_cache_key(job.pk)) or {})


def _state(job: Pekerjaan, live: dict[str, Any]) -> JobState:
    return JobState(
        status=job.status,
        done=int(live.get("done", job.progres_selesai)),
        total=int(live.get("total", job.progres_total)),
        stage=str(live.get("stage", job.tahap)),
    )


def job_states(jobs: Iterable[Pekerjaan]) -> dict[Any, JobState]:
    """The live progress of many jobs by id, in one cache read."""
    jobs = list(jobs)
    keys = {progress_cache_key(job.pk): job for job in jobs}
    live = cache.get_many(list(keys)) if keys else {}
    return {job.pk: _state(job, live.get(key) or {}) for key, job in keys.items()}
