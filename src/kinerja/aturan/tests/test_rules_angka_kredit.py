"""Credit points of functional positions (DOMAIN.md section 8)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat
from kinerja.aturan.rules import RuleError, credit_points, credit_total, shown, stored
from kinerja.aturan.tests.rulesets import default_isi, isi_with
from kinerja.organisasi.enums import Jenjang

D = Decimal


def test_bkn_example_two_months_baik():
    result = credit_points(default_isi(), Jenjang.AHLI_PERTAMA, Predikat.BAIK, 2)
    assert result.nilai == D("2.083")
    assert str(result.nilai) == "2.083"
    assert shown(result.nilai) == "2,08"
    assert result.penjelasan.ringkasan == (
        "Angka kredit 2,08: 2 bulan sebagai Ahli Pertama dengan predikat Baik."
    )
    assert result.penjelasan.masukan == (
        ("Jenjang", "Ahli Pertama"),
        ("Predikat", "Baik"),
        ("Jumlah bulan", "2"),
    )
    assert result.penjelasan.langkah == (
        "Persentase predikat Baik: 100%.",
        "Koefisien tahunan Ahli Pertama: 12,5.",
        "2/12 × 100% × 12,5 = 2,0833",
        "Disimpan dengan 3 desimal: 2,083; ditampilkan dengan 2 desimal: 2,08.",
    )


def test_bkn_example_full_year_sangat_baik():
    result = credit_points(default_isi(), Jenjang.AHLI_PERTAMA, Predikat.SANGAT_BAIK, 12)
    assert str(result.nilai) == "18.750"
    assert shown(result.nilai) == "18,75"
    assert result.penjelasan.ringkasan == (
        "Angka kredit 18,75: 12 bulan sebagai Ahli Pertama dengan predikat Sangat Baik."
    )
    assert result.penjelasan.langkah[2] == "12/12 × 150% × 12,5 = 18,7500"


# Twelve months: coefficient × percentage / 100, kept with 3 decimals (half up).
# Columns: Sangat Baik 150%, Baik 100%, Butuh Perbaikan 75%, Kurang 50%, Sangat Kurang 25%.
FULL_YEAR = {
    Jenjang.AHLI_PERTAMA: ("18.750", "12.500", "9.375", "6.250", "3.125"),
    Jenjang.AHLI_MUDA: ("37.500", "25.000", "18.750", "12.500", "6.250"),
    Jenjang.AHLI_MADYA: ("56.250", "37.500", "28.125", "18.750", "9.375"),
    Jenjang.AHLI_UTAMA: ("75.000", "50.000", "37.500", "25.000", "12.500"),
    Jenjang.PEMULA: ("5.625", "3.750", "2.813", "1.875", "0.938"),  # 2.8125, 0.9375 round up
    Jenjang.TERAMPIL: ("7.500", "5.000", "3.750", "2.500", "1.250"),
    Jenjang.MAHIR: ("18.750", "12.500", "9.375", "6.250", "3.125"),
    Jenjang.PENYELIA: ("37.500", "25.000", "18.750", "12.500", "6.250"),
}


@pytest.mark.parametrize(
    ("jenjang", "predikat", "expected"),
    [
        (jenjang, predikat, value)
        for jenjang, row in FULL_YEAR.items()
        for predikat, value in zip(PREDIKAT_ORDER, row, strict=True)
    ],
)
def test_full_year_for_every_jenjang_and_predikat(jenjang, predikat, expected):
    assert str(credit_points(default_isi(), jenjang, predikat, 12).nilai) == expected


def test_the_table_covers_every_jenjang():
    assert set(FULL_YEAR) == set(Jenjang)


@pytest.mark.parametrize(
    ("jenjang", "predikat", "bulan", "stored_value", "shown_value", "step"),
    [
        (
            Jenjang.PEMULA,
            Predikat.BUTUH_PERBAIKAN,
            12,
            "2.813",
            "2,81",
            "12/12 × 75% × 3,75 = 2,8125",
        ),
        (
            Jenjang.PEMULA,
            Predikat.SANGAT_KURANG,
            12,
            "0.938",
            "0,94",
            "12/12 × 25% × 3,75 = 0,9375",
        ),
        (Jenjang.AHLI_MADYA, Predikat.KURANG, 5, "7.813", "7,81", "5/12 × 50% × 37,5 = 7,8125"),
        (Jenjang.AHLI_MUDA, Predikat.BAIK, 0, "0.000", "0,00", "0/12 × 100% × 25 = 0,0000"),
        (Jenjang.TERAMPIL, Predikat.BAIK, D("1.5"), "0.625", "0,63", "1,50/12 × 100% × 5 = 0,6250"),
    ],
)
def test_partial_years(jenjang, predikat, bulan, stored_value, shown_value, step):
    result = credit_points(default_isi(), jenjang, predikat, bulan)
    assert str(result.nilai) == stored_value
    assert shown(result.nilai) == shown_value
    assert result.penjelasan.langkah[2] == step


@pytest.mark.parametrize(
    ("bulan", "message"),
    [
        (13, "Jumlah bulan harus antara 0 dan 12, bukan 13."),
        (-1, "Jumlah bulan harus antara 0 dan 12, bukan -1."),
        (D("12.5"), "Jumlah bulan harus antara 0 dan 12, bukan 12.5."),
    ],
)
def test_months_out_of_range(bulan, message):
    with pytest.raises(RuleError) as error:
        credit_points(default_isi(), Jenjang.AHLI_MUDA, Predikat.BAIK, bulan)
    assert str(error.value) == message


def test_coefficients_and_percentages_come_from_the_rule_set():
    def edit(data):
        data["angka_kredit"]["jenjang"]["TERAMPIL"]["koefisien"] = "4"
        data["angka_kredit"]["persentase"]["BAIK"] = "90"

    result = credit_points(isi_with(edit), Jenjang.TERAMPIL, Predikat.BAIK, 12)
    assert str(result.nilai) == "3.600"
    assert result.penjelasan.langkah[:2] == (
        "Persentase predikat Baik: 90%.",
        "Koefisien tahunan Terampil: 4.",
    )


@pytest.mark.parametrize(
    ("value", "kept", "display"),
    [
        (D("2.0833333"), "2.083", "2,08"),
        (D("2.0835"), "2.084", "2,08"),
        (D("0.9375"), "0.938", "0,94"),
        (D("18.75"), "18.750", "18,75"),
        (D("1.005"), "1.005", "1,01"),
    ],
)
def test_stored_and_shown(value, kept, display):
    assert str(stored(value)) == kept
    assert shown(stored(value)) == display


# --- Cumulative ------------------------------------------------------------------------------


def test_total_below_both_thresholds():
    result = credit_total(default_isi(), Jenjang.AHLI_PERTAMA, [D("2.083"), D("18.750")])
    assert str(result.total) == "20.833"
    assert (result.kenaikan_pangkat.batas, result.kenaikan_pangkat.tercapai) == (D(50), False)
    assert str(result.kenaikan_pangkat.kurang) == "29.167"
    assert (result.kenaikan_jenjang.batas, result.kenaikan_jenjang.tercapai) == (D(100), False)
    assert str(result.kenaikan_jenjang.kurang) == "79.167"
    assert result.penjelasan.ringkasan == "Angka kredit kumulatif 20,83 sebagai Ahli Pertama."
    assert result.penjelasan.langkah == (
        "Angka kredit awal: 0,00.",
        "Ditambah 2,08.",
        "Ditambah 18,75.",
        "Jumlah: 20,83.",
        "Ambang kenaikan pangkat 50,00: kurang 29,17.",
        "Ambang kenaikan jenjang 100,00: kurang 79,17.",
    )


def test_total_reaching_the_rank_threshold_exactly():
    result = credit_total(
        default_isi(), Jenjang.AHLI_PERTAMA, [D("12.500"), D("18.750")], awal=D("18.750")
    )
    assert str(result.total) == "50.000"
    assert result.kenaikan_pangkat.tercapai is True
    assert str(result.kenaikan_pangkat.kurang) == "0.000"
    assert result.kenaikan_jenjang.tercapai is False
    assert str(result.kenaikan_jenjang.kurang) == "50.000"
    assert result.penjelasan.langkah[-2:] == (
        "Ambang kenaikan pangkat 50,00 telah tercapai.",
        "Ambang kenaikan jenjang 100,00: kurang 50,00.",
    )
    assert result.penjelasan.masukan == (
        ("Jenjang", "Ahli Pertama"),
        ("Angka kredit awal", "18,75"),
    )


def test_total_just_short_of_the_threshold():
    result = credit_total(default_isi(), Jenjang.TERAMPIL, [D("19.999")])
    assert result.kenaikan_pangkat.tercapai is False
    assert str(result.kenaikan_pangkat.kurang) == "0.001"


def test_ahli_utama_has_no_next_jenjang():
    result = credit_total(default_isi(), Jenjang.AHLI_UTAMA, [D("50"), D("75")], awal=D("100"))
    assert str(result.total) == "225.000"
    assert result.kenaikan_pangkat.tercapai is True
    assert (
        result.kenaikan_jenjang.batas,
        result.kenaikan_jenjang.kurang,
        result.kenaikan_jenjang.tercapai,
    ) == (None, None, False)
    assert result.penjelasan.langkah[-1] == "Tidak ada ambang kenaikan jenjang untuk jenjang ini."


def test_each_item_is_kept_with_three_decimals_before_adding():
    # 3 × 0.0005 exactly is 0.0015 -> 0.002; each rounded first: 3 × 0.001 = 0.003.
    result = credit_total(default_isi(), Jenjang.PENYELIA, [D("0.0005")] * 3)
    assert str(result.total) == "0.003"


# --- Properties ------------------------------------------------------------------------------

jenjang_st = st.sampled_from(Jenjang)
predikat_st = st.sampled_from(Predikat)
months_st = st.one_of(
    st.integers(0, 12), st.decimals(min_value=0, max_value=12, places=2, allow_nan=False)
)


@given(jenjang=jenjang_st, predikat=predikat_st, first=months_st, second=months_st)
def test_more_months_never_give_fewer_points(jenjang, predikat, first, second):
    fewer, more = sorted([first, second])
    isi = default_isi()
    assert (
        credit_points(isi, jenjang, predikat, fewer).nilai
        <= credit_points(isi, jenjang, predikat, more).nilai
    )


@given(jenjang=jenjang_st, bulan=months_st)
def test_a_better_predikat_never_gives_fewer_points(jenjang, bulan):
    isi = default_isi()
    values = [credit_points(isi, jenjang, p, bulan).nilai for p in PREDIKAT_ORDER]
    assert values == sorted(values, reverse=True)


@given(jenjang=jenjang_st, predikat=predikat_st, bulan=months_st)
def test_points_always_have_exactly_three_decimals(jenjang, predikat, bulan):
    value = credit_points(default_isi(), jenjang, predikat, bulan).nilai
    assert value.as_tuple().exponent == -3
    assert value >= 0
