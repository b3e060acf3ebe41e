"""Who may see and act on assessments. The only way to fetch a guarded assessment, group or
objection.

- Read an assessment: its employee (once finalised), the appraiser who rated it and the
  employee's current appraiser, their superiors, admin kepegawaian and pimpinan of the subtree of
  the assessed unit (or the employee's current unit), auditor and superuser.
- Rate: only the employee's current appraiser (HR of the unit for an employee without one, such
  as the agency's head). Never the employee.
- Organisation rating: the leader above the unit (a pimpinan of a unit above it; for a root unit,
  its own pimpinan) or, recorded as on the leader's behalf, the admin kepegawaian of the unit.
- Curve monitor: readers of the unit, and appraisers with appraisees in it. Finalise and reopen:
  the unit's head, a pimpinan of the unit, or its admin kepegawaian.
- Objection: the employee files and withdraws; the appraiser who rated explains; the
  appraiser's superior decides (HR of the unit when the appraiser has no superior).
Missing and unreadable are the same 404; readable but not allowed to act is 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.access import Lingkup, pegawai_readable, unit_readable
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Keberatan, Penilaian
from kinerja.penilaian.selectors import group_units_for, kepala_unit_id
from kinerja.periode.models import Periode

RELATED = (
    "pegawai",
    "pegawai__unit",
    "pegawai__jabatan",
    "periode",
    "periode__tahun",
    "unit",
    "jabatan",
    "penilai",
    "atasan_penilai",
    "set_aturan",
    "penetapan",
)


def penilaian_readable(scope: Lingkup) -> QuerySet[Penilaian]:
    assessments = Penilaian.objects.all()
    if scope.reads_agency:
        return assessments
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(unit__jalur__startswith=path) | Q(pegawai__unit__jalur__startswith=path)
    if scope.pegawai_id:
        me = scope.pegawai_id
        condition |= Q(pegawai_id=me, status=StatusPenilaian.FINAL.value)
        condition |= Q(penilai_id=me) | Q(pegawai__penilai_id=me)
        condition |= Q(atasan_penilai_id=me) | Q(pegawai__penilai__penilai_id=me)
    return assessments.filter(condition)


def penilaian_get_for_read(scope: Lingkup, penilaian_id: int) -> Penilaian:
    found = penilaian_readable(scope).select_related(*RELATED).filter(pk=penilaian_id).first()
    if found is None:
        raise Http404
    return found


def is_owner(scope: Lingkup, penilaian: Penilaian) -> bool:
    return bool(scope.pegawai_id) and penilaian.pegawai_id == scope.pegawai_id


# --- Rating ----------------------------------------------------------------------------------


def may_rate(scope: Lingkup, pegawai: Pegawai) -> bool:
    """The employee's current appraiser; HR of the unit for an employee without one."""
    if scope.pegawai_id and pegawai.pk == scope.pegawai_id:
        return False
    if pegawai.penilai_id is not None:
        return bool(scope.pegawai_id) and pegawai.penilai_id == scope.pegawai_id
    return scope.manages_path(pegawai.unit.jalur)


