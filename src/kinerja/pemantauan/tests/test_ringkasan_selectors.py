"""The dashboard's reads: the stored figures of a small history after a refresh (progress,
distribution, curve check, matrix, outlook) with exact values, the live list of who is late,
the filters, the chart geometry, and pinned query counts (the same for 1 and 3 sub-units and
for 1 and 3 late employees).

The scene (`scene`), Triwulan I 2025 with every deadline passed:
- Bagian SDM (under Biro Umum): Siti (SKP approved, report submitted with 3 evidence items: 1
  accepted, 2 waiting; final Baik), Budi (SKP approved, no report, no assessment); the
  organisation rating of Bagian SDM is Baik (a group of 2: too small to judge).
- Biro Umum's own member Ahmad (SKP approved, report still a draft, assessment a draft).
- Biro Lain: Joko (SKP submitted only, final Sangat Baik).
Later quarters of 2025 are final for Siti, Budi and Joko (the matrix and the outlook).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.aturan.enums import Predikat as P
from kinerja.aturan.enums import Tren
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Pengecualian, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.rules.grafik import Batang
from kinerja.pemantauan.selectors import ringkasan as selectors
from kinerja.pemantauan.tests.factories import history, periods_open, refresh
from kinerja.penilaian.models import KinerjaOrganisasi
from kinerja.periode.models import Periode
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.skp.models import Rhk, Skp
from kinerja.talenta.tests.factories import assess

pytestmark = pytest.mark.django_db

TAHUN = 2025
TODAY = datetime.date(2026, 11, 29)
STAGES = ["SKP disetujui", "Laporan realisasi diajukan", "Bukti dukung diverifikasi"]
STAGES += ["Penilaian ditetapkan"]


# --- Helpers (also used by the page, API and document tests) ---------------------------------


def plan(pegawai: Pegawai, status: str = "DISETUJUI", tahun: int = TAHUN) -> Skp:
    """The employee's SKP of the year in this status (written directly), with one RHK."""
    skp = Skp.objects.create(pegawai=pegawai, tahun=tahun, status=status)
    Rhk.objects.create(skp=skp, kode="R1", uraian="Tersusunnya laporan")
    return skp


def report(skp: Skp, periode: Periode, status: str, *evidence: str) -> Laporan:
    """The period's report in this status with one link per evidence status given."""
    laporan = Laporan.objects.create(skp=skp, periode=periode, status=status)
    rhk = skp.rhk.get()
    for index, verdict in enumerate(evidence):
        BuktiDukung.objects.create(
            laporan=laporan,
            rhk=rhk,
            jenis="TAUTAN",
            uraian="Tautan",
            tautan=f"https://drive.example.go.id/{skp.pk}/{index}",
            status=verdict,
            diunggah_pada=timezone.now(),
        )
    return laporan


def quarter(kode: str = "TW1", tahun: int = TAHUN) -> Periode:
    return Periode.objects.select_related("tahun").get(tahun__tahun=tahun, kode=kode)


@dataclass
class Scene:
    tw1: Periode
    ahmad: Pegawai
    siti: Pegawai
    budi: Pegawai
    joko: Pegawai


def build_scene(agency) -> Scene:
    periods_open(TAHUN)
    tw1 = quarter()
    siti, budi, joko = agency.pegawai, agency.penilai, agency.outsider
    ahmad = PegawaiFactory(nama="Ahmad Fauzi", unit=agency.biro, penilai=budi)
    report(plan(siti), tw1, "DIAJUKAN", "DITERIMA", "MENUNGGU", "MENUNGGU")
    plan(budi)
    report(plan(ahmad), tw1, "DRAF")
    plan(joko, "DIAJUKAN")
    history(siti, TAHUN, [P.BAIK, P.BAIK, P.BUTUH_PERBAIKAN, P.BUTUH_PERBAIKAN])
    history(budi, TAHUN, [None, P.SANGAT_BAIK, P.SANGAT_BAIK, P.BAIK])
    history(joko, TAHUN, [P.SANGAT_BAIK, P.BAIK, P.BAIK, P.BAIK])
    assess(ahmad, TAHUN, P.BAIK, kode="TW1", final=False)
    KinerjaOrganisasi.objects.create(
        unit=agency.bagian, periode=tw1, predikat="BAIK", alasan="Tercapai", oleh_label="tes"
    )
    return Scene(tw1, ahmad, siti, budi, joko)


