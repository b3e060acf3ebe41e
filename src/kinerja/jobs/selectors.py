from __future__ import annotations

from dataclasses import dataclass

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
    live = cache.get(progress_cache_key(job.pk)) or {}
    return JobState(
        status=job.status,
        done=int(live.get("done", job.progres_selesai)),
        total=int(live.get("total", job.progres_total)),
        stage=str(live.get("stage", job.tahap)),
    )
