"""Reading assessments: the rule set of a unit for a period, curve groups (who is in the group,
its distribution against the curve), the appraiser's list, the rating form's evidence-based
suggestions, the employee's own assessments and objections awaiting someone."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Predikat, Rating, StatusSetAturan
from kinerja.aturan.models import SetAturan
from kinerja.aturan.selectors import rule_set_for
from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import Pegawai, Pengecualian, Unit
from kinerja.penilaian import rules
from kinerja.penilaian.enums import StatusKeberatan, StatusPenetapan, StatusPenilaian
from kinerja.penilaian.models import Keberatan, KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi.models import BuktiDukung, Laporan, Realisasi, UmpanBalik
from kinerja.skp.enums import JenisRhk, StatusSkp
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.selectors import berakhlak_values, rhk_of

# --- Rule sets and units ---------------------------------------------------------------------


def aturan_for(jalur: str, periode: Periode) -> SetAturan:
    """The rule set that applies to a unit for a period: the version in effect on its last day.
    `aturan.rules.RuleError` when none applies."""
    return rule_set_for(jalur=jalur, tanggal=periode.selesai)


def aturan_resolver(tanggal: datetime.date) -> Callable[[str], SetAturan]:
    """One query for every unit: a function from a unit's path to its rule set on a date."""
    versions = {
        item.pk: item
        for item in SetAturan.objects.filter(
            status=StatusSetAturan.AKTIF, berlaku_mulai__lte=tanggal
        ).select_related("unit")
    }
    candidates = [
        aturan_rules.Kandidat(
            pk, item.unit.jalur if item.unit else "", item.berlaku_mulai, item.diaktifkan_pada
        )
        for pk, item in versions.items()
    ]

    def resolve(jalur: str) -> SetAturan:
        chosen = aturan_rules.rule_set_choose(candidates, jalur, tanggal)
        if chosen is None:
            return rule_set_for(jalur=jalur, tanggal=tanggal)  # raises RuleError
        return versions[chosen.id]

    return resolve


