"""Allowance API under /api/v1/tukin/: the caller's own year and month, an employee's year for
HR readers, the payroll list of a unit and month, the attendance of a unit and month and its
recording, the recomputation job, and the history of recomputations.

The same services, selectors and access functions as the pages. Amounts are whole rupiah,
percents decimal strings with two decimals. Bad input is 422 naming each field; an object the
caller may not read is 404, one the caller may read but not change is 403."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from kinerja.aturan.enums import Predikat
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.skp.schemas import pilihan
from kinerja.tukin import access, rules, selectors, services
from kinerja.tukin.forms import today
from kinerja.tukin.models import Kehadiran, PerubahanTukin, Tukin
from kinerja.tukin.schemas import (
    BarisOut,
    BulanOut,
    HitungUlangIn,
    KehadiranBarisOut,
    KehadiranIn,
    KehadiranOut,
    PekerjaanOut,
    PerhitunganDetailOut,
    PerhitunganOut,
    TahunOut,
    kehadiran_dict,
    percent_text,
)

router = Router(tags=["tukin"])


# --- Answers ---------------------------------------------------------------------------------


def _person(pegawai: Pegawai) -> dict[str, Any]:
    return {"id": pegawai.pk, "nip": pegawai.nip, "nama": pegawai.nama}


def _year(pegawai: Pegawai, tahun: int) -> dict[str, Any]:
    data = selectors.tukin_year(pegawai, tahun)
    months = []
    for bulan, _label, row in data.bulan:
        months.append(
            {
                "bulan": bulan,
                "dihitung": row is not None,
                "bruto": row.bruto if row else None,
                "insentif": row.insentif if row else None,
                "persen_potongan": percent_text(row.persen_potongan) if row else None,
                "potongan_rupiah": row.potongan_rupiah if row else None,
                "netto": row.netto if row else None,
            }
        )
    jumlah = data.jumlah
    return {
        "pegawai": _person(pegawai),
        "tahun": tahun,
        "bulan": months,
        "jumlah": {
            "baris": jumlah.baris,
            "besaran": jumlah.besaran,
            "insentif": jumlah.insentif,
            "bruto": jumlah.bruto,
            "persen_potongan": percent_text(jumlah.persen_potongan),
            "potongan_rupiah": jumlah.potongan_rupiah,
            "netto": jumlah.netto,
        },
    }


def _tukin(row: Tukin) -> dict[str, Any]:
    return {
        "unit": {"id": row.unit.pk, "kode": row.unit.kode, "nama": row.unit.nama},
        "jabatan": row.jabatan.nama,
        "kelas_jabatan": row.kelas_jabatan,
        "set_aturan": {
            "id": row.set_aturan.pk,
            "kode": row.set_aturan.kode,
            "versi": row.set_aturan.versi,
            "nama": row.set_aturan.nama,
        },
        "predikat_tahun_lalu": pilihan(Predikat, row.predikat_tahun_lalu),
        "kehadiran_tercatat": row.kehadiran_tercatat,
        "besaran": row.besaran,
        "insentif": row.insentif,
        "bruto": row.bruto,
        "persen_potongan_dihitung": percent_text(row.persen_potongan_dihitung),
        "persen_potongan": percent_text(row.persen_potongan),
        "potongan_rupiah": row.potongan_rupiah,
        "netto": row.netto,
        "potongan": [
            {
                **item,
                "persen_satuan": percent_text(item["persen_satuan"]),
                "persen": percent_text(item["persen"]),
            }
            for item in row.rincian
        ],
        "penjelasan": row.penjelasan,
        "dihitung_pada": row.dihitung_pada,
    }


def _perubahan(item: PerubahanTukin) -> dict[str, Any]:
    return {
        "perhitungan_id": item.perhitungan_id,
        "pegawai": _person(item.pegawai),
        "bruto_lama": item.bruto_lama,
        "bruto_baru": item.bruto_baru,
        "persen_lama": percent_text(item.persen_lama),
        "persen_baru": percent_text(item.persen_baru),
        "netto_lama": item.netto_lama,
        "netto_baru": item.netto_baru,
        "sebab": list(item.sebab),
    }


def _month(pegawai: Pegawai, tahun: int, bulan: int) -> dict[str, Any]:
    if rules.month_check(tahun, bulan):
        raise Http404
    data = selectors.tukin_month(pegawai, tahun, bulan)
    for item in data.perubahan:
        item.pegawai = pegawai
    return {
        "pegawai": _person(pegawai),
        "tahun": tahun,
        "bulan": bulan,
        "tukin": _tukin(data.tukin) if data.tukin else None,
        "kehadiran": kehadiran_dict(data.kehadiran),
        "perubahan": [_perubahan(item) for item in data.perubahan],
    }


def _own(scope: Lingkup) -> Pegawai:
    pegawai_id = access.own_check(scope)
    return Pegawai.objects.select_related("unit", "jabatan").get(pk=pegawai_id)


def _year_or_default(tahun: int | None) -> int:
    value = tahun or today().year
    if rules.month_check(value, 1):
        raise Http404
    return value


def _unit_month(
    scope: Lingkup, unit_id: int | None, tahun: int | None, bulan: int | None
) -> tuple[Unit, int, int]:
    """The unit (default: the first the caller reads) and month (default: this month)."""
    access.payroll_check(scope)
    if unit_id is None:
        unit = access.payroll_units(scope).first()
        if unit is None:
            raise Http404
    else:
        unit = access.unit_get_for_payroll(scope, unit_id)
    now = today()
    tahun, bulan = tahun or now.year, bulan or now.month
    services.month_validate(tahun, bulan)
    return unit, tahun, bulan


# --- One employee ----------------------------------------------------------------------------


@router.get("/saya", response=TahunOut, summary="Tunjangan kinerja saya setahun")
def own_year(request: HttpRequest, tahun: int | None = None) -> dict[str, Any]:
    """The caller's allowance of each month of a year (default: this year) and the totals."""
    return _year(_own(scope_for(request.user)), _year_or_default(tahun))


