"""The predikat quadrant (DOMAIN.md section 4) and its explanation."""

from __future__ import annotations

import datetime

import pytest

from kinerja.aturan.enums import Predikat, Rating
from kinerja.aturan.rules import Acuan, predikat_compute
from kinerja.aturan.tests.rulesets import default_isi, isi_with

ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

# Rows: hasil kerja; columns: perilaku kerja (DOMAIN.md section 4).
QUADRANT = [
    (ATAS, BAWAH, Predikat.KURANG),
    (ATAS, SESUAI, Predikat.BAIK),
    (ATAS, ATAS, Predikat.SANGAT_BAIK),
    (SESUAI, BAWAH, Predikat.KURANG),
    (SESUAI, SESUAI, Predikat.BAIK),
    (SESUAI, ATAS, Predikat.BAIK),
    (BAWAH, BAWAH, Predikat.SANGAT_KURANG),
    (BAWAH, SESUAI, Predikat.BUTUH_PERBAIKAN),
    (BAWAH, ATAS, Predikat.BUTUH_PERBAIKAN),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), QUADRANT)
def test_default_quadrant(hasil, perilaku, expected):
    assert predikat_compute(default_isi(), hasil, perilaku).predikat == expected


def test_the_quadrant_covers_nine_cells_with_five_predikat():
    assert {(h, p) for h, p, _ in QUADRANT} == {(h, p) for h in Rating for p in Rating}
    assert {predikat for _, _, predikat in QUADRANT} == set(Predikat)


@pytest.mark.parametrize(
    ("hasil", "perilaku", "summary"),
    [
        (
            SESUAI,
            ATAS,
            "Predikat Baik karena hasil kerja sesuai ekspektasi dan perilaku kerja di atas "
            "ekspektasi.",
        ),
        (
            ATAS,
            BAWAH,
            "Predikat Kurang/Misconduct karena hasil kerja di atas ekspektasi dan perilaku kerja "
            "di bawah ekspektasi.",
        ),
        (
            BAWAH,
            SESUAI,
            "Predikat Butuh Perbaikan karena hasil kerja di bawah ekspektasi dan perilaku kerja "
            "sesuai ekspektasi.",
        ),
    ],
)
def test_summary_names_the_predikat_and_both_ratings(hasil, perilaku, summary):
    assert predikat_compute(default_isi(), hasil, perilaku).penjelasan.ringkasan == summary


def test_explanation_inputs_steps_and_rule_set():
    acuan = Acuan("bawaan", 1, "Set aturan bawaan", datetime.date(2023, 1, 1))
    isi = default_isi().with_acuan(acuan)
    explanation = predikat_compute(isi, SESUAI, ATAS).penjelasan
    assert explanation.acuan == acuan
    assert explanation.as_dict() == {
        "ringkasan": (
            "Predikat Baik karena hasil kerja sesuai ekspektasi dan perilaku kerja di atas "
            "ekspektasi."
        ),
        "set_aturan": "Set aturan bawaan versi 1 (berlaku mulai 1 Januari 2023)",
        "set_aturan_kode": "bawaan",
        "set_aturan_versi": 1,
        "masukan": [
            {"nama": "Rating hasil kerja", "nilai": "Sesuai Ekspektasi"},
            {"nama": "Rating perilaku kerja", "nilai": "Di Atas Ekspektasi"},
        ],
        "langkah": [
            "Kuadran predikat: baris hasil kerja sesuai ekspektasi, kolom perilaku kerja di atas "
            "ekspektasi memberikan predikat Baik.",
            "Tidak ada pembobotan: kedua rating digabungkan melalui kuadran.",
        ],
    }


@pytest.mark.parametrize(
    ("acuan", "label"),
    [
        (Acuan(), "Set aturan yang sedang disunting"),
        (Acuan("unit", 3, "Aturan biro"), "Aturan biro versi 3"),
        (
            Acuan("unit", 2, "Aturan biro", datetime.date(2024, 11, 21)),
            "Aturan biro versi 2 (berlaku mulai 21 November 2024)",
        ),
    ],
)
def test_rule_set_label(acuan, label):
    explanation = predikat_compute(default_isi().with_acuan(acuan), ATAS, ATAS).penjelasan
    assert explanation.as_dict()["set_aturan"] == label


def test_a_parsed_draft_is_labelled_as_being_edited():
    assert default_isi().acuan == Acuan()


def test_a_modified_quadrant_is_honoured():
    def edit(data):
        data["predikat"]["SESUAI"]["DI_ATAS"] = "SANGAT_BAIK"
        data["predikat"]["DI_BAWAH"]["DI_ATAS"] = "Cukup"  # alias of Butuh Perbaikan

    isi = isi_with(edit)
    result = predikat_compute(isi, SESUAI, ATAS)
    assert result.predikat == Predikat.SANGAT_BAIK
    assert result.penjelasan.ringkasan == (
        "Predikat Sangat Baik karena hasil kerja sesuai ekspektasi dan perilaku kerja di atas "
        "ekspektasi."
    )
    assert predikat_compute(isi, BAWAH, ATAS).predikat == Predikat.BUTUH_PERBAIKAN
    unchanged = [(h, p, e) for h, p, e in QUADRANT if (h, p) != (SESUAI, ATAS)]
    assert all(predikat_compute(isi, h, p).predikat == e for h, p, e in unchanged)
