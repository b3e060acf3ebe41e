"""The 9-box (every box, the predikat → kinerja mapping, provisional drafts, what is missing,
exclusions, an appraiser's team) and the merit lists (succession, promotion, improvement plan,
discipline bands from monthly attendance), with pinned query counts."""

from __future__ import annotations

import datetime

import pytest

from kinerja.aturan.enums import Predikat
from kinerja.organisasi.models import Pengecualian
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.talenta import selectors
from kinerja.talenta.tests.factories import absent, assess, periode_of, plan, potensi

pytestmark = pytest.mark.django_db
SB, B, BP, K, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)
BOX_QUERIES = 4
MERIT_QUERIES = 5


@pytest.fixture
def unit():
    return UnitFactory(kode="TAL", nama="Biro Talenta")


def person(unit, nama, **kwargs):
    return PegawaiFactory(unit=unit, nama=nama, **kwargs)


def placed(data):
    return {
        cell.kotak: sorted(item.pegawai.nama for item in cell.anggota)
        for row in data.baris
        for cell in row
    }


def test_every_box(unit, django_assert_num_queries):
    cases = [
        ("A1", BP, "RENDAH", 1),
        ("A2", B, "RENDAH", 2),
        ("A3", K, "MENENGAH", 3),
        ("A4", SB, "RENDAH", 4),
        ("A5", B, "MENENGAH", 5),
        ("A6", SK, "TINGGI", 6),
        ("A7", SB, "MENENGAH", 7),
        ("A8", B, "TINGGI", 8),
        ("A9", SB, "TINGGI", 9),
    ]
    for nama, predikat, level, _box in cases:
        employee = person(unit, nama)
        assess(employee, 2026, predikat)
        potensi(employee, 2026, level)
    with django_assert_num_queries(BOX_QUERIES):
        data = selectors.talent_box(jalur=unit.jalur, tahun=2026)
    assert placed(data) == {box: [nama] for nama, _p, _l, box in cases}
    assert [[cell.kotak for cell in row] for row in data.baris] == [[6, 8, 9], [3, 5, 7], [1, 2, 4]]
    assert [cell.kinerja.value for cell in data.baris[0]] == [
        "DI_BAWAH",
        "SESUAI",
        "DI_ATAS",
    ]
    assert [row[0].potensi.value for row in data.baris] == ["TINGGI", "MENENGAH", "RENDAH"]
    assert data.jumlah == 9
    assert data.belum_lengkap == []
    nine = data.sel[9].anggota[0]
    assert nine.penjelasan.ringkasan == (
        "Kotak talenta 9: kinerja di atas ekspektasi, potensi tinggi."
    )
    assert data.sel[6].anggota[0].penjelasan.langkah[0] == (
        "Predikat Sangat Kurang dibaca sebagai kinerja Di Bawah Ekspektasi."
    )


def test_incomplete_draft_and_excluded(unit, django_assert_num_queries):
    draft = person(unit, "Draf")
    assess(draft, 2026, B, final=False)
    potensi(draft, 2026, "TINGGI")
    no_potential = person(unit, "Tanpa potensi")
    assess(no_potential, 2026, SB)
    person(unit, "Kosong")
    quarterly_only = person(unit, "Triwulan")
    assess(quarterly_only, 2026, SB, kode="TW4")
    potensi(quarterly_only, 2026, "RENDAH")
    retired = person(unit, "Pensiun")
    assess(retired, 2026, SB)
    potensi(retired, 2026, "TINGGI")
    Pengecualian.objects.create(pegawai=retired, jenis="PENSIUN", mulai=datetime.date(2026, 6, 1))
    person(unit, "Nonaktif", aktif=False)
    with django_assert_num_queries(BOX_QUERIES):
        data = selectors.talent_box(jalur=unit.jalur, tahun=2026)
    assert placed(data)[8] == ["Draf"]
    assert data.sel[8].anggota[0].sementara is True
    assert [(item.pegawai.nama, item.kurang) for item in data.belum_lengkap] == [
        ("Kosong", ("predikat tahunan 2026", "potensi 2026")),
        ("Tanpa potensi", ("potensi 2026",)),
        ("Triwulan", ("predikat tahunan 2026",)),
    ]


def test_box_of_an_appraisers_team(unit):
    boss = person(unit, "Atasan")
    mine = person(unit, "Bawahan", penilai=boss)
    person(unit, "Lain")
    assess(mine, 2026, B)
    potensi(mine, 2026, "MENENGAH")
    data = selectors.talent_box(jalur=None, tahun=2026, penilai_id=boss.pk)
    assert placed(data)[5] == ["Bawahan"]
    assert data.belum_lengkap == []


