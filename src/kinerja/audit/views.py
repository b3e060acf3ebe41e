"""Audit pages: the log with filters, one entry with its before/after table and hashes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from kinerja.audit import access, selectors
from kinerja.audit.forms import AuditFilterForm
from kinerja.core.http import HtmxHttpRequest
from kinerja.organisasi.access import scope_for


@login_required
def entri_list(request: HtmxHttpRequest) -> HttpResponse:
    entries = access.entries_readable(scope_for(request.user))
    form = AuditFilterForm(request.GET)
    found = selectors.entries_filter(entries, form.audit_filter())
    page_obj = Paginator(found, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "entries": page_obj.object_list}
    if _wants_fragment(request):
        response = render(request, "audit/_daftar.html", context)
    else:
        context |= {
            "nav_section": "audit",
            "actions": selectors.action_choices(entries),
            "object_types": selectors.object_type_choices(entries),
        }
        response = render(request, "audit/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def entri_detail(request: HttpRequest, urutan: int) -> HttpResponse:
    entry = access.entri_get_for_read(scope_for(request.user), urutan)
    context = {
        "nav_section": "audit",
        "entry": entry,
        "changes": selectors.entry_changes(entry),
        "hash_matches": selectors.entry_hash_matches(entry),
    }
    return render(request, "audit/detail.html", context)


def _wants_fragment(request: HtmxHttpRequest) -> bool:
    """An HTMX filter update (not a boosted link, nor a history restore needing the page)."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request
