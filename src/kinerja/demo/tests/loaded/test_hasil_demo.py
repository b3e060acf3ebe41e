"""The demo's outcomes: the pure plan (`demo.hasil`), then what the load writes from it
(attendance and allowances, the annual and quarterly history, potential, improvement plans) and
the monitoring figures refreshed at the end of the load (`pemantauan`)."""

from __future__ import annotations

import datetime
import itertools
import random
from collections import Counter

import pytest
from django.utils import timezone

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat, PredikatOrganisasi, Rating
from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.aturan.rules import IsiAturan, curve_check
from kinerja.demo import generator, hasil
from kinerja.demo.services import HasilDemo
from kinerja.demo.tests.helpers import demo_day
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.selectors import exclusions_in_effect
from kinerja.pemantauan.models import Pembaruan, ProfilPegawai, ProyeksiUnit, RingkasanUnit
from kinerja.pemantauan.rules.proyeksi import MINIMUM_UJI
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.periode.models import Periode
from kinerja.talenta import selectors as talenta_selectors
from kinerja.talenta.models import CatatanPerbaikan, Potensi, RencanaPerbaikan
from kinerja.tukin import selectors as tukin_selectors
from kinerja.tukin.models import Kehadiran, Tukin

ACTIVE = 299
"""The demo's active employees (300, one transferred out)."""
POTENSI_ROWS = 552
SANGAT_BAIK_LAST_YEAR = 84


@pytest.fixture(scope="module")
def agency() -> generator.DemoAgency:
    return generator.generate()


@pytest.fixture(scope="module")
def isi() -> IsiAturan:
    return hasil.default_isi()


@pytest.fixture(scope="module")
def riwayat(agency: generator.DemoAgency) -> hasil.RiwayatDemo:
    return hasil.history_plans(agency, 2026)


# --- The plan (pure) ----------------------------------------------------------------------------


def test_the_plans_are_the_same_for_a_seed_and_differ_for_another(
    agency: generator.DemoAgency, riwayat: hasil.RiwayatDemo
) -> None:
    assert hasil.history_plans(agency, 2026) == riwayat
    day = datetime.date(2026, 11, 29)
    assert hasil.attendance_rows(agency, day) == hasil.attendance_rows(agency, day)
    other = generator.generate(7)
    assert hasil.history_plans(other, 2026, 7).predikat != riwayat.predikat


def test_every_group_complies_with_its_curve_each_history_year(
    agency: generator.DemoAgency, riwayat: hasil.RiwayatDemo, isi: IsiAturan
) -> None:
    members = hasil._members(agency)
    assert len(riwayat.organisasi) == 2 * 12
    for (kode, tahun), organisasi in riwayat.organisasi.items():
        planned = [riwayat.predikat[(nip, tahun)] for nip in members[kode]]
        assert curve_check(isi, organisasi, planned).sesuai is True
    assert sorted(
        (kode, tahun, organisasi.value)
        for (kode, tahun), organisasi in riwayat.organisasi.items()
        if organisasi.value != "BAIK"
    ) == [
        ("SET.B2.BG1", 2024, "ISTIMEWA"),
        ("SET.B2.BG2", 2024, "BUTUH_PERBAIKAN"),
        ("SET.B3.BG3", 2025, "BUTUH_PERBAIKAN"),
        ("SET.B4.BG2", 2025, "ISTIMEWA"),
    ]