@pytest.fixture
def scene(agency) -> Scene:
    found = build_scene(agency)
    refresh()
    return found


def board(
    agency,
    role: str,
    unit: Unit,
    periode: Periode | None,
    jenis: str = "",
    *,
    today: datetime.date = TODAY,
    halaman: int | None = 1,
) -> selectors.Dasbor:
    scope = scope_for(agency.user(role))
    saringan = selectors.filters_resolve(periode.pk if periode else None, jenis, None)
    return selectors.dashboard(scope, unit, saringan, today=today, halaman=halaman)


def stage_rows(row: selectors.BarisUnit) -> list[tuple[str, int, int, int, str]]:
    return [(t.label, t.selesai, t.total, t.terlambat, t.persen_teks) for t in row.tahap]


def cells(row) -> list[tuple[str, int, str]]:
    return [(c.predikat.value, c.jumlah, c.persen_teks) for c in row.distribusi]


# --- The figures -----------------------------------------------------------------------------


def test_progress_of_the_unit_its_sub_units_and_its_own_members(agency, scene):
    data = board(agency, "admin", agency.biro, scene.tw1)
    assert data.ada_data
    assert data.periode == scene.tw1
    assert stage_rows(data.unit_baris) == [
        ("SKP disetujui", 3, 3, 0, "100%"),
        ("Laporan realisasi diajukan", 1, 3, 2, "33,3%"),
        ("Bukti dukung diverifikasi", 1, 3, 2, "33,3%"),
        ("Penilaian ditetapkan", 1, 3, 2, "33,3%"),
    ]
    assert [(r.unit, r.langsung, r.pegawai) for r in data.sub_unit] == [(agency.bagian, False, 2)]
    assert stage_rows(data.sub_unit[0]) == [
        ("SKP disetujui", 2, 2, 0, "100%"),
        ("Laporan realisasi diajukan", 1, 2, 1, "50%"),
        ("Bukti dukung diverifikasi", 1, 3, 2, "33,3%"),
        ("Penilaian ditetapkan", 1, 2, 1, "50%"),
    ]
    assert (data.langsung.label, data.langsung.pegawai) == ("Pegawai langsung", 1)
    assert stage_rows(data.langsung) == [
        ("SKP disetujui", 1, 1, 0, "100%"),
        ("Laporan realisasi diajukan", 0, 1, 1, "0%"),
        ("Bukti dukung diverifikasi", 0, 0, 0, "0%"),
        ("Penilaian ditetapkan", 0, 1, 1, "0%"),
    ]
    assert data.unit_baris.tahap[1].lebar == "33.3%"


def test_breadcrumb_and_unit_choices_follow_what_the_user_reads(agency, scene):
    data = board(agency, "admin", agency.bagian, scene.tw1)
    assert [(j.unit, j.terbaca) for j in data.jejak] == [
        (agency.root, False),
        (agency.biro, True),
        (agency.bagian, True),
    ]
    assert data.unit_pilihan == [agency.biro, agency.bagian]
    top = board(agency, "auditor", agency.root, scene.tw1)
    assert [(j.unit, j.terbaca) for j in top.jejak] == [(agency.root, True)]
    assert top.unit_pilihan == [agency.root, agency.lain, agency.biro]  # by name
    assert [r.unit for r in top.sub_unit] == [agency.lain, agency.biro]


def test_distribution_curve_and_agency(agency, scene):
    data = board(agency, "admin", agency.biro, scene.tw1)
    assert cells(data.unit_baris) == [
        ("SANGAT_BAIK", 0, "0%"),
        ("BAIK", 1, "100%"),
        ("BUTUH_PERBAIKAN", 0, "0%"),
        ("KURANG", 0, "0%"),
        ("SANGAT_KURANG", 0, "0%"),
    ]
    assert data.unit_baris.dinilai == 1
    assert (data.kurva.status, data.kurva.label, data.kurva.organisasi_label) == (
        "BELUM",
        "Belum ada",
        "",
    )
    bagian = data.sub_unit[0]
    assert (bagian.kurva.organisasi_label, bagian.kurva.label) == (
        "Baik",
        "Terlalu kecil untuk dinilai",
    )
    assert data.langsung.kurva is None
    assert data.instansi.unit == agency.root
    assert cells(data.instansi)[:2] == [("SANGAT_BAIK", 1, "50%"), ("BAIK", 1, "50%")]
    assert data.instansi.dinilai == 2


