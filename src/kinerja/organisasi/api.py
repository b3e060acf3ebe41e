"""Organisation API: units, employees, appraisers, exclusions and roles.

The same services and selectors as the pages. A refused input is 422 naming each field and what
is wrong with it (`{"detail": [{"loc": ["body", "nip"], "msg": "…"}], "errors": {"nip": ["…"]}}`,
by the API's ValidationError handler); an object the user may not read is 404, one the user may
read but not change is 403.
"""

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from kinerja.audit.services import Aktor
from kinerja.organisasi import access, selectors, services
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.forms import PegawaiFilterForm
from kinerja.organisasi.models import Pegawai, Peran, Unit
from kinerja.organisasi.schemas import (
    JumlahOut,
    PegawaiDetailOut,
    PegawaiFilterQuery,
    PegawaiIn,
    PegawaiOut,
    PegawaiPatchIn,
    PengecualianEndIn,
    PengecualianIn,
    PengecualianOut,
    PenilaiIn,
    PenilaiOut,
    PenilaiRef,
    PeranIn,
    PeranOut,
    UnitCreateIn,
    UnitDetailOut,
    UnitNodeOut,
    UnitOut,
    UnitPatchIn,
    UnitPenilaiIn,
)

router = Router(tags=["organisasi"])
Result = TypeVar("Result")
FIELD_NAMES = {
    "unit": "unit_id",
    "induk": "induk_id",
    "pengguna": "pengguna_nip",
    "penilai_nip": "penilai",
}


# --- Helpers -------------------------------------------------------------------------------------


def _invalid(errors: dict[str, list[str]]) -> DjangoValidationError:
    """A refusal in the API's field names, answered 422 by the API's ValidationError handler."""
    return DjangoValidationError(
        {FIELD_NAMES.get(field, field): messages for field, messages in errors.items()}
    )


def _call(action: Callable[[], Result]) -> Result:
    """Run a service or an access check; its field errors are renamed to the API's fields
    (`unit` -> `unit_id`, …). A refused act (PermissionDenied) is answered 403 by the API."""
    try:
        return action()
    except DjangoValidationError as error:
        raise _invalid(error.message_dict) from None


