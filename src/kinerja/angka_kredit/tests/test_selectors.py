"""Credit points read from the data: a year's points from the annual predikat and the position
history, the running total at a jenjang with its thresholds, eligibility, drafts, employees
without a functional position, the unit list."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.angka_kredit import selectors
from kinerja.angka_kredit.enums import StatusSyarat
from kinerja.angka_kredit.tests.helpers import TAHUN, annual, functional, history
from kinerja.aturan.enums import Predikat
from kinerja.organisasi.enums import Jenjang
from kinerja.organisasi.models import Pegawai

pytestmark = pytest.mark.django_db
AP, AM = Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA
D = datetime.date


def credits(pegawai: Pegawai, drafts: bool = True) -> selectors.RiwayatKredit:
    pegawai = Pegawai.objects.select_related("unit", "jabatan").get(pk=pegawai.pk)
    return selectors.credit_history(pegawai, drafts=drafts, today=timezone.localdate())


def parts(year: selectors.TahunKredit) -> list[tuple[Jenjang, int, Decimal]]:
    assert year.kredit is not None
    return [(p.jenjang, p.bulan, p.hasil.nilai) for p in year.kredit.bagian]


def test_two_months_ahli_pertama_baik(agency):
    history(agency.pegawai, [(D(2024, 1, 1), None), (D(2026, 11, 1), AP)])
    annual(agency.pegawai, Predikat.BAIK)
    (year,) = credits(agency.pegawai).tahun
    assert parts(year) == [(AP, 2, Decimal("2.083"))]
    assert (year.total, year.final, year.predikat) == (Decimal("2.083"), True, Predikat.BAIK)


def test_full_year_sangat_baik_ahli_pertama(agency):
    functional(agency.pegawai, AP)
    annual(agency.pegawai, Predikat.SANGAT_BAIK)
    riwayat = credits(agency.pegawai)
    (year,) = riwayat.tahun
    assert parts(year) == [(AP, 12, Decimal("18.750"))]
    kumulatif = riwayat.kumulatif
    assert kumulatif is not None
    assert (kumulatif.jenjang, kumulatif.total, kumulatif.rincian) == (
        AP,
        Decimal("18.750"),
        ((2026, Decimal("18.750")),),
    )


def test_joined_a_functional_position_on_1_august(agency):
    history(agency.pegawai, [(D(2024, 1, 1), None), (D(2026, 8, 1), AP)])
    annual(agency.pegawai, Predikat.BAIK)
    (year,) = credits(agency.pegawai).tahun
    # 5/12 × 100% × 12,5 = 5,2083…
    assert parts(year) == [(AP, 5, Decimal("5.208"))]


def test_jenjang_change_mid_year(agency):
    history(agency.pegawai, [(D(2024, 1, 1), AP), (D(2026, 7, 1), AM)])
    annual(agency.pegawai, Predikat.BAIK)
    riwayat = credits(agency.pegawai)
    (year,) = riwayat.tahun
    assert parts(year) == [(AP, 6, Decimal("6.250")), (AM, 6, Decimal("12.500"))]
    assert year.total == Decimal("18.750")
    assert year.jenjang_akhir == AM
    kumulatif = riwayat.kumulatif
    assert kumulatif is not None
    # Only the points earned at Ahli Muda count towards its thresholds.
    assert (kumulatif.jenjang, kumulatif.total) == (AM, Decimal("12.500"))
    assert kumulatif.hasil.kenaikan_pangkat.kurang == Decimal("87.500")
    assert kumulatif.hasil.kenaikan_jenjang.kurang == Decimal("187.500")


def test_running_total_over_two_years_and_thresholds(agency):
    functional(agency.pegawai, AP)
    annual(agency.pegawai, Predikat.BAIK, 2025)
    annual(agency.pegawai, Predikat.SANGAT_BAIK, 2026)
    riwayat = credits(agency.pegawai)
    assert [(y.tahun, y.total) for y in riwayat.tahun] == [
        (2026, Decimal("18.750")),
        (2025, Decimal("12.500")),
    ]
    kumulatif = riwayat.kumulatif
    assert kumulatif is not None
    assert kumulatif.total == Decimal("31.250")
    rank, step = kumulatif.hasil.kenaikan_pangkat, kumulatif.hasil.kenaikan_jenjang
    assert (rank.batas, rank.kurang, rank.tercapai) == (Decimal(50), Decimal("18.750"), False)
    assert (step.batas, step.kurang, step.tercapai) == (Decimal(100), Decimal("68.750"), False)
    assert (kumulatif.tahun_predikat, kumulatif.predikat_terakhir) == (2026, Predikat.SANGAT_BAIK)
    assert (kumulatif.layak_pangkat, kumulatif.layak_jenjang, kumulatif.tertinggi) == (
        False,
        False,
        False,
    )
    assert [s.status for s in kumulatif.syarat_jenjang] == [
        StatusSyarat.BELUM,
        StatusSyarat.TERPENUHI,
        StatusSyarat.KONFIRMASI,
        StatusSyarat.KONFIRMASI,
    ]
    assert kumulatif.hasil.penjelasan.langkah == (
        "Angka kredit awal: 0,00.",
        "Ditambah 12,50.",
        "Ditambah 18,75.",
        "Jumlah: 31,25.",
        "Ambang kenaikan pangkat 50,00: kurang 18,75.",
        "Ambang kenaikan jenjang 100,00: kurang 68,75.",
    )


def test_next_jenjang_refused_when_last_predikat_below_baik(agency):
    # Pemula: 3,75 a year, 15 for the next rank and the next jenjang.
    functional(agency.pegawai, Jenjang.PEMULA)
    for tahun in (2023, 2024, 2025):
        annual(agency.pegawai, Predikat.SANGAT_BAIK, tahun)
    annual(agency.pegawai, Predikat.BUTUH_PERBAIKAN, 2026)
    kumulatif = credits(agency.pegawai).kumulatif
    assert kumulatif is not None
    # 3 × 5,625 + 2,8125 (rounded 2,813).
    assert kumulatif.total == Decimal("19.688")
    assert kumulatif.hasil.kenaikan_jenjang.tercapai
    assert kumulatif.layak_pangkat
    assert not kumulatif.predikat_cukup
    assert not kumulatif.layak_jenjang
    assert kumulatif.syarat_jenjang[1].status == StatusSyarat.BELUM
    assert kumulatif.syarat_jenjang[1].keterangan == "Predikat tahun 2026: Butuh Perbaikan."
    # As of 2025 (the unit list of 2025): Sangat Baik last, the points reached: eligible.
    (row,) = selectors.unit_credits(Pegawai.objects.filter(pk=agency.pegawai.pk), tahun=2025)
    assert (row.kumulatif.total, row.kumulatif.layak_jenjang) == (Decimal("16.875"), True)


def test_highest_jenjang_has_no_next_jenjang(agency):
    functional(agency.pegawai, Jenjang.AHLI_UTAMA)
    annual(agency.pegawai, Predikat.BAIK)
    kumulatif = credits(agency.pegawai).kumulatif
    assert kumulatif is not None
    assert kumulatif.total == Decimal("50.000")
    assert kumulatif.tertinggi
    assert not kumulatif.layak_jenjang
    assert kumulatif.syarat_jenjang == []
    rank = kumulatif.hasil.kenaikan_pangkat
    assert (rank.batas, rank.kurang, rank.tercapai) == (Decimal(200), Decimal("150.000"), False)


def test_draft_annual_assessment_is_provisional_and_not_counted(agency):
    functional(agency.pegawai, AP)
    annual(agency.pegawai, Predikat.BAIK, 2025)
    annual(agency.pegawai, Predikat.SANGAT_BAIK, 2026, final=False)
    riwayat = credits(agency.pegawai)
    draft, _final = riwayat.tahun
    assert (draft.tahun, draft.sementara, draft.predikat, draft.total) == (
        2026,
        True,
        Predikat.SANGAT_BAIK,
        Decimal("18.750"),
    )
    assert riwayat.kumulatif is not None
    assert riwayat.kumulatif.total == Decimal("12.500")
    assert riwayat.kumulatif.tahun_predikat == 2025
    # The employee's own view: the draft's predikat and points are not shown.
    own = credits(agency.pegawai, drafts=False).tahun[0]
    assert (own.tahun, own.tersembunyi, own.predikat, own.kredit) == (2026, True, None, None)


def test_non_functional_employee(agency):
    annual(agency.pegawai, Predikat.BAIK)
    riwayat = credits(agency.pegawai)
    assert not riwayat.fungsional
    assert riwayat.kumulatif is None
    (year,) = riwayat.tahun
    assert (year.kredit, year.total) == (None, None)
    assert selectors.unit_credits(Pegawai.objects.all(), tahun=TAHUN) == []


def test_no_annual_assessment_no_points(agency):
    functional(agency.pegawai, AP)
    riwayat = credits(agency.pegawai)
    assert riwayat.tahun == []
    assert riwayat.kumulatif is not None
    assert riwayat.kumulatif.total == Decimal("0.000")
    assert selectors.credit_year(riwayat.pegawai, TAHUN) is None


def test_unit_list(agency):
    functional(agency.pegawai, AP)
    history(agency.penilai, [(D(2024, 1, 1), AP), (D(2026, 7, 1), AM)])
    annual(agency.pegawai, Predikat.SANGAT_BAIK)
    annual(agency.penilai, Predikat.BAIK, final=False)
    rows = selectors.unit_credits(
        Pegawai.objects.filter(unit__jalur__startswith=agency.biro.jalur), tahun=TAHUN
    )
    assert [
        (
            r.pegawai.nama,
            r.jenjang,
            r.bulan,
            r.tahun.predikat if r.tahun else None,
            r.tahun.sementara if r.tahun else None,
            r.tahun.total if r.tahun else None,
            r.kumulatif.total,
            r.kumulatif.hasil.kenaikan_pangkat.kurang,
            r.kumulatif.hasil.kenaikan_jenjang.kurang,
        )
        for r in rows
    ] == [
        (
            "Budi Santoso",
            AM,
            12,
            Predikat.BAIK,
            True,
            Decimal("18.750"),
            Decimal("0.000"),
            Decimal("100.000"),
            Decimal("200.000"),
        ),
        (
            "Siti Aminah",
            AP,
            12,
            Predikat.SANGAT_BAIK,
            False,
            Decimal("18.750"),
            Decimal("18.750"),
            Decimal("31.250"),
            Decimal("81.250"),
        ),
    ]
