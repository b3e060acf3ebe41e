"""The recap's rows: exact values for a constructed agency (quarter and TAHUNAN), the curve
verdict against the curve monitor, the excluded section, the unit filter, the query count."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.angka_kredit.selectors import annual_credits
from kinerja.aturan.enums import Predikat
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import JabatanFactory, PegawaiFactory, UnitFactory
from kinerja.penilaian import selectors as penilaian_selectors
from kinerja.penilaian.tests.factories import (
    SYSTEM,
    finalised_group,
    open_period,
    org_rating,
    rate,
    rate_all,
)
from kinerja.rekap.selectors import (
    Reads,
    RekapError,
    periode_find,
    rekap_build,
    rekap_page,
    unit_find,
)
from kinerja.rekap.tests.helpers import SB, TAHUN, B, build, nip
from kinerja.tukin import services as tukin_services
from kinerja.tukin.enums import SebabPerhitungan
from kinerja.tukin.selectors import allowance_period

pytestmark = pytest.mark.django_db

D = Decimal


def by_nip(rows: list[tuple]) -> dict[str, tuple]:
    return {row[0]: row for row in rows}


def test_quarter_rows_exact() -> None:
    dinas = build()
    rekap = rekap_build(periode=dinas.tw1)
    rows = by_nip(rekap.baris)
    # Ani: functional (Ahli Muda on the assessment), Sangat Baik; 3/12 × 150% × 25 = 9.375;
    # January–March at grade 9 (3 × 3.781.000) with 2 × TL1 (1% of January = 37.810).
    assert rows[nip(10)] == (
        nip(10), "Ani", "U1", "TW1", "DI_ATAS", "DI_ATAS", "DRAFT", "SANGAT_BAIK",
        "BAIK", False, D("9.375"), 11343000, D("0.33"), 11305190, 9,
    )  # fmt: skip
    assert rows[nip(21)] == (
        nip(21), "Pegawai U1 01", "U1", "TW1", "SESUAI", "SESUAI", "DRAFT", "BAIK",
        "BAIK", False, None, None, None, None, None,
    )  # fmt: skip
    # A group of two is too small to judge; a unit without organisation rating has no group.
    assert rows[nip(40)][8:10] == ("ISTIMEWA", None)
    assert rows[nip(50)] == (
        nip(50), "Dodi", "U4", "TW1", "DI_BAWAH", "SESUAI", "DRAFT", "BUTUH_PERBAIKAN",
        None, None, None, None, None, None, None,
    )  # fmt: skip
    # Order: unit path, then name; the retired (Bayu) and the inactive (Cici) are left out.
    assert [row[1] for row in rekap.baris] == [
        "Ani", *(f"Pegawai U1 {n:02d}" for n in range(9)), "Pegawai U3 0", "Pegawai U3 1", "Dodi",
    ]  # fmt: skip
    assert rekap.dikecualikan == [
        (nip(11), "Bayu", "U1", "PENSIUN", "Pensiun", datetime.date(2026, 3, 1), None, True),
        (nip(12), "Cici", "U1", "TIDAK_AKTIF", "Tidak aktif", None, None, True),
        (nip(51), "Eko", "U4", "MUTASI", "Mutasi", datetime.date(2026, 1, 15), None, False),
    ]


def test_annual_rows_exact() -> None:
    dinas = build(rate_tw1=False)
    tahunan = open_period("TAHUNAN", tahun=TAHUN)
    rate(dinas.ani, tahunan, B, aktor=SYSTEM)
    rate(dinas.dodi, tahunan, B, aktor=SYSTEM)
    rekap = rekap_build(periode=tahunan)
    # Ani: Ahli Pertama Jan–Apr (4/12 × 100% × 12.5 = 4.167) and Ahli Muda May–Dec
    # (8/12 × 100% × 25 = 16.667); 12 × 3.781.000; cuts 1% of January and 2 × 3% of July.
    assert rekap.baris == [
        (
            nip(10), "Ani", "U1", "TAHUNAN", "SESUAI", "SESUAI", "DRAFT", "BAIK",
            None, None, D("20.834"), 45372000, D("0.58"), 45107330, 8,
        ),
        (
            nip(50), "Dodi", "U4", "TAHUNAN", "SESUAI", "SESUAI", "DRAFT", "BAIK",
            None, None, None, None, None, None, None,
        ),
    ]  # fmt: skip
    credits = annual_credits(
        tahun=TAHUN, predikat={dinas.ani.pk: Predikat.BAIK}, jalur={dinas.ani.pk: dinas.u1.jalur}
    )
    assert credits[dinas.ani.pk].total == D("20.834")


def test_reads_run_in_order_inside_a_transaction() -> None:
    with Reads() as reads:
        assert reads.pool is None
        order: list[int] = []
        first = reads.submit(order.append, 1)
        order.append(2)
        first()
    assert order == [1, 2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
@pytest.mark.django_db(transaction=True)
def test_parallel_reads_on_postgresql_give_the_same_recap() -> None:
    """Outside a transaction on PostgreSQL the independent reads run in their own threads and
    connections; the recap is the same as the one of the test above."""
    dinas = build(rate_tw1=False)
    tahunan = open_period("TAHUNAN", tahun=TAHUN)
    rate(dinas.ani, tahunan, B, aktor=SYSTEM)
    with Reads() as reads:
        assert reads.pool is not None
    rekap = rekap_build(periode=tahunan)
    assert rekap.baris[0] == (
        nip(10), "Ani", "U1", "TAHUNAN", "SESUAI", "SESUAI", "DRAFT", "BAIK",
        None, None, D("20.834"), 45372000, D("0.58"), 45107330, 8,
    )  # fmt: skip
    assert [row[0] for row in rekap.dikecualikan] == [nip(11), nip(12), nip(51)]


def test_stored_months_are_used_and_sum_like_computed() -> None:
    dinas = build()
    computed = allowance_period(tahun=TAHUN, months=(1, 2, 3), pegawai_ids=[dinas.ani.pk])
    tukin_services.allowance_recompute(
        aktor=SYSTEM,
        tahun=TAHUN,
        bulan=1,
        sebab=SebabPerhitungan.MANUAL,
        pegawai_ids=[dinas.ani.pk],
    )
    tukin_services.allowance_recompute(
        aktor=SYSTEM,
        tahun=TAHUN,
        bulan=2,
        sebab=SebabPerhitungan.MANUAL,
        pegawai_ids=[dinas.ani.pk],
    )
    partly = allowance_period(tahun=TAHUN, months=(1, 2, 3), pegawai_ids=[dinas.ani.pk])
    assert partly == computed
    assert computed[dinas.ani.pk].bruto == 11343000
    assert computed[dinas.ani.pk].netto == 11305190
    assert computed[dinas.ani.pk].bulan == 3


def test_final_group_verdict_matches_curve_monitor() -> None:
    _penetapan, unit, _kepala, _members, periode = finalised_group(10)
    rekap = rekap_build(periode=periode)
    assert {row[6] for row in rekap.baris} == {"FINAL"}
    assert {row[8:10] for row in rekap.baris} == {("BAIK", True)}
    monitor = penilaian_selectors.kurva_list(scope_for(_superuser()), periode)
    assert [(row.unit.pk, row.sesuai) for row in monitor] == [(unit.pk, True)]


def test_open_group_verdict_matches_curve_monitor() -> None:
    dinas = build()
    monitor = {
        row.unit.pk: row.sesuai
        for row in penilaian_selectors.kurva_list(scope_for(_superuser()), dinas.tw1)
    }
    assert monitor == {dinas.u1.pk: False, dinas.u3.pk: None}
    rows = by_nip(rekap_build(periode=dinas.tw1).baris)
    assert rows[nip(10)][9] is monitor[dinas.u1.pk]
    assert rows[nip(40)][9] is monitor[dinas.u3.pk]


def test_unit_filter_takes_the_subtree_by_assessment_unit() -> None:
    dinas = build()
    rekap = rekap_build(periode=dinas.tw1, unit=dinas.u4)
    assert [row[1] for row in rekap.baris] == ["Dodi"]
    assert [row[1] for row in rekap.dikecualikan] == ["Eko"]
    whole = rekap_build(periode=dinas.tw1, unit=dinas.root)
    assert len(whole.baris) == 13


def test_page_matches_the_whole_recap() -> None:
    dinas = build()
    whole = rekap_build(periode=dinas.tw1).baris
    total, rows = rekap_page(periode=dinas.tw1, limit=3, offset=2)
    assert total == 13
    assert rows == whole[2:5]


def test_unknown_period_and_unit() -> None:
    open_period("TW1", tahun=TAHUN)
    with pytest.raises(RekapError) as unknown_period:
        periode_find(2026, "TW5")
    assert str(unknown_period.value) == "Periode TW5 2026 tidak dikenal."
    with pytest.raises(RekapError) as unknown_unit:
        unit_find("XX")
    assert str(unknown_unit.value) == "Unit XX tidak dikenal."


def _superuser():
    from kinerja.organisasi.tests.factories import PenggunaFactory

    return PenggunaFactory(is_superuser=True)


def _agency(size: int) -> tuple[Unit, list[Pegawai]]:
    periode = open_period("TW1", tahun=TAHUN)
    unit = cast(Unit, UnitFactory())
    members = [
        cast(Pegawai, PegawaiFactory(unit=unit, jabatan=JabatanFactory(kelas_jabatan=9)))
        for _n in range(size)
    ]
    org_rating(unit, periode)
    rate_all(members, periode, ([SB] + [B] * 11)[:size])
    return unit, members


@pytest.mark.parametrize("size", [3, 12])
def test_query_count_does_not_grow_with_employees(size: int) -> None:
    _agency(size)
    periode = periode_find(TAHUN, "TW1")
    with CaptureQueriesContext(connection) as captured:
        rekap = rekap_build(periode=periode)
    assert len(rekap.baris) == size
    # main rows; rule sets; groups (ratings, penetapan, 2 counts); allowance (stored sums,
    # stored months, the computation of each of the 3 months not stored); potential; excluded
    # (2 + reasons): the same for 3 and 12 employees.
    assert len(captured) == QUERIES


QUERIES = 29
