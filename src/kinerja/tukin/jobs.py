"""Background jobs of the allowance app (imported by TukinConfig.ready to register them)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor
from kinerja.jobs.progress import Progress
from kinerja.jobs.registry import JobFailed, register
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Unit
from kinerja.tukin import rules, services
from kinerja.tukin.enums import SebabPerhitungan

RESULT_TEMPLATE = "tukin/hasil_hitung_ulang.html"


@register(services.JOB_KIND, result_template=RESULT_TEMPLATE)
def recompute(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """`tukin.hitung_ulang`: recompute a unit subtree's allowance of a month, with the
    access of the user who started it checked again."""
    user = (
        get_user_model()
        .objects.filter(pk=int(parameter.get("pengguna_id") or 0), is_active=True)
        .first()
    )
    if user is None:
        raise JobFailed(_("Pengguna yang memulai pekerjaan ini tidak ada atau nonaktif."))
    unit = Unit.objects.filter(pk=int(parameter["unit_id"])).first()
    if unit is None or not scope_for(user).manages_path(unit.jalur):
        raise JobFailed(_("Unit tidak ada atau di luar lingkup Anda."))
    tahun, bulan = int(parameter["tahun"]), int(parameter["bulan"])
    perhitungan = services.allowance_recompute(
        aktor=Aktor.of_user(user),
        tahun=tahun,
        bulan=bulan,
        unit=unit,
        sebab=SebabPerhitungan.MANUAL,
        alasan=str(parameter.get("alasan", "")),
        progress=progress,
    )
    jumlah = perhitungan.jumlah
    return {
        "perhitungan_id": perhitungan.pk,
        "unit": unit.nama,
        "bulan": rules.month_label(tahun, bulan),
        **{key: jumlah.get(key, 0) for key in ("dihitung", "berubah", "tetap", "dilewati")},
        "dihapus": jumlah.get("dihapus", 0),
    }
