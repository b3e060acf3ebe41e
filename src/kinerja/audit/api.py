"""Audit API: the log with the page's filters, one entry, and the chain check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError, ValidationError

from kinerja.audit import access, selectors
from kinerja.audit.forms import AuditFilterForm
from kinerja.audit.schemas import AuditFilterQuery, ChainReportOut, EntriOut, EntriPage
from kinerja.organisasi.access import scope_for

router = Router(tags=["audit"])


@router.get("/", response=EntriPage, summary="Daftar entri audit")
def entri_list(request: HttpRequest, filters: Query[AuditFilterQuery]) -> dict:
    entries = access.entries_readable(scope_for(request.user))
    form = AuditFilterForm(filters.dict(exclude={"page"}, exclude_none=True))
    if not form.is_valid():
        raise ValidationError(_errors_of(form))
    paginator = Paginator(
        selectors.entries_filter(entries, form.audit_filter()), selectors.PAGE_SIZE
    )
    try:
        page = paginator.page(filters.page)
    except EmptyPage:
        raise ValidationError([_error("page", _("Nomor halaman di luar jangkauan."))]) from None
    items = list(page.object_list)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "items": items,
    }


@router.get("/verify", response=ChainReportOut, summary="Periksa keutuhan rantai audit")
def chain_verify(request: HttpRequest) -> dict:
    try:
        access.chain_verify_check(scope_for(request.user))
    except PermissionDenied:
        raise HttpError(
            403, _("Hanya superuser dan auditor yang boleh memeriksa rantai.")
        ) from None
    report = selectors.chain_check()
    breaks = [{"urutan": item.urutan, "alasan": item.reason} for item in report.kerusakan]
    return {"utuh": report.utuh, "diperiksa": report.diperiksa, "kerusakan": breaks}


@router.get("/{int:urutan}", response=EntriOut, summary="Satu entri audit")
def entri_detail(request: HttpRequest, urutan: int) -> object:
    return access.entri_get_for_read(scope_for(request.user), urutan)


def _errors_of(form: AuditFilterForm) -> list[dict]:
    return [
        _error(field, str(message))
        for field, messages in form.errors.items()
        for message in messages
    ]


def _error(field: str, message: str) -> dict:
    return {"loc": ["query", field], "msg": message, "type": "value_error"}
