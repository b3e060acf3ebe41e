"""The refresh's rater analytics and integrity rows on constructed data: exactly what is stored,
how a shared file is grouped over the year while the report reads one period, and that a second
refresh replaces the rows."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection

from kinerja.aturan.enums import Predikat, Rating
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.pemantauan.models import (
    BuktiSama,
    BuktiSamaUnit,
    KasusKontradiksi,
    KecepatanVerifikasi,
    ProfilPegawai,
    RingkasanBukti,
    RingkasanBuktiTahun,
    SebaranPenilai,
    SebaranPenilaiUnit,
    TandaBukti,
)
from kinerja.pemantauan.selectors import analitik as selectors
from kinerja.pemantauan.services import STATISTICS_TARGET, statistics_targets_set
from kinerja.pemantauan.tests.analitik_factories import at, item, rated, report, tw1
from kinerja.pemantauan.tests.factories import refresh
from kinerja.realisasi.enums import StatusBukti
from kinerja.realisasi.tests.factories import open_period

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)
SHARED = "e" * 64
DITERIMA, DITOLAK, MENUNGGU = StatusBukti.DITERIMA, StatusBukti.DITOLAK, StatusBukti.MENUNGGU


@pytest.fixture
def scene(agency):
    """TW1: Budi rated Siti Sangat Baik (Di Atas) with 2 of 3 items rejected, and Ahmad Butuh
    Perbaikan (Di Bawah) with his one item accepted: two contradictions. Budi verified them
    after 1, 2, 4 days and 12 hours; Dewi's submitted item still waits for him. Joko (Biro
    Lain) Baik without an appraiser. Rina submitted a file in TW1 that Joko submitted in TW2,
    and uploaded one item on 6 April, a day after the realisation deadline (both accepted)."""
    periode = tw1()
    tw2 = open_period("TW2", tahun=2026)
    budi, siti = agency.penilai, agency.pegawai
    ahmad = PegawaiFactory(unit=agency.bagian, penilai=budi, nama="Ahmad", jabatan=siti.jabatan)
    dewi = PegawaiFactory(unit=agency.bagian, penilai=budi, nama="Dewi")
    rina = PegawaiFactory(unit=agency.bagian, penilai=budi, nama="Rina")
    rated(siti, periode, Predikat.SANGAT_BAIK, budi, hasil=Rating.DI_ATAS)
    rated(ahmad, periode, Predikat.BUTUH_PERBAIKAN, budi, hasil=Rating.DI_BAWAH)
    rated(agency.outsider, periode, Predikat.BAIK, None)
    laporan, rhk = report(siti, periode)
    for status, days in ((DITOLAK, 1), (DITOLAK, 2), (DITERIMA, 4)):
        uploaded = at(datetime.date(2026, 3, 2))
        item(
            laporan,
            rhk,
            status=status,
            oleh=budi,
            diunggah=uploaded,
            diverifikasi=uploaded + datetime.timedelta(days=days),
        )
    laporan, rhk = report(ahmad, periode)
    item(
        laporan,
        rhk,
        status=DITERIMA,
        oleh=budi,
        diunggah=at(datetime.date(2026, 3, 2), 8),
        diverifikasi=at(datetime.date(2026, 3, 2), 20),
    )
    laporan, rhk = report(dewi, periode)
    item(laporan, rhk, status=MENUNGGU)
    laporan, rhk = report(rina, periode)
    item(laporan, rhk, status=DITERIMA, sha256=SHARED)
    item(laporan, rhk, status=DITERIMA, diunggah=at(datetime.date(2026, 4, 6), 9))
    laporan, rhk = report(agency.outsider, tw2)
    item(laporan, rhk, sha256=SHARED)
    refresh(TODAY)
    return periode, tw2


def test_distribution_rows(scene, agency):
    rows = SebaranPenilai.objects.order_by("unit__kode").values_list(
        "periode__kode",
        "penilai_nama",
        "unit__kode",
        "jalur",
        "sangat_baik",
        "baik",
        "butuh_perbaikan",
        "kurang",
        "sangat_kurang",
        "kontradiksi",
    )
    assert list(rows) == [
        ("TW1", "", "BL", agency.lain.jalur, 0, 1, 0, 0, 0, 0),
        ("TW1", "Budi Santoso", "BU-SDM", agency.bagian.jalur, 1, 0, 1, 0, 0, 2),
    ]


def test_distribution_rows_summed_per_subtree(scene, agency):
    """Budi's row (Bagian SDM, Pelaksana) counts in the agency (""), Sekretariat, Biro Umum and
    Bagian SDM, for Pelaksana and every jenis (""); each subtree's total (no appraiser named)
    adds the assessment without an appraiser (Biro Lain) where it falls."""
    assert set(SebaranPenilai.objects.values_list("jenis_jabatan", flat=True)) == {"PELAKSANA"}
    budi = (1, 0, 1, 0, 0, 2)
    both = (1, 1, 1, 0, 0, 2)
    none = (0, 1, 0, 0, 0, 0)
    units = (agency.root, agency.biro, agency.bagian, agency.lain)
    root, biro, bagian, lain = (unit.jalur for unit in units)
    expected = {
        *((jalur, kind, "Budi Santoso", *budi)
          for jalur in ("", root, biro, bagian) for kind in ("PELAKSANA", "")),
        *((jalur, kind, "", *both) for jalur in ("", root) for kind in ("PELAKSANA", "")),
        *((jalur, kind, "", *budi) for jalur in (biro, bagian) for kind in ("PELAKSANA", "")),
        *((lain, kind, "", *none) for kind in ("PELAKSANA", "")),
    }  # fmt: skip
    rows = SebaranPenilaiUnit.objects.values_list(
        "jalur",
        "jenis_jabatan",
        "penilai_nama",
        "sangat_baik",
        "baik",
        "butuh_perbaikan",
        "kurang",
        "sangat_kurang",
        "kontradiksi",
    )
    assert (len(rows), set(rows)) == (18, expected)
    assert set(SebaranPenilaiUnit.objects.values_list("periode__kode", flat=True)) == {"TW1"}
    # Written in the order the pages read them, a subtree's rows together.
    written = list(
        SebaranPenilaiUnit.objects.order_by("pk").values_list(
            "periode", "jalur", "jenis_jabatan", "penilai_nama"
        )
    )
    assert written == sorted(written)


def test_contradiction_rows(scene):
    cases = KasusKontradiksi.objects.order_by("pegawai__nama").values_list(
        "penilai__nama",
        "pegawai__nama",
        "rating_hasil",
        "menunggu",
        "diterima",
        "perlu_perbaikan",
        "ditolak",
    )
    assert list(cases) == [
        ("Budi Santoso", "Ahmad", "DI_BAWAH", 0, 1, 0, 0),
        ("Budi Santoso", "Siti Aminah", "DI_ATAS", 0, 1, 0, 2),
    ]


def test_turnaround_rows(scene):
    stored = KecepatanVerifikasi.objects.values_list(
        "periode__kode", "penilai__nama", "jumlah", "median_hari", "rata_rata_hari",
        "menunggu_lewat_batas",
    )  # fmt: skip
    # 0.5, 1, 2 and 4 days: median 1.5, mean 1.875 -> 1.9; Dewi's item waits past 10 April.
    assert list(stored) == [
        ("TW1", "Budi Santoso", 4, Decimal("1.5"), Decimal("1.9"), 1),
    ]
    refresh(datetime.date(2026, 4, 10))
    assert KecepatanVerifikasi.objects.get().menunggu_lewat_batas == 0


def test_integrity_rows(scene, agency):
    assert list(
        BuktiSama.objects.values_list("tahun__tahun", "jenis", "kunci", "jumlah_pegawai")
    ) == [(2026, "BERKAS_PEGAWAI_LAIN", SHARED, 2)]
    flags = TandaBukti.objects.order_by("periode__urutan", "jenis").values_list(
        "jenis", "periode__kode", "pegawai__nama", "jalur", "kelompok__kunci"
    )
    assert list(flags) == [
        ("BERKAS_PEGAWAI_LAIN", "TW1", "Rina", agency.bagian.jalur, SHARED),
        ("TERLAMBAT", "TW1", "Rina", agency.bagian.jalur, None),
        ("BERKAS_PEGAWAI_LAIN", "TW2", "Joko Widodo", agency.lain.jalur, SHARED),
    ]
    summary = RingkasanBukti.objects.order_by("unit__kode").values_list(
        "unit__kode", "periode__kode", "bukti", "berkas_sama", "tautan_sama", "terlambat"
    )
    assert list(summary) == [("BL", "TW2", 1, 1, 0, 0), ("BU-SDM", "TW1", 7, 1, 0, 1)]
    yearly = RingkasanBuktiTahun.objects.order_by("unit__kode").values_list(
        "unit__kode", "tahun__tahun", "jalur", "bukti", "berkas_sama", "tautan_sama", "terlambat"
    )
    assert list(yearly) == [
        ("BL", 2026, agency.lain.jalur, 1, 1, 0, 0),
        ("BU-SDM", 2026, agency.bagian.jalur, 7, 1, 0, 1),
    ]


def test_a_shared_file_is_stored_for_each_subtree_that_used_it(scene, agency):
    """Rina (Bagian SDM, TW1) and Joko (Biro Lain, TW2): a row per subtree of theirs for the year
    (None) and per period, with the subtree's employees in the year and its uses."""
    tw1, tw2 = (periode.pk for periode in scene)
    rows = BuktiSamaUnit.objects.values_list(
        "jalur", "periode_id", "kelompok__kunci", "jenis", "pegawai", "pemakaian", "urutan"
    )
    expected = {
        (agency.root.jalur, None, 2, 2),
        (agency.root.jalur, tw1, 2, 1),
        (agency.root.jalur, tw2, 2, 1),
        (agency.biro.jalur, None, 1, 1),
        (agency.biro.jalur, tw1, 1, 1),
        (agency.bagian.jalur, None, 1, 1),
        (agency.bagian.jalur, tw1, 1, 1),
        (agency.lain.jalur, None, 1, 1),
        (agency.lain.jalur, tw2, 1, 1),
    }
    assert {
        (jalur, periode, pegawai, uses)
        for jalur, periode, kunci, jenis, pegawai, uses, urutan in rows
        if (kunci, jenis, urutan) == (SHARED, "BERKAS_PEGAWAI_LAIN", 1)
    } == expected
    assert len(rows) == len(expected)


