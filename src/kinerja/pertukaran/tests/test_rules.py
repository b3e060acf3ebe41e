"""Pure rules of the exchange format."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.organisasi.enums import Jenjang
from kinerja.pertukaran import rules
from kinerja.pertukaran.rules import CellError, RowError
from kinerja.pertukaran.services import sanitised_name


def test_cell_text_accepts_whole_numbers_and_refuses_dates():
    assert [rules.cell_text(value) for value in (None, "  Biro  ", 101, 101.0, 1.5)] == [
        "",
        "Biro",
        "101",
        "101",
        "1.5",
    ]
    with pytest.raises(CellError, match=r"^Berisi tanggal atau jam, bukan teks\.$"):
        rules.cell_text(datetime.datetime(2025, 1, 1))
    with pytest.raises(CellError, match=r"^Berisi nilai benar/salah, bukan teks\.$"):
        rules.cell_text(True)


def test_cell_nip_removes_spaces_and_apostrophe_and_refuses_numbers():
    assert rules.cell_nip("'19900202 201502 2 002") == "199002022015022002"
    assert rules.cell_nip(None) == ""
    for number in (199002022015022002, 1.99002022015022e17):
        with pytest.raises(CellError, match="simpan kolom NIP sebagai teks"):
            rules.cell_nip(number)


def test_cell_integer():
    assert [rules.cell_integer(value) for value in (None, "", 9, 9.0, " 9 ", "9.0", "9,0")] == [
        None,
        None,
        9,
        9,
        9,
        9,
        9,
    ]
    for bad, message in ((9.5, "Harus bilangan bulat, bukan 9.5."),
                         ("sembilan", "Harus bilangan bulat, bukan 'sembilan'."),
                         (True, "Harus bilangan bulat.")):  # fmt: skip
        with pytest.raises(CellError) as error:
            rules.cell_integer(bad)
        assert str(error.value) == message


def test_cell_yes_no():
    assert [rules.cell_yes_no(value) for value in ("YA", "ya", " Tidak ", True, False, None)] == [
        True,
        True,
        False,
        True,
        False,
        None,
    ]
    with pytest.raises(CellError, match=r"^Harus YA atau TIDAK, bukan 'Y'\.$"):
        rules.cell_yes_no("Y")


def test_cell_enum_accepts_codes_and_labels():
    assert rules.cell_enum("ahli muda", Jenjang) is Jenjang.AHLI_MUDA
    assert rules.cell_enum("Ahli Muda", Jenjang) is Jenjang.AHLI_MUDA
    assert rules.cell_enum("AHLI_MUDA", Jenjang) is Jenjang.AHLI_MUDA
    assert rules.cell_enum("", Jenjang) is None
    with pytest.raises(CellError, match=r"^Nilai 'Ahli' tidak dikenal\. Pilihan: AHLI_PERTAMA"):
        rules.cell_enum("Ahli", Jenjang)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("iii/a", "III/a"), (" IV / E ", "IV/e"), ("ix", "IX"), ("3/a", "3/a"), ("", "")],
)
def test_normalise_golongan(text, expected):
    assert rules.normalise_golongan(text) == expected


def test_column_names_and_letters():
    assert rules.normalise_column("  Unit  Kode ") == "unit kode"
    assert rules.normalise_column(None) == ""
    assert [rules.column_letter(index) for index in (0, 25, 26, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "ZZ",
        "AAA",
    ]
    assert rules.cell_name(6, 12) == "G12"


@given(st.integers(min_value=0, max_value=20_000))
def test_column_letter_round_trips(index):
    letters = rules.column_letter(index)
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    assert number - 1 == index


def test_find_cycles_reports_every_cycle_once_from_its_smallest_member():
    parent_of = {"a": "b", "b": "c", "c": "a", "d": "a", "e": "e", "f": None, "g": "h", "h": "g"}
    assert rules.find_cycles(parent_of) == [["a", "b", "c"], ["e"], ["g", "h"]]
    assert rules.find_cycles({"a": None, "b": "a"}) == []


@given(st.dictionaries(st.integers(0, 30), st.one_of(st.none(), st.integers(0, 30))))
def test_find_cycles_members_really_loop(parent_of):
    seen: set[int] = set()
    for cycle in rules.find_cycles(parent_of):
        assert not seen & set(cycle)  # disjoint
        seen |= set(cycle)
        for member, following in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            assert parent_of[member] == following


def test_depth_order_puts_parents_first():
    parent_of = {"c": "b", "b": "a", "a": "x", "d": None}
    assert rules.depth_order(parent_of, ["c", "b", "a", "d"]) == [["a", "d"], ["b"], ["c"]]
    assert rules.depth_order(parent_of, ["c"]) == [["c"]]


def test_cycle_text_and_row_error_line():
    assert rules.cycle_text(["A", "B"]) == "A → B → A"
    assert (
        RowError("pegawai", 4, "nip", "Salah.").as_line() == "pegawai, baris 4, kolom nip: Salah."
    )
    assert RowError("", 0, "", "Berkas kosong.").as_line() == "berkas: Berkas kosong."


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Data Pegawai (final).xlsx", "Data_Pegawai_final.xlsx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\admin\\pegawai.csv", "pegawai.csv"),
        ("..", "berkas"),
        ("", "berkas"),
        ("a" * 300 + ".xlsx", "a" * 95 + ".xlsx"),
    ],
)
def test_sanitised_name(name, expected):
    assert sanitised_name(name) == expected


def test_depth_order_terminates_on_a_cycle():
    levels = rules.depth_order({"a": "b", "b": "a"}, ["a", "b"])
    assert sorted(key for level in levels for key in level) == ["a", "b"]