def pegawai_get_for_rating(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """The employee to rate: 404 when not readable, 403 when readable but not theirs to rate."""
    found = (
        pegawai_readable(scope)
        .select_related("unit", "jabatan", "penilai", "penilai__jabatan")
        .filter(pk=pegawai_id)
        .first()
    )
    if found is None:
        raise Http404
    if not may_rate(scope, found):
        raise PermissionDenied
    return found


def pegawai_get_for_rating_view(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """The employee whose rating form is shown (readers see it read-only); 404 otherwise."""
    found = (
        pegawai_readable(scope)
        .select_related("unit", "jabatan", "penilai", "penilai__jabatan")
        .filter(pk=pegawai_id)
        .first()
    )
    if found is None or (scope.pegawai_id == found.pk):
        raise Http404
    return found


def rater_check(scope: Lingkup) -> int:
    """The employee id of a user who may have appraisees (the appraiser's list)."""
    if not scope.pegawai_id:
        raise Http404
    return scope.pegawai_id


# --- Organisation rating ---------------------------------------------------------------------


def leads_above(scope: Lingkup, unit: Unit) -> bool:
    """A pimpinan of a unit above this one (of the unit itself when it is a root unit)."""
    if scope.is_superuser:
        return False
    above = (
        unit.jalur if unit.induk_id is None else unit.jalur[: unit.jalur.rstrip("/").rfind("/") + 1]
    )
    return any(above.startswith(path) for path in scope.pimpinan_paths)


def unit_get_for_organisation_rating(scope: Lingkup, unit_id: int) -> tuple[Unit, bool]:
    """The unit whose organisation rating this user sets, and whether it is set on the leader's
    behalf (HR). 404 when the unit is not readable, 403 when readable but not theirs."""
    found = unit_readable(scope).filter(pk=unit_id).first()
    if found is None:
        raise Http404
    if leads_above(scope, found):
        return found, False
    if scope.manages_path(found.jalur):
        return found, True
    raise PermissionDenied


def organisation_list_check(scope: Lingkup) -> None:
    if not scope.reads_units:
        raise Http404


# --- Curve groups ----------------------------------------------------------------------------


def _appraises_in(scope: Lingkup, unit: Unit, periode: Periode | None) -> bool:
    """An appraiser reads the curve of a group one of their appraisees belongs to in the
    period; a unit's head reads their unit's curve."""
    if not scope.pegawai_id:
        return False
    if kepala_unit_id(unit) == scope.pegawai_id:
        return True
    if periode is None:
        return False
    paths = Pegawai.objects.filter(
        penilai_id=scope.pegawai_id, aktif=True, unit__jalur__startswith=unit.jalur
    ).values_list("unit__jalur", flat=True)
    groups = group_units_for(list(paths), periode)
    return any(group.pk == unit.pk for group in groups.values())


def kurva_unit_get(scope: Lingkup, unit_id: int, periode: Periode | None = None) -> Unit:
    """A unit's curve monitor: readers of the unit, its head, and appraisers whose appraisees
    belong to the unit's group in the period."""
    found = Unit.objects.filter(pk=unit_id).first()
    if found is None:
        raise Http404
    if scope.reads_path(found.jalur) or _appraises_in(scope, found, periode):
        return found
    raise Http404


def may_finalise(scope: Lingkup, unit: Unit) -> bool:
    """The unit's head, a pimpinan of the unit, or its admin kepegawaian."""
    if scope.manages_path(unit.jalur):
        return True
    if any(unit.jalur.startswith(path) for path in scope.pimpinan_paths):
        return True
    return bool(scope.pegawai_id) and kepala_unit_id(unit) == scope.pegawai_id


def kurva_unit_get_for_finalise(
    scope: Lingkup, unit_id: int, periode: Periode | None = None
) -> Unit:
    found = kurva_unit_get(scope, unit_id, periode)
    if not may_finalise(scope, found):
        raise PermissionDenied
    return found


def kurva_list_check(scope: Lingkup) -> None:
    """The list of curve groups: HR readers and appraisers."""
    if not (scope.reads_units or scope.is_penilai):
        raise Http404


# --- Objection -------------------------------------------------------------------------------


def penilaian_get_for_objection(scope: Lingkup, penilaian_id: int) -> Penilaian:
    """The employee's own finalised assessment, to object to or withdraw (403 for readers)."""
    found = penilaian_get_for_read(scope, penilaian_id)
    if not is_owner(scope, found):
        raise PermissionDenied
    return found


def may_explain(scope: Lingkup, penilaian: Penilaian) -> bool:
    if is_owner(scope, penilaian):
        return False
    if penilaian.penilai_id is not None:
        return bool(scope.pegawai_id) and penilaian.penilai_id == scope.pegawai_id
    return scope.manages_path(penilaian.unit.jalur)


def may_decide(scope: Lingkup, keberatan: Keberatan) -> bool:
    penilaian = keberatan.penilaian
    if is_owner(scope, penilaian):
        return False
    if keberatan.atasan_id is not None:
        return bool(scope.pegawai_id) and keberatan.atasan_id == scope.pegawai_id
    return scope.manages_path(penilaian.unit.jalur)


def keberatan_list_check(scope: Lingkup) -> None:
    """The objections page: employees (their own, and those waiting for them) and HR."""
    if not (scope.pegawai_id or scope.is_admin):
        raise Http404


def keberatan_get_for_read(scope: Lingkup, keberatan_id: int) -> Keberatan:
    penilaian_id = (
        Keberatan.objects.filter(pk=keberatan_id).values_list("penilaian_id", flat=True).first()
    )
    if penilaian_id is None:
        raise Http404
    penilaian = penilaian_get_for_read(scope, penilaian_id)
    found = Keberatan.objects.select_related("atasan").get(pk=keberatan_id)
    found.penilaian = penilaian
    return found


def keberatan_get_for_explain(scope: Lingkup, keberatan_id: int) -> Keberatan:
    found = keberatan_get_for_read(scope, keberatan_id)
    if not may_explain(scope, found.penilaian):
        raise PermissionDenied
    return found


def keberatan_get_for_decide(scope: Lingkup, keberatan_id: int) -> Keberatan:
    found = keberatan_get_for_read(scope, keberatan_id)
    if not may_decide(scope, found):
        raise PermissionDenied
    return found


def keberatan_get_for_owner(scope: Lingkup, keberatan_id: int) -> Keberatan:
    found = keberatan_get_for_read(scope, keberatan_id)
    if not is_owner(scope, found.penilaian):
        raise PermissionDenied
    return found
