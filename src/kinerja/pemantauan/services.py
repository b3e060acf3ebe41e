"""The monitoring refresh: read the whole agency once (`selectors.sumber`), compute every
unit's counts per period and jenis jabatan, every employee's trend, projection and early warning,
the projection model with its backtest, and replace the stored figures in one transaction, so
the dashboards never read a half-written state. Started from the dashboard (a background job),
by `kinerja pemantauan perbarui` (e.g. nightly) or the API."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.aturan.enums import Predikat, Rating
from kinerja.aturan.models import SetAturan
from kinerja.aturan.rules import RuleError, trend_classify
from kinerja.audit.services import Aktor, audit_record
from kinerja.jobs.models import Pekerjaan
from kinerja.jobs.progress import NullProgress, Progress
from kinerja.jobs.services import job_create
from kinerja.organisasi.rules import unit_path_ids
from kinerja.pemantauan import services_analitik as analytics
from kinerja.pemantauan.models import (
    BuktiSama,
    BuktiSamaUnit,
    KasusKontradiksi,
    KecepatanVerifikasi,
    Pembaruan,
    ProfilPegawai,
    ProyeksiUnit,
    RingkasanBukti,
    RingkasanBuktiTahun,
    RingkasanUnit,
    SebaranPenilai,
    SebaranPenilaiUnit,
    StatusPembaruan,
    TandaBukti,
)
from kinerja.pemantauan.rules import peringatan as warning_rules
from kinerja.pemantauan.rules import proyeksi as model_rules
from kinerja.pemantauan.rules import ringkasan as count_rules
from kinerja.pemantauan.selectors.sumber import (
    TAHUNAN,
    Karyawan,
    Sumber,
    deadlines,
    sources_read,
)
from kinerja.penilaian.selectors import aturan_resolver
from kinerja.periode.models import Periode
from kinerja.rekap.selectors import RekapError, curve_verdicts

JOB_KIND = "pemantauan.refresh"
STALE_AFTER = datetime.timedelta(hours=2)
"""A run still marked running after this long is taken as dead (a new one may start)."""
BATCH = 2000
Key = tuple[int, int, str]  # unit, periode, jenis jabatan
STORED = (
    RingkasanUnit,
    ProyeksiUnit,
    ProfilPegawai,
    SebaranPenilai,
    SebaranPenilaiUnit,
    KasusKontradiksi,
    KecepatanVerifikasi,
    RingkasanBukti,
    RingkasanBuktiTahun,
    TandaBukti,
    BuktiSamaUnit,
    BuktiSama,
)
"""The stored figures a refresh replaces (deleted in this order)."""


def refresh_start(*, aktor: Aktor, sebab: str) -> Pekerjaan:
    """Start the refresh as a background job (the request audited). ValidationError when a
    refresh started less than `STALE_AFTER` ago is still running."""
    with transaction.atomic():
        running = Pembaruan.objects.select_for_update().filter(
            status=StatusPembaruan.BERJALAN, dimulai_pada__gt=timezone.now() - STALE_AFTER
        )
        if running.exists():
            raise ValidationError(
                _("Pembaruan data pemantauan sedang berjalan; tunggu hingga selesai.")
            )
        job = job_create(
            jenis=JOB_KIND,
            judul=_("Pembaruan data pemantauan"),
            parameter={"sebab": sebab, "pengguna_id": aktor.pengguna_id, "oleh": aktor.label},
            pengguna_id=aktor.pengguna_id,
        )
        audit_record(aktor=aktor, aksi="pemantauan.start", objek=job, keterangan=sebab)
    return job


def monitoring_refresh(
    *,
    aktor: Aktor,
    sebab: str = "",
    progress: Progress | None = None,
    today: datetime.date | None = None,
) -> Pembaruan:
    """Recompute and replace every stored monitoring figure as of `today` (the local day by
    default: which deadlines have passed, the current period); the run is recorded (failed runs
    too, with their message, leaving the previous figures in place)."""
    progress = progress or NullProgress()
    run = Pembaruan.objects.create(oleh_id=aktor.pengguna_id, oleh_label=aktor.label, sebab=sebab)
    try:
        _refresh(run, aktor, progress, today or timezone.localdate())
    except Exception as error:
        Pembaruan.objects.filter(pk=run.pk).update(
            status=StatusPembaruan.GAGAL, selesai_pada=timezone.now(), pesan=str(error)[:2000]
        )
        raise
    run.refresh_from_db()
    return run


def _refresh(run: Pembaruan, aktor: Aktor, progress: Progress, today: datetime.date) -> None:
    now = timezone.now()
    progress.start(7, _("Membaca data instansi"))
    sumber = sources_read(today)
    progress.advance(1)
    rings = _unit_counts(sumber, today, now)
    progress.advance(1)
    _curves(rings, sumber)
    progress.advance(1)
    outlook = _outlook(sumber, today, now)
    unit_count = len(sumber.units)
    progress.advance(1)
    analitik = analytics.Analitik()
    analytics.rater_rows(sumber, today, now, analitik)
    analytics.integrity_rows(sumber, now, analitik)
    progress.advance(1)
    with transaction.atomic():
        for model in STORED:
            model.objects.all().delete()
        RingkasanUnit.objects.bulk_create(rings.values(), batch_size=BATCH)
        progress.advance(1)
        ProfilPegawai.objects.bulk_create(outlook.profiles, batch_size=BATCH)
        ProyeksiUnit.objects.bulk_create(outlook.units, batch_size=BATCH)
        _analytics_store(analitik)
        audit_record(
            aktor=aktor,
            aksi="pemantauan.refresh",
            objek=run,
            sesudah={"pegawai": len(outlook.profiles), "unit": unit_count},
            keterangan=run.sebab,
        )
        Pembaruan.objects.filter(pk=run.pk).update(
            status=StatusPembaruan.SELESAI,
            selesai_pada=timezone.now(),
            jumlah_pegawai=len(outlook.profiles),
            jumlah_unit=unit_count,
            model=outlook.model,
            uji_balik=outlook.backtest,
        )
    _statistics_update()
    progress.advance(1)


STATISTICS_TARGET = 1000
"""The size of the unit paths' histograms on PostgreSQL (its default is 100), set on the stored
tables' `jalur` columns at every migrate (`statistics_targets_set`), so that the refresh's
ANALYZE, autovacuum's and a DBA's all keep it. A subtree filter is a path prefix range; on a
large agency a 100-bucket histogram estimates a leaf unit's share of the rows a hundred times
too high, and the planner then reads the leaf's page of a list through the agency-wide ordered
index (seen: 250 ms instead of 1.5 ms)."""


def statistics_targets_set(*, using: str = "default") -> None:
    """Give the `jalur` column of every stored table a histogram of STATISTICS_TARGET buckets
    where it has another (PostgreSQL; tables not migrated yet are left alone). Already set, it
    changes nothing, so a migrate within a transaction that wrote rows (`kinerja demo` in a
    test) does not run the ALTER TABLE that PostgreSQL refuses there."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    existing = set(connection.introspection.table_names())
    tables = [
        model._meta.db_table
        for model in STORED
        if model._meta.db_table in existing and _has_path(model)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text FROM pg_attribute WHERE attname = 'jalur'"
            " AND attrelid = ANY(%s::regclass[]) AND attstattarget IS DISTINCT FROM %s",
            [tables, STATISTICS_TARGET],
        )
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"ALTER TABLE {connection.ops.quote_name(table)} "
                f"ALTER COLUMN jalur SET STATISTICS {STATISTICS_TARGET}"
            )


