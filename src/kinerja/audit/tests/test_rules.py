"""The hash chain rules: a clean chain verifies; every kind of tampering names its entry."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.audit import rules
from kinerja.audit.rules import GENESIS_HASH, ChainBreak, FieldChange

Row = tuple[int, dict[str, Any], str, str]


def build_chain(length: int) -> list[Row]:
    rows: list[Row] = []
    previous = GENESIS_HASH
    for sequence in range(1, length + 1):
        fields = {"urutan": sequence, "aksi": "pegawai.update", "sesudah": {"nama": f"P{sequence}"}}
        digest = rules.entry_hash(fields, previous)
        rows.append((sequence, fields, previous, digest))
        previous = digest
    return rows


def head_of(rows: list[Row]) -> tuple[int, str]:
    return (rows[-1][0], rows[-1][3]) if rows else (0, GENESIS_HASH)


def verify(rows: list[Row], head: tuple[int, str]) -> list[ChainBreak]:
    return rules.verify_chain(rows, *head)


def test_a_clean_chain_verifies():
    rows = build_chain(5)
    assert verify(rows, head_of(rows)) == []


def test_an_empty_chain_verifies():
    assert verify([], (0, GENESIS_HASH)) == []


def test_entry_hash_is_canonical_and_depends_on_the_previous_hash():
    fields = {"b": 1, "a": [1, 2]}
    assert rules.entry_hash(fields, GENESIS_HASH) == rules.entry_hash(
        {"a": [1, 2], "b": 1}, GENESIS_HASH
    )
    assert rules.entry_hash(fields, GENESIS_HASH) != rules.entry_hash(fields, "1" * 64)
    assert len(rules.entry_hash(fields, GENESIS_HASH)) == 64


@pytest.mark.parametrize("field", ["urutan", "aksi", "sesudah"])
def test_editing_a_field_names_the_entry(field):
    rows = build_chain(5)
    head = head_of(rows)
    sequence, fields, previous, digest = rows[2]
    edited = dict(fields, **{field: "diubah"})
    rows[2] = (sequence, edited, previous, digest)
    assert verify(rows, head) == [ChainBreak(3, "isi tidak cocok dengan hash-nya (diubah)")]


def test_editing_the_stored_hash_breaks_the_entry_and_the_next_link():
    rows = build_chain(4)
    head = head_of(rows)
    sequence, fields, previous, _ = rows[1]
    rows[1] = (sequence, fields, previous, "f" * 64)
    assert verify(rows, head) == [
        ChainBreak(2, "isi tidak cocok dengan hash-nya (diubah)"),
        ChainBreak(3, "tautan ke entri sebelumnya putus"),
    ]


def test_deleting_an_entry_in_the_middle_names_the_missing_number():
    rows = build_chain(5)
    head = head_of(rows)
    del rows[2]
    assert verify(rows, head) == [ChainBreak(3, "entri 3 hilang (dihapus)")]


def test_deleting_several_entries_names_the_range():
    rows = build_chain(6)
    head = head_of(rows)
    del rows[1:4]
    assert verify(rows, head) == [ChainBreak(2, "entri 2 sampai 4 hilang (dihapus)")]


def test_deleting_the_last_entry_is_found_from_the_head():
    rows = build_chain(5)
    head = head_of(rows)
    rows.pop()
    assert verify(rows, head) == [ChainBreak(5, "entri 5 hilang (dihapus)")]


def test_deleting_the_first_entry_is_found():
    rows = build_chain(3)
    head = head_of(rows)
    rows.pop(0)
    assert verify(rows, head) == [ChainBreak(1, "entri 1 hilang (dihapus)")]


def test_reordering_two_entries_names_both():
    rows = build_chain(4)
    head = head_of(rows)
    second, third = rows[1], rows[2]
    # The numbers are swapped in the stored rows (urutan is one of the hashed fields).
    rows[1] = (2, dict(third[1], urutan=2), third[2], third[3])
    rows[2] = (3, dict(second[1], urutan=3), second[2], second[3])
    assert verify(rows, head) == [
        ChainBreak(2, "tautan ke entri sebelumnya putus"),
        ChainBreak(2, "isi tidak cocok dengan hash-nya (diubah)"),
        ChainBreak(3, "tautan ke entri sebelumnya putus"),
        ChainBreak(3, "isi tidak cocok dengan hash-nya (diubah)"),
        ChainBreak(4, "tautan ke entri sebelumnya putus"),
    ]


def test_an_entry_beyond_the_head_is_found():
    rows = build_chain(3)
    assert verify(rows, (2, rows[1][3])) == [
        ChainBreak(
            3, "entri setelah nomor 2 tidak tercatat di kepala rantai (rantai berakhir di 3)"
        )
    ]


def test_a_head_hash_that_does_not_match_the_last_entry_is_found():
    rows = build_chain(3)
    assert verify(rows, (3, "e" * 64)) == [
        ChainBreak(3, "entri terakhir tidak cocok dengan kepala rantai")
    ]


@given(length=st.integers(min_value=1, max_value=12), data=st.data())
def test_any_single_edit_is_found_at_its_entry(length, data):
    rows = build_chain(length)
    head = head_of(rows)
    index = data.draw(st.integers(min_value=0, max_value=length - 1))
    sequence, fields, previous, digest = rows[index]
    rows[index] = (sequence, dict(fields, keterangan="sisipan"), previous, digest)
    breaks = verify(rows, head)
    assert breaks == [ChainBreak(index + 1, "isi tidak cocok dengan hash-nya (diubah)")]


@given(length=st.integers(min_value=2, max_value=12), data=st.data())
def test_any_single_deletion_is_found_at_its_number(length, data):
    rows = build_chain(length)
    head = head_of(rows)
    index = data.draw(st.integers(min_value=0, max_value=length - 1))
    del rows[index]
    assert verify(rows, head) == [ChainBreak(index + 1, f"entri {index + 1} hilang (dihapus)")]


def test_to_json_value_turns_python_values_into_json():
    value = {
        "tanggal": datetime.date(2024, 11, 21),
        "jumlah": Decimal("3781000.50"),
        "kode": {"b", "a"},
        "daftar": (1, None, True),
    }
    assert rules.to_json_value(value) == {
        "tanggal": "2024-11-21",
        "jumlah": "3781000.50",
        "kode": ["a", "b"],
        "daftar": [1, None, True],
    }


def test_field_changes_lists_after_keys_then_removed_keys():
    assert rules.field_changes({"nama": "A", "unit": 1}, {"nama": "B", "aktif": False}) == [
        FieldChange("nama", "A", "B"),
        FieldChange("aktif", None, False),
        FieldChange("unit", 1, None),
    ]


def test_field_changes_of_a_creation_and_of_a_bare_value():
    assert rules.field_changes(None, {"nama": "A"}) == [FieldChange("nama", None, "A")]
    assert rules.field_changes(None, None) == []
    assert rules.field_changes([1], [1, 2]) == [FieldChange("nilai", [1], [1, 2])]
