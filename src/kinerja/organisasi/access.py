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

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import Pegawai, Peran, Unit


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
    from django.utils.translation import gettext

    return {
        "pegawai": gettext("Pegawai"),
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
