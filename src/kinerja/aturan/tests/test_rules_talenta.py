"""The talent 9-box and the attendance discipline thresholds (DOMAIN.md section 10)."""

from __future__ import annotations

import pytest

from kinerja.aturan.enums import Potensi, Predikat, Rating, SanksiKehadiran
from kinerja.aturan.rules import RuleError, discipline_sanction, talent_box
from kinerja.aturan.tests.rulesets import default_isi, isi_with

# Potensi Tinggi -> 6, 8, 9; Menengah -> 3, 5, 7; Rendah -> 1, 2, 4 (Di bawah .. Di atas).
BOXES = [
    (Rating.DI_BAWAH, Potensi.TINGGI, 6),
    (Rating.SESUAI, Potensi.TINGGI, 8),
    (Rating.DI_ATAS, Potensi.TINGGI, 9),
    (Rating.DI_BAWAH, Potensi.MENENGAH, 3),
    (Rating.SESUAI, Potensi.MENENGAH, 5),
    (Rating.DI_ATAS, Potensi.MENENGAH, 7),
    (Rating.DI_BAWAH, Potensi.RENDAH, 1),
    (Rating.SESUAI, Potensi.RENDAH, 2),
    (Rating.DI_ATAS, Potensi.RENDAH, 4),
]


@pytest.mark.parametrize(("kinerja", "potensi", "box"), BOXES)
def test_nine_boxes(kinerja, potensi, box):
    result = talent_box(default_isi(), kinerja, potensi)
    assert (result.kotak, result.kinerja, result.potensi) == (box, kinerja, potensi)


def test_the_boxes_are_one_to_nine():
    assert sorted(box for _, _, box in BOXES) == list(range(1, 10))


@pytest.mark.parametrize(
    ("predikat", "rating"),
    [
        (Predikat.SANGAT_BAIK, Rating.DI_ATAS),
        (Predikat.BAIK, Rating.SESUAI),
        (Predikat.BUTUH_PERBAIKAN, Rating.DI_BAWAH),
        (Predikat.KURANG, Rating.DI_BAWAH),
        (Predikat.SANGAT_KURANG, Rating.DI_BAWAH),
    ],
)
@pytest.mark.parametrize("potensi", list(Potensi))
def test_a_predikat_is_read_as_a_rating(predikat, rating, potensi):
    result = talent_box(default_isi(), predikat, potensi)
    assert result.kinerja == rating
    assert result.kotak == talent_box(default_isi(), rating, potensi).kotak


def test_explanation_from_a_rating():
    result = talent_box(default_isi(), Rating.DI_ATAS, Potensi.TINGGI)
    assert result.penjelasan.ringkasan == (
        "Kotak talenta 9: kinerja di atas ekspektasi, potensi tinggi."
    )
    assert result.penjelasan.masukan == (("Kinerja", "Di Atas Ekspektasi"), ("Potensi", "Tinggi"))
    assert result.penjelasan.langkah == (
        "Tabel 9 kotak: potensi tinggi dan kinerja di atas ekspektasi berada di kotak 9.",
    )


def test_explanation_from_a_predikat():
    result = talent_box(default_isi(), Predikat.KURANG, Potensi.TINGGI)
    assert result.kotak == 6
    assert result.penjelasan.ringkasan == (
        "Kotak talenta 6: kinerja di bawah ekspektasi, potensi tinggi."
    )
    assert result.penjelasan.masukan == (("Kinerja", "Kurang/Misconduct"), ("Potensi", "Tinggi"))
    assert result.penjelasan.langkah == (
        "Predikat Kurang/Misconduct dibaca sebagai kinerja Di Bawah Ekspektasi.",
        "Tabel 9 kotak: potensi tinggi dan kinerja di bawah ekspektasi berada di kotak 6.",
    )


def test_a_modified_mapping_and_boxes_are_honoured():
    def edit(data):
        data["talenta"]["kinerja"]["BUTUH_PERBAIKAN"] = "SESUAI"
        boxes = data["talenta"]["kotak"]
        boxes["TINGGI"]["DI_ATAS"], boxes["RENDAH"]["DI_BAWAH"] = 1, 9

    isi = isi_with(edit)
    assert talent_box(isi, Predikat.BUTUH_PERBAIKAN, Potensi.MENENGAH).kotak == 5
    assert talent_box(isi, Rating.DI_ATAS, Potensi.TINGGI).kotak == 1
    assert talent_box(isi, Rating.DI_BAWAH, Potensi.RENDAH).kotak == 9


