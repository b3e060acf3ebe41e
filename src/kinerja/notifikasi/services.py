"""Sending notifications: in the product, and by e-mail (Django's mail backend; the console by
default) after the transaction that caused them commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from kinerja.akun.models import Pengguna
from kinerja.notifikasi.models import Notifikasi

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pesan:
    """One notice to one user: `kunci` makes sending it again a no-op."""

    penerima_id: int
    judul: str
    isi: str
    tautan: str
    kunci: str


def notify(pesan: Iterable[Pesan]) -> list[Notifikasi]:
    """Record the notices not sent before and e-mail them once the transaction commits."""
    wanted = {(item.penerima_id, item.kunci): item for item in pesan}
    if not wanted:
        return []
    sent = set(
        Notifikasi.objects.filter(
            penerima_id__in={key[0] for key in wanted}, kunci__in={key[1] for key in wanted}
        ).values_list("penerima_id", "kunci")
    )
    fresh = [
        Notifikasi(
            penerima_id=item.penerima_id,
            judul=item.judul[:255],
            isi=item.isi,
            tautan=item.tautan[:500],
            kunci=item.kunci[:200],
        )
        for key, item in wanted.items()
        if key not in sent
    ]
    created = Notifikasi.objects.bulk_create(fresh, ignore_conflicts=True)
    if created:
        transaction.on_commit(lambda: _mail([item.penerima_id for item in fresh], fresh))
    return created


def _mail(recipient_ids: list[int], notices: list[Notifikasi]) -> None:
    addresses = dict(
        Pengguna.objects.filter(pk__in=recipient_ids).exclude(email="").values_list("pk", "email")
    )
    messages = [
        (
            notice.judul,
            _mail_body(notice),
            settings.DEFAULT_FROM_EMAIL,
            [addresses[notice.penerima_id]],
        )
        for notice in notices
        if notice.penerima_id in addresses
    ]
    if not messages:
        return
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:
        # The in-app notice is kept; a mail server being down must not undo the act.
        logger.exception("Sending %s notification e-mails failed", len(messages))


def _mail_body(notice: Notifikasi) -> str:
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{notice.tautan}" if notice.tautan else ""
    return f"{notice.isi}{link}"


def notification_mark_read(*, pengguna_id: int, notifikasi_ids: Iterable[int] | None = None) -> int:
    """Mark a user's notices read (all of them when no ids are given)."""
    unread = Notifikasi.objects.filter(penerima_id=pengguna_id, dibaca_pada__isnull=True)
    if notifikasi_ids is not None:
        unread = unread.filter(pk__in=list(notifikasi_ids))
    return unread.update(dibaca_pada=timezone.now())
