"""The pure rules of the allowance: month helpers, attendance count checks, what a
recomputation changed, the allowance over a period."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.tukin import rules

BASE = rules.Angka(
    kelas_jabatan=9,
    set_aturan_id=1,
    predikat_tahun_lalu="",
    bruto=3_781_000,
    persen_potongan=Decimal("1.50"),
    netto=3_724_285,
    potongan={"tl4": 1},
)


def changed(**values) -> rules.Angka:
    return rules.Angka(**{**BASE.__dict__, **values})


def test_month_days():
    assert rules.month_first_day(2026, 2) == datetime.date(2026, 2, 1)
    assert rules.month_last_day(2026, 2) == datetime.date(2026, 2, 28)
    assert rules.month_last_day(2024, 2) == datetime.date(2024, 2, 29)
    assert rules.month_last_day(2026, 12) == datetime.date(2026, 12, 31)


def test_month_check_and_label():
    assert rules.month_check(2026, 11) == ""
    assert rules.month_check(2026, 13) == "Bulan harus 1 sampai 12, bukan 13."
    assert rules.month_check(2026, 0) == "Bulan harus 1 sampai 12, bukan 0."
    assert rules.month_check(1999, 1) == "Tahun harus antara 2000 dan 2100, bukan 1999."
    assert rules.month_label(2026, 11) == "November 2026"
    assert rules.month_label(2027, 1) == "Januari 2027"


def test_count_errors():
    assert rules.count_errors({}) == {}
    assert rules.count_errors({"tl1": 0, "psw4": 31}) == {}
    assert rules.count_errors({"tl1": -1, "tl2": 32, "tl3": "2", "tl4": True, "psw1": 1.5}) == {
        "tl1": "Harus bilangan bulat tidak negatif.",
        "tl2": "Paling banyak 31 dalam sebulan.",
        "tl3": "Harus bilangan bulat tidak negatif.",
        "tl4": "Harus bilangan bulat tidak negatif.",
        "psw1": "Harus bilangan bulat tidak negatif.",
    }


def test_change_causes():
    assert rules.change_causes(BASE, BASE) == []
    assert rules.change_causes(None, None) == []
    assert rules.change_causes(None, BASE) == ["Tukin dihitung untuk pertama kali."]
    assert rules.change_causes(BASE, None) == [
        "Tukin tidak lagi dihitung (pegawai dikecualikan atau tidak aktif)."
    ]
    assert rules.change_causes(BASE, changed(set_aturan_id=2)) == ["Versi set aturan berubah."]
    assert rules.change_causes(BASE, changed(kelas_jabatan=10, bruto=4_551_000)) == [
        "Kelas jabatan berubah dari 9 menjadi 10."
    ]
    assert rules.change_causes(BASE, changed(predikat_tahun_lalu="SANGAT_BAIK")) == [
        "Predikat tahun lalu berubah."
    ]
    assert rules.change_causes(BASE, changed(potongan={"tl4": 2, "psw1": 1})) == [
        "Data kehadiran berubah: psw1, tl4."
    ]
    assert rules.change_causes(BASE, changed(netto=1)) == [
        "Besaran atau persentase potongan pada set aturan berubah."
    ]
    assert rules.change_causes(BASE, changed(set_aturan_id=2, potongan={})) == [
        "Versi set aturan berubah.",
        "Data kehadiran berubah: tl4.",
    ]


def test_period_total():
    assert rules.period_total([]) is None
    assert rules.period_total([(3_781_000, 3_724_285)]) == rules.TukinPeriode(
        3_781_000, Decimal("1.50"), 3_724_285, 1
    )
    assert rules.period_total([(100, 100), (200, 0), (300, 299)]) == rules.TukinPeriode(
        600, Decimal("33.50"), 399, 3
    )
    assert rules.period_total([(0, 0)]) == rules.TukinPeriode(0, Decimal("0.00"), 0, 1)
    # (3 − 2) / 3 × 100 = 33.333… → 33.33; (2 − 1) / 3 = 33.33; half up at the 3rd decimal.
    assert rules.period_total([(1, 1), (1, 0), (1, 1)]).potongan_persen == Decimal("33.33")
    assert rules.period_total([(8, 7)]).potongan_persen == Decimal("12.50")


@pytest.mark.parametrize(
    ("bruto", "netto", "expected"),
    [(3_781_000, 3_724_285, "1.50"), (200, 0, "100.00"), (0, 0, "0.00"), (3, 2, "33.33")],
)
def test_cut_percent(bruto, netto, expected):
    assert rules.cut_percent(bruto, netto) == Decimal(expected)


@given(
    gross=st.integers(min_value=1, max_value=12 * 50_000_000),
    share=st.fractions(min_value=0, max_value=1),
    months=st.integers(min_value=1, max_value=12),
)
def test_period_sum_rounds_the_percent_half_up_like_decimal(gross, share, months):
    net = int(gross * (1 - share))
    exact = (Decimal(gross - net) * 100 / Decimal(gross)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert rules.period_sum(gross, net, months) == rules.TukinPeriode(gross, exact, net, months)


def test_period_sum_of_halves_rounds_up():
    assert rules.period_sum(800, 799, 1).potongan_persen == Decimal("0.13")  # 0.125 -> 0.13
    assert rules.period_sum(0, 0, 3) == rules.TukinPeriode(0, Decimal("0.00"), 0, 3)
