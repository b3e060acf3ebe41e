"""The trend of a series of predikat: naik, turun, stagnan or not enough data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.aturan.enums import Tren
from kinerja.aturan.rules import trend_classify
from kinerja.aturan.tests.rulesets import BP, SB, SK, B, K, default_isi, isi_with

D = Decimal


@pytest.mark.parametrize(
    ("series", "trend", "difference", "run", "summary"),
    [
        ([BP, B], Tren.NAIK, D(1), 1, "Tren naik: predikat terakhir Baik."),
        ([K, BP, B], Tren.NAIK, D("1.5"), 1, "Tren naik: predikat terakhir Baik."),
        ([SB, BP], Tren.TURUN, D(-2), 1, "Tren turun: predikat terakhir Butuh Perbaikan."),
        ([B, BP], Tren.TURUN, D(-1), 1, "Tren turun: predikat terakhir Butuh Perbaikan."),
        ([SB, B, BP], Tren.TURUN, D("-1.5"), 1, "Tren turun: predikat terakhir Butuh Perbaikan."),
        ([B, SB, B], Tren.STAGNAN, D("-0.5"), 1, "Stagnan di Baik selama 1 periode."),
        ([BP, SB, B], Tren.STAGNAN, D(0), 1, "Stagnan di Baik selama 1 periode."),
        (
            [B, BP, BP, BP],
            Tren.STAGNAN,
            D(0),
            3,
            "Stagnan di Butuh Perbaikan selama 3 periode.",
        ),
        # The run counts the whole series, beyond the window.
        ([BP] * 5, Tren.STAGNAN, D(0), 5, "Stagnan di Butuh Perbaikan selama 5 periode."),
        ([SK, SK], Tren.STAGNAN, D(0), 2, "Stagnan di Sangat Kurang selama 2 periode."),
    ],
)
def test_classification(series, trend, difference, run, summary):
    result = trend_classify(default_isi(), series)
    assert result.tren == trend
    assert result.selisih == difference
    assert result.terakhir == series[-1]
    assert result.lama_terakhir == run
    assert result.penjelasan.ringkasan == summary


def test_explanation_steps():
    result = trend_classify(default_isi(), [B, BP, BP, BP])
    assert result.penjelasan.masukan == (
        ("Rangkaian predikat", "Baik → Butuh Perbaikan → Butuh Perbaikan → Butuh Perbaikan"),
    )
    assert result.penjelasan.langkah == (
        "Skor predikat: Sangat Baik 5, Baik 4, Butuh Perbaikan 3, Kurang 2, Sangat Kurang 1.",
        "Jendela 3 periode terakhir: Butuh Perbaikan → Butuh Perbaikan → Butuh Perbaikan.",
        "Skor terakhir 3 dibandingkan rata-rata sebelumnya 3,00: selisih 0,00.",
        "Ambang naik/turun ±1,00: tren stagnan.",
    )


def test_only_the_window_counts():
    # Over the whole series the average before the last would be 2.2 (naik); the window of 3
    # sees Baik → Baik → Baik.
    result = trend_classify(default_isi(), [SK, SK, SK, B, B, B])
    assert (result.tren, result.selisih, result.lama_terakhir) == (Tren.STAGNAN, D(0), 3)
    # Over the whole series: 5 against 4.4 (stagnan); the window sees SB → K → SB: 5 against 3.5.
    result = trend_classify(default_isi(), [SB, SB, SB, SB, K, SB])
    assert (result.tren, result.selisih, result.lama_terakhir) == (Tren.NAIK, D("1.5"), 1)
    assert result.penjelasan.langkah[1] == (
        "Jendela 3 periode terakhir: Sangat Baik → Kurang/Misconduct → Sangat Baik."
    )


@pytest.mark.parametrize(("series", "latest", "run"), [([], None, 0), ([B], B, 1)])
def test_not_enough_data(series, latest, run):
    result = trend_classify(default_isi(), series)
    assert (result.tren, result.selisih, result.terakhir, result.lama_terakhir) == (
        Tren.BELUM_CUKUP_DATA,
        None,
        latest,
        run,
    )
    assert result.penjelasan.ringkasan == "Belum cukup data: perlu paling sedikit 2 predikat."
    assert result.penjelasan.langkah == ("Belum cukup data: perlu paling sedikit 2 predikat.",)


def test_window_minimum_and_threshold_come_from_the_rule_set():
    def edit(data):
        data["tren"] = {"jendela": 4, "minimum_titik": 3, "ambang": "0.5"}

    isi = isi_with(edit)
    short = trend_classify(isi, [SB, B])
    assert short.tren == Tren.BELUM_CUKUP_DATA
    assert short.penjelasan.ringkasan == "Belum cukup data: perlu paling sedikit 3 predikat."
    # Window of 4: Baik, Baik, Butuh Perbaikan against Baik: 4 − 11/3, kept with 2 decimals.
    result = trend_classify(isi, [SK, B, B, BP, B])
    assert result.tren == Tren.STAGNAN
    assert result.selisih == D("0.33")
    assert result.penjelasan.langkah[2] == (
        "Skor terakhir 4 dibandingkan rata-rata sebelumnya 3,67: selisih 0,33."
    )
    # 2 against 3 is −1: turun with the threshold 0.5 (and with the default 1).
    assert trend_classify(isi, [BP, BP, K]).tren == Tren.TURUN
    # 4 against 3.5 is +0.5: naik at the threshold 0.5, stagnan under the default 1.
    assert trend_classify(isi, [B, BP, B]).tren == Tren.NAIK
    assert trend_classify(default_isi(), [B, BP, B]).tren == Tren.STAGNAN