def test_groups_are_numbered_the_most_employees_first_then_by_key(scene, agency):
    periode, tw2 = scene
    for pegawai in (agency.pegawai, agency.penilai):  # "f…" used by two, "0…" by three
        laporan, rhk = report(pegawai, tw2)
        item(laporan, rhk, sha256="f" * 64)
    for pegawai in PegawaiFactory.create_batch(3, unit=agency.bagian):
        laporan, rhk = report(pegawai, tw2)
        item(laporan, rhk, sha256="0" * 64)
    refresh(TODAY)
    order = BuktiSamaUnit.objects.filter(jalur=agency.root.jalur, periode=None).order_by("urutan")
    assert list(order.values_list("kelompok__kunci", "kelompok__jumlah_pegawai")) == [
        ("0" * 64, 3),
        (SHARED, 2),
        ("f" * 64, 2),
    ]
    page = selectors.integrity_report(jalur=agency.root.jalur, tahun=periode.tahun, halaman={})
    assert [group.kunci[0] for group in page.berkas_sama.isi] == ["0", "e", "f"]
    assert page.berkas_sama.jumlah == 3  # the list's last number
    lists = defaultdict(list)
    for jalur, periode_id, urutan in BuktiSamaUnit.objects.values_list(
        "jalur", "periode_id", "urutan"
    ):
        lists[(jalur, periode_id)].append(urutan)
    assert len(lists) == 11  # the root, Biro Umum and Bagian SDM: year, TW1, TW2; Biro Lain: 2
    assert all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in lists.values())
    biro = selectors.integrity_report(jalur=agency.biro.jalur, tahun=periode.tahun, halaman={})
    assert biro.berkas_sama.jumlah == len(lists[(agency.biro.jalur, None)]) == 3


