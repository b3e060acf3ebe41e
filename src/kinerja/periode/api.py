"""Performance-year API: the years, one year with its periods, opening a year, its settings, a
period's deadlines, the transitions of a period's state and the history of those transitions.

The same services and selectors as the pages. Every signed-in user reads; managing needs an
agency admin (a superuser or an admin kepegawaian of a root unit): others get 403. A missing
year or period is 404. A refused input is 422 naming each field and what is wrong with it
(`{"detail": [{"loc": ["body", "tahun"], "msg": "…"}], "errors": {"tahun": ["…"]}}`, by the
API's ValidationError handler); a refusal of no single field is under `__all__`.

Paths: `/periode/` (years), `/periode/tahun/{tahun}` (one year), `/periode/{periode_id}` (one
period, by id).
"""

from django.http import HttpRequest
from ninja import Router, Status

from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.periode import access, selectors, services
from kinerja.periode.models import Periode, RiwayatStatusPeriode, TahunKinerja
from kinerja.periode.schemas import (
    PeriodeOut,
    PeriodePatchIn,
    RiwayatOut,
    TahunDetailOut,
    TahunIn,
    TahunListOut,
    TahunPatchIn,
    TransisiIn,
)

router = Router(tags=["periode"])


@router.get("/", response=list[TahunListOut], summary="Daftar tahun kinerja")
def tahun_list(request: HttpRequest) -> list[TahunKinerja]:
    """The performance years, newest first, with how many of their periods are open."""
    access.calendar_read_check(scope_for(request.user))
    return list(selectors.tahun_overview())


@router.post("/", response={201: TahunDetailOut}, summary="Buka tahun kinerja")
def tahun_open(request: HttpRequest, payload: TahunIn) -> Status[TahunKinerja]:
    """Open a year with its periods (quarters TW1–TW4 or months B01–B12, and TAHUNAN), all in
    state DRAF."""
    access.calendar_manage_check(scope_for(request.user))
    year = services.tahun_open(aktor=Aktor.of_request(request), **payload.dict())
    return Status(201, year)


@router.get("/tahun/{int:tahun}", response=TahunDetailOut, summary="Satu tahun kinerja")
def tahun_detail(request: HttpRequest, tahun: int) -> TahunKinerja:
    """A year's settings and its periods in order."""
    return access.tahun_get_for_read(scope_for(request.user), tahun)


@router.patch("/tahun/{int:tahun}", response=TahunDetailOut, summary="Ubah pengaturan tahun")
def tahun_update(request: HttpRequest, tahun: int, payload: TahunPatchIn) -> TahunKinerja:
    """Change the SKP deadlines or the use of the Biaya aspect (fields not sent keep their
    values). How the year is divided cannot change."""
    year = access.tahun_get_for_manage(scope_for(request.user), tahun)
    sent = payload.dict(exclude_none=True)
    return services.tahun_update(
        aktor=Aktor.of_request(request),
        tahun=year,
        batas_pengajuan_skp=sent.get("batas_pengajuan_skp", year.batas_pengajuan_skp),
        batas_persetujuan_skp=sent.get("batas_persetujuan_skp", year.batas_persetujuan_skp),
        aspek_biaya=sent.get("aspek_biaya", year.aspek_biaya),
    )


@router.get(
    "/tahun/{int:tahun}/riwayat",
    response=list[RiwayatOut],
    summary="Riwayat status periode dalam satu tahun",
)
def tahun_riwayat(request: HttpRequest, tahun: int) -> list[RiwayatStatusPeriode]:
    """Every change of state of the year's periods, newest first, with who and why."""
    year = access.tahun_get_for_read(scope_for(request.user), tahun)
    return selectors.periode_history(year)


@router.patch("/{int:periode_id}", response=PeriodeOut, summary="Ubah batas waktu periode")
def periode_update(request: HttpRequest, periode_id: int, payload: PeriodePatchIn) -> Periode:
    """Change a period's deadlines (fields not sent keep their values); a locked period
    cannot change."""
    periode = access.periode_get_for_manage(scope_for(request.user), periode_id)
    sent = payload.dict(exclude_none=True)
    return services.periode_update(
        aktor=Aktor.of_request(request),
        periode=periode,
        batas_realisasi=sent.get("batas_realisasi", periode.batas_realisasi),
        batas_verifikasi=sent.get("batas_verifikasi", periode.batas_verifikasi),
        batas_penilaian=sent.get("batas_penilaian", periode.batas_penilaian),
    )


@router.post("/{int:periode_id}/transisi", response=PeriodeOut, summary="Ubah status periode")
def periode_transisi(request: HttpRequest, periode_id: int, payload: TransisiIn) -> Periode:
    """Move a period: `open` (DRAF → DIBUKA), `close` (DIBUKA → DITUTUP), `reopen` (DITUTUP →
    DIBUKA), `lock` (DITUTUP → DIKUNCI), `unlock` (DIKUNCI → DITUTUP). Every action but `open`
    needs `alasan`, kept in the period's history."""
    periode = access.periode_get_for_manage(scope_for(request.user), periode_id)
    return services.periode_transition(
        aktor=Aktor.of_request(request), periode=periode, aksi=payload.aksi, alasan=payload.alasan
    )
