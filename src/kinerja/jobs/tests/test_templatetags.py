"""Showing a job's result: rows of a definition list, values the Indonesian way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.jobs.templatetags.jobs import hasil_baris, nilai_hasil, status_kelas


def test_result_rows_label_the_keys():
    assert hasil_baris({"baris_dibaca": 1200, "pegawai_baru": 3}) == [
        ("Baris dibaca", "1.200"),
        ("Pegawai baru", "3"),
    ]
    assert hasil_baris(None) == []
    assert hasil_baris({}) == []
    assert hasil_baris(["a", "b"]) == [("Hasil", "a, b")]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (True, "Ya"),
        (False, "Tidak"),
        (3781000, "3.781.000"),
        (Decimal("12.5"), "12,5"),
        (Decimal("1234.567"), "1.234,57"),
        (2.0, "2"),
        (2.345, "2,35"),
        ([3, 7], "3, 7"),
        ({"baru": 2, "diubah": 1000}, "baru: 2; diubah: 1.000"),
        ("selesai", "selesai"),
    ],
)
def test_result_values(value, text):
    assert nilai_hasil(value) == text


def test_status_badge_classes():
    assert [status_kelas(s) for s in ("MENUNGGU", "BERJALAN", "SELESAI", "GAGAL")] == [
        "",
        "warn",
        "ok",
        "bad",
    ]