def test_the_year_summary_sums_the_periods_of_each_unit(scene, agency):
    _periode, tw2 = scene
    laporan, rhk = report(agency.pegawai, tw2)
    item(laporan, rhk, tautan="https://drive.example.go.id/laporan-siti")
    item(laporan, rhk)
    refresh(TODAY)
    yearly = RingkasanBuktiTahun.objects.order_by("unit__kode").values_list(
        "unit__kode", "bukti", "berkas_sama", "tautan_sama", "terlambat"
    )
    assert list(yearly) == [("BL", 1, 1, 0, 0), ("BU-SDM", 9, 1, 0, 1)]
    by_pk = RingkasanBukti.objects.order_by("pk").values_list("periode__urutan", "jalur")
    assert list(by_pk) == sorted(by_pk)
    assert list(RingkasanBuktiTahun.objects.order_by("pk").values_list("jalur", flat=True)) == [
        agency.bagian.jalur,
        agency.lain.jalur,
    ]
    assert RingkasanBukti.objects.get(unit=agency.bagian, periode=tw2).bukti == 2


def test_a_file_shared_over_the_year_read_per_period(scene, agency):
    periode, tw2 = scene
    tahun = periode.tahun
    first = selectors.integrity_report(jalur=agency.root.jalur, tahun=tahun, periode=periode)
    [group] = first.berkas_sama.isi
    assert (group.jumlah_pegawai, group.pegawai_di_luar) == (2, 0)
    assert [u.nama for u in group.pemakaian] == ["Rina"]
    second = selectors.integrity_report(jalur=agency.root.jalur, tahun=tahun, periode=tw2)
    assert [u.nama for u in second.berkas_sama.isi[0].pemakaian] == ["Joko Widodo"]
    assert [(r.kode, r.bukti) for r in second.ringkasan.isi] == [("BL", 1)]
    biro = selectors.integrity_report(jalur=agency.biro.jalur, tahun=tahun)
    [group] = biro.berkas_sama.isi
    assert (group.pegawai_di_luar, [u.nama for u in group.pemakaian]) == (1, ["Rina"])
    outside = selectors.integrity_report(jalur=agency.biro.jalur, tahun=tahun, periode=tw2)
    assert outside.berkas_sama.isi == []  # Joko's TW2 use is outside Biro Umum


