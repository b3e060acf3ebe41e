"""Notification pages: my notifications (paginated, unread marked), marking one or all of them
read, and the unread-count fragment the base layout loads lazily. A user only ever reaches
their own notifications; another user's id is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.http import HtmxHttpRequest
from kinerja.notifikasi import selectors, services
from kinerja.notifikasi.models import Notifikasi

PAGE_SIZE = 25
BADGE_EVENT = "notifikasi-dibaca"
"""The event after which the top bar's unread count (base.html) reloads itself."""


def _me(request: HttpRequest) -> int:
    """The signed-in user's id (every view here requires a login)."""
    user_id = request.user.pk
    assert user_id is not None
    return user_id


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notices = selectors.notification_list(_me(request))
    page_obj = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav_section": "notifikasi",
        "page_obj": page_obj,
        "unread": selectors.unread_count(_me(request)),
    }
    return render(request, "notifikasi/list.html", context)


def _own_notice(request: HttpRequest) -> Notifikasi:
    """The notice named by the POSTed `id`, if it is the user's own (anyone else's: 404)."""
    raw = request.POST.get("id", "")
    found = (
        selectors.notification_list(_me(request)).filter(pk=int(raw)).first()
        if raw.isdigit()
        else None
    )
    if found is None:
        raise Http404
    return found


def _local(url: str) -> bool:
    """A path on this site (links are made by the services with `reverse`; never elsewhere)."""
    return (
        url.startswith("/")
        and not url.startswith("//")
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


@login_required
@require_POST
def notification_mark_read(request: HtmxHttpRequest) -> HttpResponse:
    """POST `id`: that notice (with `buka`: then follow its link; with HTMX: its refreshed
    row); no `id`: all of them."""
    notice = _own_notice(request) if "id" in request.POST else None
    count = services.notification_mark_read(
        pengguna_id=_me(request), notifikasi_ids=[notice.pk] if notice else None
    )
    if notice is not None and request.htmx:
        notice.refresh_from_db()
        response = render(request, "notifikasi/_baris.html", {"notice": notice})
        response["HX-Trigger"] = BADGE_EVENT  # the top bar's count reloads
        return response
    if notice is not None and "buka" in request.POST and _local(notice.tautan):
        return redirect(notice.tautan)
    if notice is None:
        messages.success(request, _("%(jumlah)s notifikasi ditandai dibaca.") % {"jumlah": count})
    return redirect("notifikasi:list")


@login_required
def unread_badge(request: HttpRequest) -> HttpResponse:
    """A fragment for the top bar: a link to the list with the unread count."""
    count = selectors.unread_count(_me(request))
    return render(request, "notifikasi/_jumlah.html", {"jumlah": count})
