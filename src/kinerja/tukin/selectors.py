"""Reading the allowance: the inputs of a month's computation gathered in a fixed number of
queries, the computation itself (without storing), stored allowances, attendance, the history of
recomputations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Predikat
from kinerja.aturan.models import SetAturan
from kinerja.core.queries import plain_rows
from kinerja.organisasi.models import Jabatan, Pegawai, Pengecualian, RiwayatJabatan, Unit
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.penilaian.selectors import aturan_resolver
from kinerja.periode import rules as periode_rules
from kinerja.tukin import rules
from kinerja.tukin.models import Kehadiran, Perhitungan, PerubahanTukin, Tukin

CHUNK = 5000
WHOLE_TABLE = 50_000
PAGE_SIZE = 50


def _chunks(ids: Collection[int]) -> Iterator[list[int]]:
    items = sorted(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def kehadiran_counts(kehadiran: Kehadiran | None) -> aturan_rules.Kehadiran:
    """The rule engine's attendance of a stored month (all zero when none was recorded)."""
    if kehadiran is None:
        return aturan_rules.Kehadiran()
    return aturan_rules.Kehadiran(
        terlambat=(kehadiran.tl1, kehadiran.tl2, kehadiran.tl3, kehadiran.tl4),
        pulang_cepat=(kehadiran.psw1, kehadiran.psw2, kehadiran.psw3, kehadiran.psw4),
        tanpa_rekaman=kehadiran.tanpa_rekaman,
        tanpa_keterangan=kehadiran.tanpa_keterangan,
        cuti_alasan_penting=kehadiran.cuti_alasan_penting,
        hukuman_disiplin_sedang=kehadiran.hukuman_disiplin_sedang,
    )


@dataclass
class Hitungan:
    """One employee's allowance for a month as it would be computed now. `hasil` is None when
    it cannot be computed, with the reason in `alasan` (no grade, no amount in the rule set,
    excluded, inactive)."""

    pegawai: Pegawai
    tahun: int
    bulan: int
    unit: Unit
    jabatan: Jabatan
    set_aturan: SetAturan | None
    predikat_tahun_lalu: Predikat | None
    kehadiran: Kehadiran | None
    hasil: aturan_rules.HasilTukin | None
    alasan: str = ""

    @property
    def angka(self) -> rules.Angka | None:
        if self.hasil is None or self.set_aturan is None:
            return None
        return rules.Angka(
            kelas_jabatan=self.hasil.kelas_jabatan,
            set_aturan_id=self.set_aturan.pk,
            predikat_tahun_lalu=self.predikat_tahun_lalu.value if self.predikat_tahun_lalu else "",
            bruto=self.hasil.bruto,
            persen_potongan=self.hasil.persen_potongan,
            netto=self.hasil.netto,
            potongan={c.kode: c.kejadian for c in self.hasil.potongan if c.kejadian},
        )


def stored_angka(tukin: Tukin) -> rules.Angka:
    return rules.Angka(
        kelas_jabatan=tukin.kelas_jabatan,
        set_aturan_id=tukin.set_aturan_id,
        predikat_tahun_lalu=tukin.predikat_tahun_lalu,
        bruto=tukin.bruto,
        persen_potongan=Decimal(tukin.persen_potongan),
        netto=tukin.netto,
        potongan={item["kode"]: item["kejadian"] for item in tukin.rincian if item["kejadian"]},
    )


def _employees(pegawai_ids: Collection[int] | None, jalur: str | None) -> list[Pegawai]:
    """The employees asked for, by id (in chunks, so SQLite's limit on query parameters is never
    reached), or under a unit path, or all."""
    employees = Pegawai.objects.select_related("unit", "jabatan").order_by("pk")
    if jalur:
        employees = employees.filter(unit__jalur__startswith=jalur)
    if pegawai_ids is None:
        return list(employees)
    return [item for chunk in _chunks(pegawai_ids) for item in employees.filter(pk__in=chunk)]


def _excluded(ids: Collection[int], day: Any) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        for pegawai_id, jenis in (
            Pengecualian.objects.filter(pegawai_id__in=chunk, mulai__lte=day)
            .filter(Q(sampai__isnull=True) | Q(sampai__gt=day))
            .values_list("pegawai_id", "jenis")
        ):
            found[pegawai_id] = jenis
    return found