def _has_path(model: type[models.Model]) -> bool:
    return any(field.name == "jalur" for field in model._meta.concrete_fields)


def _statistics_update() -> None:
    """Let the database planner see the replaced rows at once (it would otherwise plan the
    dashboards' queries on the empty tables' statistics until autovacuum runs)."""
    with connection.cursor() as cursor:
        for model in STORED:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _analytics_store(analitik: analytics.Analitik) -> None:
    SebaranPenilai.objects.bulk_create(analitik.sebaran, batch_size=BATCH)
    SebaranPenilaiUnit.objects.bulk_create(analitik.sebaran_unit, batch_size=BATCH)
    KasusKontradiksi.objects.bulk_create(analitik.kasus, batch_size=BATCH)
    KecepatanVerifikasi.objects.bulk_create(analitik.kecepatan, batch_size=BATCH)
    RingkasanBukti.objects.bulk_create(analitik.ringkasan_bukti, batch_size=BATCH)
    RingkasanBuktiTahun.objects.bulk_create(analitik.ringkasan_bukti_tahun, batch_size=BATCH)
    BuktiSama.objects.bulk_create(analitik.kelompok, batch_size=BATCH)
    BuktiSamaUnit.objects.bulk_create(analitik.kelompok_unit, batch_size=BATCH)
    TandaBukti.objects.bulk_create(analitik.tanda, batch_size=BATCH)


# --- Counts per unit, period and jenis jabatan -----------------------------------------------


