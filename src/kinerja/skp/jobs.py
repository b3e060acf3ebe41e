"""Background jobs of the SKP app (imported by SkpConfig.ready to register them)."""

from __future__ import annotations

from typing import Any

from kinerja.jobs.progress import Progress
from kinerja.jobs.registry import register
from kinerja.skp import documents


@register(documents.JOB_KIND, result_template=documents.RESULT_TEMPLATE)
def bulk_documents(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """`skp.dokumen`: the ZIP of a unit subtree's approved SKP documents for a year."""
    return documents.bulk_documents_build(parameter, progress)
