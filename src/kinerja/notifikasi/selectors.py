"""Reading a user's notifications."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from kinerja.notifikasi.models import Notifikasi


def notification_list(pengguna_id: int, *, unread_first: bool = False) -> QuerySet[Notifikasi]:
    """Newest first; with `unread_first`, the unread ones (newest first) before the read."""
    notices = Notifikasi.objects.filter(penerima_id=pengguna_id)
    if unread_first:
        unread = ExpressionWrapper(Q(dibaca_pada__isnull=True), output_field=BooleanField())
        return notices.alias(belum=unread).order_by("-belum", "-dibuat_pada", "-pk")
    return notices.order_by("-dibuat_pada", "-pk")


def unread_count(pengguna_id: int) -> int:
    return Notifikasi.objects.filter(penerima_id=pengguna_id, dibaca_pada__isnull=True).count()
