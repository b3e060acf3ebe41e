"""Rule-set API: read the versioned rule sets, and try the rule engine's calculators.

Every signed-in user may read every rule set (each figure must be explainable to the employee it
concerns) and use the calculators. A calculator is a pure computation: nothing is written. It
uses the version named by `set_aturan_id` (drafts included, to try a change before activating
it), or else the agency-wide version in effect on `tanggal` (default today). Each answer carries
the version used (`set_aturan`) and the explanation (`penjelasan`) of how it was derived.

A rule that cannot be applied (a grade without an allowance amount, a month count out of range)
is 422 with the rule's message (`{"detail": [{"loc": ["body", "__all__"], "msg": "…"}],
"errors": {"__all__": ["…"]}}`); an unknown enum value is 422 naming its field.
"""

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import PageNumberPagination, paginate

from kinerja.aturan import access, rules, selectors
from kinerja.aturan.enums import Potensi, Predikat, PredikatOrganisasi, Rating, StatusSetAturan
from kinerja.aturan.models import SetAturan
from kinerja.aturan.schemas import (
    AngkaKreditIn,
    AngkaKreditKumulatifIn,
    AngkaKreditKumulatifOut,
    AngkaKreditOut,
    DisiplinIn,
    DisiplinOut,
    KalkulatorIn,
    KurvaIn,
    KurvaOut,
    PredikatIn,
    PredikatOut,
    SetAturanDetailOut,
    SetAturanFilterQuery,
    SetAturanOut,
    TalentaIn,
    TalentaOut,
    TrenIn,
    TrenOut,
    TukinIn,
    TukinOut,
)
from kinerja.core.enums import LabeledEnum
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import Jenjang
from kinerja.organisasi.models import Unit

router = Router(tags=["aturan"])
PAGE_SIZE = 50
Result = TypeVar("Result")
Member = TypeVar("Member", bound=LabeledEnum)
KEHADIRAN_FIELDS = (
    "terlambat",
    "pulang_cepat",
    "tanpa_rekaman",
    "tanpa_keterangan",
    "cuti_alasan_penting",
    "hukuman_disiplin_sedang",
)
TUKIN_FIELDS = (
    "besaran",
    "insentif",
    "bruto",
    "persen_potongan_dihitung",
    "persen_potongan",
    "potongan_rupiah",
    "netto",
)


# --- Helpers -------------------------------------------------------------------------------------