def test_history_has_succession_promotion_and_improvement_cases(
    riwayat: hasil.RiwayatDemo, isi: IsiAturan
) -> None:
    by_year = {
        tahun: Counter(p for (_nip, year), p in riwayat.predikat.items() if year == tahun)
        for tahun in riwayat.years
    }
    assert by_year[2024] == {
        Predikat.BAIK: 182,
        Predikat.SANGAT_BAIK: 54,
        Predikat.BUTUH_PERBAIKAN: 47,
        Predikat.KURANG: 16,
    }
    assert by_year[2025][Predikat.SANGAT_BAIK] == SANGAT_BAIK_LAST_YEAR
    nips = {nip for nip, _year in riwayat.predikat}
    both = [
        nip
        for nip in nips
        if riwayat.predikat[(nip, 2024)] == riwayat.predikat[(nip, 2025)] == Predikat.SANGAT_BAIK
    ]
    assert len(both) == 26
    at_least_baik = (Predikat.SANGAT_BAIK, Predikat.BAIK)
    promoted = [
        nip
        for nip in nips
        if riwayat.predikat[(nip, 2024)] in at_least_baik
        and riwayat.predikat[(nip, 2025)] in at_least_baik
    ]
    assert len(promoted) > ACTIVE // 2
    closed, by_penilai, by_hr = riwayat.perbaikan
    assert riwayat.predikat[(closed.nip, 2024)] == Predikat.BUTUH_PERBAIKAN
    assert riwayat.predikat[(closed.nip, 2025)] == Predikat.BAIK
    assert (closed.selesai, closed.mulai) == (True, datetime.date(2025, 2, 1))
    for plan in (by_penilai, by_hr):
        assert riwayat.predikat[(plan.nip, 2025)] == Predikat.BUTUH_PERBAIKAN
        assert (plan.selesai, plan.mulai, len(plan.catatan)) == (
            False,
            datetime.date(2026, 2, 1),
            2,
        )
    penilai = next(item.nip for item in generator.generate().akun if item.kunci == "penilai")
    assert (by_penilai.pembuat_nip, by_hr.pembuat_nip, closed.pembuat_nip) == (penilai, "", "")
    rows = riwayat.rows["penilaian"]
    assert len(rows) == 2 * 5 * ACTIVE
    for row in rows:
        key = (row["nip"], int(row["tahun"]))
        planned = (
            riwayat.predikat[key]
            if row["periode"] == hasil.TAHUNAN
            else riwayat.triwulan[(*key, row["periode"])]
        )
        assert isi.predikat[Rating(row["rating_hasil"])][Rating(row["rating_perilaku"])] == planned


def test_history_quarters_end_on_the_annual_predikat_within_each_quarters_curve(
    agency: generator.DemoAgency, riwayat: hasil.RiwayatDemo, isi: IsiAturan
) -> None:
    members = hasil._members(agency)
    assert len(riwayat.organisasi_triwulan) == 2 * 4 * 12
    for (kode, tahun, triwulan), organisasi in riwayat.organisasi_triwulan.items():
        planned = [riwayat.triwulan[(nip, tahun, triwulan)] for nip in members[kode]]
        assert curve_check(isi, organisasi, planned).sesuai is True
        if triwulan == "TW4":  # the last quarter is rated as the year
            assert organisasi == riwayat.organisasi[(kode, tahun)]
    assert len(riwayat.triwulan) == 2 * 4 * ACTIVE
    for (nip, tahun), predikat in riwayat.predikat.items():
        assert riwayat.triwulan[(nip, tahun, "TW4")] == predikat
    assert Counter(
        (row["tahun"], row["periode"]) for row in riwayat.rows["kinerja_organisasi"]
    ) == {
        (str(tahun), periode): 12
        for tahun in (2024, 2025)
        for periode in (*hasil.TRIWULAN, hasil.TAHUNAN)
    }
    # Sangat Baik, Baik, Butuh Perbaikan, Kurang in each quarter before TW4 (the annual's).
    counts = Counter(
        (tahun, triwulan, predikat)
        for (_nip, tahun, triwulan), predikat in riwayat.triwulan.items()
    )
    assert {
        (tahun, triwulan): tuple(counts[(tahun, triwulan, p)] for p in PREDIKAT_ORDER[:4])
        for tahun in (2024, 2025)
        for triwulan in hasil.TRIWULAN[:3]
    } == {
        (2024, "TW1"): (63, 171, 58, 7),
        (2024, "TW2"): (73, 172, 48, 6),
        (2024, "TW3"): (68, 163, 66, 2),
        (2025, "TW1"): (75, 172, 49, 3),
        (2025, "TW2"): (75, 172, 51, 1),
        (2025, "TW3"): (82, 165, 50, 2),
    }
    # Most keep their predikat from one quarter to the next: the series are persistent.
    series = {
        nip: [
            riwayat.triwulan[(nip, tahun, kode)]
            for tahun in (2024, 2025)
            for kode in hasil.TRIWULAN
        ]
        for nip in riwayat.rumah
    }
    kept = sum(a == b for values in series.values() for a, b in itertools.pairwise(values))
    assert (kept, 7 * ACTIVE) == (1388, 2093)
    assert sum(set(values) == {Predikat.BAIK} for values in series.values()) == 30
    # The closed improvement plan: Butuh Perbaikan in 2024, Baik through 2025 (its plan).
    b, bp = Predikat.BAIK, Predikat.BUTUH_PERBAIKAN
    assert series[riwayat.perbaikan[0].nip] == [bp, bp, b, bp, b, b, b, b]