@router.get("/saya/{int:tahun}/{int:bulan}", response=BulanOut, summary="Tukin saya sebulan")
def own_month(request: HttpRequest, tahun: int, bulan: int) -> dict[str, Any]:
    """One month: the figures, every cut, the explanation, the attendance recorded and what
    each recomputation of the month changed."""
    return _month(_own(scope_for(request.user)), tahun, bulan)


@router.get("/pegawai/{int:pegawai_id}", response=TahunOut, summary="Tukin pegawai setahun")
def employee_year(request: HttpRequest, pegawai_id: int, tahun: int | None = None) -> Any:
    """An employee's year, for HR readers of the employee's unit (and the employee)."""
    pegawai = access.pegawai_get_for_read(scope_for(request.user), pegawai_id)
    return _year(pegawai, _year_or_default(tahun))


@router.get(
    "/pegawai/{int:pegawai_id}/{int:tahun}/{int:bulan}",
    response=BulanOut,
    summary="Tukin pegawai sebulan",
)
def employee_month(request: HttpRequest, pegawai_id: int, tahun: int, bulan: int) -> Any:
    pegawai = access.pegawai_get_for_read(scope_for(request.user), pegawai_id)
    return _month(pegawai, tahun, bulan)


# --- Payroll, attendance ---------------------------------------------------------------------


@router.get("/", response=list[BarisOut], summary="Daftar tukin unit sebulan")
@paginate(PageNumberPagination, page_size=selectors.PAGE_SIZE)
def payroll(
    request: HttpRequest,
    tahun: int | None = None,
    bulan: int | None = None,
    unit_id: int | None = None,
) -> Any:
    """The stored allowances of a unit subtree for a month (default: the first unit the caller
    reads, this month), by unit then name."""
    unit, tahun, bulan = _unit_month(scope_for(request.user), unit_id, tahun, bulan)
    return selectors.tukin_list(tahun=tahun, bulan=bulan, jalur=unit.jalur)


@router.get("/kehadiran", response=list[KehadiranBarisOut], summary="Kehadiran unit sebulan")
@paginate(PageNumberPagination, page_size=selectors.PAGE_SIZE)
def attendance(
    request: HttpRequest,
    tahun: int | None = None,
    bulan: int | None = None,
    unit_id: int | None = None,
) -> Any:
    """The employees of a unit subtree with their attendance of the month (null: none)."""
    unit, tahun, bulan = _unit_month(scope_for(request.user), unit_id, tahun, bulan)
    records = Kehadiran.objects.filter(tahun=tahun, bulan=bulan)
    return selectors.attendance_employees(
        jalur=unit.jalur, tahun=tahun, bulan=bulan
    ).prefetch_related(Prefetch("kehadiran", queryset=records, to_attr="bulan_ini"))


@router.put(
    "/kehadiran/{int:pegawai_id}/{int:tahun}/{int:bulan}",
    response=KehadiranOut,
    summary="Simpan data kehadiran",
)
def attendance_save(
    request: HttpRequest, pegawai_id: int, tahun: int, bulan: int, payload: KehadiranIn
) -> Any:
    """Record or correct an employee's attendance of a month (admin kepegawaian of the
    employee's unit); the month's allowance is recomputed and the change recorded."""
    pegawai = access.pegawai_get_for_attendance(scope_for(request.user), pegawai_id)
    saved = services.kehadiran_save(
        aktor=Aktor.of_request(request),
        pegawai=pegawai,
        tahun=tahun,
        bulan=bulan,
        data=payload.model_dump(),
    )
    return kehadiran_dict(saved)


@router.post("/hitung-ulang", response={202: PekerjaanOut}, summary="Hitung ulang tukin unit")
def recompute(request: HttpRequest, payload: HitungUlangIn) -> Status[dict[str, Any]]:
    """Start the background job recomputing a unit subtree's month (admin kepegawaian of the
    unit); follow it at `url`. A reason (`alasan`) is required."""
    scope = scope_for(request.user)
    access.payroll_check(scope)
    unit = access.unit_get_for_recompute(scope, payload.unit_id)
    job = services.recompute_start(
        aktor=Aktor.of_request(request),
        pengguna=request.user,
        unit=unit,
        tahun=payload.tahun,
        bulan=payload.bulan,
        alasan=payload.alasan,
    )
    return Status(202, {"id": str(job.pk), "url": f"/api/v1/pekerjaan/{job.pk}"})


# --- Recomputations --------------------------------------------------------------------------


@router.get("/perhitungan", response=list[PerhitunganOut], summary="Riwayat perhitungan tukin")
@paginate(PageNumberPagination, page_size=selectors.PAGE_SIZE)
def runs(request: HttpRequest) -> Any:
    scope = scope_for(request.user)
    access.payroll_check(scope)
    return access.perhitungan_readable(scope)


@router.get(
    "/perhitungan/{int:perhitungan_id}",
    response=PerhitunganDetailOut,
    summary="Rincian perhitungan tukin",
)
def run_detail(request: HttpRequest, perhitungan_id: int) -> dict[str, Any]:
    run = access.perhitungan_get_for_read(scope_for(request.user), perhitungan_id)
    return {
        "perhitungan": run,
        "perubahan": [_perubahan(item) for item in selectors.perubahan_of(run)],
        "dilewati_alasan": run.jumlah.get("dilewati_alasan", []),
    }