def _positions(ids: Collection[int], day: Any) -> dict[int, RiwayatJabatan]:
    found: dict[int, RiwayatJabatan] = {}
    for chunk in _chunks(ids):
        for item in (
            RiwayatJabatan.objects.filter(pegawai_id__in=chunk, mulai__lte=day)
            .filter(Q(sampai__isnull=True) | Q(sampai__gt=day))
            .select_related("unit", "jabatan")
            .order_by("mulai", "pk")
        ):
            found[item.pegawai_id] = item
    return found


def last_year_predikat(ids: Collection[int], tahun: int) -> dict[int, Predikat]:
    """The finalised annual predikat of `tahun` − 1 of each employee that has one."""
    found: dict[int, Predikat] = {}
    for chunk in _chunks(ids):
        for pegawai_id, predikat in Penilaian.objects.filter(
            pegawai_id__in=chunk,
            periode__tahun__tahun=tahun - 1,
            periode__kode=periode_rules.TAHUNAN,
            status=StatusPenilaian.FINAL,
        ).values_list("pegawai_id", "predikat"):
            found[pegawai_id] = Predikat(predikat)
    return found


def _attendance(ids: Collection[int], tahun: int, bulan: int) -> dict[int, Kehadiran]:
    found: dict[int, Kehadiran] = {}
    for chunk in _chunks(ids):
        for item in Kehadiran.objects.filter(pegawai_id__in=chunk, tahun=tahun, bulan=bulan):
            found[item.pegawai_id] = item
    return found


def allowance_calculate(
    *,
    tahun: int,
    bulan: int,
    pegawai_ids: Collection[int] | None = None,
    jalur: str | None = None,
) -> list[Hitungan]:
    """The allowance of each employee (of `pegawai_ids`, or under the unit path `jalur`, or all)
    for a month, computed now with the rule set in effect on the month's last day, the position
    held that day (from the position history; the current one when the history has none), last
    year's finalised annual predikat and the recorded attendance. Excluded and inactive
    employees are returned without a result and with the reason. A fixed number of queries."""
    day = rules.month_last_day(tahun, bulan)
    employees = _employees(pegawai_ids, jalur)
    ids = [employee.pk for employee in employees]
    excluded = _excluded(ids, day)
    positions = _positions(ids, day)
    previous = last_year_predikat(ids, tahun)
    attendance = _attendance(ids, tahun, bulan)
    resolve = aturan_resolver(day)
    labels = dict(Pengecualian._meta.get_field("jenis").flatchoices)
    result = []
    for employee in employees:
        held = positions.get(employee.pk)
        unit = held.unit if held else employee.unit
        jabatan = held.jabatan if held else employee.jabatan
        item = Hitungan(
            employee,
            tahun,
            bulan,
            unit,
            jabatan,
            None,
            previous.get(employee.pk),
            attendance.get(employee.pk),
            None,
        )
        result.append(item)
        if employee.pk in excluded:
            item.alasan = _("Dikecualikan: %(jenis)s.") % {
                "jenis": labels.get(excluded[employee.pk], excluded[employee.pk])
            }
        elif not employee.aktif:
            item.alasan = _("Pegawai tidak aktif.")
        elif jabatan.kelas_jabatan is None:
            item.alasan = _("Kelas jabatan %(jabatan)s belum diisi.") % {"jabatan": jabatan.nama}
        else:
            _compute(item, resolve, unit)
    return result


def _compute(item: Hitungan, resolve: Any, unit: Unit) -> None:
    try:
        item.set_aturan = resolve(unit.jalur)
        assert item.set_aturan is not None
        item.hasil = aturan_rules.allowance_compute(
            item.set_aturan.aturan(),
            item.jabatan.kelas_jabatan or 0,
            kehadiran_counts(item.kehadiran),
            item.predikat_tahun_lalu,
        )
    except aturan_rules.RuleError as error:
        item.alasan = str(error)


