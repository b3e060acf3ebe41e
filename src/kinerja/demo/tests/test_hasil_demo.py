"""The demo's outcomes: the pure plan (`demo.hasil`), then what the load writes from it
(attendance and allowances, the annual history, potential, improvement plans)."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.aturan.enums import Predikat, Rating
from kinerja.aturan.rules import IsiAturan, curve_check
from kinerja.demo import generator, hasil
from kinerja.demo.services import HasilDemo
from kinerja.demo.tests.helpers import demo_day
from kinerja.organisasi.models import Pegawai
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
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
    assert len(rows) == 2 * ACTIVE
    first = rows[0]
    hasil_rating, perilaku = Rating(first["rating_hasil"]), Rating(first["rating_perilaku"])
    assert isi.predikat[hasil_rating][perilaku] == riwayat.predikat[(first["nip"], 2024)]


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
        "kinerja_organisasi": {"dibuat": 24, "diubah": 0, "tetap": 0},
        "penilaian": {"dibuat": 2 * ACTIVE, "diubah": 0, "tetap": 0},
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
