"""Notification API: the caller's notifications (paginated, newest or unread first), the
unread count, and marking some or all of them read. A user only ever reaches their own."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from kinerja.notifikasi import selectors, services
from kinerja.notifikasi.schemas import (
    JumlahBelumDibacaOut,
    NotifikasiOut,
    NotifikasiQuery,
    TandaiIn,
    TandaiOut,
)

router = Router(tags=["notifikasi"])
PAGE_SIZE = 25


def _me(request: HttpRequest) -> int:
    """The signed-in caller (the API's authentication lets no anonymous request through)."""
    pengguna_id = request.user.pk
    if pengguna_id is None:
        raise Http404
    return int(pengguna_id)


@router.get("/", response=list[NotifikasiOut], summary="Notifikasi saya")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def notification_list(request: HttpRequest, filters: Query[NotifikasiQuery]) -> Any:
    """Newest first; with `belum_dibaca_dulu`, the unread ones first."""
    return selectors.notification_list(_me(request), unread_first=filters.belum_dibaca_dulu)


@router.get("/jumlah", response=JumlahBelumDibacaOut, summary="Jumlah notifikasi belum dibaca")
def unread_count(request: HttpRequest) -> dict[str, int]:
    return {"belum_dibaca": selectors.unread_count(_me(request))}


@router.post("/baca", response=TandaiOut, summary="Tandai notifikasi dibaca")
def mark_read(request: HttpRequest, payload: TandaiIn) -> dict[str, int]:
    """`{"id": [3, 5]}` marks those of the caller's notices (others' ids change nothing);
    `{"semua": true}` marks all of them."""
    if not payload.semua and not payload.id:
        raise ValidationError(
            {"id": _("Pilih notifikasi yang ditandai dibaca, atau tandai semua.")}
        )
    count = services.notification_mark_read(
        pengguna_id=_me(request), notifikasi_ids=None if payload.semua else payload.id
    )
    return {"ditandai": count}