def allowance_period(
    *,
    tahun: int,
    months: Iterable[int],
    pegawai_ids: Collection[int],
    jalur: str | None = None,
) -> dict[int, rules.TukinPeriode]:
    """The allowance of each employee over the months of a period: the stored allowance of each
    month, or, for a month not computed yet, the allowance computed now (not stored). Employees
    with no month that can be computed are left out. `jalur` narrows the stored rows read (all
    of `pegawai_ids` should lie under it).

    The stored months are summed by the database (one row per employee); only employees with a
    month not stored yet have their months read one by one and the missing ones computed."""
    wanted = set(pegawai_ids)
    month_list = sorted(set(months))
    if not wanted or not month_list:
        return {}
    stored = Tukin.objects.filter(tahun=tahun, bulan__in=month_list)
    if jalur:
        stored = stored.filter(pegawai__unit__jalur__startswith=jalur)
    sums: dict[int, tuple[int, int, int]] = {}
    for rows in _stored_sets(stored, wanted):
        for pegawai_id, bruto, netto, count in plain_rows(
            rows.values("pegawai_id")
            .annotate(b=Sum("bruto"), n=Sum("netto"), c=Count("pk"))
            .order_by()
            .values_list("pegawai_id", "b", "n", "c")
        ):
            if pegawai_id in wanted:
                sums[pegawai_id] = (bruto, netto, count)
    incomplete = [pk for pk in wanted if sums.get(pk, (0, 0, 0))[2] < len(month_list)]
    per_employee: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    if incomplete:
        for chunk in _chunks(incomplete):
            for pegawai_id, bulan, bruto, netto in stored.filter(pegawai_id__in=chunk).values_list(
                "pegawai_id", "bulan", "bruto", "netto"
            ):
                per_employee[pegawai_id][bulan] = (bruto, netto)
        for bulan in month_list:
            missing = [pk for pk in incomplete if bulan not in per_employee.get(pk, {})]
            if not missing:
                continue
            for item in allowance_calculate(tahun=tahun, bulan=bulan, pegawai_ids=missing):
                if item.hasil is not None:
                    per_employee[item.pegawai.pk][bulan] = (item.hasil.bruto, item.hasil.netto)
    totals = {}
    period_sum = rules.period_sum
    for pegawai_id, (bruto, netto, count) in sums.items():
        if pegawai_id not in per_employee:
            totals[pegawai_id] = period_sum(bruto, netto, count)
    for pegawai_id, by_month in per_employee.items():
        total = rules.period_total(by_month.values())
        if total is not None:
            totals[pegawai_id] = total
    return totals


def _stored_sets(stored: QuerySet[Tukin], wanted: Collection[int]) -> Iterator[QuerySet[Tukin]]:
    """The stored rows to sum: all of them (filtered in Python) for many employees, else the
    employees' rows through chunked IN lists."""
    if len(wanted) > WHOLE_TABLE:
        yield stored
        return
    for chunk in _chunks(wanted):
        yield stored.filter(pegawai_id__in=chunk)


def tukin_list(*, tahun: int, bulan: int, jalur: str | None = None) -> QuerySet[Tukin]:
    """The stored allowances of a month (under a unit path), by unit then name."""
    rows = Tukin.objects.filter(tahun=tahun, bulan=bulan).select_related(
        "pegawai", "unit", "jabatan", "set_aturan"
    )
    if jalur:
        rows = rows.filter(unit__jalur__startswith=jalur)
    return rows.order_by("unit__jalur", "pegawai__nama", "pegawai__nip")


def tukin_of(pegawai: Pegawai, tahun: int) -> QuerySet[Tukin]:
    """An employee's stored allowances of a year, by month."""
    return (
        Tukin.objects.filter(pegawai=pegawai, tahun=tahun)
        .select_related("unit", "jabatan", "set_aturan")
        .order_by("bulan")
    )


def kehadiran_of(pegawai: Pegawai, tahun: int) -> dict[int, Kehadiran]:
    """An employee's recorded attendance of a year, by month."""
    return {item.bulan: item for item in Kehadiran.objects.filter(pegawai=pegawai, tahun=tahun)}


def kehadiran_list(*, tahun: int, bulan: int, jalur: str | None = None) -> QuerySet[Kehadiran]:
    rows = Kehadiran.objects.filter(tahun=tahun, bulan=bulan).select_related(
        "pegawai", "pegawai__unit"
    )
    if jalur:
        rows = rows.filter(pegawai__unit__jalur__startswith=jalur)
    return rows.order_by("pegawai__unit__jalur", "pegawai__nama")


