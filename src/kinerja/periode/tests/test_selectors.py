"""Reading performance years and periods: order, counts, lookups, the current period, history."""

from __future__ import annotations

import datetime

import pytest

from kinerja.audit.services import Aktor
from kinerja.periode import selectors, services
from kinerja.periode.models import Periode, TahunKinerja

pytestmark = pytest.mark.django_db
D = datetime.date
SYSTEM = Aktor.system("tes")


def opened(tahun: int, jenis: str = "TRIWULAN") -> TahunKinerja:
    return services.tahun_open(aktor=SYSTEM, tahun=tahun, jenis_periode=jenis)


def period_of(tahun: int, kode: str) -> Periode:
    return Periode.objects.get(tahun__tahun=tahun, kode=kode)


def move(tahun: int, kode: str, *actions: str) -> Periode:
    periode = period_of(tahun, kode)
    for aksi in actions:
        periode = services.periode_transition(
            aktor=SYSTEM, periode=periode, aksi=aksi, alasan=f"Alasan {aksi} {kode}"
        )
    return periode


def test_years_newest_first():
    for tahun in (2025, 2027, 2026):
        opened(tahun)
    assert [year.tahun for year in selectors.tahun_list()] == [2027, 2026, 2025]


def test_overview_counts_periods_and_open_ones(django_assert_num_queries):
    opened(2025)
    opened(2026, "BULANAN")
    opened(2027)
    move(2026, "B01", "open")
    move(2026, "B02", "open")
    move(2026, "B03", "open", "close")
    move(2027, "TW1", "open", "close", "lock")

    with django_assert_num_queries(1):
        rows = [
            (year.tahun, year.jumlah_periode, year.jumlah_dibuka)
            for year in selectors.tahun_overview()
        ]

    assert rows == [(2027, 5, 0), (2026, 13, 2), (2025, 5, 0)]


def test_find_a_year_and_a_period():
    year = opened(2026)
    assert selectors.tahun_find(2026) == year
    assert selectors.tahun_find(2025) is None
    found = selectors.periode_find(2026, "TW3")
    assert (found.tahun, found.kode, found.mulai) == (year, "TW3", D(2026, 7, 1))
    assert selectors.periode_find(2026, "B03") is None
    assert selectors.periode_find(2025, "TW3") is None


def test_the_periods_of_a_year_in_order(django_assert_num_queries):
    opened(2025)
    year = opened(2026, "BULANAN")
    with django_assert_num_queries(1):
        found = selectors.periode_list(year)
        labels = [(p.kode, p.nama, p.tahun.tahun) for p in found]
    assert labels[:3] == [
        ("B01", "Januari", 2026),
        ("B02", "Februari", 2026),
        ("B03", "Maret", 2026),
    ]
    assert labels[-1] == ("TAHUNAN", "Tahunan", 2026)
    assert len(labels) == 13


@pytest.mark.parametrize(
    ("day", "kode"),
    [
        (D(2026, 1, 1), "TW1"),
        (D(2026, 3, 31), "TW1"),
        (D(2026, 4, 1), "TW2"),
        (D(2026, 11, 29), "TW4"),
        (D(2026, 12, 31), "TW4"),
    ],
)
def test_the_current_period_holds_the_day_and_is_never_the_annual_one(day, kode):
    opened(2026)
    opened(2027, "BULANAN")
    found = selectors.periode_current(day)
    assert (found.tahun.tahun, found.kode) == (2026, kode)


def test_the_current_period_of_a_monthly_year():
    opened(2026)
    opened(2027, "BULANAN")
    found = selectors.periode_current(D(2027, 2, 28))
    assert (found.tahun.tahun, found.kode) == (2027, "B02")


def test_no_current_period_outside_the_opened_years():
    opened(2026)
    assert selectors.periode_current(D(2025, 12, 31)) is None
    assert selectors.periode_current(D(2027, 1, 1)) is None


def test_the_current_period_does_not_depend_on_its_status():
    """`periode_current` finds the period by its dates only: a draft or a locked period whose
    dates hold the day is current too."""
    opened(2026)
    assert selectors.periode_current(D(2026, 5, 5)).status == "DRAF"
    move(2026, "TW2", "open", "close", "lock")
    assert selectors.periode_current(D(2026, 5, 5)).status == "DIKUNCI"


def test_the_history_of_a_year_newest_first(django_assert_num_queries):
    opened(2025)
    year = opened(2026)
    move(2025, "TW1", "open")
    move(2026, "TW1", "open", "close")
    move(2026, "TW2", "open")

    with django_assert_num_queries(1):
        rows = [
            (
                item.periode.kode,
                item.periode.tahun.tahun,
                item.aksi,
                item.dari,
                item.ke,
                item.alasan,
            )
            for item in selectors.periode_history(year)
        ]

    assert rows == [
        ("TW2", 2026, "open", "DRAF", "DIBUKA", "Alasan open TW2"),
        ("TW1", 2026, "close", "DIBUKA", "DITUTUP", "Alasan close TW1"),
        ("TW1", 2026, "open", "DRAF", "DIBUKA", "Alasan open TW1"),
    ]


def test_the_default_year():
    today = D(2026, 11, 29)
    assert selectors.default_tahun(today) == 2026
    opened(2024)
    opened(2025)
    assert selectors.default_tahun(today) == 2025
    opened(2027)
    assert selectors.default_tahun(today) == 2027
    opened(2026)
    assert selectors.default_tahun(today) == 2026