def test_chart_geometry(agency, scene):
    data = board(agency, "admin", agency.biro, scene.tw1)
    # 5 slots of 121.6 px from x=16, bars 56 wide (the widest), centred; plot 164 px from y=16.
    assert data.grafik_distribusi.batang[:2] == (
        Batang(49, 180, 56, 0, "Sangat Baik", "0 (0%)"),
        Batang(170, 16, 56, 164, "Baik", "1 (100%)"),
    )
    assert [(b.x, b.y, b.tinggi) for b in data.grafik_instansi.batang] == [
        (49, 16, 164),
        (170, 16, 164),
        (292, 180, 0),
        (414, 180, 0),
        (535, 180, 0),
    ]
    # Progress: 4 slots of 152 px; 33,3% of 164 px is 55 px; each over a 0-100% track (the band).
    assert [(b.x, b.y, b.lebar, b.tinggi, b.nilai) for b in data.grafik_kemajuan.batang] == [
        (64, 16, 56, 164, "100%"),
        (216, 125, 56, 55, "33,3%"),
        (368, 125, 56, 55, "33,3%"),
        (520, 125, 56, 55, "33,3%"),
    ]
    assert {(b.batas_y, b.batas_tinggi) for b in data.grafik_kemajuan.batang} == {(16, 164)}


def test_matrix_over_time_and_outlook(agency, scene):
    data = board(agency, "admin", agency.biro, scene.tw1)
    assert [(r.label, r.dinilai, [c.jumlah for c in r.distribusi]) for r in data.matriks] == [
        ("Triwulan I 2025", 1, [0, 1, 0, 0, 0]),
        ("Triwulan II 2025", 2, [1, 1, 0, 0, 0]),
        ("Triwulan III 2025", 2, [1, 0, 1, 0, 0]),
        ("Triwulan IV-Akhir 2025", 2, [0, 1, 1, 0, 0]),
        ("Tahunan 2025", 0, [0, 0, 0, 0, 0]),
    ]
    assert [c.persen_teks for c in data.matriks[1].distribusi] == ["50%", "50%", "0%", "0%", "0%"]
    outlook = data.proyeksi
    assert outlook is not None
    assert (outlook.dasar_label, outlook.anggota, outlook.peringatan) == (
        "Triwulan IV-Akhir 2025",
        2,
        1,
    )
    assert dict(outlook.tren) == {
        Tren.NAIK: 0,
        Tren.STAGNAN: 1,
        Tren.TURUN: 1,
        Tren.BELUM_CUKUP_DATA: 1,
    }
    assert sum(h.jumlah for h in outlook.harapan) == Decimal(2)
    assert len(outlook.grafik.batang) == 5


def test_jenis_jabatan_filter_has_no_curve(agency, scene):
    data = board(agency, "admin", agency.biro, scene.tw1, "PELAKSANA")
    assert data.unit_baris.pegawai == 3
    assert data.kurva is None
    assert data.sub_unit[0].kurva is None
    other = board(agency, "admin", agency.biro, scene.tw1, "JPT")
    assert other.unit_baris.pegawai == 0
    assert [r.pegawai for r in other.sub_unit] == [0]
    assert other.terlambat.items == []


def test_without_a_refresh_the_page_has_no_figures(agency):
    build_scene(agency)
    tw1 = quarter()
    data = board(agency, "admin", agency.biro, tw1)
    assert not data.ada_data
    assert data.pembaruan is None
    assert data.unit_baris.pegawai == 0
    assert data.matriks == []
    assert data.proyeksi is None
    assert [t.pegawai for t in data.terlambat.items] == [Pegawai.objects.get(nama="Ahmad Fauzi")]


def test_refresh_times(agency, scene):
    running = Pembaruan.objects.create(oleh_label="tes")
    data = board(agency, "admin", agency.biro, scene.tw1)
    assert data.berjalan == running
    assert data.pembaruan == Pembaruan.objects.get(status="SELESAI")


# --- Who is late -----------------------------------------------------------------------------


def late(data) -> list[tuple[str, bool, int, bool]]:
    return [(i.pegawai.nama, i.laporan, i.bukti, i.penilaian) for i in data.terlambat.items]


