"""Recap API: start the recap job (the file then comes from the jobs API and the download
link in its result), and read the recap's rows page by page as JSON objects with exactly the
exchange format's keys, and its excluded section.

The same selectors, access and service as the page: readers are admin kepegawaian and pimpinan
(their subtrees), auditor and superuser; others 404. A unit outside the scope, an unknown period
or format is 422 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from kinerja.audit.services import Aktor
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Unit
from kinerja.periode.models import Periode
from kinerja.rekap import access, rules, selectors, services
from kinerja.rekap.schemas import BarisPage, DikecualikanPage, PekerjaanOut, RekapIn

router = Router(tags=["rekap"])
MAX_LIMIT = 1000


class RekapQuery(Schema):
    tahun: int
    periode: str
    unit_id: int | None = None
    limit: int = 100
    offset: int = 0


def _arguments(
    scope: Lingkup, tahun: int, kode: str, unit_id: int | None
) -> tuple[Periode, Unit | None]:
    access.rekap_check(scope)
    try:
        periode = selectors.periode_find(tahun, kode)
    except selectors.RekapError as error:
        raise ValidationError({"periode": str(error)}) from None
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id is not None else None
    if (unit_id is not None and unit is None) or not access.unit_allowed(scope, unit):
        raise ValidationError({"unit_id": services.unit_error(unit, asked=unit_id is not None)})
    return periode, unit


@router.post("/", response={202: PekerjaanOut}, summary="Buat rekap kinerja (pekerjaan latar)")
def rekap_start(request: HttpRequest, data: RekapIn) -> Status[dict[str, Any]]:
    """Start the `rekap.build` job; follow it at `url`; its result names the download links."""
    scope = scope_for(request.user)
    periode, unit = _arguments(scope, data.tahun, data.periode, data.unit_id)
    job = services.rekap_start(
        aktor=Aktor.of_request(request),
        pengguna=request.user,
        periode=periode,
        unit=unit,
        fmt=data.format,
    )
    return Status(202, {"id": job.pk, "url": f"/api/v1/pekerjaan/{job.pk}"})


@router.get("/baris", response=BarisPage, summary="Baris rekap (satu halaman)")
def rekap_rows(request: HttpRequest, query: Query[RekapQuery]) -> dict[str, Any]:
    scope = scope_for(request.user)
    periode, unit = _arguments(scope, query.tahun, query.periode, query.unit_id)
    limit, offset = _page(query)
    total, rows = selectors.rekap_page(periode=periode, unit=unit, limit=limit, offset=offset)
    return {"count": total, "items": rules.rows_as_dicts(rules.COLUMNS, rows)}


@router.get("/dikecualikan", response=DikecualikanPage, summary="Pegawai yang dikecualikan")
def rekap_excluded(request: HttpRequest, query: Query[RekapQuery]) -> dict[str, Any]:
    scope = scope_for(request.user)
    periode, unit = _arguments(scope, query.tahun, query.periode, query.unit_id)
    limit, offset = _page(query)
    rows = selectors.excluded_rows(periode, unit)
    page = rows[offset : offset + limit]
    return {"count": len(rows), "items": rules.rows_as_dicts(rules.EXCLUDED_COLUMNS, page)}


def _page(query: RekapQuery) -> tuple[int, int]:
    errors = {}
    if not 1 <= query.limit <= MAX_LIMIT:
        errors["limit"] = rules.limit_error(MAX_LIMIT)
    if query.offset < 0:
        errors["offset"] = rules.offset_error()
    if errors:
        raise ValidationError(errors)
    return query.limit, query.offset
