"""Starting a recap as a background job (`rekap.build`): the arguments checked against the
user's scope, the job recorded and the request audited in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor, audit_record
from kinerja.jobs.models import Pekerjaan
from kinerja.jobs.services import job_create
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Unit
from kinerja.periode.models import Periode
from kinerja.rekap import access, rules

JOB_KIND = "rekap.build"


def unit_error(unit: Unit | None, *, asked: bool = False) -> str:
    """Why a unit (or the whole agency: None, unless a unit was `asked` for and not found) may
    not be recapped by this user."""
    if unit is None and not asked:
        return _("Pilih unit dalam lingkup Anda.")
    return _("Unit tidak ada atau di luar lingkup Anda.")


def rekap_start(
    *, aktor: Aktor, pengguna: Any, periode: Periode, unit: Unit | None, fmt: str
) -> Pekerjaan:
    """Start the job writing the recap of a period (under a unit) in a format. ValidationError
    (per field) for an unknown format or a unit outside the user's scope; nothing is started."""
    errors: dict[str, str] = {}
    problem = rules.format_error(fmt)
    if problem:
        errors["format"] = problem
    if not access.unit_allowed(scope_for(pengguna), unit):
        errors["unit"] = unit_error(unit)
    if errors:
        raise ValidationError(errors)
    names = {
        "periode": periode.kode,
        "tahun": periode.tahun.tahun,
        "unit": unit.nama if unit else _("seluruh instansi"),
    }
    with transaction.atomic():
        job = job_create(
            jenis=JOB_KIND,
            judul=_("Rekap kinerja %(periode)s %(tahun)s %(unit)s") % names,
            parameter={
                "periode_id": periode.pk,
                "unit_id": unit.pk if unit else None,
                "format": fmt,
                "pengguna_id": pengguna.pk,
            },
            pengguna_id=aktor.pengguna_id,
        )
        job.parameter["pekerjaan_id"] = str(job.pk)
        job.save(update_fields=["parameter"])
        audit_record(
            aktor=aktor,
            aksi="rekap.start",
            objek=job,
            objek_label=job.judul,
            sesudah={
                "tahun": periode.tahun.tahun,
                "periode": periode.kode,
                "unit": unit.kode if unit else None,
                "format": fmt,
            },
        )
    return job