def test_late_direct_members_only(agency, scene):
    biro = board(agency, "admin", agency.biro, scene.tw1)
    assert late(biro) == [("Ahmad Fauzi", True, 0, True)]
    bagian = board(agency, "admin", agency.bagian, scene.tw1)
    assert late(bagian) == [("Budi Santoso", True, 0, True), ("Siti Aminah", False, 2, False)]
    assert bagian.terlambat.items[1].pegawai.penilai == agency.penilai
    assert (bagian.terlambat.jumlah, bagian.terlambat.halaman_total) == (2, 1)


def test_late_follows_each_deadline(agency, scene):
    tw1 = scene.tw1
    before = board(agency, "admin", agency.bagian, tw1, today=tw1.batas_realisasi)
    assert late(before) == []
    assert before.terlambat.batas.realisasi_lewat is False
    after_report = board(agency, "admin", agency.bagian, tw1, today=tw1.batas_verifikasi)
    assert late(after_report) == [("Budi Santoso", True, 0, False)]
    after_check = board(agency, "admin", agency.bagian, tw1, today=tw1.batas_penilaian)
    assert late(after_check) == [("Budi Santoso", True, 0, False), ("Siti Aminah", False, 2, False)]


def test_late_leaves_out_inactive_and_excluded_members(agency, scene):
    Pegawai.objects.filter(pk=scene.budi.pk).update(aktif=False)
    Pengecualian.objects.create(
        pegawai=scene.siti, jenis="CUTI_BESAR", mulai=datetime.date(2020, 1, 1), catatan="Cuti"
    )
    assert late(board(agency, "admin", agency.bagian, scene.tw1)) == []


def test_late_list_pages_of_fifty(agency, scene):
    for index in range(51):
        plan(PegawaiFactory(nama=f"Pegawai {index:02d}", unit=agency.lain))
    first = board(agency, "auditor", agency.lain, scene.tw1)
    # Joko's plan is not approved: he is not late.
    assert (first.terlambat.jumlah, first.terlambat.halaman_total) == (51, 2)
    assert len(first.terlambat.items) == 50
    assert first.terlambat.berikutnya == 2
    assert first.terlambat.items[0].pegawai.nama == "Pegawai 00"
    second = board(agency, "auditor", agency.lain, scene.tw1, halaman=2)
    assert [i.pegawai.nama for i in second.terlambat.items] == ["Pegawai 50"]
    assert (second.terlambat.sebelumnya, second.terlambat.berikutnya) == (1, None)
    every = board(agency, "auditor", agency.lain, scene.tw1, halaman=None)
    assert len(every.terlambat.items) == 51


# --- Filters ---------------------------------------------------------------------------------


def test_filters_default_period_year_and_unknown_period(agency):
    periods_open(TAHUN)
    found = selectors.filters_resolve(None, "", None)
    assert found.periode == quarter("TW4")
    assert not found.periode_salah
    assert found.tahun_pilihan == [TAHUN]
    assert [p.kode for p in found.periode_pilihan] == ["TAHUNAN", "TW4", "TW3", "TW2", "TW1"]
    chosen = selectors.filters_resolve(quarter("TW2").pk, "", TAHUN)
    assert chosen.periode == quarter("TW2")
    unknown = selectors.filters_resolve(999999, "", None)
    assert unknown.periode == quarter("TW4")
    assert unknown.periode_salah
    other_year = selectors.filters_resolve(quarter("TW2").pk, "", 2024)
    assert other_year.periode is None
    assert other_year.periode_pilihan == []
    assert not other_year.periode_salah


def test_without_a_started_period(agency):
    data = board(agency, "admin", agency.biro, None)
    assert data.periode is None
    assert data.unit_baris is None
    assert data.sub_unit == []


# --- Query counts ----------------------------------------------------------------------------

DASHBOARD_QUERIES = 9


@pytest.mark.parametrize("size", [1, 3])
def test_dashboard_query_count(agency, scene, size, django_assert_num_queries):
    for index in range(size - 1):
        unit = UnitFactory(induk=agency.biro, nama=f"Bagian {index}")
        plan(PegawaiFactory(unit=unit))
    for index in range(size - 1):
        plan(PegawaiFactory(nama=f"Terlambat {index}", unit=agency.biro))
    refresh()
    scope = scope_for(agency.admin)
    saringan = selectors.filters_resolve(scene.tw1.pk, "", None)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        data = selectors.dashboard(scope, agency.biro, saringan, today=TODAY)
    assert len(data.sub_unit) == size
    assert len(data.terlambat.items) == size