def test_home_levels_follow_both_history_years(riwayat: hasil.RiwayatDemo) -> None:
    sb, b, bp, k = (Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG)
    predikat = {
        ("a", 1): sb, ("a", 2): sb,
        ("b", 1): bp, ("b", 2): k,
        ("c", 1): sb, ("c", 2): b,
        ("d", 1): k, ("d", 2): b,
    }  # fmt: skip
    assert hasil.home_levels(predikat, (1, 2)) == {"a": sb, "b": bp, "c": b, "d": b}
    assert Counter(riwayat.rumah.values()) == {b: 265, sb: 26, bp: 8}


class Draws(random.Random):
    """A random source giving these values in turn."""

    def __init__(self, *values: float) -> None:
        self.values = list(values)
        super().__init__(0)

    def random(self) -> float:
        return self.values.pop(0)


@pytest.mark.parametrize(
    ("previous", "home", "draws", "expected"),
    [
        # At the home level: mostly stays, else a level up or down.
        ("BAIK", "BAIK", (0.89,), "BAIK"),
        ("BAIK", "BAIK", (0.95, 0.4), "SANGAT_BAIK"),
        ("BAIK", "BAIK", (0.95, 0.6), "BUTUH_PERBAIKAN"),
        ("SANGAT_BAIK", "SANGAT_BAIK", (0.69,), "SANGAT_BAIK"),
        ("SANGAT_BAIK", "SANGAT_BAIK", (0.7,), "BAIK"),
        ("BUTUH_PERBAIKAN", "BUTUH_PERBAIKAN", (0.79,), "BUTUH_PERBAIKAN"),
        ("BUTUH_PERBAIKAN", "BUTUH_PERBAIKAN", (0.8, 0.74), "BAIK"),
        ("BUTUH_PERBAIKAN", "BUTUH_PERBAIKAN", (0.8, 0.75), "KURANG"),
        ("KURANG", "KURANG", (0.3, 0.99), "BUTUH_PERBAIKAN"),
        # Away from it: a level toward it (recovering more readily than declining), or stays.
        ("BUTUH_PERBAIKAN", "BAIK", (0.69,), "BAIK"),
        ("BUTUH_PERBAIKAN", "BAIK", (0.7,), "BUTUH_PERBAIKAN"),
        ("KURANG", "BAIK", (0.1,), "BUTUH_PERBAIKAN"),
        ("BAIK", "BUTUH_PERBAIKAN", (0.39,), "BUTUH_PERBAIKAN"),
        ("BAIK", "BUTUH_PERBAIKAN", (0.4,), "BAIK"),
        ("SANGAT_BAIK", "BAIK", (0.4,), "SANGAT_BAIK"),
    ],
)
def test_a_quarter_step(previous: str, home: str, draws: tuple[float, ...], expected: str) -> None:
    rng = Draws(*draws)
    assert hasil.quarter_step(Predikat(previous), Predikat(home), rng) == Predikat(expected)
    assert rng.values == []