def absences_in_year(
    *, tahun: int, pegawai_ids: Collection[int] | None = None, jalur: str | None = None
) -> dict[int, int]:
    """Days absent without reason (tanpa keterangan) in a year, per employee with any."""
    rows = Kehadiran.objects.filter(tahun=tahun, tanpa_keterangan__gt=0)
    if jalur:
        rows = rows.filter(pegawai__unit__jalur__startswith=jalur)
    if pegawai_ids is not None:
        rows = rows.filter(pegawai_id__in=list(pegawai_ids))
    totals = rows.values("pegawai_id").annotate(total=Sum("tanpa_keterangan"))
    return dict(totals.values_list("pegawai_id", "total"))


def perhitungan_list(*, jalur: str | None = None) -> QuerySet[Perhitungan]:
    """Recomputations, newest first (those of the agency and of units under `jalur`)."""
    runs = Perhitungan.objects.select_related("unit")
    if jalur:
        runs = runs.filter(Q(unit__jalur__startswith=jalur))
    return runs


def perubahan_of(perhitungan: Perhitungan) -> QuerySet[PerubahanTukin]:
    return perhitungan.perubahan.select_related("pegawai").order_by("pegawai__nama")


# --- Pages and API ---------------------------------------------------------------------------

SUM_FIELDS = ("besaran", "insentif", "bruto", "potongan_rupiah", "netto")


@dataclass(frozen=True)
class Jumlah:
    """Totals of several allowances (a year of one employee, a payroll list)."""

    baris: int
    besaran: int
    insentif: int
    bruto: int
    potongan_rupiah: int
    netto: int

    @property
    def persen_potongan(self) -> Decimal:
        return rules.cut_percent(self.bruto, self.netto)


def _jumlah(rows: QuerySet[Tukin]) -> Jumlah:
    sums = rows.aggregate(baris=Count("pk"), **{name: Sum(name) for name in SUM_FIELDS})
    return Jumlah(**{key: int(value or 0) for key, value in sums.items()})


@dataclass(frozen=True)
class TahunTukin:
    """An employee's allowance of a year: each month (None: not computed) and the totals."""

    tahun: int
    bulan: list[tuple[int, str, Tukin | None]]
    """(month, its name with the year, the stored allowance or None)."""
    jumlah: Jumlah


def tukin_year(pegawai: Pegawai, tahun: int) -> TahunTukin:
    """One query: the stored months of the year."""
    stored = {row.bulan: row for row in tukin_of(pegawai, tahun)}
    months = [(b, rules.month_label(tahun, b), stored.get(b)) for b in rules.MONTHS]
    rows = list(stored.values())
    jumlah = Jumlah(len(rows), *(sum(getattr(row, name) for row in rows) for name in SUM_FIELDS))
    return TahunTukin(tahun, months, jumlah)


@dataclass(frozen=True)
class BulanTukin:
    """An employee's allowance of one month with the attendance recorded and the changes of
    the recomputations of that month."""

    tahun: int
    bulan: int
    tukin: Tukin | None
    kehadiran: Kehadiran | None
    perubahan: list[PerubahanTukin]

    @property
    def rincian(self) -> list[dict[str, Any]]:
        """The itemised cuts of the stored allowance, percents as decimals."""
        if self.tukin is None:
            return []
        return [
            {
                **item,
                "persen_satuan": Decimal(item["persen_satuan"]),
                "persen": Decimal(item["persen"]),
            }
            for item in self.tukin.rincian
        ]

    @property
    def hitungan(self) -> list[tuple[str, int | bool]]:
        """The attendance counts recorded, with their labels (empty when none)."""
        return kehadiran_rows(self.kehadiran)


def kehadiran_rows(kehadiran: Kehadiran | None) -> list[tuple[str, int | bool]]:
    if kehadiran is None:
        return []
    names = (*rules.COUNT_FIELDS, "hukuman_disiplin_sedang")
    return [
        (
            str(getattr(Kehadiran._meta.get_field(name), "verbose_name", name)),
            getattr(kehadiran, name),
        )
        for name in names
    ]