def _today_or(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def _penilai_from(payload: PenilaiRef) -> Pegawai | None:
    """The appraiser named by id or NIP (any employee; the service checks that he is active);
    None when neither is given."""
    if payload.penilai_id is not None:
        found = selectors.pegawai_by_id(payload.penilai_id)
        missing = _("Tidak ada pegawai dengan ID %(id)s.") % {"id": payload.penilai_id}
    elif payload.penilai_nip:
        found = selectors.pegawai_by_nip(payload.penilai_nip)
        missing = _("Tidak ada pegawai dengan NIP %(nip)s.") % {"nip": payload.penilai_nip}
    else:
        return None
    if found is None:
        raise _invalid({"penilai": [missing]})
    return found


def _penilai_required(payload: PenilaiRef) -> Pegawai:
    found = _penilai_from(payload)
    if found is None:
        raise _invalid({"penilai": [_("Pilih pejabat penilai (penilai_id atau penilai_nip).")]})
    return found


def _parent_for(scope: Lingkup, induk_id: int | None) -> Unit | None:
    """The parent a unit may be put under: a managed unit; the top only for a superuser."""
    if induk_id is not None:
        return _call(lambda: access.unit_get_for_change(scope, induk_id))
    if not scope.is_superuser:
        raise _invalid(
            {"induk": [_("Pilih unit induk; hanya superuser yang membuat unit teratas.")]}
        )
    return None


# --- Units ---------------------------------------------------------------------------------------


@router.get(
    "/units",
    response=list[UnitNodeOut] | list[UnitOut],
    summary="Daftar unit (datar, atau pohon dengan ?tree=1)",
)
def unit_list(request: HttpRequest, tree: bool = False) -> Any:
    scope = scope_for(request.user)
    access.organisation_browse_check(scope)
    if tree:
        return selectors.unit_tree(scope)
    return list(access.unit_readable(scope).order_by("jalur"))


@router.get("/units/{int:unit_id}", response=UnitDetailOut, summary="Satu unit")
def unit_detail(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    unit = access.unit_get_for_read(scope_for(request.user), unit_id)
    return _unit_detail(unit)


def _unit_detail(unit: Unit) -> dict[str, Any]:
    own, total = selectors.unit_employee_count(unit)
    breadcrumb = selectors.unit_breadcrumb(unit)
    return UnitOut.from_orm(unit).dict() | {
        "induk": breadcrumb[-1] if breadcrumb else None,
        "leluhur": breadcrumb,
        "anak": list(selectors.unit_children(unit)),
        "jumlah_pegawai": own,
        "jumlah_pegawai_total": total,
    }


@router.post("/units", response={201: UnitDetailOut}, summary="Buat unit")
def unit_create(request: HttpRequest, payload: UnitCreateIn) -> Status[dict[str, Any]]:
    scope = scope_for(request.user)
    access.organisation_manage_check(scope)
    parent = _parent_for(scope, payload.induk_id)
    unit = _call(
        lambda: services.unit_create(
            aktor=Aktor.of_request(request), kode=payload.kode, nama=payload.nama, induk=parent
        )
    )
    return Status(201, _unit_detail(unit))


@router.patch("/units/{int:unit_id}", response=UnitDetailOut, summary="Ubah atau pindahkan unit")
def unit_update(request: HttpRequest, unit_id: int, payload: UnitPatchIn) -> dict[str, Any]:
    scope = scope_for(request.user)
    unit = _call(lambda: access.unit_get_for_change(scope, unit_id))
    sent = payload.dict(exclude_unset=True)
    parent = unit.induk
    if "induk_id" in sent and sent["induk_id"] != unit.induk_id:
        parent = _parent_for(scope, sent["induk_id"])
    changed = _call(
        lambda: services.unit_update(
            aktor=Aktor.of_request(request),
            unit=unit,
            nama=sent["nama"] if sent.get("nama") is not None else unit.nama,
            induk=parent,
            aktif=sent["aktif"] if sent.get("aktif") is not None else unit.aktif,
        )
    )
    return _unit_detail(changed)


@router.post(
    "/units/{int:unit_id}/penilai",
    response=JumlahOut,
    summary="Alihkan pejabat penilai seluruh pegawai unit",
)
def unit_penilai(request: HttpRequest, unit_id: int, payload: UnitPenilaiIn) -> dict[str, int]:
    scope = scope_for(request.user)
    unit = _call(lambda: access.unit_get_for_change(scope, unit_id))
    appraiser = _penilai_required(payload)
    count = _call(
        lambda: services.penilai_assign_unit(
            aktor=Aktor.of_request(request),
            unit=unit,
            penilai=appraiser,
            include_subunits=payload.include_subunits,
            berlaku_mulai=_today_or(payload.berlaku_mulai),
            alasan=payload.alasan,
        )
    )
    return {"jumlah": count}


# --- Employees -----------------------------------------------------------------------------------


@router.get("/pegawai", response=list[PegawaiOut], summary="Daftar pegawai")
@paginate(PageNumberPagination, page_size=selectors.PAGE_SIZE)
def pegawai_list(request: HttpRequest, filters: Query[PegawaiFilterQuery]) -> Any:
    scope = scope_for(request.user)
    access.organisation_browse_check(scope)
    form = PegawaiFilterForm(filters.dict(exclude_none=True))
    if not form.is_valid():
        errors = {key: [str(message) for message in value] for key, value in form.errors.items()}
        raise _invalid(errors)
    return selectors.pegawai_list(scope, **form.filters())


@router.get("/pegawai/{int:pegawai_id}", response=PegawaiDetailOut, summary="Satu pegawai")
def pegawai_detail(request: HttpRequest, pegawai_id: int) -> dict[str, Any]:
    pegawai = access.pegawai_get_for_read(scope_for(request.user), pegawai_id)
    return _pegawai_detail(pegawai.pk)


def _pegawai_detail(pegawai_id: int) -> dict[str, Any]:
    employees = selectors.with_exclusion(
        Pegawai.objects.select_related("unit", "jabatan", "penilai")
    )
    pegawai = employees.get(pk=pegawai_id)
    chain = [_chain_item(item) for item in selectors.penilai_chain(pegawai)]
    parts = selectors.nip_parts(pegawai)
    return PegawaiOut.from_orm(pegawai).dict() | {
        "nip_keterangan": None
        if parts is None
        else {
            "tanggal_lahir": parts.tanggal_lahir,
            "jenis_kelamin": parts.jenis_kelamin_label,
            "bulan_pengangkatan": _appointment_text(parts.tmt_cpns),
        },
        "pejabat_penilai": chain[0] if chain else None,
        "atasan_pejabat_penilai": chain[1] if len(chain) > 1 else None,
        "rantai_penilai": chain,
        "riwayat_penilai": list(selectors.riwayat_penilai(pegawai)),
        "riwayat_jabatan": list(selectors.riwayat_jabatan(pegawai)),
        "daftar_pengecualian": [
            PengecualianOut.from_orm(item) for item in selectors.pengecualian_of(pegawai)
        ],
    }


def _chain_item(pegawai: Pegawai) -> dict[str, Any]:
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "jabatan": pegawai.jabatan.nama,
        "unit": pegawai.unit.nama,
    }


@router.post("/pegawai", response={201: PegawaiDetailOut}, summary="Tambah pegawai")
def pegawai_create(request: HttpRequest, payload: PegawaiIn) -> Status[dict[str, Any]]:
    scope = scope_for(request.user)
    access.organisation_manage_check(scope)
    unit = _call(lambda: access.unit_get_for_change(scope, payload.unit_id))
    appraiser = _penilai_from(payload)
    data = payload.dict(exclude={"unit_id", "penilai_id", "penilai_nip", "berlaku_mulai"})
    pegawai = _call(
        lambda: services.pegawai_create(
            aktor=Aktor.of_request(request),
            unit=unit,
            penilai=appraiser,
            berlaku_mulai=_today_or(payload.berlaku_mulai),
            **data,
        )
    )
    return Status(201, _pegawai_detail(pegawai.pk))


@router.patch("/pegawai/{int:pegawai_id}", response=PegawaiDetailOut, summary="Ubah pegawai")
def pegawai_update(
    request: HttpRequest, pegawai_id: int, payload: PegawaiPatchIn
) -> dict[str, Any]:
    scope = scope_for(request.user)
    pegawai = _call(lambda: access.pegawai_get_for_change(scope, pegawai_id))
    sent = payload.dict(exclude_unset=True)
    unit = pegawai.unit
    if sent.get("unit_id") is not None and sent["unit_id"] != pegawai.unit_id:
        unit = _call(lambda: access.unit_get_for_change(scope, sent["unit_id"]))
    values = _pegawai_values(pegawai) | {k: v for k, v in sent.items() if v is not None}
    values.pop("unit_id", None)
    values["berlaku_mulai"] = _today_or(sent.get("berlaku_mulai"))
    if "kelas_jabatan" in sent:
        values["kelas_jabatan"] = sent["kelas_jabatan"]
    _call(
        lambda: services.pegawai_update(
            aktor=Aktor.of_request(request),
            pegawai=pegawai,
            unit=unit,
            **values,
        )
    )
    return _pegawai_detail(pegawai.pk)


def _pegawai_values(pegawai: Pegawai) -> dict[str, Any]:
    return {
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "status_kepegawaian": pegawai.status_kepegawaian,
        "golongan": pegawai.golongan,
        "jabatan_nama": pegawai.jabatan.nama,
        "jenis_jabatan": pegawai.jabatan.jenis_jabatan,
        "jenjang": pegawai.jabatan.jenjang,
        "kelas_jabatan": pegawai.jabatan.kelas_jabatan,
        "aktif": pegawai.aktif,
    }


@router.put(
    "/pegawai/{int:pegawai_id}/penilai", response=PenilaiOut, summary="Alihkan pejabat penilai"
)
def pegawai_penilai(request: HttpRequest, pegawai_id: int, payload: PenilaiIn) -> dict[str, Any]:
    scope = scope_for(request.user)
    pegawai = _call(lambda: access.pegawai_get_for_change(scope, pegawai_id))
    appraiser = _penilai_from(payload)
    row = _call(
        lambda: services.penilai_assign(
            aktor=Aktor.of_request(request),
            pegawai=pegawai,
            penilai=appraiser,
            berlaku_mulai=_today_or(payload.berlaku_mulai),
            alasan=payload.alasan,
        )
    )
    return {"pegawai": pegawai, "penilai": appraiser, "mulai": row.mulai}


@router.post(
    "/pegawai/{int:pegawai_id}/pengecualian",
    response={201: PengecualianOut},
    summary="Catat pengecualian pegawai",
)
def pengecualian_create(
    request: HttpRequest, pegawai_id: int, payload: PengecualianIn
) -> Status[Any]:
    scope = scope_for(request.user)
    pegawai = _call(lambda: access.pegawai_get_for_change(scope, pegawai_id))
    item = _call(
        lambda: services.pengecualian_add(
            aktor=Aktor.of_request(request), pegawai=pegawai, **payload.dict()
        )
    )
    return Status(201, _pengecualian_out(item.pk))


@router.post(
    "/pengecualian/{int:pengecualian_id}/akhiri",
    response=PengecualianOut,
    summary="Akhiri pengecualian",
)
def pengecualian_end(request: HttpRequest, pengecualian_id: int, payload: PengecualianEndIn) -> Any:
    scope = scope_for(request.user)
    item = _call(lambda: access.pengecualian_get_for_change(scope, pengecualian_id))
    _call(
        lambda: services.pengecualian_end(
            aktor=Aktor.of_request(request), pengecualian=item, sampai=payload.sampai
        )
    )
    return _pengecualian_out(item.pk)


def _pengecualian_out(pengecualian_id: int) -> Any:
    return selectors.pengecualian_get(pengecualian_id)


# --- Roles ---------------------------------------------------------------------------------------


@router.get("/roles", response=list[PeranOut], summary="Daftar peran pengguna")
def peran_list(request: HttpRequest) -> Any:
    return list(selectors.peran_list(access.peran_readable(scope_for(request.user))))


@router.post("/roles", response={201: PeranOut}, summary="Berikan peran")
def peran_grant(request: HttpRequest, payload: PeranIn) -> Status[Peran]:
    scope = scope_for(request.user)
    access.peran_readable(scope)
    unit = access.unit_get_for_read(scope, payload.unit_id) if payload.unit_id is not None else None
    _call(lambda: access.peran_grant_check(scope, payload.jenis, unit))
    pengguna = selectors.pengguna_by_nip(payload.pengguna_nip)
    if pengguna is None:
        message = _("Belum ada akun login dengan NIP %(nip)s.") % {"nip": payload.pengguna_nip}
        raise _invalid({"pengguna": [message]})
    peran = _call(
        lambda: services.peran_grant(
            aktor=Aktor.of_request(request), pengguna=pengguna, jenis=payload.jenis, unit=unit
        )
    )
    return Status(201, peran)


@router.delete("/roles/{int:peran_id}", response={204: None}, summary="Cabut peran")
def peran_revoke(request: HttpRequest, peran_id: int) -> Status[None]:
    scope = scope_for(request.user)
    peran = _call(lambda: access.peran_get_for_revoke(scope, peran_id))
    services.peran_revoke(aktor=Aktor.of_request(request), peran=peran)
    return Status(204, None)


def _appointment_text(tmt: tuple[int, int | None]) -> str:
    """'2010-01' for a PNS NIP; the year alone ('2022') for a PPPK NIP, which has no month."""
    year, month = tmt
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"