@pytest.mark.parametrize("organisasi", list(PredikatOrganisasi))
def test_the_quarter_plan_complies_with_the_curve_and_keeps_the_fixed(
    isi: IsiAturan, organisasi: PredikatOrganisasi
) -> None:
    for size in range(10, 31, 4):
        for seed in range(10):
            draw = random.Random(f"{seed}-{size}")
            members = [f"p{index}" for index in range(size)]
            previous = {m: draw.choice(list(Predikat)[:4]) for m in members[1:]}
            home = {m: draw.choice(list(Predikat)[:3]) for m in members}
            planned = hasil.quarter_plan(
                members, organisasi, isi, random.Random(seed), previous=previous, home=home
            )
            assert list(planned) == members
            assert curve_check(isi, organisasi, planned.values()).sesuai is True
            again = hasil.quarter_plan(
                members, organisasi, isi, random.Random(seed), previous=previous, home=home
            )
            assert again == planned
    members = [f"p{index}" for index in range(12)]
    fixed = {"p0": Predikat.BUTUH_PERBAIKAN}
    home = dict.fromkeys(members, Predikat.BAIK)
    planned = hasil.quarter_plan(
        members, PredikatOrganisasi.BAIK, isi, random.Random(1), previous=home, home=home,
        fixed=fixed,
    )  # fmt: skip
    assert planned["p0"] == Predikat.BUTUH_PERBAIKAN


def test_the_demo_pegawai_falls_in_the_third_quarter(agency: generator.DemoAgency) -> None:
    nip = next(item.nip for item in agency.akun if item.kunci == "pegawai")
    assert hasil.current_fixed(agency) == {
        "TW1": {nip: Predikat.BAIK},
        "TW2": {nip: Predikat.BAIK},
        "TW3": {nip: Predikat.BUTUH_PERBAIKAN},
    }


def test_potential_fills_every_box_of_last_year(riwayat: hasil.RiwayatDemo, isi: IsiAturan) -> None:
    rows = riwayat.rows["potensi"]
    assert len(rows) == POTENSI_ROWS
    assert Counter(row["tahun"] for row in rows) == {"2025": 276, "2026": 276}
    boxes = {
        isi.talenta.kotak[PotensiEnum(row["potensi"])][
            isi.talenta.kinerja[riwayat.predikat[(row["nip"], 2025)]]
        ]
        for row in rows
        if row["tahun"] == "2025"
    }
    assert boxes == set(range(1, 10))


def test_attendance_covers_the_months_before_the_day_with_discipline_cases(
    agency: generator.DemoAgency,
) -> None:
    kehadiran = hasil.attendance_rows(agency, datetime.date(2026, 11, 29))
    assert kehadiran.bulan == tuple(range(1, 11))
    assert len(kehadiran.rows) == 10 * ACTIVE
    assert list(kehadiran.rows[0]) == list(hasil.KEHADIRAN_COLUMNS)
    totals: Counter[str] = Counter()
    for row in kehadiran.rows:
        totals[row["nip"]] += int(row["tanpa_keterangan"])
    assert sorted((+totals).values()) == [3, 5, 12]
    assert dict(+totals) == kehadiran.mangkir
    sentenced = [
        int(row["bulan"]) for row in kehadiran.rows if row["hukuman_disiplin_sedang"] == "YA"
    ]
    assert sentenced == [2, 3, 4, 5, 6, 7]
    assert {row["nip"] for row in kehadiran.rows if row["hukuman_disiplin_sedang"] == "YA"} == {
        kehadiran.hukuman
    }
    clean = [row for row in kehadiran.rows if row["tl1"] == row["psw1"] == row["tl4"] == "0"]
    assert 0.4 < len(clean) / len(kehadiran.rows) < 0.8
    assert hasil.attendance_rows(agency, datetime.date(2026, 1, 20)).rows == []
    february = hasil.attendance_rows(agency, datetime.date(2026, 2, 3))
    assert len(february.rows) == ACTIVE
    assert sum(int(row["tanpa_keterangan"]) for row in february.rows) == 20


# --- After the load ------------------------------------------------------------------------------


def test_the_load_imports_the_history_potential_and_attendance(loaded: HasilDemo) -> None:
    assert loaded.riwayat is not None
    assert loaded.riwayat.as_dict()["sheet"] == {
        "kinerja_organisasi": {"dibuat": 2 * 5 * 12, "diubah": 0, "tetap": 0},
        "penilaian": {"dibuat": 2 * 5 * ACTIVE, "diubah": 0, "tetap": 0},
        "potensi": {"dibuat": POTENSI_ROWS, "diubah": 0, "tetap": 0},
    }
    assert loaded.kehadiran is not None
    assert loaded.kehadiran.as_dict()["sheet"] == {
        "kehadiran": {"dibuat": 10 * ACTIVE, "diubah": 0, "tetap": 0}
    }
    assert loaded.perbaikan == 3
    assert Kehadiran.objects.filter(tahun=loaded.tahun).count() == 10 * ACTIVE
    assert Potensi.objects.count() == POTENSI_ROWS