def _today_or(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def _enum(kind: type[Member], value: str, field: str) -> Member:
    """A code (`DI_ATAS`) or a label ("Di Atas Ekspektasi"); unknown is a 422 naming `field`."""
    member = kind.parse(value)
    if member is None:
        choices = ", ".join(item.value for item in kind)
        message = _("Nilai “%(nilai)s” tidak dikenal; pilih salah satu: %(pilihan)s.") % {
            "nilai": value,
            "pilihan": choices,
        }
        raise ValidationError({field: [message]})
    return member


def _enums(kind: type[Member], values: list[str], field: str) -> list[Member]:
    return [_enum(kind, value, f"{field}[{index}]") for index, value in enumerate(values)]


def _compute(action: Callable[[], Result]) -> Result:
    """Run a rule; a rule that cannot be applied (or unreadable stored content) is a 422."""
    try:
        return action()
    except (rules.RuleError, rules.IsiTidakValid) as error:
        raise ValidationError(str(error)) from None


def _rule_set(request: HttpRequest, payload: KalkulatorIn) -> SetAturan:
    """The version named by `set_aturan_id` (404 when missing), else the agency-wide version in
    effect on `tanggal` (422 when none is)."""
    scope = scope_for(request.user)
    if payload.set_aturan_id is not None:
        return access.rule_set_get_for_read(scope, payload.set_aturan_id)
    access.rule_set_read_check(scope)
    return _compute(lambda: selectors.rule_set_agency(_today_or(payload.tanggal)))


def _answer(set_aturan: SetAturan, penjelasan: rules.Penjelasan, **result: Any) -> dict[str, Any]:
    return {**result, "set_aturan": set_aturan, "penjelasan": penjelasan.as_dict()}


# --- Rule sets -----------------------------------------------------------------------------------


@router.get("/", response=list[SetAturanOut], summary="Daftar versi set aturan")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def set_aturan_list(request: HttpRequest, filters: Query[SetAturanFilterQuery]) -> Any:
    """Every version of every rule set, by code then newest version first. Filter by `kode`
    and by `status` (DRAF, AKTIF, NONAKTIF)."""
    access.rule_set_read_check(scope_for(request.user))
    status = _enum(StatusSetAturan, filters.status, "status") if filters.status else None
    return selectors.rule_set_list(kode=filters.kode or "", status=status or "")


@router.get("/berlaku", response=SetAturanDetailOut, summary="Set aturan yang berlaku")
def set_aturan_berlaku(
    request: HttpRequest, unit_id: int | None = None, tanggal: datetime.date | None = None
) -> Any:
    """The active version that applies to a unit (or, without `unit_id`, to the whole agency)
    on a date (default today): the narrowest scope, then the latest effective date. 404 for an
    unknown unit; 422 when no active version applies."""
    access.rule_set_read_check(scope_for(request.user))
    jalur = get_object_or_404(Unit, pk=unit_id).jalur if unit_id is not None else ""
    return _compute(lambda: selectors.rule_set_for(jalur=jalur, tanggal=_today_or(tanggal)))


@router.get("/{int:set_aturan_id}", response=SetAturanDetailOut, summary="Satu versi set aturan")
def set_aturan_detail(request: HttpRequest, set_aturan_id: int) -> Any:
    """One version with its content (`isi`)."""
    return access.rule_set_get_for_read(scope_for(request.user), set_aturan_id)


@router.get("/{int:set_aturan_id}/dokumen", response=dict[str, Any], summary="Dokumen set aturan")
def set_aturan_dokumen(request: HttpRequest, set_aturan_id: int) -> dict[str, Any]:
    """The shareable JSON document of a version: what `kinerja rules import` and the import
    page read back (as a new draft)."""
    set_aturan = access.rule_set_get_for_read(scope_for(request.user), set_aturan_id)
    return selectors.rule_set_document(set_aturan)


# --- Calculators ---------------------------------------------------------------------------------


@router.post("/kalkulator/predikat", response=PredikatOut, summary="Hitung predikat")
def kalkulator_predikat(request: HttpRequest, payload: PredikatIn) -> dict[str, Any]:
    """The predikat from the result rating and the behaviour rating, through the rule set's
    quadrant (no weighting)."""
    hasil_kerja = _enum(Rating, payload.rating_hasil, "rating_hasil")
    perilaku = _enum(Rating, payload.rating_perilaku, "rating_perilaku")
    set_aturan = _rule_set(request, payload)
    hasil = _compute(lambda: rules.predikat_compute(set_aturan.aturan(), hasil_kerja, perilaku))
    return _answer(
        set_aturan,
        hasil.penjelasan,
        predikat=hasil.predikat.value,
        predikat_label=str(hasil.predikat.label),
    )


@router.post("/kalkulator/kurva", response=KurvaOut, summary="Periksa kurva distribusi")
def kalkulator_kurva(request: HttpRequest, payload: KurvaIn) -> dict[str, Any]:
    """Does a group's distribution of predikat fit the curve of its organisation rating? Each
    constraint with its allowed range (percentages "at most" round down, "at least" round up),
    and the fewest predikat changes that would make the group comply. A group smaller than the
    rule set's minimum size is TERLALU_KECIL (`sesuai` null), never a violation."""
    organisasi = _enum(PredikatOrganisasi, payload.predikat_organisasi, "predikat_organisasi")
    daftar = _enums(Predikat, payload.predikat, "predikat")
    set_aturan = _rule_set(request, payload)
    hasil = _compute(lambda: rules.curve_check(set_aturan.aturan(), organisasi, daftar))
    return _answer(set_aturan, hasil.penjelasan, **_kurva_fields(hasil))


def _kurva_fields(hasil: rules.HasilKurva) -> dict[str, Any]:
    return {
        "status": hasil.status,
        "sesuai": hasil.sesuai,
        "jumlah_pegawai": hasil.jumlah_pegawai,
        "jumlah": {predikat.value: count for predikat, count in hasil.jumlah.items()},
        "batasan": [
            {
                "label": row.label,
                "jenis": row.batasan.jenis.value,
                "predikat": [predikat.value for predikat in row.batasan.predikat],
                "nilai": row.batasan.nilai,
                "jumlah": row.jumlah,
                "minimum": row.minimum,
                "maksimum": row.maksimum,
                "terpenuhi": row.terpenuhi,
                "penjelasan": row.penjelasan,
            }
            for row in hasil.batasan
        ],
        "saran": [
            {
                "dari": move.dari.value,
                "ke": move.ke.value,
                "jumlah": move.jumlah,
                "label": move.label(),
            }
            for move in hasil.saran
        ],
    }


@router.post("/kalkulator/angka-kredit", response=AngkaKreditOut, summary="Hitung angka kredit")
def kalkulator_angka_kredit(request: HttpRequest, payload: AngkaKreditIn) -> dict[str, Any]:
    """Credit points earned in `bulan` months (0–12): months / 12 × the predikat's percentage ×
    the jenjang's yearly coefficient, stored with 3 decimals ("2.083") and shown with 2
    ("2,08")."""
    jenjang = _enum(Jenjang, payload.jenjang, "jenjang")
    predikat = _enum(Predikat, payload.predikat, "predikat")
    set_aturan = _rule_set(request, payload)
    hasil = _compute(
        lambda: rules.credit_points(set_aturan.aturan(), jenjang, predikat, payload.bulan)
    )
    return _answer(
        set_aturan, hasil.penjelasan, angka_kredit=hasil.nilai, tampil=rules.shown(hasil.nilai)
    )


@router.post(
    "/kalkulator/angka-kredit/kumulatif",
    response=AngkaKreditKumulatifOut,
    summary="Hitung angka kredit kumulatif",
)
def kalkulator_angka_kredit_kumulatif(
    request: HttpRequest, payload: AngkaKreditKumulatifIn
) -> dict[str, Any]:
    """The running total of credit points (from `awal`) against the thresholds of the jenjang
    for the next rank (kenaikan pangkat) and the next jenjang (`batas` null: none)."""
    jenjang = _enum(Jenjang, payload.jenjang, "jenjang")
    set_aturan = _rule_set(request, payload)
    hasil = _compute(
        lambda: rules.credit_total(set_aturan.aturan(), jenjang, payload.nilai, payload.awal)
    )
    return _answer(
        set_aturan,
        hasil.penjelasan,
        total=hasil.total,
        kenaikan_pangkat=hasil.kenaikan_pangkat,
        kenaikan_jenjang=hasil.kenaikan_jenjang,
    )


@router.post("/kalkulator/tukin", response=TukinOut, summary="Hitung tunjangan kinerja")
def kalkulator_tukin(request: HttpRequest, payload: TukinIn) -> dict[str, Any]:
    """One month's performance allowance: the grade's amount (plus the increment towards the
    next grade after a Sangat Baik year), every attendance and discipline cut itemised as a
    percentage of the gross, the capped total, and the net in whole rupiah. A grade without an
    amount in the rule set is a 422 saying where to fill it in."""
    last_year = payload.predikat_tahun_lalu
    predikat = _enum(Predikat, last_year, "predikat_tahun_lalu") if last_year else None
    kehadiran = rules.Kehadiran(**payload.dict(include=set(KEHADIRAN_FIELDS)))
    set_aturan = _rule_set(request, payload)
    hasil = _compute(
        lambda: rules.allowance_compute(
            set_aturan.aturan(), payload.kelas_jabatan, kehadiran, predikat
        )
    )
    fields = {name: getattr(hasil, name) for name in TUKIN_FIELDS}
    return _answer(set_aturan, hasil.penjelasan, **fields, potongan=list(hasil.potongan))


@router.post("/kalkulator/talenta", response=TalentaOut, summary="Tentukan kotak talenta")
def kalkulator_talenta(request: HttpRequest, payload: TalentaIn) -> dict[str, Any]:
    """The talent 9-box from performance and potential. Performance is a rating (DI_ATAS, …)
    or a predikat (SANGAT_BAIK, …), which the rule set maps to a rating."""
    rating = Rating.parse(payload.kinerja)
    kinerja = rating if rating is not None else _enum(Predikat, payload.kinerja, "kinerja")
    potensi = _enum(Potensi, payload.potensi, "potensi")
    set_aturan = _rule_set(request, payload)
    hasil = _compute(lambda: rules.talent_box(set_aturan.aturan(), kinerja, potensi))
    return _answer(set_aturan, hasil.penjelasan, kotak=hasil.kotak, kinerja=hasil.kinerja.value)


@router.post("/kalkulator/tren", response=TrenOut, summary="Klasifikasikan tren predikat")
def kalkulator_tren(request: HttpRequest, payload: TrenIn) -> dict[str, Any]:
    """The trend of a series of predikat (oldest first): the latest score (Sangat Baik 5 …
    Sangat Kurang 1) against the average of the earlier ones in the rule set's window."""
    series = _enums(Predikat, payload.predikat, "predikat")
    set_aturan = _rule_set(request, payload)
    hasil = _compute(lambda: rules.trend_classify(set_aturan.aturan(), series))
    return _answer(
        set_aturan,
        hasil.penjelasan,
        tren=hasil.tren.value,
        tren_label=str(hasil.tren.label),
        selisih=hasil.selisih,
        terakhir=hasil.terakhir.value if hasil.terakhir else None,
        lama_terakhir=hasil.lama_terakhir,
    )


@router.post("/kalkulator/disiplin", response=DisiplinOut, summary="Tentukan sanksi disiplin")
def kalkulator_disiplin(request: HttpRequest, payload: DisiplinIn) -> dict[str, Any]:
    """The discipline sanction reached by the cumulative days absent without reason in a year
    (`sanksi` null below the first threshold)."""
    set_aturan = _rule_set(request, payload)
    hasil = _compute(
        lambda: rules.discipline_sanction(set_aturan.aturan(), payload.hari_tanpa_keterangan)
    )
    sanksi = hasil.sanksi
    return _answer(
        set_aturan,
        hasil.penjelasan,
        sanksi=sanksi.value if sanksi else None,
        sanksi_label=str(sanksi.label) if sanksi else None,
    )
