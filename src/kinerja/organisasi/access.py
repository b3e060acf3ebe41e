"""Who may see and change what. The only way to fetch a guarded organisation object.

Missing and forbidden are the same 404. Scopes are unit subtrees (by materialised path):
- superuser: everything; auditor: reads everything, changes nothing;
- admin kepegawaian: reads and manages the employees and units of their subtrees;
- pimpinan: reads their subtrees;
- pejabat penilai: reads their appraisees and the appraisees' appraisees;
- every pegawai: reads their own record.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import Pegawai, Pengecualian, Peran, Unit


@dataclass(frozen=True)
class Lingkup:
    """The access scope of one user, computed once per request."""

    pengguna_id: int | None
    pegawai_id: int | None
    is_superuser: bool
    is_auditor: bool
    admin_paths: tuple[str, ...]
    pimpinan_paths: tuple[str, ...]
    is_penilai: bool

    @property
    def reads_agency(self) -> bool:
        return self.is_superuser or self.is_auditor

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or bool(self.admin_paths)

    @property
    def is_pimpinan(self) -> bool:
        return bool(self.pimpinan_paths)

    @property
    def reads_units(self) -> bool:
        """May browse the organisation (unit tree, employee lists)."""
        return self.reads_agency or bool(self.admin_paths) or bool(self.pimpinan_paths)

    @cached_property
    def read_paths(self) -> tuple[str, ...]:
        return self.admin_paths + self.pimpinan_paths

    def manages_path(self, jalur: str) -> bool:
        return self.is_superuser or any(jalur.startswith(path) for path in self.admin_paths)

    def reads_path(self, jalur: str) -> bool:
        return self.reads_agency or any(jalur.startswith(path) for path in self.read_paths)

    def role_labels(self) -> list[str]:
        labels = [str(_label("pegawai"))]
        if self.is_penilai:
            labels.append(str(_label("penilai")))
        if self.admin_paths:
            labels.append(str(JenisPeran.ADMIN_KEPEGAWAIAN.label))
        if self.pimpinan_paths:
            labels.append(str(JenisPeran.PIMPINAN.label))
        if self.is_auditor:
            labels.append(str(JenisPeran.AUDITOR.label))
        if self.is_superuser:
            labels.append(str(_label("superuser")))
        return labels


def _label(key: str) -> str:
    from django.utils.translation import gettext, pgettext

    return {
        "pegawai": pgettext("peran", "Pegawai"),
        "penilai": gettext("Pejabat penilai"),
        "superuser": gettext("Superuser"),
    }[key]


ANONYMOUS = Lingkup(None, None, False, False, (), (), False)


def scope_for(user: Any) -> Lingkup:
    """The scope of a user (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_kinerja_lingkup", None)
    if cached is not None:
        return cached
    roles = list(Peran.objects.filter(pengguna_id=user.pk).values_list("jenis", "unit__jalur"))
    pegawai_id = Pegawai.objects.filter(pengguna_id=user.pk).values_list("pk", flat=True).first()
    is_penilai = bool(
        pegawai_id and Pegawai.objects.filter(penilai_id=pegawai_id, aktif=True).exists()
    )
    scope = Lingkup(
        pengguna_id=user.pk,
        pegawai_id=pegawai_id,
        is_superuser=bool(user.is_superuser),
        is_auditor=any(jenis == JenisPeran.AUDITOR for jenis, _ in roles),
        admin_paths=tuple(p for jenis, p in roles if jenis == JenisPeran.ADMIN_KEPEGAWAIAN and p),
        pimpinan_paths=tuple(p for jenis, p in roles if jenis == JenisPeran.PIMPINAN and p),
        is_penilai=is_penilai,
    )
    user._kinerja_lingkup = scope
    return scope


def _subtree_q(paths: tuple[str, ...], prefix: str = "unit__jalur") -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{prefix}__startswith": path})
    return condition


def pegawai_readable(scope: Lingkup) -> QuerySet[Pegawai]:
    """Employees this scope may read."""
    employees = Pegawai.objects.all()
    if scope.reads_agency:
        return employees
    condition = _subtree_q(scope.read_paths)
    if scope.pegawai_id:
        condition |= Q(pk=scope.pegawai_id) | Q(penilai_id=scope.pegawai_id)
        condition |= Q(penilai__penilai_id=scope.pegawai_id)
    return employees.filter(condition)


def pegawai_manageable(scope: Lingkup) -> QuerySet[Pegawai]:
    """Employees this scope may change (admin kepegawaian of their subtree, superuser)."""
    if scope.is_superuser:
        return Pegawai.objects.all()
    return Pegawai.objects.filter(_subtree_q(scope.admin_paths))


def unit_readable(scope: Lingkup) -> QuerySet[Unit]:
    if scope.reads_agency:
        return Unit.objects.all()
    return Unit.objects.filter(_subtree_q(scope.read_paths, prefix="jalur"))


def unit_manageable(scope: Lingkup) -> QuerySet[Unit]:
    if scope.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(_subtree_q(scope.admin_paths, prefix="jalur"))


def pegawai_get_for_read(scope: Lingkup, pegawai_id: int) -> Pegawai:
    return _get_or_404(pegawai_readable(scope), pegawai_id)


def pegawai_get_for_manage(scope: Lingkup, pegawai_id: int) -> Pegawai:
    return _get_or_404(pegawai_manageable(scope), pegawai_id)


def unit_get_for_read(scope: Lingkup, unit_id: int) -> Unit:
    return _get_or_404(unit_readable(scope), unit_id)


def unit_get_for_manage(scope: Lingkup, unit_id: int) -> Unit:
    return _get_or_404(unit_manageable(scope), unit_id)


def _get_or_404(queryset: QuerySet[Any], pk: int) -> Any:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- Browsing and acting ----------------------------------------------------------------------
# A page or endpoint that acts on an object the user may read but not change answers 403; an
# object the user may not read at all is 404, whether it exists or not.

SCOPED_ROLES = (JenisPeran.ADMIN_KEPEGAWAIAN.value, JenisPeran.PIMPINAN.value)


def organisation_browse_check(scope: Lingkup) -> None:
    """The unit tree and the employee list: admin kepegawaian, pimpinan, auditor, superuser."""
    if not scope.reads_units:
        raise Http404


def organisation_manage_check(scope: Lingkup) -> None:
    """Creating units and employees: admin kepegawaian and superuser (others: 404)."""
    if not scope.is_admin:
        raise Http404


def pegawai_get_for_change(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """An employee to change: 404 if not readable, 403 if readable but not manageable."""
    return _get_for_change(pegawai_manageable(scope), pegawai_readable(scope), pegawai_id)


def unit_get_for_change(scope: Lingkup, unit_id: int) -> Unit:
    """A unit to change: 404 if not readable, 403 if readable but not manageable."""
    return _get_for_change(unit_manageable(scope), unit_readable(scope), unit_id)


def pengecualian_get_for_change(scope: Lingkup, pengecualian_id: int) -> Pengecualian:
    """An exclusion to end, through its employee (404 unreadable, 403 not manageable)."""
    found = Pengecualian.objects.filter(pk=pengecualian_id).first()
    if found is None:
        raise Http404
    pegawai_get_for_change(scope, found.pegawai_id)
    return found


def _get_for_change(manageable: QuerySet[Any], readable: QuerySet[Any], pk: int) -> Any:
    found = manageable.filter(pk=pk).first()
    if found is not None:
        return found
    if readable.filter(pk=pk).exists():
        raise PermissionDenied
    raise Http404


def unit_parent_allowed(scope: Lingkup, induk: Unit | None) -> bool:
    """Whether the scope may put a unit under `induk` (None: a root unit, superuser only)."""
    if induk is None:
        return scope.is_superuser
    return scope.manages_path(induk.jalur)


def unit_parent_choices(scope: Lingkup, unit: Unit | None = None) -> QuerySet[Unit]:
    """The parents a unit may be put under: the active units the scope manages, outside the
    unit's own subtree, and the unit's current parent (so a unit can be kept where it is)."""
    choices = unit_manageable(scope).filter(aktif=True)
    if unit is None:
        return choices.order_by("jalur")
    if unit.induk_id is not None:
        choices = choices | Unit.objects.filter(pk=unit.induk_id)
    return choices.exclude(jalur__startswith=unit.jalur).order_by("jalur")


def bawahan_check(scope: Lingkup) -> int:
    """The employee id of a user who may have appraisees (every user with an employee record)."""
    if not scope.pegawai_id:
        raise Http404
    return scope.pegawai_id


def penilai_candidates(scope: Lingkup) -> QuerySet[Pegawai]:
    """Who an admin may choose as an appraiser: any active employee of the agency (the
    appraiser of a unit's head usually works in a unit above the admin's subtree)."""
    if not scope.is_admin:
        return Pegawai.objects.none()
    return Pegawai.objects.filter(aktif=True)


def peran_readable(scope: Lingkup) -> QuerySet[Peran]:
    """Roles this scope may see: all for superuser and auditor; an admin kepegawaian sees the
    roles on units of their subtrees; anyone else: 404."""
    if scope.reads_agency:
        return Peran.objects.all()
    if not scope.admin_paths:
        raise Http404
    return Peran.objects.filter(_subtree_q(scope.admin_paths))


def peran_grant_allowed(scope: Lingkup, jenis: str, unit: Unit | None) -> bool:
    """A superuser grants any role; an admin kepegawaian grants admin kepegawaian and pimpinan
    roles on units of their subtrees."""
    if scope.is_superuser:
        return True
    return jenis in SCOPED_ROLES and unit is not None and scope.manages_path(unit.jalur)


def peran_grant_check(scope: Lingkup, jenis: str, unit: Unit | None) -> None:
    """404 for a scope that sees no roles, 403 for a role it may not grant."""
    peran_readable(scope)
    if not peran_grant_allowed(scope, jenis, unit):
        raise PermissionDenied


def peran_grantable_units(scope: Lingkup) -> QuerySet[Unit]:
    return unit_manageable(scope)


def peran_get_for_revoke(scope: Lingkup, peran_id: int) -> Peran:
    """A role to revoke: 404 if not visible, 403 if visible but not the scope's to revoke."""
    found = peran_readable(scope).select_related("unit", "pengguna").filter(pk=peran_id).first()
    if found is None:
        raise Http404
    if not peran_grant_allowed(scope, found.jenis, found.unit):
        raise PermissionDenied
    return found