def test_annual_history_is_finalised_for_the_two_previous_years(loaded: HasilDemo) -> None:
    last, before = loaded.tahun - 1, loaded.tahun - 2
    assert Counter(
        Penilaian.objects.filter(periode__kode="TAHUNAN").values_list(
            "periode__tahun__tahun", "status"
        )
    ) == {(before, "FINAL"): ACTIVE, (last, "FINAL"): ACTIVE}
    assert Counter(
        Penetapan.objects.filter(periode__kode="TAHUNAN").values_list(
            "periode__tahun__tahun", "status"
        )
    ) == {(before, "DITETAPKAN"): 12, (last, "DITETAPKAN"): 12}
    assert KinerjaOrganisasi.objects.filter(periode__kode="TAHUNAN").count() == 24
    annual = Penilaian.objects.filter(periode__tahun__tahun=last, periode__kode="TAHUNAN")
    assert annual.filter(predikat="SANGAT_BAIK").count() == SANGAT_BAIK_LAST_YEAR
    for item in annual.select_related("periode")[:5]:
        assert item.dinilai_pada is not None
        assert item.dinilai_pada.date() == item.periode.batas_penilaian


def test_quarterly_history_is_finalised_open_and_dated_on_each_rating_deadline(
    loaded: HasilDemo,
) -> None:
    years = (loaded.tahun - 2, loaded.tahun - 1)
    periods = Periode.objects.filter(tahun__tahun__in=years)
    assert sorted(periods.values_list("tahun__tahun", "kode", "status")) == sorted(
        (tahun, kode, "DIBUKA") for tahun in years for kode in (*hasil.TRIWULAN, hasil.TAHUNAN)
    )
    assessments = Penilaian.objects.filter(periode__tahun__tahun__in=years)
    assert Counter(assessments.values_list("periode__kode", "status")) == {
        (kode, "FINAL"): 2 * ACTIVE for kode in (*hasil.TRIWULAN, hasil.TAHUNAN)
    }
    assert Counter(
        Penetapan.objects.filter(periode__in=periods).values_list("periode__kode", "status")
    ) == {(kode, "DITETAPKAN"): 2 * 12 for kode in (*hasil.TRIWULAN, hasil.TAHUNAN)}
    riwayat = hasil.history_plans(generator.generate(), loaded.tahun)
    stored = {
        (nip, tahun, kode): Predikat(predikat)
        for nip, tahun, kode, predikat in assessments.exclude(
            periode__kode=hasil.TAHUNAN
        ).values_list("pegawai__nip", "periode__tahun__tahun", "periode__kode", "predikat")
    }
    assert stored == riwayat.triwulan
    for periode in periods:
        day = periode.batas_penilaian
        moments = Penilaian.objects.filter(periode=periode).values_list(
            "dinilai_pada", "ditetapkan_pada"
        )
        assert {(timezone.localdate(a), timezone.localdate(b)) for a, b in moments} == {(day, day)}
        ratings = KinerjaOrganisasi.objects.filter(periode=periode)
        assert {timezone.localdate(m) for m in ratings.values_list("diubah_pada", flat=True)} == {
            day
        }


def test_the_current_year_continues_each_series(loaded: HasilDemo) -> None:
    last = loaded.tahun - 1
    before = dict(
        Penilaian.objects.filter(periode__tahun__tahun=last, periode__kode="TW4").values_list(
            "pegawai__nip", "predikat"
        )
    )
    current = Penilaian.objects.filter(periode__tahun__tahun=loaded.tahun)
    first = dict(current.filter(periode__kode="TW1").values_list("pegawai__nip", "predikat"))
    # Most keep their predikat of the last quarter of the year before.
    assert (sum(before[nip] == predikat for nip, predikat in first.items()), len(first)) == (
        228, ACTIVE)  # fmt: skip
    nip = next(item.nip for item in generator.generate().akun if item.kunci == "pegawai")
    assert list(
        current.filter(pegawai__nip=nip, status="FINAL")
        .order_by("periode__urutan")
        .values_list("predikat", flat=True)
    ) == ["BAIK", "BAIK", "BUTUH_PERBAIKAN"]