def _direct_counts(sumber: Sumber, today: datetime.date) -> dict[Key, dict[str, Any]]:
    """Counts of each unit's direct members per period and jenis jabatan: employees with the
    same facts are counted together."""
    active = {e.pk: e for e in sumber.employees}
    assessed: dict[int, list[int]] = defaultdict(list)
    for pegawai_id, periode_id in sumber.penilaian:
        assessed[periode_id].append(pegawai_id)
    evidence: dict[int, list[tuple[int, dict[str, int]]]] = defaultdict(list)
    for (pegawai_id, periode_id), by_status in sumber.bukti.items():
        evidence[periode_id].append((pegawai_id, by_status))
    direct: dict[Key, dict[str, Any]] = {}
    for periode in sumber.periods:
        batas = deadlines(periode, today)
        tally: Counter[tuple[int, str, count_rules.Fakta]] = Counter()
        place: dict[int, tuple[int, str]] = {}
        members = set(active).union(assessed.get(periode.pk, ()))
        for pegawai_id in members:
            nilai = sumber.penilaian.get((pegawai_id, periode.pk))
            employee = active.get(pegawai_id)
            if nilai is not None and (nilai.status == "FINAL" or employee is None):
                unit_id = nilai.unit_id
                jenis = nilai.jenis_jabatan or (employee.jenis_jabatan if employee else "")
            elif employee is not None:
                unit_id, jenis = employee.unit_id, employee.jenis_jabatan
            else:
                continue
            place[pegawai_id] = (unit_id, jenis)
            fakta = count_rules.Fakta(
                skp=sumber.skp.get((pegawai_id, periode.tahun.tahun)),
                laporan=sumber.laporan.get((pegawai_id, periode.pk)),
                penilaian=nilai.status if nilai else None,
                predikat=nilai.predikat if nilai and nilai.status == "FINAL" else None,
            )
            tally[(unit_id, jenis, fakta)] += 1
        for (unit_id, jenis, fakta), many in tally.items():
            counts = count_rules.employee_counts(fakta, batas, many)
            _merge(direct, (unit_id, periode.pk, jenis), counts)
        items: Counter[tuple[int, str, str]] = Counter()
        for pegawai_id, by_status in evidence.get(periode.pk, ()):
            submitted = sumber.laporan.get((pegawai_id, periode.pk)) != "DRAF"
            if pegawai_id in place and submitted:
                unit_id, jenis = place[pegawai_id]
                for status, n in by_status.items():
                    items[(unit_id, jenis, status)] += n
        for (unit_id, jenis, status), n in items.items():
            counts = count_rules.evidence_counts(status, n, batas)
            _merge(direct, (unit_id, periode.pk, jenis), counts)
    return direct


def _merge(into: dict[Key, dict[str, Any]], key: Key, counts: dict[str, Any]) -> None:
    found = into.get(key)
    if found is None:
        into[key] = counts
    else:
        count_rules.counts_add(found, counts)


def _unit_counts(
    sumber: Sumber, today: datetime.date, now: datetime.datetime
) -> dict[Key, RingkasanUnit]:
    direct = _direct_counts(sumber, today)
    subtree: dict[Key, dict[str, Any]] = {}
    own: dict[Key, dict[str, Any]] = {}
    for (unit_id, periode_id, jenis), counts in direct.items():
        for key in {(unit_id, periode_id, jenis), (unit_id, periode_id, "")}:
            _merge(own, key, count_rules.counts_sum([counts]))
        for ancestor in unit_path_ids(sumber.units.get(unit_id, "")):
            for key in {(ancestor, periode_id, jenis), (ancestor, periode_id, "")}:
                _merge(subtree, key, count_rules.counts_sum([counts]))
    for unit_id in sumber.units:
        for periode in sumber.periods:
            subtree.setdefault((unit_id, periode.pk, ""), count_rules.empty())
    return {
        key: RingkasanUnit(
            unit_id=key[0],
            periode_id=key[1],
            jenis_jabatan=key[2],
            jalur=sumber.units[key[0]],
            jumlah=counts,
            langsung=own.get(key) or count_rules.empty(),
            diperbarui_pada=now,
        )
        for key, counts in subtree.items()
        if key[0] in sumber.units
    }


def _curves(rings: dict[Key, RingkasanUnit], sumber: Sumber) -> None:
    """The curve check of each rated unit's group (the curve monitor's verdict)."""
    by_path = {jalur: pk for pk, jalur in sumber.units.items()}
    for periode in sumber.periods:
        try:
            verdicts = curve_verdicts(periode)
        except RekapError:
            continue
        for jalur, (organisasi, sesuai) in verdicts.items():
            found = rings.get((by_path.get(jalur, 0), periode.pk, ""))
            if found is not None:
                found.kurva = {"predikat_organisasi": organisasi, "sesuai": sesuai}


