"""Who may read which audit entries. The only way to fetch audit entries for a user.

- superuser and auditor: every entry, and may verify the chain;
- admin kepegawaian: entries about the employees and units of their managed subtrees, and the
  entries they made themselves;
- everyone else: nothing (404).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from kinerja.audit.models import Entri
from kinerja.organisasi.access import Lingkup, pegawai_manageable, unit_manageable

PEGAWAI_TYPE = "organisasi.pegawai"
UNIT_TYPE = "organisasi.unit"


def audit_readable(scope: Lingkup) -> bool:
    """Whether the scope may open the audit pages at all."""
    return scope.reads_agency or bool(scope.admin_paths)


def entries_readable(scope: Lingkup) -> QuerySet[Entri]:
    """The entries this scope may read (raises 404 for a scope that reads none)."""
    if scope.reads_agency:
        return Entri.objects.all()
    if not audit_readable(scope):
        raise Http404
    pegawai_ids = pegawai_manageable(scope).annotate(kunci=Cast("pk", CharField())).values("kunci")
    unit_ids = unit_manageable(scope).annotate(kunci=Cast("pk", CharField())).values("kunci")
    return Entri.objects.filter(
        Q(objek_tipe=PEGAWAI_TYPE, objek_id__in=pegawai_ids)
        | Q(objek_tipe=UNIT_TYPE, objek_id__in=unit_ids)
        | Q(aktor_id=scope.pengguna_id)
    )


def entri_get_for_read(scope: Lingkup, urutan: int) -> Entri:
    found = entries_readable(scope).filter(urutan=urutan).first()
    if found is None:
        raise Http404
    return found


def chain_verify_check(scope: Lingkup) -> None:
    """Only a superuser or an auditor verifies the whole chain.

    An admin kepegawaian sees part of the log, so the act is forbidden (403); for anyone else
    the audit log does not exist (404).
    """
    if scope.reads_agency:
        return
    if audit_readable(scope):
        raise PermissionDenied
    raise Http404