def test_allowances_are_stored_for_the_past_months_with_last_years_increment(
    loaded: HasilDemo,
) -> None:
    tahun = loaded.tahun
    months = Counter(Tukin.objects.filter(tahun=tahun).values_list("bulan", flat=True))
    assert months == dict.fromkeys(range(1, demo_day().month), ACTIVE)
    rewarded = Tukin.objects.filter(tahun=tahun, predikat_tahun_lalu="SANGAT_BAIK")
    assert rewarded.count() == 10 * SANGAT_BAIK_LAST_YEAR
    assert rewarded.filter(insentif__gt=0).exists()
    absent = tukin_selectors.absences_in_year(tahun=tahun)
    assert sorted(absent.values()) == [3, 5, 12]
    sentenced = Tukin.objects.filter(tahun=tahun, rincian__icontains="hukuman")
    assert sentenced.count() >= 6


def test_merit_lists_and_the_talent_box_have_people(loaded: HasilDemo) -> None:
    last = loaded.tahun - 1
    lists = talenta_selectors.merit_lists(jalur=None, tahun=last)
    assert len(lists.suksesi) == 26
    assert len(lists.kenaikan_pangkat) > ACTIVE // 2
    box = talenta_selectors.talent_box(jalur=None, tahun=last)
    assert all(cell.jumlah > 0 for cell in box.sel.values())
    current = talenta_selectors.merit_lists(jalur=None, tahun=loaded.tahun)
    assert len(current.disiplin) == 3


def test_improvement_plans_run_with_their_notes_and_one_was_met(loaded: HasilDemo) -> None:
    riwayat = hasil.history_plans(generator.generate(), loaded.tahun)
    closed, by_penilai, by_hr = riwayat.perbaikan
    plans = {
        plan.pegawai.nip: plan
        for plan in RencanaPerbaikan.objects.select_related("pegawai", "penilaian__periode")
    }
    assert len(plans) == 3
    assert plans[closed.nip].status == "BERHASIL"
    assert plans[closed.nip].hasil == hasil.HASIL_BERHASIL
    for item in (by_penilai, by_hr):
        plan = plans[item.nip]
        assert (plan.status, plan.mulai, plan.sasaran) == ("BERJALAN", item.mulai, item.sasaran)
        assert plan.penilaian is not None
        assert plan.penilaian.periode.kode == "TAHUNAN"
        assert plan.penilaian.predikat == "BUTUH_PERBAIKAN"
        assert list(
            CatatanPerbaikan.objects.filter(rencana=plan).values_list("tanggal", "isi")
        ) == list(item.catatan)
    penilai = Pegawai.objects.get(nip=by_penilai.pembuat_nip)
    assert plans[by_penilai.nip].dibuat_oleh_id == penilai.pengguna_id is not None
    assert plans[by_penilai.nip].pembimbing_id == penilai.pk
    admin = next(item.nip for item in generator.generate().akun if item.kunci == "admin")
    assert plans[by_hr.nip].dibuat_label.endswith(f"({admin})")


# --- The monitoring, refreshed by the load ------------------------------------------------------


