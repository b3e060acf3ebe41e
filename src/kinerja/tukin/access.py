"""Who may see and change the allowance. The only way to fetch a guarded allowance page's
employee, unit or recomputation.

- An employee reads their own allowance and attendance only (an appraiser has no payroll access
  beyond their own).
- Admin kepegawaian reads and changes (attendance, recomputation) within their subtrees.
- Pimpinan reads within their subtrees; the auditor reads the whole agency; a superuser does
  everything.
Missing and unreadable are the same 404; readable but not changeable is 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.access import (
    Lingkup,
    pegawai_get_for_change,
    pegawai_readable,
    unit_get_for_read,
    unit_readable,
)
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.tukin.models import Perhitungan


def own_check(scope: Lingkup) -> int:
    """The employee id of a user with an employee record (their own allowance); 404 otherwise."""
    if not scope.pegawai_id:
        raise Http404
    return scope.pegawai_id


def payroll_check(scope: Lingkup) -> None:
    """The payroll, attendance and recomputation pages: HR readers only (404 otherwise)."""
    if not scope.reads_units:
        raise Http404


def pegawai_get_for_read(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """An employee whose allowance this user reads: themselves, or one whose unit lies in the
    user's read paths (appraisers read their appraisees elsewhere, not their pay)."""
    found = pegawai_readable(scope).select_related("unit", "jabatan").filter(pk=pegawai_id).first()
    if found is None:
        raise Http404
    if found.pk != scope.pegawai_id and not scope.reads_path(found.unit.jalur):
        raise Http404
    return found


def pegawai_get_for_attendance(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """An employee whose attendance this user records: 404 when the user does not read the
    employee's allowance, 403 when the user reads but does not manage the employee."""
    pegawai_get_for_read(scope, pegawai_id)
    found = pegawai_get_for_change(scope, pegawai_id)
    return Pegawai.objects.select_related("unit", "jabatan").get(pk=found.pk)


def payroll_units(scope: Lingkup) -> QuerySet[Unit]:
    """The units whose payroll this user reads, in tree order."""
    return unit_readable(scope).order_by("jalur")


def unit_get_for_payroll(scope: Lingkup, unit_id: int) -> Unit:
    payroll_check(scope)
    return unit_get_for_read(scope, unit_id)


def unit_get_for_recompute(scope: Lingkup, unit_id: int) -> Unit:
    """A unit to recompute: 404 when unreadable, 403 when readable but not managed."""
    unit = unit_get_for_payroll(scope, unit_id)
    if not scope.manages_path(unit.jalur):
        raise PermissionDenied
    return unit


def perhitungan_readable(scope: Lingkup) -> QuerySet[Perhitungan]:
    """Recomputations this user sees: all for agency readers; runs of units under the read paths
    for admin kepegawaian and pimpinan; none otherwise."""
    runs = Perhitungan.objects.select_related("unit")
    if scope.reads_agency:
        return runs
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(unit__jalur__startswith=path)
    return runs.filter(condition)


def perhitungan_get_for_read(scope: Lingkup, perhitungan_id: int) -> Perhitungan:
    payroll_check(scope)
    found = perhitungan_readable(scope).filter(pk=perhitungan_id).first()
    if found is None:
        raise Http404
    return found