def test_summary_pages_and_total(scene, agency, monkeypatch):
    monkeypatch.setattr(selectors, "PER_HALAMAN", 1)
    tahun = scene[0].tahun
    first = selectors.integrity_report(jalur=agency.root.jalur, tahun=tahun, halaman={})
    assert [r.kode for r in first.ringkasan.isi] == ["BU-SDM"]  # by unit path
    assert (first.ringkasan.jumlah, first.total.bukti, first.total.terlambat) == (2, 8, 1)
    second = selectors.integrity_report(
        jalur=agency.root.jalur, tahun=tahun, halaman={"ringkasan": 2}
    )
    assert [r.kode for r in second.ringkasan.isi] == ["BL"]
    everything = selectors.integrity_report(jalur=agency.root.jalur, tahun=tahun)
    assert [r.kode for r in everything.ringkasan.isi] == ["BU-SDM", "BL"]
    assert everything.total.berkas_sama == 2


def test_a_second_refresh_replaces_the_rows(scene):
    models = (SebaranPenilai, KasusKontradiksi, KecepatanVerifikasi, RingkasanBukti, BuktiSama)
    before = [model.objects.count() for model in (*models, BuktiSamaUnit, TandaBukti)]
    refresh(TODAY)
    assert [model.objects.count() for model in (*models, BuktiSamaUnit, TandaBukti)] == before == [
        2, 2, 1, 2, 1, 9, 3,
    ]  # fmt: skip


