"""Background jobs of the recap (imported by RekapConfig.ready to register them)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from kinerja.jobs.progress import Progress
from kinerja.jobs.registry import JobFailed, register
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Unit
from kinerja.periode.models import Periode
from kinerja.rekap import access, rules
from kinerja.rekap.selectors import RekapError, rekap_build
from kinerja.rekap.services import JOB_KIND
from kinerja.rekap.writers import rekap_write

RESULT_TEMPLATE = "rekap/hasil.html"


@register(JOB_KIND, result_template=RESULT_TEMPLATE)
def build(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """`rekap.build`: the recap of a period in a format, stored under `dokumen/<job id>/` (for
    CSV and JSON with the excluded section in a second file). Access is checked again for the
    job's creator."""
    user = (
        get_user_model()
        .objects.filter(pk=int(parameter.get("pengguna_id") or 0), is_active=True)
        .first()
    )
    if user is None:
        raise JobFailed(_("Pengguna yang memulai pekerjaan ini tidak ada atau nonaktif."))
    unit = None
    if parameter.get("unit_id"):
        unit = Unit.objects.filter(pk=int(parameter["unit_id"])).first()
        if unit is None:
            raise JobFailed(_("Unit tidak ada atau di luar lingkup Anda."))
    if not access.unit_allowed(scope_for(user), unit):
        raise JobFailed(_("Unit tidak ada atau di luar lingkup Anda."))
    periode = (
        Periode.objects.select_related("tahun").filter(pk=int(parameter["periode_id"])).first()
    )
    if periode is None:
        raise JobFailed(_("Periode tidak ada."))
    fmt = str(parameter.get("format", ""))
    try:
        rekap = rekap_build(periode=periode, unit=unit, progress=progress)
    except RekapError as error:
        raise JobFailed(str(error)) from None
    name = rules.file_name(periode.tahun.tahun, periode.kode, unit.kode if unit else None, fmt)
    folder = "".join(c for c in str(parameter.get("pekerjaan_id", "")) if c.isalnum() or c == "-")
    stored = []
    with tempfile.TemporaryDirectory() as work:
        for path in rekap_write(rekap, fmt=fmt, path=Path(work) / name):
            with path.open("rb") as content:
                stored.append(
                    default_storage.save(
                        f"dokumen/{folder or 'tanpa-id'}/{path.name}", File(content, path.name)
                    )
                )
    return {
        "berkas": stored[0],
        "nama_berkas": name,
        "berkas_dikecualikan": stored[1] if len(stored) > 1 else "",
        "nama_berkas_dikecualikan": Path(stored[1]).name if len(stored) > 1 else "",
        "format": fmt,
        "periode": f"{periode.kode} {periode.tahun.tahun}",
        "unit": f"{unit.kode} {unit.nama}" if unit else "",
        "jumlah": len(rekap.baris),
        "dikecualikan": len(rekap.dikecualikan),
    }
