"""Background job of the monitoring (imported by PemantauanConfig.ready to register it)."""

from __future__ import annotations

from typing import Any

from kinerja.audit.services import Aktor
from kinerja.jobs.progress import Progress
from kinerja.jobs.registry import register
from kinerja.pemantauan.services import JOB_KIND, monitoring_refresh


@register(JOB_KIND)
def refresh(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """`pemantauan.refresh`: recompute every monitoring figure."""
    aktor = Aktor(
        pengguna_id=parameter.get("pengguna_id"), label=str(parameter.get("oleh") or "pemantauan")
    )
    run = monitoring_refresh(aktor=aktor, sebab=str(parameter.get("sebab", "")), progress=progress)
    return {"pembaruan": run.pk, "pegawai": run.jumlah_pegawai, "unit": run.jumlah_unit}