# --- Trends, projection, early warning -------------------------------------------------------


class _Outlook:
    def __init__(self) -> None:
        self.profiles: list[ProfilPegawai] = []
        self.units: list[ProyeksiUnit] = []
        self.model: dict[str, Any] = {}
        self.backtest: dict[str, Any] = {}


def _series(sumber: Sumber) -> dict[int, list[tuple[Periode, Any]]]:
    """Each employee's final assessments in period order."""
    by_id = {p.pk: p for p in sumber.periods}
    order = {p.pk: index for index, p in enumerate(sumber.periods)}
    found: dict[int, list[tuple[Periode, Any]]] = defaultdict(list)
    for (pegawai_id, periode_id), nilai in sumber.penilaian.items():
        if nilai.status == "FINAL" and periode_id in by_id:
            found[pegawai_id].append((by_id[periode_id], nilai))
    for items in found.values():
        items.sort(key=lambda item: order[item[0].pk])
    return found


def _steps(
    sumber: Sumber, series: dict[int, list[tuple[Periode, Any]]]
) -> list[model_rules.Langkah]:
    """Transitions between an employee's predikat in consecutive periodic periods."""
    periodic = [p for p in sumber.periods if p.kode != TAHUNAN]
    order = {p.pk: index for index, p in enumerate(periodic)}
    steps = []
    for pegawai_id, items in series.items():
        chain = [(p, n) for p, n in items if p.kode != TAHUNAN]
        for (before, first), (after, second) in itertools.pairwise(chain):
            if order[after.pk] != order[before.pk] + 1:
                continue
            kondisi = model_rules.condition_of(sumber.bukti_of(pegawai_id, before))
            steps.append(
                model_rules.Langkah(
                    Predikat(first.predikat), kondisi, Predikat(second.predikat), order[after.pk]
                )
            )
    return steps


def _label(periode: Periode) -> str:
    return f"{periode.kode} {periode.tahun.tahun}"


def _current_period(sumber: Sumber, today: datetime.date) -> Periode | None:
    started = [p for p in sumber.periods if p.kode != TAHUNAN and p.mulai <= today]
    return started[-1] if started else None


def _outlook(sumber: Sumber, today: datetime.date, now: datetime.datetime) -> _Outlook:
    outlook = _Outlook()
    series = _series(sumber)
    steps = _steps(sumber, series)
    choice = model_rules.model_choose(steps)
    model = model_rules.model_estimate(steps, choice.terpilih)
    outlook.model = model.to_json() | {"dipakai": choice.dipakai, "langkah": len(steps)}
    outlook.backtest = _backtest_json(choice, sumber)
    resolve = aturan_resolver(today)
    current = _current_period(sumber, today)
    trend = _trend_memo(resolve)
    sums: dict[tuple[int, str], model_rules.Akumulasi] = defaultdict(model_rules.Akumulasi)
    trends: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    annual_trends: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    warned: Counter[tuple[int, str]] = Counter()
    for employee in sumber.employees:
        items = series.get(employee.pk, [])
        periodic = [(p, n) for p, n in items if p.kode != TAHUNAN]
        annual = [(p, n) for p, n in items if p.kode == TAHUNAN]
        profile = _profile(employee, periodic, annual, now, trend)
        prediksi = None
        if periodic:
            last_period, last = periodic[-1]
            prediksi = model_rules.project(
                model,
                Predikat(last.predikat),
                sumber.bukti_of(employee.pk, last_period),
                dipakai=choice.dipakai,
            )
            _set_projection(profile, prediksi, last_period, choice.dipakai)
        found = warning_rules.signals(
            terakhir=Predikat(periodic[-1][1].predikat) if periodic else None,
            rating_hasil=[Rating(n.rating_hasil) for _p, n in periodic[-2:]],
            bukti=sumber.bukti_of(employee.pk, current) if current else None,
            periode_bukti=_label(current) if current else "",
        )
        warning = warning_rules.warning_of(prediksi, found, dipakai=choice.dipakai)
        profile.peringatan = warning.aktif
        profile.alasan_peringatan = [a.to_json() for a in warning.alasan]
        outlook.profiles.append(profile)
        for ancestor in unit_path_ids(employee.jalur):
            for key in {(ancestor, employee.jenis_jabatan), (ancestor, "")}:
                if prediksi is not None:
                    sums[key].add(prediksi.peluang)
                trends[key][profile.tren_periodik] += 1
                annual_trends[key][profile.tren_tahunan] += 1
                warned[key] += int(warning.aktif)
    base = max(
        (p for p, _n in (i for s in series.values() for i in s) if p.kode != TAHUNAN),
        key=lambda p: (p.tahun.tahun, p.urutan),
        default=None,
    )
    for key in trends:
        unit_id, jenis = key
        if unit_id not in sumber.units or base is None:
            continue
        distribution = model_rules.distribution_expected(sums[key])
        outlook.units.append(
            ProyeksiUnit(
                unit_id=unit_id,
                jenis_jabatan=jenis,
                jalur=sumber.units[unit_id],
                periode_dasar=base,
                anggota=distribution.anggota,
                harapan={p.value: str(v) for p, v in distribution.harapan.items()},
                rentang={p.value: list(v) for p, v in distribution.rentang.items()},
                tren=dict(trends[key]),
                tren_tahunan=dict(annual_trends[key]),
                peringatan=warned[key],
                diperbarui_pada=now,
            )
        )
    return outlook


