"""Reading talent data: the 9-box of a unit subtree (or an appraiser's team) for a year, the
merit lists that follow from the finalised predikat and the attendance (succession, promotion,
improvement plan needed, discipline thresholds), potential entry rows, improvement plans.

Each list is read with a fixed number of queries whatever the number of employees: the
employees, the rule sets in effect on 31 December, the assessments, the potential, the plans
and the absences, each in one query.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.aturan.enums import Predikat, Rating, SanksiKehadiran
from kinerja.aturan.models import SetAturan
from kinerja.aturan.rules.isi import IsiAturan
from kinerja.aturan.rules.penjelasan import Penjelasan
from kinerja.organisasi.models import Pegawai, Pengecualian
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.penilaian.selectors import aturan_resolver
from kinerja.periode import rules as periode_rules
from kinerja.periode.models import TahunKinerja
from kinerja.talenta import rules
from kinerja.talenta.enums import StatusPerbaikan
from kinerja.talenta.models import CatatanPerbaikan, Potensi, RencanaPerbaikan
from kinerja.tukin.selectors import absences_in_year


def default_year() -> int:
    """The newest performance year not after this one that has annual assessments (the 9-box
    and the merit lists read them), else the newest performance year, else this year (one
    query)."""
    today = timezone.localdate()
    annual = Penilaian.objects.filter(
        periode__tahun=OuterRef("pk"), periode__kode=periode_rules.TAHUNAN
    )
    found = (
        TahunKinerja.objects.filter(tahun__lte=today.year)
        .annotate(dinilai=Exists(annual))
        .order_by("-dinilai", "-tahun")
        .values_list("tahun", flat=True)
        .first()
    )
    return found or today.year


def year_end(tahun: int) -> datetime.date:
    return datetime.date(tahun, 12, 31)


def employees_of(*, jalur: str | None, tahun: int, penilai_id: int | None = None) -> list[Pegawai]:
    """Active employees of a unit subtree (and/or of an appraiser's team), leaving out those
    excluded (retired, transferred, on study leave…) on 31 December of the year (1 query)."""
    end = year_end(tahun)
    excluded = Pengecualian.objects.filter(pegawai=OuterRef("pk"), mulai__lte=end).filter(
        Q(sampai__isnull=True) | Q(sampai__gt=end)
    )
    rows = Pegawai.objects.filter(aktif=True).select_related("unit", "jabatan")
    if jalur is not None:
        rows = rows.filter(unit__jalur__startswith=jalur)
    if penilai_id is not None:
        rows = rows.filter(penilai_id=penilai_id)
    return list(rows.filter(~Exists(excluded)).order_by("nama", "pk"))


class _Rules:
    """The rule set of each unit on 31 December (one query), parsed once per version."""

    def __init__(self, tahun: int) -> None:
        self.resolve: Callable[[str], SetAturan] = aturan_resolver(year_end(tahun))
        self.errors: list[str] = []

    def isi(self, jalur: str) -> IsiAturan | None:
        try:
            return self.resolve(jalur).aturan()
        except aturan_rules.RuleError as error:
            if str(error) not in self.errors:
                self.errors.append(str(error))
            return None


# --- The 9-box -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnggotaKotak:
    pegawai: Pegawai
    predikat: Predikat
    sementara: bool
    """The annual assessment is still a draft (not finalised in its curve group)."""
    potensi: PotensiEnum
    kotak: int
    penjelasan: Penjelasan


@dataclass
class SelKotak:
    kotak: int
    potensi: PotensiEnum
    kinerja: Rating
    anggota: list[AnggotaKotak] = field(default_factory=list)

    @property
    def jumlah(self) -> int:
        return len(self.anggota)


@dataclass(frozen=True)
class BelumLengkap:
    pegawai: Pegawai
    kurang: tuple[str, ...]


@dataclass
class KotakTalenta:
    tahun: int
    baris: list[list[SelKotak]]
    """Rows potensi Tinggi, Menengah, Rendah; columns kinerja Di bawah, Sesuai, Di atas."""
    belum_lengkap: list[BelumLengkap]
    kesalahan: list[str]

    @property
    def sel(self) -> dict[int, SelKotak]:
        return {cell.kotak: cell for row in self.baris for cell in row}

    @property
    def jumlah(self) -> int:
        return sum(cell.jumlah for row in self.baris for cell in row)


def talent_box(*, jalur: str | None, tahun: int, penilai_id: int | None = None) -> KotakTalenta:
    """Everyone of the subtree (or team) in their box for the year: kinerja from the annual
    predikat (finalised, or a draft shown as provisional), potensi from the year's entry. Those
    lacking either are listed apart with what is missing (4 queries)."""
    people = employees_of(jalur=jalur, tahun=tahun, penilai_id=penilai_id)
    ids = [person.pk for person in people]
    annual = {
        item.pegawai_id: item
        for item in Penilaian.objects.filter(
            pegawai_id__in=ids, periode__tahun__tahun=tahun, periode__kode=periode_rules.TAHUNAN
        ).only("pk", "pegawai_id", "predikat", "status")
    }
    potential = dict(
        Potensi.objects.filter(pegawai_id__in=ids, tahun=tahun).values_list("pegawai_id", "potensi")
    )
    found = _Rules(tahun)
    header = found.isi(jalur or "") or (found.isi(people[0].unit.jalur) if people else None)
    grid = [
        [
            SelKotak(header.talenta.kotak[potensi][kinerja] if header else 0, potensi, kinerja)
            for kinerja in rules.GRID_KINERJA
        ]
        for potensi in rules.GRID_POTENSI
    ]
    cells = {(cell.potensi, cell.kinerja): cell for row in grid for cell in row}
    incomplete = []
    for person in people:
        assessment, level = annual.get(person.pk), potential.get(person.pk)
        isi = found.isi(person.unit.jalur)
        missing = []
        if assessment is None:
            missing.append(_("predikat tahunan %(tahun)s") % {"tahun": tahun})
        if level is None:
            missing.append(_("potensi %(tahun)s") % {"tahun": tahun})
        if isi is None:
            missing.append(_("set aturan yang berlaku"))
        if missing or assessment is None or level is None or isi is None:
            incomplete.append(BelumLengkap(person, tuple(missing)))
            continue
        hasil = aturan_rules.talent_box(isi, Predikat(assessment.predikat), PotensiEnum(level))
        cells[(hasil.potensi, hasil.kinerja)].anggota.append(
            AnggotaKotak(
                person,
                Predikat(assessment.predikat),
                assessment.status != StatusPenilaian.FINAL,
                hasil.potensi,
                hasil.kotak,
                hasil.penjelasan,
            )
        )
    return KotakTalenta(tahun, grid, incomplete, found.errors)


# --- Merit lists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisMerit:
    pegawai: Pegawai
    alasan: str


@dataclass(frozen=True)
class BarisPerbaikan:
    pegawai: Pegawai
    predikat: Predikat
    periode: str
    penilaian_id: int
    alasan: str
    rencana: RencanaPerbaikan | None
    """The employee's latest improvement plan, if any."""

    @property
    def berjalan(self) -> bool:
        return self.rencana is not None and self.rencana.status == StatusPerbaikan.BERJALAN


@dataclass(frozen=True)
class BarisDisiplin:
    pegawai: Pegawai
    hari: int
    sanksi: SanksiKehadiran
    penjelasan: Penjelasan


@dataclass
class DaftarMerit:
    tahun: int
    suksesi: list[BarisMerit]
    kenaikan_pangkat: list[BarisMerit]
    belum_memenuhi: list[BarisMerit]
    perbaikan: list[BarisPerbaikan]
    disiplin: list[BarisDisiplin]
    kesalahan: list[str]


@dataclass(frozen=True)
class _Final:
    pk: int
    tahun: int
    kode: str
    nama: str
    selesai: datetime.date
    predikat: Predikat


def merit_lists(*, jalur: str | None, tahun: int, penilai_id: int | None = None) -> DaftarMerit:
    """The four recommendation lists of the subtree (or team) for the year, each with its
    reasons (5 queries)."""
    people = employees_of(jalur=jalur, tahun=tahun, penilai_id=penilai_id)
    ids = [person.pk for person in people]
    found = _Rules(tahun)
    rule_of = {person.pk: found.isi(person.unit.jalur) for person in people}
    span = max(
        (
            max(isi.merit.suksesi_tahun, isi.merit.kenaikan_pangkat_tahun)
            for isi in rule_of.values()
            if isi
        ),
        default=1,
    )
    finals: dict[int, list[_Final]] = {}
    rows = Penilaian.objects.filter(
        pegawai_id__in=ids,
        status=StatusPenilaian.FINAL,
        periode__tahun__tahun__in=rules.years_ending(tahun, span),
    ).values_list(
        "pk", "pegawai_id", "periode__tahun__tahun", "periode__kode", "periode__selesai", "predikat"
    )
    for pk, pegawai_id, year, kode, selesai, predikat in rows:
        nama = periode_rules.period_name(kode)
        finals.setdefault(pegawai_id, []).append(
            _Final(pk, year, kode, f"{nama} {year}", selesai, Predikat(predikat))
        )
    latest_plan: dict[int, RencanaPerbaikan] = {}
    for plan in RencanaPerbaikan.objects.filter(pegawai_id__in=ids).order_by("-mulai", "-pk"):
        latest_plan.setdefault(plan.pegawai_id, plan)
    absent = absences_in_year(tahun=tahun, pegawai_ids=ids)
    result = DaftarMerit(tahun, [], [], [], [], [], found.errors)
    for person in people:
        isi = rule_of[person.pk]
        if isi is None:
            continue
        mine = finals.get(person.pk, [])
        annual = {item.tahun: item.predikat for item in mine if item.kode == periode_rules.TAHUNAN}
        _merit(result, person, isi, tahun, annual)
        _improvement(result, person, tahun, mine, latest_plan.get(person.pk))
        _discipline(result, person, isi, absent.get(person.pk, 0))
    return result


def _merit(
    result: DaftarMerit, person: Pegawai, isi: IsiAturan, tahun: int, annual: dict[int, Predikat]
) -> None:
    succession = rules.succession_check(isi.merit, tahun, annual)
    if succession.memenuhi:
        result.suksesi.append(BarisMerit(person, succession.alasan))
    promotion = rules.promotion_check(isi.merit, tahun, annual)
    target = result.kenaikan_pangkat if promotion.memenuhi else result.belum_memenuhi
    target.append(BarisMerit(person, promotion.alasan))


def _improvement(
    result: DaftarMerit,
    person: Pegawai,
    tahun: int,
    mine: list[_Final],
    plan: RencanaPerbaikan | None,
) -> None:
    this_year = [item for item in mine if item.tahun == tahun]
    annual = [item for item in this_year if item.kode == periode_rules.TAHUNAN]
    latest = annual[0] if annual else max(this_year, key=lambda item: item.selesai, default=None)
    if latest is None or not rules.needs_improvement(latest.predikat):
        return
    result.perbaikan.append(
        BarisPerbaikan(
            person,
            latest.predikat,
            latest.nama,
            latest.pk,
            rules.improvement_reason(latest.predikat, latest.nama),
            plan,
        )
    )


def _discipline(result: DaftarMerit, person: Pegawai, isi: IsiAturan, hari: int) -> None:
    if not hari:
        return
    hasil = aturan_rules.discipline_sanction(isi, hari)
    if hasil.sanksi is not None:
        result.disiplin.append(BarisDisiplin(person, hari, hasil.sanksi, hasil.penjelasan))


# --- Potential entry -------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisPotensi:
    pegawai: Pegawai
    potensi: str
    """The recorded code, "" when none."""


def potensi_rows(*, jalur: str, tahun: int) -> list[BarisPotensi]:
    """Every employee of the subtree (not excluded on 31 December) with the year's potential
    (2 queries)."""
    people = employees_of(jalur=jalur, tahun=tahun)
    recorded = dict(
        Potensi.objects.filter(pegawai_id__in=[p.pk for p in people], tahun=tahun).values_list(
            "pegawai_id", "potensi"
        )
    )
    return [BarisPotensi(person, recorded.get(person.pk, "")) for person in people]


def potensi_of(pegawai_id: int, tahun: int) -> Potensi | None:
    return Potensi.objects.filter(pegawai_id=pegawai_id, tahun=tahun).first()


# --- Improvement plans -----------------------------------------------------------------------

PLAN_RELATED = ("pegawai", "pegawai__unit", "pegawai__jabatan", "pembimbing", "penilaian")


def rencana_list(plans: QuerySet[RencanaPerbaikan], status: str = "") -> QuerySet[RencanaPerbaikan]:
    """Plans (already limited to what the user reads), newest first, optionally by status."""
    if status:
        plans = plans.filter(status=status)
    return plans.select_related(
        *PLAN_RELATED, "penilaian__periode", "penilaian__periode__tahun"
    ).order_by("-mulai", "-pk")


def catatan_of(rencana: RencanaPerbaikan) -> QuerySet[CatatanPerbaikan]:
    return rencana.catatan.order_by("tanggal", "pk")


def running_plan_of(pegawai_id: int) -> RencanaPerbaikan | None:
    return RencanaPerbaikan.objects.filter(
        pegawai_id=pegawai_id, status=StatusPerbaikan.BERJALAN
    ).first()


def assessments_for_plan(pegawai_id: int) -> QuerySet[Penilaian]:
    """The employee's assessments a plan may start from (newest first)."""
    return (
        Penilaian.objects.filter(pegawai_id=pegawai_id)
        .select_related("periode", "periode__tahun")
        .order_by("-periode__selesai", "-pk")
    )


def has_plan(pegawai_id: int) -> bool:
    return RencanaPerbaikan.objects.filter(pegawai_id=pegawai_id).exists()