def tukin_month(pegawai: Pegawai, tahun: int, bulan: int) -> BulanTukin:
    tukin = (
        Tukin.objects.filter(pegawai=pegawai, tahun=tahun, bulan=bulan)
        .select_related("unit", "jabatan", "set_aturan")
        .first()
    )
    kehadiran = Kehadiran.objects.filter(pegawai=pegawai, tahun=tahun, bulan=bulan).first()
    return BulanTukin(tahun, bulan, tukin, kehadiran, perubahan_for(pegawai, tahun, bulan))


def perubahan_for(pegawai: Pegawai, tahun: int, bulan: int) -> list[PerubahanTukin]:
    """What each recomputation of the month changed for the employee, newest first."""
    return list(
        PerubahanTukin.objects.filter(
            pegawai=pegawai, perhitungan__tahun=tahun, perhitungan__bulan=bulan
        )
        .select_related("perhitungan")
        .order_by("-perhitungan__pada", "-pk")
    )


@dataclass(frozen=True)
class TidakDihitung:
    """An active employee of the subtree without a stored allowance for the month, and why."""

    pegawai: Pegawai
    alasan: str
    netto_sekarang: int | None
    """The net the allowance would have if recomputed now (None: it cannot be computed)."""


@dataclass(frozen=True)
class DaftarGaji:
    """The payroll list of a unit subtree for a month: the stored rows (to paginate), their
    totals, and the active employees without an allowance."""

    baris: QuerySet[Tukin]
    jumlah: Jumlah
    tidak_dihitung: list[TidakDihitung]
    versi_lama: int = 0
    """Stored allowances computed with a rule-set version other than the one in effect now."""


def payroll(*, tahun: int, bulan: int, jalur: str) -> DaftarGaji:
    """A fixed number of queries whatever the number of employees (the rows are lazy)."""
    rows = tukin_list(tahun=tahun, bulan=bulan, jalur=jalur)
    missing = list(
        Pegawai.objects.filter(unit__jalur__startswith=jalur, aktif=True)
        .exclude(pk__in=Tukin.objects.filter(tahun=tahun, bulan=bulan).values("pegawai_id"))
        .values_list("pk", flat=True)
    )
    tidak = []
    if missing:
        for item in allowance_calculate(tahun=tahun, bulan=bulan, pegawai_ids=missing):
            if item.hasil is None:
                tidak.append(TidakDihitung(item.pegawai, item.alasan, None))
            else:
                tidak.append(TidakDihitung(item.pegawai, _("Belum dihitung."), item.hasil.netto))
        tidak.sort(key=lambda t: (t.pegawai.unit.jalur, t.pegawai.nama, t.pegawai.nip))
    return DaftarGaji(rows, _jumlah(rows), tidak, outdated_count(rows, tahun, bulan))


def outdated_count(rows: QuerySet[Tukin], tahun: int, bulan: int) -> int:
    """How many of these stored allowances were computed with a rule-set version other than the
    one in effect now for the employee's unit (they need an explicit recomputation; 2 queries)."""
    resolve = aturan_resolver(rules.month_last_day(tahun, bulan))
    outdated = 0
    for jalur, set_aturan_id, count in (
        rows.order_by()
        .values("unit__jalur", "set_aturan_id")
        .annotate(n=Count("pk"))
        .values_list("unit__jalur", "set_aturan_id", "n")
    ):
        try:
            current = resolve(jalur).pk
        except aturan_rules.RuleError:
            continue
        if current != set_aturan_id:
            outdated += count
    return outdated


def attendance_employees(*, jalur: str, tahun: int, bulan: int) -> QuerySet[Pegawai]:
    """The employees of a subtree whose attendance of a month is shown: the active ones and any
    other with a record, by unit then name."""
    recorded = Kehadiran.objects.filter(tahun=tahun, bulan=bulan).values("pegawai_id")
    return (
        Pegawai.objects.filter(unit__jalur__startswith=jalur)
        .filter(Q(aktif=True) | Q(pk__in=recorded))
        .select_related("unit", "jabatan")
        .order_by("unit__jalur", "nama", "nip")
    )


def kehadiran_for(pegawai_ids: Collection[int], tahun: int, bulan: int) -> dict[int, Kehadiran]:
    return _attendance(pegawai_ids, tahun, bulan)


def payroll_totals(*, tahun: int, bulan: int, jalur: str) -> Jumlah:
    return _jumlah(tukin_list(tahun=tahun, bulan=bulan, jalur=jalur))
