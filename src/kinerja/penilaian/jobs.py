"""Background jobs of the assessment app (imported by PenilaianConfig.ready to register them)."""

from __future__ import annotations

from typing import Any

from kinerja.jobs.progress import Progress
from kinerja.jobs.registry import register
from kinerja.penilaian import documents


@register(documents.JOB_KIND, result_template=documents.RESULT_TEMPLATE)
def bulk_documents(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """`penilaian.dokumen`: the ZIP of a curve group's evaluation documents and its Format
    Penetapan for a period."""
    return documents.bulk_build(parameter, progress)