def _trend_memo(
    resolve: Callable[[str], SetAturan],
) -> Callable[[str, tuple[Predikat, ...]], Any]:
    sets: dict[str, SetAturan | None] = {}
    memo: dict[tuple[int, tuple[Predikat, ...]], Any] = {}

    def classify(jalur: str, values: tuple[Predikat, ...]) -> Any:
        if jalur not in sets:
            try:
                sets[jalur] = resolve(jalur)
            except RuleError:
                sets[jalur] = None
        chosen = sets[jalur]
        if chosen is None:
            return None
        key = (chosen.pk, values)
        if key not in memo:
            memo[key] = trend_classify(chosen.aturan(), values)
        return memo[key]

    return classify


def _profile(
    employee: Karyawan,
    periodic: list[tuple[Periode, Any]],
    annual: list[tuple[Periode, Any]],
    now: datetime.datetime,
    trend: Callable[[str, tuple[Predikat, ...]], Any],
) -> ProfilPegawai:
    profile = ProfilPegawai(
        pegawai_id=employee.pk,
        nama=employee.nama,
        unit_id=employee.unit_id,
        jalur=employee.jalur,
        jenis_jabatan=employee.jenis_jabatan,
        penilai_id=employee.penilai_id,
        seri_periodik=[_point(p, n) for p, n in periodic],
        seri_tahunan=[_point(p, n) for p, n in annual],
        diperbarui_pada=now,
    )
    explained = {}
    for name, items in (("periodik", periodic), ("tahunan", annual)):
        result = trend(employee.jalur, tuple(Predikat(n.predikat) for _p, n in items))
        if result is None:
            continue
        setattr(profile, f"tren_{name}", result.tren.value)
        explained[name] = {
            "ringkasan": str(result.penjelasan.ringkasan),
            "langkah": [str(step) for step in result.penjelasan.langkah],
            "selisih": None if result.selisih is None else str(result.selisih),
        }
        if name == "periodik":
            profile.lama_periodik = result.lama_terakhir
    profile.penjelasan_tren = explained
    return profile


def _point(periode: Periode, nilai: Any) -> dict[str, Any]:
    return {"periode_id": periode.pk, "label": _label(periode), "predikat": nilai.predikat}


def _set_projection(
    profile: ProfilPegawai, prediksi: model_rules.Prediksi, basis: Periode, dipakai: bool
) -> None:
    profile.proyeksi = prediksi.terpilih.value
    profile.peluang = {p.value: str(v) for p, v in prediksi.peluang.items()}
    profile.risiko = prediksi.risiko.quantize(Decimal("0.0001"))
    profile.proyeksi_dasar = prediksi.to_json() | {"dipakai": dipakai, "dasar": _label(basis)}


def _backtest_json(choice: model_rules.PilihanModel, sumber: Sumber) -> dict[str, Any]:
    periodic = [p for p in sumber.periods if p.kode != TAHUNAN]
    return {
        "terpilih": choice.terpilih,
        "dipakai": choice.dipakai,
        "minimum_uji": model_rules.MINIMUM_UJI,
        "kandidat": [
            {
                "pengkondisian": test.pengkondisian,
                "jumlah": test.jumlah,
                "benar_model": test.benar_model,
                "benar_naif": test.benar_naif,
                "periode": [
                    {
                        "label": _label(periodic[item.urutan]),
                        "jumlah": item.jumlah,
                        "benar_model": item.benar_model,
                        "benar_naif": item.benar_naif,
                    }
                    for item in test.periode
                ],
            }
            for test in choice.uji
        ],
    }
