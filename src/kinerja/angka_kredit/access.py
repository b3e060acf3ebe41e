"""Who may read credit points. The only way to fetch the employee whose points are shown.

- Every employee reads their own (their own draft annual assessment shows no predikat yet).
- Admin kepegawaian and pimpinan read the employees of their subtrees (by current unit); the
  auditor and the superuser read everyone.
- The appraiser (pejabat penilai) reads their direct appraisees.
- The unit list and its export: admin kepegawaian, pimpinan, auditor and superuser.
Everything else is 404, whether the employee exists or not.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.access import Lingkup, unit_get_for_read
from kinerja.organisasi.models import Pegawai, Unit


def pegawai_readable(scope: Lingkup) -> QuerySet[Pegawai]:
    """Employees whose credit points the scope may read."""
    employees = Pegawai.objects.all()
    if scope.reads_agency:
        return employees
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(unit__jalur__startswith=path)
    if scope.pegawai_id:
        condition |= Q(pk=scope.pegawai_id) | Q(penilai_id=scope.pegawai_id)
    return employees.filter(condition)


def pegawai_get_for_read(scope: Lingkup, pegawai_id: int) -> Pegawai:
    found = pegawai_readable(scope).select_related("unit", "jabatan").filter(pk=pegawai_id).first()
    if found is None:
        raise Http404
    return found


def own_get(scope: Lingkup) -> Pegawai:
    """The signed-in user's own employee record (404 for an account without one)."""
    if not scope.pegawai_id:
        raise Http404
    return pegawai_get_for_read(scope, scope.pegawai_id)


def sees_drafts(scope: Lingkup, pegawai: Pegawai) -> bool:
    """Whether the reader sees a draft annual assessment's predikat: everyone who may read the
    employee's points except the employee (as with the assessment itself)."""
    return scope.pegawai_id != pegawai.pk


def list_check(scope: Lingkup) -> None:
    """The unit list: admin kepegawaian, pimpinan, auditor, superuser."""
    if not scope.reads_units:
        raise Http404


def list_employees(scope: Lingkup, unit_id: int | None) -> tuple[Unit | None, QuerySet[Pegawai]]:
    """The unit chosen (404 outside the scope) and the employees of its subtree; without a unit,
    every employee of the scope's subtrees (the whole agency for auditor and superuser)."""
    list_check(scope)
    if unit_id is not None:
        unit = unit_get_for_read(scope, unit_id)
        return unit, Pegawai.objects.filter(unit__jalur__startswith=unit.jalur)
    if scope.reads_agency:
        return None, Pegawai.objects.all()
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(unit__jalur__startswith=path)
    return None, Pegawai.objects.filter(condition)
