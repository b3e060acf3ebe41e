"""The cycle's counts: what one employee (or `many` alike) adds to a period's counts, with the
late flags on the deadline day and the day after; evidence; sums; the progress rows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from kinerja.aturan.enums import PREDIKAT_ORDER
from kinerja.pemantauan.rules.ringkasan import (
    BUKTI_KEYS,
    COUNT_KEYS,
    Batas,
    Fakta,
    Kemajuan,
    counts_add,
    counts_sum,
    employee_counts,
    empty,
    evidence_counts,
    progress_rows,
    share,
)

D = Decimal
DAY = datetime.date(2025, 4, 5)
ON_TIME = Batas(False, False, False)
LATE = Batas(True, True, True)


def counts(**named) -> dict:
    found = empty()
    found["predikat"] |= named.pop("predikat", {})
    found.update(named)
    return found


def test_empty():
    assert empty() == dict.fromkeys(COUNT_KEYS, 0) | {
        "predikat": {
            "SANGAT_BAIK": 0,
            "BAIK": 0,
            "BUTUH_PERBAIKAN": 0,
            "KURANG": 0,
            "SANGAT_KURANG": 0,
        }
    }
    assert empty() is not empty()
    assert len(COUNT_KEYS) == 19


@pytest.mark.parametrize(
    ("today", "late"),
    [
        (DAY - datetime.timedelta(days=1), False),
        (DAY, False),  # the deadline day itself is still on time
        (DAY + datetime.timedelta(days=1), True),
    ],
)
def test_deadline_day_is_not_late(today, late):
    assert Batas.on(today, DAY, DAY, DAY) == Batas(late, late, late)


def test_each_deadline_on_its_own():
    batas = Batas.on(
        DAY,
        DAY - datetime.timedelta(days=1),
        DAY,
        DAY + datetime.timedelta(days=1),
    )
    assert batas == Batas(realisasi_lewat=True, verifikasi_lewat=False, penilaian_lewat=False)


APPROVED = "DISETUJUI"


@pytest.mark.parametrize(
    ("fakta", "on_time", "late"),
    [
        # no plan at all: only the plan is missing (no report or rating is expected)
        (Fakta(), counts(pegawai=1, skp_belum=1), counts(pegawai=1, skp_belum=1)),
        (Fakta(skp="DRAF"), counts(pegawai=1, skp_belum=1), counts(pegawai=1, skp_belum=1)),
        (
            Fakta(skp="DIKEMBALIKAN"),
            counts(pegawai=1, skp_belum=1),
            counts(pegawai=1, skp_belum=1),
        ),
        (
            Fakta(skp="DIAJUKAN"),
            counts(pegawai=1, skp_diajukan=1),
            counts(pegawai=1, skp_diajukan=1),
        ),
        # approved, nothing else: the report and the rating are due (late after the deadline)
        (
            Fakta(skp=APPROVED),
            counts(pegawai=1, skp_disetujui=1, laporan_belum=1, penilaian_belum=1),
            counts(
                pegawai=1,
                skp_disetujui=1,
                laporan_belum=1,
                laporan_terlambat=1,
                penilaian_belum=1,
                penilaian_terlambat=1,
            ),
        ),
        # a draft report is not submitted
        (
            Fakta(skp=APPROVED, laporan="DRAF"),
            counts(pegawai=1, skp_disetujui=1, laporan_belum=1, penilaian_belum=1),
            counts(
                pegawai=1,
                skp_disetujui=1,
                laporan_belum=1,
                laporan_terlambat=1,
                penilaian_belum=1,
                penilaian_terlambat=1,
            ),
        ),
        (
            Fakta(skp=APPROVED, laporan="DIAJUKAN"),
            counts(pegawai=1, skp_disetujui=1, laporan_diajukan=1, penilaian_belum=1),
            counts(
                pegawai=1,
                skp_disetujui=1,
                laporan_diajukan=1,
                penilaian_belum=1,
                penilaian_terlambat=1,
            ),
        ),
        (
            Fakta(skp=APPROVED, laporan="PERLU_PERBAIKAN", penilaian="DRAF"),
            counts(pegawai=1, skp_disetujui=1, laporan_perbaikan=1, penilaian_draf=1),
            counts(
                pegawai=1,
                skp_disetujui=1,
                laporan_perbaikan=1,
                penilaian_draf=1,
                penilaian_terlambat=1,
            ),
        ),
        # all done: nothing late whatever the day
        (
            Fakta(skp=APPROVED, laporan="SELESAI", penilaian="FINAL", predikat="BAIK"),
            counts(
                pegawai=1,
                skp_disetujui=1,
                laporan_selesai=1,
                penilaian_final=1,
                predikat={"BAIK": 1},
            ),
            counts(
                pegawai=1,
                skp_disetujui=1,
                laporan_selesai=1,
                penilaian_final=1,
                predikat={"BAIK": 1},
            ),
        ),
        # rated without an approved plan (e.g. imported history): the rating still counts
        (
            Fakta(penilaian="FINAL", predikat="KURANG"),
            counts(pegawai=1, skp_belum=1, penilaian_final=1, predikat={"KURANG": 1}),
            counts(pegawai=1, skp_belum=1, penilaian_final=1, predikat={"KURANG": 1}),
        ),
        (
            Fakta(skp="DIAJUKAN", penilaian="DRAF"),
            counts(pegawai=1, skp_diajukan=1, penilaian_draf=1),
            counts(pegawai=1, skp_diajukan=1, penilaian_draf=1),
        ),
        # a final rating without predikat adds no predikat
        (
            Fakta(skp=APPROVED, laporan="SELESAI", penilaian="FINAL"),
            counts(pegawai=1, skp_disetujui=1, laporan_selesai=1, penilaian_final=1),
            counts(pegawai=1, skp_disetujui=1, laporan_selesai=1, penilaian_final=1),
        ),
    ],
)
def test_employee_counts(fakta, on_time, late):
    assert employee_counts(fakta, ON_TIME) == on_time
    assert employee_counts(fakta, LATE) == late


def test_only_the_report_deadline_passed():
    found = employee_counts(Fakta(skp=APPROVED), Batas(True, True, False))
    assert (found["laporan_terlambat"], found["penilaian_terlambat"]) == (1, 0)


def test_many_employees_alike():
    fakta = Fakta(skp=APPROVED, laporan="SELESAI", penilaian="FINAL", predikat="SANGAT_BAIK")
    assert employee_counts(fakta, LATE, 7) == counts(
        pegawai=7,
        skp_disetujui=7,
        laporan_selesai=7,
        penilaian_final=7,
        predikat={"SANGAT_BAIK": 7},
    )
    assert employee_counts(Fakta(skp=APPROVED), LATE, 3) == counts(
        pegawai=3,
        skp_disetujui=3,
        laporan_belum=3,
        laporan_terlambat=3,
        penilaian_belum=3,
        penilaian_terlambat=3,
    )


@pytest.mark.parametrize("status", ["MENUNGGU", "DITERIMA", "PERLU_PERBAIKAN", "DITOLAK"])
def test_evidence_counts(status):
    key = BUKTI_KEYS[status]
    assert evidence_counts(status, 4, ON_TIME) == counts(bukti=4, **{key: 4})
    late = counts(bukti=4, **{key: 4})
    if status == "MENUNGGU":
        # waiting for verification after the verification deadline
        late["bukti_terlambat"] = 4
    assert evidence_counts(status, 4, LATE) == late
    assert evidence_counts(status, 4, Batas(True, False, True))["bukti_terlambat"] == 0


def test_counts_add_and_sum():
    one = counts(pegawai=1, skp_disetujui=1, predikat={"BAIK": 1})
    two = counts(pegawai=2, bukti=3, bukti_ditolak=3, predikat={"BAIK": 1, "KURANG": 1})
    into = counts_sum([one])
    assert into is not one
    result = counts_add(into, two)
    assert result is into
    assert into == counts(
        pegawai=3,
        skp_disetujui=1,
        bukti=3,
        bukti_ditolak=3,
        predikat={"BAIK": 2, "KURANG": 1},
    )
    # the inputs are untouched
    assert one == counts(pegawai=1, skp_disetujui=1, predikat={"BAIK": 1})
    # partial dictionaries (e.g. stored before a key existed) add as zeros
    partial = counts_add({"pegawai": 2}, {"bukti": 1, "predikat": {"BAIK": 1}})
    assert partial == dict.fromkeys(COUNT_KEYS, 0) | {
        "pegawai": 2,
        "bukti": 1,
        "predikat": {p.value: int(p.value == "BAIK") for p in PREDIKAT_ORDER},
    }
    assert counts_sum([]) == empty()
    assert counts_sum([one, one, two])["pegawai"] == 4


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [
        (0, 0, D(0)),
        (5, 0, D(0)),
        (1, 3, D("33.3")),
        (2, 3, D("66.7")),
        (5, 8, D("62.5")),
        (4, 4, D(100)),
    ],
)
def test_share(part, whole, percent):
    assert share(part, whole) == percent


def test_progress_rows():
    stored = counts(
        pegawai=10,
        skp_disetujui=8,
        skp_diajukan=1,
        skp_belum=1,
        laporan_diajukan=3,
        laporan_perbaikan=1,
        laporan_selesai=2,
        laporan_belum=2,
        laporan_terlambat=1,
        bukti=20,
        bukti_menunggu=4,
        bukti_diterima=12,
        bukti_perbaikan=3,
        bukti_ditolak=1,
        bukti_terlambat=2,
        penilaian_final=5,
        penilaian_draf=1,
        penilaian_belum=2,
        penilaian_terlambat=3,
    )
    rows = progress_rows(stored)
    assert rows == [
        Kemajuan("SKP disetujui", 8, 10, 0),
        Kemajuan("Laporan realisasi diajukan", 6, 8, 1),
        Kemajuan("Bukti dukung diverifikasi", 16, 20, 2),
        Kemajuan("Penilaian ditetapkan", 5, 8, 3),
    ]
    assert [r.persen for r in rows] == [D(80), D(75), D(80), D("62.5")]


def test_progress_rows_of_nothing():
    """No report expected (nothing approved, or the annual period): the report row is left out."""
    rows = progress_rows({})
    assert [(r.label, r.selesai, r.total, r.terlambat, r.persen) for r in rows] == [
        ("SKP disetujui", 0, 0, 0, D(0)),
        ("Bukti dukung diverifikasi", 0, 0, 0, D(0)),
        ("Penilaian ditetapkan", 0, 0, 0, D(0)),
    ]
