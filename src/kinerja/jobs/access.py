"""Who may see which background job: its creator, or a superuser. Otherwise 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from kinerja.jobs.models import Pekerjaan


def jobs_readable(user: Any) -> QuerySet[Pekerjaan]:
    """The jobs a user may see, newest first: their own (a superuser: all)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Pekerjaan.objects.none()
    jobs = Pekerjaan.objects.all()
    if not user.is_superuser:
        jobs = jobs.filter(dibuat_oleh_id=user.pk)
    return jobs.order_by("-dibuat_pada", "-pk")


def job_get_for_user(user: Any, job_id: UUID | str) -> Pekerjaan:
    found = jobs_readable(user).filter(pk=job_id).first()
    if found is None:
        raise Http404
    return found