def test_the_load_refreshes_the_monitoring_for_every_active_employee_and_period(
    loaded: HasilDemo,
) -> None:
    run = loaded.pembaruan
    assert run is not None
    assert Pembaruan.objects.get() == run
    assert (run.status, run.sebab, run.oleh_label, run.oleh_id) == (
        "SELESAI", "Demo dimuat", "demo", None)  # fmt: skip
    excluded = exclusions_in_effect(timezone.localdate()).values("pegawai_id")
    active = set(
        Pegawai.objects.filter(aktif=True).exclude(pk__in=excluded).values_list("pk", flat=True)
    )
    assert set(ProfilPegawai.objects.values_list("pegawai_id", flat=True)) == active
    assert run.jumlah_pegawai == len(active)
    # Every started period: the two history years (four quarters and the year each) and the
    # quarters of this year (its annual period is still a draft).
    started = set(Periode.objects.exclude(status="DRAF").values_list("pk", flat=True))
    assert len(started) == 2 * 5 + 4
    root = Unit.objects.get(kode=generator.ROOT_KODE)
    summaries = RingkasanUnit.objects.filter(unit=root, jenis_jabatan="")
    assert set(summaries.values_list("periode_id", flat=True)) == started
    tw3 = summaries.get(periode__tahun__tahun=loaded.tahun, periode__kode="TW3")
    assert tw3.jumlah["predikat"] == {
        "SANGAT_BAIK": 72, "BAIK": 182, "BUTUH_PERBAIKAN": 44, "KURANG": 1, "SANGAT_KURANG": 0,
    }  # fmt: skip
    assert tw3.jumlah["penilaian_final"] == ACTIVE
    assert ProyeksiUnit.objects.filter(unit=root, jenis_jabatan="").exists()


def test_the_monitoring_shows_every_trend_warnings_and_a_backtested_projection(
    loaded: HasilDemo,
) -> None:
    # The four excluded since the demo's day are profiled only once their exclusion is in effect
    # by the real day (the refresh's): counted without them, the figures do not depend on it.
    profiles = ProfilPegawai.objects.filter(pegawai__pengecualian__isnull=True)
    assert profiles.count() == ACTIVE - 4
    assert Counter(profiles.values_list("tren_periodik", flat=True)) == {
        "STAGNAN": 226, "NAIK": 34, "TURUN": 35}  # fmt: skip
    assert Counter(len(series) for series in profiles.values_list("seri_periodik", flat=True)) == {
        2 * 4 + 3: profiles.count()}  # fmt: skip
    latest = Counter(
        (series[-1]["predikat"], tren, min(lama, 3))
        for series, tren, lama in profiles.values_list(
            "seri_periodik", "tren_periodik", "lama_periodik"
        )
    )
    # Most stay at Baik; a few keep a streak of Sangat Baik or stagnate at Butuh Perbaikan.
    assert latest[("BAIK", "STAGNAN", 3)] == 124
    assert latest[("SANGAT_BAIK", "STAGNAN", 3)] == 41
    assert latest[("BUTUH_PERBAIKAN", "STAGNAN", 3)] == 10
    assert (latest[("BAIK", "NAIK", 1)], latest[("SANGAT_BAIK", "NAIK", 1)]) == (12, 22)
    assert (latest[("BAIK", "TURUN", 1)], latest[("BUTUH_PERBAIKAN", "TURUN", 1)]) == (9, 23)
    assert profiles.filter(peringatan=True).exists()
    # The demo pegawai fell in TW3: her trend is down and she is warned.
    nip = next(item.nip for item in generator.generate().akun if item.kunci == "pegawai")
    own = profiles.get(pegawai__nip=nip)
    assert [point["predikat"] for point in own.seri_periodik[-3:]] == [
        "BAIK", "BAIK", "BUTUH_PERBAIKAN"]  # fmt: skip
    assert (own.tren_periodik, own.lama_periodik, own.peringatan) == ("TURUN", 1, True)
    assert {"PREDIKAT_RENDAH", "RATING_TURUN"} <= {
        reason["kode"] for reason in own.alasan_peringatan
    }
    # The projection is learnt from the quarters' transitions and tested against the naive
    # forecast on enough of them.
    uji = Pembaruan.objects.get().uji_balik
    assert uji["minimum_uji"] == MINIMUM_UJI
    assert [
        (item["pengkondisian"], item["jumlah"], item["benar_model"], item["benar_naif"])
        for item in uji["kandidat"]
    ] == [("TANPA", 2691, 1877, 1860), ("BUKTI", 2691, 1874, 1860)]
    assert all(item["jumlah"] >= MINIMUM_UJI for item in uji["kandidat"])
    assert (uji["terpilih"], uji["dipakai"]) == ("TANPA", True)
