"""The dashboards' shared reads (`selectors.baca`): the last refresh, the period choices and the
default period, the stored figures of a unit, its sub-units, over time, the outlook and the
profiles — each one query whatever the number of rows."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kinerja.aturan.enums import Predikat
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.pemantauan.models import Pembaruan, StatusPembaruan
from kinerja.pemantauan.selectors import baca
from kinerja.pemantauan.tests.factories import history, periods_open, refresh
from kinerja.periode.models import Periode

pytestmark = pytest.mark.django_db

SB, B, BP, K, SK = tuple(Predikat)


def _names(periods):
    return [f"{p.kode} {p.tahun.tahun}" for p in periods]


# --- Refresh runs ----------------------------------------------------------------------------


def test_no_refresh_yet(agency):
    assert baca.latest_refresh() is None
    assert baca.refresh_running() is None


def test_latest_refresh_is_the_last_completed_one(agency):
    now = timezone.now()
    older = Pembaruan.objects.create(
        status=StatusPembaruan.SELESAI,
        oleh_label="a",
        selesai_pada=now - datetime.timedelta(hours=2),
    )
    newer = Pembaruan.objects.create(
        status=StatusPembaruan.SELESAI,
        oleh_label="b",
        selesai_pada=now - datetime.timedelta(hours=1),
    )
    # started later but finished earlier: still not the latest
    Pembaruan.objects.create(
        status=StatusPembaruan.SELESAI,
        oleh_label="c",
        selesai_pada=now - datetime.timedelta(hours=3),
    )
    Pembaruan.objects.create(status=StatusPembaruan.GAGAL, oleh_label="d", selesai_pada=now)
    running = Pembaruan.objects.create(status=StatusPembaruan.BERJALAN, oleh_label="e")
    assert older.pk < newer.pk
    assert baca.latest_refresh() == newer
    assert baca.refresh_running() == running


def test_latest_refresh_is_one_query(agency, django_assert_num_queries):
    refresh()
    with django_assert_num_queries(1):
        baca.latest_refresh()
    with django_assert_num_queries(1):
        assert baca.refresh_running() is None


# --- Periods ---------------------------------------------------------------------------------


def test_period_choices_newest_first_without_drafts(agency):
    periods_open(2024)
    periods_open(2025)
    Periode.objects.filter(tahun__tahun=2025, kode__in=["TW4", "TAHUNAN"]).update(status="DRAF")
    choices = baca.period_choices()
    assert _names(choices) == [
        "TW3 2025",
        "TW2 2025",
        "TW1 2025",
        "TAHUNAN 2024",
        "TW4 2024",
        "TW3 2024",
        "TW2 2024",
        "TW1 2024",
    ]
    assert _names([baca.default_period(choices)]) == ["TW3 2025"]


def test_default_period_is_the_latest_periodic_one_begun(agency):
    periods_open(2025)
    later = timezone.localdate().year + 1
    periods_open(later)  # marked started, but none has begun yet
    choices = baca.period_choices()
    assert _names(choices)[:2] == [f"TAHUNAN {later}", f"TW4 {later}"]
    # the annual period of 2025 is newer than its TW4 but not periodic
    assert _names([baca.default_period(choices)]) == ["TW4 2025"]


def test_default_period_when_nothing_has_begun(agency):
    later = timezone.localdate().year + 1
    periods_open(later)
    choices = baca.period_choices()
    assert _names([baca.default_period(choices)]) == [f"TAHUNAN {later}"]
    assert baca.default_period([]) is None


def test_period_choices_is_one_query(agency, django_assert_num_queries):
    periods_open(2024)
    periods_open(2025)
    with django_assert_num_queries(1):
        choices = baca.period_choices()
        _names(choices)


# --- Stored figures --------------------------------------------------------------------------


@pytest.fixture
def stored(agency):
    """2025: the appraisee Baik, Baik, Butuh Perbaikan; the appraiser Sangat Baik; the
    outsider Kurang in TW1; refreshed."""
    history(agency.pegawai, 2025, [B, B, BP])
    history(agency.penilai, 2025, [SB])
    history(agency.outsider, 2025, [K])
    refresh()
    agency.tw1 = Periode.objects.get(tahun__tahun=2025, kode="TW1")
    return agency


def test_unit_summary(stored, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = baca.unit_summary(stored.bagian, stored.tw1)
    assert (found.unit_id, found.periode_id, found.jenis_jabatan) == (
        stored.bagian.pk,
        stored.tw1.pk,
        "",
    )
    assert found.jumlah["predikat"] == {
        "SANGAT_BAIK": 1,
        "BAIK": 1,
        "BUTUH_PERBAIKAN": 0,
        "KURANG": 0,
        "SANGAT_KURANG": 0,
    }
    assert baca.unit_summary(stored.bagian, stored.tw1, "PELAKSANA").jumlah["pegawai"] == 2
    assert baca.unit_summary(stored.bagian, stored.tw1, "JPT") is None


def test_child_summaries_by_name(stored, django_assert_num_queries):
    extra = UnitFactory(kode="AA", nama="Arsip", induk=stored.root)
    refresh()
    with django_assert_num_queries(1):
        rows = baca.child_summaries(stored.root, stored.tw1)
        units = [r.unit for r in rows]
    assert units == [extra, stored.lain, stored.biro]  # Arsip, Biro Lain, Biro Umum
    assert [r.jumlah["pegawai"] for r in rows] == [0, 1, 2]
    assert [r.unit for r in baca.child_summaries(stored.root, stored.tw1, "PELAKSANA")] == [
        stored.lain,
        stored.biro,
    ]
    assert baca.child_summaries(stored.bagian, stored.tw1) == []


def test_summaries_over_time_oldest_first(stored, django_assert_num_queries):
    periods_open(2024)
    history(stored.pegawai, 2024, [None, None, None, SB], annual=B)
    refresh()
    with django_assert_num_queries(1):
        rows = baca.summaries_over_time(stored.bagian)
        labels = [f"{r.periode.kode} {r.periode.tahun.tahun}" for r in rows]
    assert labels == [
        "TW1 2024",
        "TW2 2024",
        "TW3 2024",
        "TW4 2024",
        "TAHUNAN 2024",
        "TW1 2025",
        "TW2 2025",
        "TW3 2025",
        "TW4 2025",
        "TAHUNAN 2025",
    ]
    assert [r.jumlah["penilaian_final"] for r in rows] == [0, 0, 0, 1, 1, 2, 1, 1, 0, 0]
    assert {r.jenis_jabatan for r in rows} == {""}


def test_unit_outlook(stored, django_assert_num_queries):
    with django_assert_num_queries(1):
        outlook = baca.unit_outlook(stored.root)
        label = f"{outlook.periode_dasar.kode} {outlook.periode_dasar.tahun.tahun}"
    assert label == "TW3 2025"
    assert (outlook.anggota, outlook.jenis_jabatan) == (3, "")
    assert baca.unit_outlook(stored.root, "JPT") is None


def test_profiles_in_a_subtree(stored, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = [
            (p.pegawai.nama, p.pegawai.jabatan.jenis_jabatan, p.unit.kode)
            for p in baca.profiles_in(stored.root.jalur)
        ]
    assert found == [
        ("Budi Santoso", "PELAKSANA", "BU-SDM"),
        ("Joko Widodo", "PELAKSANA", "BL"),
        ("Siti Aminah", "PELAKSANA", "BU-SDM"),
    ]
    assert [p.pegawai_id for p in baca.profiles_in(stored.biro.jalur)] == [
        stored.penilai.pk,
        stored.pegawai.pk,
    ]
    assert [p.pegawai_id for p in baca.profiles_in(stored.lain.jalur)] == [stored.outsider.pk]
    assert list(baca.profiles_in(stored.root.jalur, "JPT")) == []


def test_profiles_in_does_not_take_a_sibling_with_a_longer_id(agency):
    """Subtree by path prefix: unit …/900/ must not take …/9001/ (paths end with a slash)."""
    first = UnitFactory(pk=900, induk=agency.root)
    lookalike = UnitFactory(pk=9001, induk=agency.root)
    assert lookalike.jalur.startswith(first.jalur.rstrip("/"))
    PegawaiFactory(unit=lookalike)
    refresh()
    assert list(baca.profiles_in(first.jalur)) == []


def test_team_profiles(stored, django_assert_num_queries):
    newcomer = PegawaiFactory(nama="Ani", unit=stored.bagian, penilai=stored.penilai)
    refresh()
    with django_assert_num_queries(1):
        found = [(p.pegawai.nama, p.unit.kode) for p in baca.team_profiles(stored.penilai.pk)]
    assert found == [("Ani", "BU-SDM"), ("Siti Aminah", "BU-SDM")]
    assert newcomer.pk != stored.pegawai.pk
    assert list(baca.team_profiles(stored.outsider.pk)) == []


def test_profile_of(stored, django_assert_num_queries):
    with django_assert_num_queries(1):
        profile = baca.profile_of(stored.pegawai.pk)
    assert profile.tren_periodik == "TURUN"
    assert baca.profile_of(987654) is None


def test_unit_choices_near_the_unit(agency, django_assert_num_queries):
    """Readable units above, the unit, its active sub-units: not every readable unit."""
    UnitFactory(kode="BU-TUTUP", nama="Bagian Lama", induk=agency.biro, aktif=False)
    admin = scope_for(agency.admin)
    with django_assert_num_queries(1):
        near = baca.unit_choices_near(admin, agency.biro)
    assert [u.nama for u in near] == ["Biro Umum", "Bagian SDM"]
    auditor = scope_for(agency.auditor)
    assert [u.nama for u in baca.unit_choices_near(auditor, agency.bagian)] == [
        "Sekretariat Badan",
        "Biro Umum",
        "Bagian SDM",
    ]
    assert [u.nama for u in baca.unit_choices_near(auditor, agency.root)] == [
        "Sekretariat Badan",
        "Biro Lain",
        "Biro Umum",
    ]