def test_a_group_shows_its_first_uses_and_counts_the_rest(scene, agency, monkeypatch):
    monkeypatch.setattr(selectors, "PEMAKAIAN_PER_KELOMPOK", 1)
    tahun = scene[0].tahun
    paged = selectors.integrity_report(jalur=agency.root.jalur, tahun=tahun, halaman={})
    [group] = paged.berkas_sama.isi
    assert [u.nama for u in group.pemakaian] == ["Rina"]  # the first in the report's order
    assert (group.jumlah_pemakaian, group.pemakaian_lain) == (2, 1)
    everything = selectors.integrity_report(jalur=agency.root.jalur, tahun=tahun)
    [group] = everything.berkas_sama.isi
    assert ([u.nama for u in group.pemakaian], group.pemakaian_lain) == (["Rina", "Joko Widodo"], 0)


def test_the_page_says_how_many_uses_are_not_shown(scene, client_for, monkeypatch):
    from django.urls import reverse

    monkeypatch.setattr(selectors, "PEMAKAIAN_PER_KELOMPOK", 1)
    html = client_for("superuser").get(reverse("pemantauan:integritas")).content.decode()
    assert "… dan 1 pemakaian lain (lengkap di XLSX)" in html


def test_the_refresh_updates_the_planner_statistics(agency):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        refresh(TODAY)
    analysed = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    assert analysed == [
        f'ANALYZE "pemantauan_{name}"'
        for name in (
            "ringkasanunit", "proyeksiunit", "profilpegawai", "sebaranpenilai",
            "sebaranpenilaiunit", "kasuskontradiksi", "kecepatanverifikasi", "ringkasanbukti",
            "ringkasanbuktitahun", "tandabukti", "buktisamaunit", "buktisama",
        )
    ]  # fmt: skip


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_the_stored_tables_keep_fine_histograms_of_the_unit_paths(agency):
    """Set at migrate (the test database's too): 150 unit paths of one employee each, of which a
    histogram of the default 100 buckets would keep 101; every one is kept."""
    for _ in range(150):
        PegawaiFactory(unit=UnitFactory(induk=agency.root))
    refresh(TODAY)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attstattarget FROM pg_attribute"
            " WHERE attname = 'jalur' AND attrelid::regclass::text LIKE 'pemantauan\\_%'"
        )
        targets = dict(cursor.fetchall())
        cursor.execute(
            "SELECT coalesce(array_length(histogram_bounds::text::text[], 1), 0)"
            " + coalesce(array_length(most_common_vals::text::text[], 1), 0) FROM pg_stats"
            " WHERE tablename = 'pemantauan_profilpegawai' AND attname = 'jalur'"
        )
        [(kept,)] = cursor.fetchall()
    assert targets == {
        f"pemantauan_{name}": STATISTICS_TARGET
        for name in (
            "buktisamaunit", "kasuskontradiksi", "profilpegawai", "proyeksiunit",
            "ringkasanbukti", "ringkasanbuktitahun", "ringkasanunit", "sebaranpenilai",
            "sebaranpenilaiunit", "tandabukti",
        )
    }  # fmt: skip
    assert kept == ProfilPegawai.objects.values("jalur").distinct().count() > 150


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_a_missing_statistics_target_is_set_and_a_present_one_left_alone(agency):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE pemantauan_tandabukti ALTER COLUMN jalur SET STATISTICS -1")
        statistics_targets_set()
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attname = 'jalur'"
            " AND attrelid = 'pemantauan_tandabukti'::regclass"
        )
        assert cursor.fetchall() == [(STATISTICS_TARGET,)]
    refresh(TODAY)  # rows written in this transaction: an ALTER TABLE would be refused now
    statistics_targets_set()