def kepala_unit_id(unit: Unit) -> int | None:
    """The unit's head: an active employee of the unit itself whose appraiser works outside the
    unit's subtree (or who has none); the first by position kind when several."""
    return (
        Pegawai.objects.filter(unit=unit, aktif=True)
        .filter(Q(penilai__isnull=True) | ~Q(penilai__unit__jalur__startswith=unit.jalur))
        .order_by("jabatan__jenis_jabatan", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def kepala_unit(unit: Unit) -> Pegawai | None:
    pk = kepala_unit_id(unit)
    if pk is None:
        return None
    return Pegawai.objects.select_related("jabatan", "unit").get(pk=pk)


def rated_paths(periode: Periode) -> list[str]:
    return list(
        KinerjaOrganisasi.objects.filter(periode=periode).values_list("unit__jalur", flat=True)
    )


def group_unit_for(jalur: str, periode: Periode) -> Unit | None:
    """The employee's curve group: the nearest unit up the path with an organisation rating."""
    return group_units_for([jalur], periode).get(jalur)


def group_units_for(jalur: Iterable[str], periode: Periode) -> dict[str, Unit]:
    """The curve group of each unit path (1 query); paths
    under no rated unit are left out."""
    units = {
        item.unit.jalur: item.unit
        for item in KinerjaOrganisasi.objects.filter(periode=periode).select_related("unit")
    }
    groups = aturan_rules.curve_groups(units, [(path, path) for path in set(jalur)])
    return {path: units[group] for group, paths in groups.items() if group for path in paths}


def kinerja_organisasi_of(unit: Unit, periode: Periode) -> KinerjaOrganisasi | None:
    return KinerjaOrganisasi.objects.filter(unit=unit, periode=periode).first()


def penetapan_of(unit: Unit, periode: Periode) -> Penetapan | None:
    return Penetapan.objects.filter(unit=unit, periode=periode).first()


def organisation_ratings(scope: Lingkup, periode: Periode) -> QuerySet[KinerjaOrganisasi]:
    ratings = KinerjaOrganisasi.objects.filter(periode=periode).select_related("unit")
    if scope.reads_agency:
        return ratings
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(unit__jalur__startswith=path)
    return ratings.filter(condition)


# --- Curve groups ----------------------------------------------------------------------------


def excluded_ids(periode: Periode, pegawai_ids: Iterable[int] | None = None) -> set[int]:
    """Employees excluded (retired, transferred, on study leave…) on the period's last day."""
    found = Pengecualian.objects.filter(mulai__lte=periode.selesai).filter(
        Q(sampai__isnull=True) | Q(sampai__gt=periode.selesai)
    )
    if pegawai_ids is not None:
        found = found.filter(pegawai_id__in=list(pegawai_ids))
    return set(found.values_list("pegawai_id", flat=True))


@dataclass
class Anggota:
    pegawai: Pegawai
    penilaian: Penilaian | None


@dataclass
class Kelompok:
    """A curve group for a period: the unit with an organisation rating and its members."""

    unit: Unit
    periode: Periode
    organisasi: KinerjaOrganisasi | None
    penetapan: Penetapan | None
    anggota: list[Anggota]
    set_aturan: SetAturan
    hasil: aturan_rules.HasilKurva | None
    kepala: Pegawai | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def is_final(self) -> bool:
        return self.penetapan is not None and self.penetapan.is_final

    @property
    def unrated(self) -> list[Pegawai]:
        return [member.pegawai for member in self.anggota if member.penilaian is None]

    @property
    def rated(self) -> list[Penilaian]:
        return [member.penilaian for member in self.anggota if member.penilaian is not None]


def member_employees(unit: Unit, periode: Periode) -> list[Pegawai]:
    """The active, not excluded employees whose curve group is this unit (its subtree minus
    subtrees with their own organisation rating), in unit then name order."""
    deeper = [
        path for path in rated_paths(periode) if path.startswith(unit.jalur) and path != unit.jalur
    ]
    employees = Pegawai.objects.filter(aktif=True, unit__jalur__startswith=unit.jalur)
    for path in deeper:
        employees = employees.exclude(unit__jalur__startswith=path)
    found = list(
        employees.select_related("unit", "jabatan", "penilai").order_by("unit__jalur", "nama")
    )
    excluded = excluded_ids(periode, [p.pk for p in found])
    return [p for p in found if p.pk not in excluded]


PENILAIAN_RELATED = ("pegawai", "pegawai__unit", "pegawai__jabatan", "unit", "jabatan", "penilai")


def kelompok_detail(unit: Unit, periode: Periode) -> Kelompok:
    """The group, its members with their assessments and the curve check (a fixed number of
    queries whatever its size). A finalised group's members are those it finalised."""
    organisasi = kinerja_organisasi_of(unit, periode)
    penetapan = penetapan_of(unit, periode)
    if penetapan is not None and penetapan.is_final:
        assessments = list(
            Penilaian.objects.filter(penetapan=penetapan)
            .select_related(*PENILAIAN_RELATED)
            .order_by("unit__jalur", "pegawai__nama")
        )
        members = [Anggota(item.pegawai, item) for item in assessments]
    else:
        employees = member_employees(unit, periode)
        by_employee = {
            item.pegawai_id: item
            for item in Penilaian.objects.filter(
                periode=periode, pegawai_id__in=[p.pk for p in employees]
            ).select_related(*PENILAIAN_RELATED)
        }
        members = [
            Anggota(p, by_employee.get(p.pk))
            for p in employees
            # An assessment already final belongs to the group that finalised it (the employee
            # moved here since): it is neither counted nor finalised again here.
            if p.pk not in by_employee or not by_employee[p.pk].is_final
        ]
    set_aturan = aturan_for(unit.jalur, periode)
    hasil = None
    if organisasi is not None:
        hasil = aturan_rules.curve_check(
            set_aturan.aturan(),
            organisasi.predikat_enum,
            [member.penilaian.predikat_enum for member in members if member.penilaian],
        )
    group = Kelompok(unit, periode, organisasi, penetapan, members, set_aturan, hasil)
    group.kepala = kepala_unit(unit)
    group.errors = finalise_errors_of(group)
    return group


def finalise_errors_of(group: Kelompok) -> list[str]:
    hasil = group.hasil
    return rules.finalise_errors(
        period_status=group.periode.status,
        has_organisation_rating=group.organisasi is not None,
        already_final=group.is_final,
        unrated=[p.nama for p in group.unrated],
        curve_holds=hasil.sesuai if hasil is not None else None,
        failed_constraints=[r.label for r in hasil.batasan if not r.terpenuhi] if hasil else [],
    )


@dataclass(frozen=True)
class BarisKurva:
    unit: Unit
    organisasi: KinerjaOrganisasi
    penetapan: Penetapan | None
    anggota: int
    dinilai: int
    jumlah: dict[Predikat, int]
    sesuai: bool | None

    @property
    def is_final(self) -> bool:
        return self.penetapan is not None and self.penetapan.is_final


def kurva_list(scope: Lingkup, periode: Periode) -> list[BarisKurva]:
    """Every curve group of the period the scope may see, with its distribution and whether it
    complies (a fixed number of queries)."""
    ratings = list(KinerjaOrganisasi.objects.filter(periode=periode).select_related("unit"))
    all_paths = [r.unit.jalur for r in ratings]
    if not scope.reads_agency:
        appraised = _appraised_paths(scope)
        own_groups = aturan_rules.curve_groups(all_paths, [(p, p) for p in appraised])
        ratings = [
            r for r in ratings if scope.reads_path(r.unit.jalur) or r.unit.jalur in own_groups
        ]
    if not ratings:
        return []
    roots = [r.unit.jalur for r in ratings]
    condition = Q(pk__in=[])
    for path in roots:
        condition |= Q(unit__jalur__startswith=path)
    members = list(Pegawai.objects.filter(condition, aktif=True).values_list("pk", "unit__jalur"))
    excluded = excluded_ids(periode)
    groups = aturan_rules.curve_groups(
        all_paths, [(pk, path) for pk, path in members if pk not in excluded]
    )
    predikat = dict(Penilaian.objects.filter(periode=periode).values_list("pegawai_id", "predikat"))
    penetapan = {p.unit_id: p for p in Penetapan.objects.filter(periode=periode)}
    final_counts: dict[int, list[str]] = {}
    finalised: set[int] = set()  # employees counted in the group that finalised them
    for pegawai_id, penetapan_id, value in Penilaian.objects.filter(
        periode=periode, status=StatusPenilaian.FINAL
    ).values_list("pegawai_id", "penetapan_id", "predikat"):
        final_counts.setdefault(penetapan_id, []).append(value)
        finalised.add(pegawai_id)
    resolve = aturan_resolver(periode.selesai)
    rows = []
    for rating in sorted(ratings, key=lambda r: r.unit.jalur):
        found = penetapan.get(rating.unit_id)
        if found is not None and found.is_final:
            values = [Predikat(v) for v in final_counts.get(found.pk, [])]
            size = len(values)
        else:
            ids = [pk for pk in groups.get(rating.unit.jalur, []) if pk not in finalised]
            values = [Predikat(predikat[pk]) for pk in ids if pk in predikat]
            size = len(ids)
        hasil = aturan_rules.curve_check(
            resolve(rating.unit.jalur).aturan(), rating.predikat_enum, values
        )
        rows.append(
            BarisKurva(
                rating.unit, rating, found, size, len(values), dict(hasil.jumlah), hasil.sesuai
            )
        )
    return rows


def _appraised_paths(scope: Lingkup) -> list[str]:
    if not scope.pegawai_id:
        return []
    return list(
        Pegawai.objects.filter(penilai_id=scope.pegawai_id, aktif=True)
        .values_list("unit__jalur", flat=True)
        .distinct()
    )


# --- The appraiser's list --------------------------------------------------------------------


@dataclass(frozen=True)
class BarisDinilai:
    pegawai: Pegawai
    penilaian: Penilaian | None
    skp_id: int | None
    laporan_status: str | None


def appraisee_rows(penilai_id: int, periode: Periode) -> list[BarisDinilai]:
    """The appraiser's active appraisees with their assessment, plan and report (4 queries)."""
    employees = list(
        Pegawai.objects.filter(penilai_id=penilai_id, aktif=True)
        .select_related("unit", "jabatan")
        .order_by("nama")
    )
    ids = [p.pk for p in employees]
    assessments = {
        item.pegawai_id: item
        for item in Penilaian.objects.filter(periode=periode, pegawai_id__in=ids)
    }
    plans = dict(
        Skp.objects.filter(
            pegawai_id__in=ids, tahun=periode.tahun.tahun, status=StatusSkp.DISETUJUI
        ).values_list("pegawai_id", "pk")
    )
    reports = dict(
        Laporan.objects.filter(periode=periode, skp__pegawai_id__in=ids).values_list(
            "skp__pegawai_id", "status"
        )
    )
    return [
        BarisDinilai(p, assessments.get(p.pk), plans.get(p.pk), reports.get(p.pk))
        for p in employees
    ]


# --- The rating form -------------------------------------------------------------------------


@dataclass
class IndikatorNilai:
    indikator_id: int
    aspek: str
    uraian: str
    target: str
    realisasi: str
    capaian: Decimal | None


@dataclass
class RhkNilai:
    rhk: Rhk
    indikator: list[IndikatorNilai]
    verdicts: dict[str, int]
    saran: rules.Saran
    rating: Rating | None

    @property
    def is_utama(self) -> bool:
        return self.rhk.jenis == JenisRhk.UTAMA


@dataclass
class NilaiPerilaku:
    kode: str
    nama: str
    umpan_balik: list[str]
    rating: Rating | None


@dataclass
class FormPenilaian:
    """Everything the appraiser decides on: per RHK the realisation against the target and the
    evidence verdicts with a suggestion, per BerAKHLAK value the feedback given, the suggested
    overall ratings, and the current (or pre-filled) values."""

    pegawai: Pegawai
    periode: Periode
    skp: Skp | None
    penilaian: Penilaian | None
    rhk: list[RhkNilai]
    perilaku: list[NilaiPerilaku]
    saran_hasil: rules.Saran
    saran_perilaku: rules.Saran
    rating_hasil: Rating | None
    rating_perilaku: Rating | None
    catatan: str
    prefilled_from: Periode | None = None

    def masukan(self) -> dict[str, Any]:
        """The inputs of the ratings as plain data (frozen into the assessment's snapshot)."""
        return {
            "skp_id": self.skp.pk if self.skp else None,
            "rhk": [
                {
                    "kode": item.rhk.kode,
                    "uraian": item.rhk.uraian,
                    "jenis": item.rhk.jenis,
                    "indikator": [
                        {
                            "aspek": ind.aspek,
                            "uraian": ind.uraian,
                            "target": ind.target,
                            "realisasi": ind.realisasi,
                            "capaian": str(ind.capaian) if ind.capaian is not None else None,
                        }
                        for ind in item.indikator
                    ],
                    "bukti": item.verdicts,
                    "saran": item.saran.rating.value if item.saran.rating else None,
                    "saran_alasan": item.saran.alasan,
                    "rating": item.rating.value if item.rating else None,
                }
                for item in self.rhk
            ],
            "perilaku": [
                {"kode": v.kode, "nama": v.nama, "rating": v.rating.value if v.rating else None}
                for v in self.perilaku
            ],
            "saran_hasil": self.saran_hasil.rating.value if self.saran_hasil.rating else None,
            "saran_hasil_alasan": self.saran_hasil.alasan,
            "saran_perilaku": (
                self.saran_perilaku.rating.value if self.saran_perilaku.rating else None
            ),
            "saran_perilaku_alasan": self.saran_perilaku.alasan,
        }


def penilaian_find(pegawai_id: int, periode: Periode) -> Penilaian | None:
    return (
        Penilaian.objects.select_related("set_aturan", "penetapan")
        .filter(pegawai_id=pegawai_id, periode=periode)
        .first()
    )


def rhk_codes(pegawai: Pegawai, periode: Periode) -> list[str]:
    """The RHK codes of the employee's approved plan for the period's year (what may be rated)."""
    return list(
        Rhk.objects.filter(
            skp__pegawai=pegawai, skp__tahun=periode.tahun.tahun, skp__status=StatusSkp.DISETUJUI
        ).values_list("kode", flat=True)
    )


def latest_periodic(pegawai_id: int, periode: Periode) -> Penilaian | None:
    """The latest periodic assessment of the year (pre-fills the annual form)."""
    return (
        Penilaian.objects.filter(pegawai_id=pegawai_id, periode__tahun_id=periode.tahun_id)
        .exclude(periode__kode="TAHUNAN")
        .select_related("periode")
        .order_by("-periode__urutan")
        .first()
    )


def _rating(value: str | None) -> Rating | None:
    return Rating(value) if value in {r.value for r in Rating} else None


def _number(value: Decimal | None, satuan: str = "") -> str:
    from kinerja.core.formatting import format_number

    if value is None:
        return ""
    text = format_number(value, 2).rstrip("0").rstrip(",")
    return f"{text} {satuan}".strip()


def form_data(
    pegawai: Pegawai, periode: Periode, *, draft: dict[str, Any] | None = None
) -> FormPenilaian:
    """The rating form of an employee for a period. `draft` (rating_rhk, rating_nilai) overrides
    the saved or pre-filled values (a preview before saving)."""
    skp = Skp.objects.filter(
        pegawai=pegawai, tahun=periode.tahun.tahun, status=StatusSkp.DISETUJUI
    ).first()
    penilaian = penilaian_find(pegawai.pk, periode)
    source = penilaian
    prefilled_from = None
    if source is None and periode.is_annual:
        source = latest_periodic(pegawai.pk, periode)
        prefilled_from = source.periode if source else None
    saved_rhk = dict(source.rating_rhk) if source else {}
    saved_nilai = dict(source.rating_nilai) if source else {}
    if draft is not None:  # what is being saved or previewed replaces what was saved
        saved_rhk = dict(draft.get("rating_rhk") or {})
        saved_nilai = dict(draft.get("rating_nilai") or {})
    reports = _reports(skp, periode)
    rhk_items = _rhk_items(skp, reports, saved_rhk, use_suggestion=source is None and draft is None)
    perilaku = _behaviour(reports, saved_nilai)
    saran_hasil = rules.overall_suggestion([(item.is_utama, item.rating) for item in rhk_items])
    saran_perilaku = rules.overall_suggestion(
        [(True, value.rating) for value in perilaku], behaviour=True
    )
    return FormPenilaian(
        pegawai=pegawai,
        periode=periode,
        skp=skp,
        penilaian=penilaian,
        rhk=rhk_items,
        perilaku=perilaku,
        saran_hasil=saran_hasil,
        saran_perilaku=saran_perilaku,
        rating_hasil=_rating(source.rating_hasil) if source else saran_hasil.rating,
        rating_perilaku=_rating(source.rating_perilaku) if source else saran_perilaku.rating,
        catatan=penilaian.catatan if penilaian else "",
        prefilled_from=prefilled_from,
    )


def _reports(skp: Skp | None, periode: Periode) -> list[Laporan]:
    """The period's report; for the annual form every report of the year, latest first."""
    if skp is None:
        return []
    reports = Laporan.objects.filter(skp=skp)
    if not periode.is_annual:
        reports = reports.filter(periode=periode)
    return list(reports.order_by("-periode__urutan"))


def _rhk_items(
    skp: Skp | None, reports: list[Laporan], saved: dict[str, str], *, use_suggestion: bool
) -> list[RhkNilai]:
    if skp is None:
        return []
    values: dict[int, Realisasi] = {}
    for item in Realisasi.objects.filter(laporan__in=reports).order_by("-laporan__periode__urutan"):
        values.setdefault(item.indikator_id, item)  # the latest period's value
    verdicts: dict[int, dict[str, int]] = {}
    for rhk_id, status in BuktiDukung.objects.filter(laporan__in=reports).values_list(
        "rhk_id", "status"
    ):
        counts = verdicts.setdefault(rhk_id, {})
        counts[status] = counts.get(status, 0) + 1
    items = []
    for rhk in rhk_of(skp):
        indicators = []
        for ind in rhk.indikator.all():
            found = values.get(ind.pk)
            realised = found.nilai if found else None
            target = (
                _number(ind.target_nilai, ind.target_satuan)
                if ind.target_nilai is not None
                else ind.target_narasi
            )
            shown = (
                _number(realised, ind.target_satuan)
                if realised is not None
                else (found.narasi if found else "")
            )
            indicators.append(
                IndikatorNilai(
                    ind.pk,
                    ind.aspek,
                    ind.uraian,
                    target,
                    shown,
                    rules.achievement(realised, ind.target_nilai),
                )
            )
        counts = verdicts.get(rhk.pk, {})
        saran = rules.rhk_suggestion([i.capaian for i in indicators], counts)
        rating = _rating(saved.get(rhk.kode)) or (saran.rating if use_suggestion else None)
        items.append(RhkNilai(rhk, indicators, counts, saran, rating))
    return items


def _behaviour(reports: list[Laporan], saved: dict[str, str]) -> list[NilaiPerilaku]:
    feedback: dict[str, list[str]] = {}
    for nilai, isi in (
        UmpanBalik.objects.filter(laporan__in=reports)
        .exclude(nilai="")
        .order_by("laporan__periode__urutan")
        .values_list("nilai", "isi")
    ):
        feedback.setdefault(nilai, []).append(isi)
    return [
        NilaiPerilaku(
            value["kode"],
            value["nama"],
            feedback.get(value["kode"], []),
            _rating(saved.get(value["kode"])),
        )
        for value in berakhlak_values()
    ]


# --- The employee's own, objections ----------------------------------------------------------


def own_assessments(pegawai_id: int) -> QuerySet[Penilaian]:
    """The employee's finalised assessments, newest period first (with any objection)."""
    return (
        Penilaian.objects.filter(pegawai_id=pegawai_id, status=StatusPenilaian.FINAL)
        .select_related("periode", "periode__tahun", "unit", "set_aturan", "keberatan")
        .order_by("-periode__tahun__tahun", "-periode__urutan")
    )


def objections_waiting(scope: Lingkup) -> QuerySet[Keberatan]:
    """Objections waiting for this user: to explain (as the appraiser who rated; HR for an
    assessment without one) or to decide (as the appraiser's superior; HR for one without a
    superior)."""
    condition = Q(pk__in=[])
    if scope.pegawai_id:
        me = scope.pegawai_id
        condition |= Q(status=StatusKeberatan.DIAJUKAN, penilaian__penilai_id=me)
        condition |= Q(status=StatusKeberatan.DIJELASKAN, atasan_id=me)
    for path in ("/",) if scope.is_superuser else scope.admin_paths:
        condition |= Q(
            status=StatusKeberatan.DIAJUKAN,
            penilaian__penilai__isnull=True,
            penilaian__unit__jalur__startswith=path,
        )
        condition |= Q(
            status=StatusKeberatan.DIJELASKAN,
            atasan__isnull=True,
            penilaian__unit__jalur__startswith=path,
        )
    return (
        Keberatan.objects.filter(condition)
        .select_related(
            "penilaian", "penilaian__pegawai", "penilaian__periode", "penilaian__periode__tahun"
        )
        .order_by("diajukan_pada")
    )


def open_objections(penetapan: Penetapan) -> int:
    return Keberatan.objects.filter(
        penilaian__penetapan=penetapan,
        status__in=[StatusKeberatan.DIAJUKAN, StatusKeberatan.DIJELASKAN],
    ).count()


def group_of_penilaian(penilaian: Penilaian) -> Kelompok | None:
    """The curve group of an assessment: its finalisation's unit, else the nearest rated unit."""
    if penilaian.penetapan_id is not None and penilaian.penetapan is not None:
        return kelompok_detail(penilaian.penetapan.unit, penilaian.periode)
    unit = group_unit_for(penilaian.unit.jalur, penilaian.periode)
    return kelompok_detail(unit, penilaian.periode) if unit is not None else None


def penetapan_list(periode: Periode) -> QuerySet[Penetapan]:
    return Penetapan.objects.filter(periode=periode, status=StatusPenetapan.DITETAPKAN)


def chart_of(hasil: aturan_rules.HasilKurva) -> list[rules.Batang]:
    """The bars of a group's distribution chart with the allowed range of each predikat (no
    ranges for a group too small to judge)."""
    if hasil.sesuai is None:
        return rules.chart_bars(hasil.jumlah, [])
    return rules.chart_bars(
        hasil.jumlah, [(r.batasan.predikat, r.minimum, r.maksimum) for r in hasil.batasan]
    )