def merit_of(unit, tahun=2026):
    data = selectors.merit_lists(jalur=unit.jalur, tahun=tahun)
    return {
        "suksesi": [(r.pegawai.nama, r.alasan) for r in data.suksesi],
        "kenaikan_pangkat": [(r.pegawai.nama, r.alasan) for r in data.kenaikan_pangkat],
        "belum_memenuhi": [(r.pegawai.nama, r.alasan) for r in data.belum_memenuhi],
        "perbaikan": [
            (r.pegawai.nama, r.alasan, r.rencana.status if r.rencana else None)
            for r in data.perbaikan
        ],
        "disiplin": [(r.pegawai.nama, r.hari, r.sanksi.value) for r in data.disiplin],
    }


def test_succession_and_promotion(unit):
    two = person(unit, "A Dua tahun")
    assess(two, 2025, SB)
    assess(two, 2026, SB)
    one = person(unit, "B Satu tahun")
    assess(one, 2025, B)
    assess(one, 2026, SB)
    draft = person(unit, "C Draf")
    assess(draft, 2025, SB)
    assess(draft, 2026, SB, final=False)
    low = person(unit, "D Rendah")
    assess(low, 2025, BP)
    assess(low, 2026, SB)
    result = merit_of(unit)
    assert result["suksesi"] == [("A Dua tahun", "Sangat Baik pada 2025 dan 2026")]
    assert result["kenaikan_pangkat"] == [
        ("A Dua tahun", "Sangat Baik pada 2025, Sangat Baik pada 2026"),
        ("B Satu tahun", "Baik pada 2025, Sangat Baik pada 2026"),
    ]
    assert result["belum_memenuhi"] == [
        ("C Draf", "2026: belum ada predikat tahunan yang ditetapkan"),
        ("D Rendah", "2025: Butuh Perbaikan (dibutuhkan Baik)"),
    ]


def test_improvement_list(unit):
    annual = person(unit, "A Tahunan")
    assess(annual, 2026, B, kode="TW3")
    assess(annual, 2026, K)
    periodic = person(unit, "B Triwulan")
    assess(periodic, 2026, B, kode="TW2")
    assess(periodic, 2026, BP, kode="TW3")
    recovered = person(unit, "C Pulih")
    assess(recovered, 2026, BP, kode="TW2")
    assess(recovered, 2026, B, kode="TW3")
    draft = person(unit, "D Draf")
    assess(draft, 2026, SK, final=False)
    with_plan = person(unit, "E Berencana")
    assess(with_plan, 2026, BP, kode="TW1")
    plan(with_plan, mulai=datetime.date(2026, 5, 1))
    assert merit_of(unit)["perbaikan"] == [
        ("A Tahunan", "Predikat Kurang/Misconduct pada Tahunan 2026, di bawah Baik.", None),
        ("B Triwulan", "Predikat Butuh Perbaikan pada Triwulan III 2026, di bawah Baik.", None),
        (
            "E Berencana",
            "Predikat Butuh Perbaikan pada Triwulan I 2026, di bawah Baik.",
            "BERJALAN",
        ),
    ]


def test_discipline_bands(unit):
    for nama, days in [
        ("A", (1, 1, 1)),
        ("B", (5, 6)),
        ("C", (10, 10, 8)),
        ("D", (1, 1)),
    ]:
        absent(person(unit, nama), 2026, *days)
    absent(person(unit, "E"), 2025, 30)
    assert merit_of(unit)["disiplin"] == [
        ("A", 3, "TEGURAN_LISAN"),
        ("B", 11, "POTONG_TUKIN_6_BULAN"),
        ("C", 28, "PEMBERHENTIAN"),
    ]


@pytest.mark.parametrize("size", [1, 4])
def test_merit_query_count(unit, size, django_assert_num_queries):
    for index in range(size):
        employee = person(unit, f"P{index}")
        assess(employee, 2025, SB)
        assess(employee, 2026, BP)
        absent(employee, 2026, 4)
        plan(employee)
    with django_assert_num_queries(MERIT_QUERIES):
        data = selectors.merit_lists(jalur=unit.jalur, tahun=2026)
    assert (len(data.perbaikan), len(data.disiplin), len(data.belum_memenuhi)) == (size,) * 3


@pytest.mark.parametrize("size", [1, 4])
def test_box_query_count(unit, size, django_assert_num_queries):
    for index in range(size):
        employee = person(unit, f"P{index}")
        assess(employee, 2026, B)
        potensi(employee, 2026, "TINGGI")
    with django_assert_num_queries(BOX_QUERIES):
        data = selectors.talent_box(jalur=unit.jalur, tahun=2026)
    assert data.sel[8].jumlah == size


def test_default_year_is_the_newest_with_annual_assessments(agency, monkeypatch):
    monkeypatch.setattr(selectors.timezone, "localdate", lambda: datetime.date(2026, 11, 29))
    assert selectors.default_year() == 2026  # no performance year at all
    periode_of(2026)
    periode_of(2027)  # after today: never the default
    assert selectors.default_year() == 2026
    assess(agency.pegawai, 2025, Predikat.BAIK, final=False)
    assert selectors.default_year() == 2025
    assess(agency.pegawai, 2026, Predikat.BAIK)
    assert selectors.default_year() == 2026