# --- Discipline (PP 94/2021) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "sanction"),
    [
        (0, None),
        (2, None),
        (3, SanksiKehadiran.TEGURAN_LISAN),
        (4, SanksiKehadiran.TEGURAN_TERTULIS),
        (6, SanksiKehadiran.TEGURAN_TERTULIS),
        (7, SanksiKehadiran.PERNYATAAN_TIDAK_PUAS),
        (10, SanksiKehadiran.PERNYATAAN_TIDAK_PUAS),
        (11, SanksiKehadiran.POTONG_TUKIN_6_BULAN),
        (13, SanksiKehadiran.POTONG_TUKIN_6_BULAN),
        (14, SanksiKehadiran.POTONG_TUKIN_9_BULAN),
        (16, SanksiKehadiran.POTONG_TUKIN_9_BULAN),
        (17, SanksiKehadiran.POTONG_TUKIN_12_BULAN),
        (20, SanksiKehadiran.POTONG_TUKIN_12_BULAN),
        (21, SanksiKehadiran.PENURUNAN_JABATAN),
        (24, SanksiKehadiran.PENURUNAN_JABATAN),
        (25, SanksiKehadiran.PEMBEBASAN_JABATAN),
        (27, SanksiKehadiran.PEMBEBASAN_JABATAN),
        (28, SanksiKehadiran.PEMBERHENTIAN),
        (60, SanksiKehadiran.PEMBERHENTIAN),
    ],
)
def test_discipline_thresholds(days, sanction):
    assert discipline_sanction(default_isi(), days).sanksi == sanction


@pytest.mark.parametrize(
    ("days", "summary"),
    [
        (2, "2 hari tanpa keterangan belum mencapai ambang sanksi disiplin."),
        (3, "3 hari tanpa keterangan: Teguran lisan."),
        (12, "12 hari tanpa keterangan: Pemotongan tukin 25% selama 6 bulan."),
        (
            28,
            "28 hari tanpa keterangan: Pemberhentian dengan hormat tidak atas permintaan sendiri.",
        ),
    ],
)
def test_discipline_summary(days, summary):
    assert discipline_sanction(default_isi(), days).penjelasan.ringkasan == summary


def test_discipline_explanation_lists_every_band():
    explanation = discipline_sanction(default_isi(), 5).penjelasan
    assert explanation.masukan == (("Hari tidak masuk tanpa keterangan dalam setahun", "5"),)
    assert explanation.langkah == (
        "3–3 hari: Teguran lisan",
        "4–6 hari: Teguran tertulis",
        "7–10 hari: Pernyataan tidak puas secara tertulis",
        "11–13 hari: Pemotongan tukin 25% selama 6 bulan",
        "14–16 hari: Pemotongan tukin 25% selama 9 bulan",
        "17–20 hari: Pemotongan tukin 25% selama 12 bulan",
        "21–24 hari: Penurunan jabatan setingkat lebih rendah 12 bulan",
        "25–27 hari: Pembebasan dari jabatan menjadi pelaksana 12 bulan",
        "28–… hari: Pemberhentian dengan hormat tidak atas permintaan sendiri",
    )


def test_negative_days_are_an_error():
    with pytest.raises(RuleError) as error:
        discipline_sanction(default_isi(), -1)
    assert str(error.value) == "Jumlah hari tidak boleh negatif."


def test_modified_discipline_bands_are_honoured():
    def edit(data):
        data["disiplin"] = [
            {"dari": 1, "sampai": 5, "sanksi": "TEGURAN_LISAN"},
            {"dari": 6, "sampai": None, "sanksi": "PEMBERHENTIAN"},
        ]

    isi = isi_with(edit)
    assert discipline_sanction(isi, 0).sanksi is None
    assert discipline_sanction(isi, 1).sanksi == SanksiKehadiran.TEGURAN_LISAN
    assert discipline_sanction(isi, 6).sanksi == SanksiKehadiran.PEMBERHENTIAN
