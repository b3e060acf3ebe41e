"""Rater analytics and the evidence integrity report on constructed data, stored by a refresh
and read back, with exact values and pinned query counts (the same for 1 and 3 appraisers or
cases)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from kinerja.aturan.enums import Predikat, Rating
from kinerja.conftest import Agency
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import JabatanFactory, PegawaiFactory, pegawai_with_account
from kinerja.pemantauan.rules.analitik import KelasKelonggaran, WaktuVerifikasi
from kinerja.pemantauan.selectors import analitik as selectors
from kinerja.pemantauan.tests.analitik_factories import at, item, rated, report, tw1
from kinerja.pemantauan.tests.factories import refresh
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.tests.factories import open_period
from kinerja.talenta.tests.factories import periode_of

pytestmark = pytest.mark.django_db
SB, B, BP, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.SANGAT_KURANG,
)
DITERIMA, DITOLAK, MENUNGGU = StatusBukti.DITERIMA, StatusBukti.DITOLAK, StatusBukti.MENUNGGU
TODAY = datetime.date(2026, 11, 29)
RATER_QUERIES = 6
INTEGRITY_QUERIES = 11
MARCH = datetime.date(2026, 3, 20)


@dataclass
class Scene:
    agency: Agency
    periode: Periode
    rudi: Pegawai
    budi_team: list[Pegawai]
    rudi_team: list[Pegawai]


@pytest.fixture
def scene(agency) -> Scene:
    """TW1 2026. Budi (Bagian SDM) rated Siti and 4 more of Bagian SDM: 4 Sangat Baik, 1 Baik
    (the Baik one a Pengawas). Rudi (Bagian SDM) rated 5 of Biro Umum Butuh Perbaikan. Joko
    (Biro Lain) Baik without an appraiser; Lina (Biro Lain) Sangat Kurang by Kepala Lain.

    Evidence: Siti (Di Atas) 2 of 3 rejected, verified by Budi after 1, 4 and 2 days → a
    contradiction; Ahmad (Di Atas) 1 of 2 rejected → none. Beni (Di Bawah) 2 accepted, verified
    by Rudi after 12 hours each → a contradiction; Cici (Di Bawah) 1 accepted and 1 waiting
    (submitted, past the 10 April verification deadline) → none; Dodi's waiting item is in a
    draft report (not waiting for Rudi)."""
    periode = tw1()
    bagian, biro, lain = agency.bagian, agency.biro, agency.lain
    budi, siti = agency.penilai, agency.pegawai
    pengawas = JabatanFactory(jenis_jabatan="PENGAWAS")
    names = ["Ahmad", "Bayu", "Candra"]
    budi_team = [siti] + [PegawaiFactory(unit=bagian, penilai=budi, nama=n) for n in names]
    budi_team.append(PegawaiFactory(unit=bagian, penilai=budi, nama="Dewi", jabatan=pengawas))
    for person, predikat in zip(budi_team, [SB, SB, SB, SB, B], strict=True):
        rated(person, periode, predikat, budi)
    rudi = pegawai_with_account(unit=bagian, nama="Rudi Hartono")
    names = ["Beni", "Cici", "Dodi", "Eka", "Fajar"]
    rudi_team = [PegawaiFactory(unit=biro, penilai=rudi, nama=n) for n in names]
    for person in rudi_team:
        rated(person, periode, BP, rudi)
    rated(agency.outsider, periode, B, None)
    kepala_lain = PegawaiFactory(unit=lain, nama="Kepala Lain")
    rated(PegawaiFactory(unit=lain, nama="Lina", penilai=kepala_lain), periode, SK, kepala_lain)

    laporan, rhk = report(siti, periode)
    for status, days in ((DITOLAK, 1), (DITOLAK, 4), (DITERIMA, 2)):
        uploaded = at(MARCH)
        item(
            laporan,
            rhk,
            status=status,
            diunggah=uploaded,
            oleh=budi,
            diverifikasi=uploaded + datetime.timedelta(days=days),
        )
    laporan, rhk = report(budi_team[1], periode)
    item(laporan, rhk, status=DITOLAK)
    item(laporan, rhk, status=DITERIMA)
    laporan, rhk = report(rudi_team[0], periode)
    for _ in range(2):
        item(
            laporan,
            rhk,
            status=DITERIMA,
            diunggah=at(MARCH, 8),
            oleh=rudi,
            diverifikasi=at(MARCH, 20),
        )
    laporan, rhk = report(rudi_team[1], periode)
    item(laporan, rhk, status=DITERIMA)
    item(laporan, rhk, status=MENUNGGU)
    laporan, rhk = report(rudi_team[2], periode, StatusLaporan.DRAF)
    item(laporan, rhk, status=MENUNGGU)
    refresh(TODAY)
    return Scene(agency, periode, rudi, budi_team, rudi_team)


def shares(distribution) -> list[tuple[int, Decimal]]:
    return [(cell.jumlah, cell.persen) for cell in distribution.sel]


def test_rater_analytics_of_a_subtree(scene, django_assert_num_queries):
    with django_assert_num_queries(RATER_QUERIES):
        data = selectors.rater_analytics(jalur=scene.agency.biro.jalur, periode=scene.periode)
    assert shares(data.unit) == [
        (4, Decimal("40.0")),
        (1, Decimal("10.0")),
        (5, Decimal("50.0")),
        (0, Decimal("0.0")),
        (0, Decimal("0.0")),
    ]
    assert data.unit.rata_rata == Decimal("3.90")
    assert [c.jumlah for c in data.instansi.sel] == [4, 2, 5, 0, 1]
    budi, rudi = data.baris
    assert (budi.nama, budi.unit_nama, budi.distribusi.total) == ("Budi Santoso", "Bagian SDM", 5)
    assert shares(budi.distribusi)[:2] == [(4, Decimal("80.0")), (1, Decimal("20.0"))]
    assert (budi.kelonggaran.rata_rata_penilai, budi.kelonggaran.rata_rata_unit) == (
        Decimal("4.80"),
        Decimal("3.90"),
    )
    assert (budi.kelonggaran.indeks, budi.kelonggaran.kelas) == (
        Decimal("0.90"),
        KelasKelonggaran.LUNAK,
    )
    assert (budi.kontradiksi, budi.rasio_teks) == (1, "20%")
    assert budi.waktu == WaktuVerifikasi(3, Decimal("2.0"), Decimal("2.3"), 0)
    assert rudi.nama == "Rudi Hartono"
    assert (rudi.kelonggaran.indeks, rudi.kelonggaran.kelas) == (
        Decimal("-0.90"),
        KelasKelonggaran.KERAS,
    )
    assert rudi.kontradiksi == 1
    assert rudi.waktu == WaktuVerifikasi(2, Decimal("0.5"), Decimal("0.5"), 1)
    cases = [
        (c.penilai_id, c.nama, c.rating_hasil, c.bukti.as_dict(), c.alasan)
        for c in data.kontradiksi
    ]
    assert cases == [
        (
            budi.penilai_id,
            "Siti Aminah",
            Rating.DI_ATAS,
            {"MENUNGGU": 0, "DITERIMA": 1, "PERLU_PERBAIKAN": 0, "DITOLAK": 2},
            "Di Atas Ekspektasi, padahal 2 dari 3 bukti ditolak atau perlu perbaikan.",
        ),
        (
            rudi.penilai_id,
            "Beni",
            Rating.DI_BAWAH,
            {"MENUNGGU": 0, "DITERIMA": 2, "PERLU_PERBAIKAN": 0, "DITOLAK": 0},
            "Di Bawah Ekspektasi, padahal semua 2 bukti diterima.",
        ),
    ]
    assert [c.nama for c in budi.kasus] == ["Siti Aminah"]


def test_a_smaller_subtree_and_the_waiting_deadline(scene):
    data = selectors.rater_analytics(jalur=scene.agency.bagian.jalur, periode=scene.periode)
    assert [row.nama for row in data.baris] == ["Budi Santoso"]
    assert data.unit.rata_rata == Decimal("4.80")
    assert data.baris[0].kelonggaran.kelas == KelasKelonggaran.WAJAR
    refresh(datetime.date(2026, 4, 10))  # the deadline day itself: nothing is overdue yet
    before = selectors.rater_analytics(jalur=scene.agency.biro.jalur, periode=scene.periode)
    assert before.baris[1].waktu.menunggu_lewat_batas == 0


def test_one_appraiser_against_their_unit(scene):
    rudi = Pegawai.objects.select_related("unit").get(pk=scene.rudi.pk)
    data = selectors.rater_analytics(jalur=rudi.unit.jalur, periode=scene.periode, penilai=rudi)
    # Rudi's appraisees work in Biro Umum, outside his own Bagian SDM: his row holds them all;
    # the unit is Bagian SDM's (Budi's 5 ratings).
    [row] = data.baris
    assert (row.nama, row.distribusi.total, row.kontradiksi) == ("Rudi Hartono", 5, 1)
    assert data.unit.total == 5
    assert (row.kelonggaran.indeks, row.kelonggaran.kelas) == (
        Decimal("-1.80"),
        KelasKelonggaran.KERAS,
    )
    budi = Pegawai.objects.select_related("unit").get(pk=scene.agency.penilai.pk)
    unrated = selectors.rater_analytics(
        jalur=budi.unit.jalur, periode=scene.periode, penilai=budi, jenis_jabatan="ADMINISTRATOR"
    )
    [own] = unrated.baris  # no rating of this jenis, yet the items he verified still count
    assert (own.distribusi.total, own.waktu.jumlah) == (0, 3)
    nobody = PegawaiFactory(unit=scene.agency.bagian, nama="Tanpa Tim")
    empty = selectors.rater_analytics(
        jalur=scene.agency.bagian.jalur, periode=scene.periode, penilai=nobody
    )
    assert [(r.nama, r.distribusi.total, r.kelonggaran.kelas) for r in empty.baris] == [
        ("Tanpa Tim", 0, KelasKelonggaran.SEDIKIT_DATA)
    ]


def test_jenis_jabatan_filter(scene):
    pengawas = selectors.rater_analytics(
        jalur=scene.agency.root.jalur, periode=scene.periode, jenis_jabatan="PENGAWAS"
    )
    assert [(r.nama, r.distribusi.total) for r in pengawas.baris] == [("Budi Santoso", 1)]
    assert (pengawas.unit.total, pengawas.instansi.total) == (1, 1)
    none = selectors.rater_analytics(
        jalur=scene.agency.root.jalur, periode=scene.periode, jenis_jabatan="ADMINISTRATOR"
    )
    assert (none.baris, none.kontradiksi, none.instansi.total) == ([], [], 0)


def test_drafts_are_left_out(scene):
    extra = PegawaiFactory(unit=scene.agency.bagian, penilai=scene.agency.penilai)
    rated(extra, scene.periode, SB, scene.agency.penilai, final=False)
    refresh(TODAY)
    data = selectors.rater_analytics(jalur=scene.agency.bagian.jalur, periode=scene.periode)
    assert data.baris[0].distribusi.total == 5


def test_annual_uses_the_evidence_of_the_whole_year(agency):
    tw1_period = tw1()
    tw2 = open_period("TW2", tahun=2026)
    annual = periode_of(2026)
    Periode.objects.filter(pk=annual.pk).update(status="DITUTUP")  # started: counted
    rated(agency.pegawai, annual, SB, agency.penilai, hasil=Rating.DI_ATAS)
    laporan, rhk = report(agency.pegawai, tw1_period)
    item(laporan, rhk, status=DITOLAK)
    item(laporan, rhk, status=DITOLAK)
    refresh(TODAY)
    data = selectors.rater_analytics(jalur=agency.bagian.jalur, periode=annual)
    assert [c.bukti.total for c in data.kontradiksi] == [2]
    laporan, rhk = report(agency.pegawai, tw2)
    for _ in range(3):
        item(laporan, rhk, status=DITERIMA)
    refresh(TODAY)
    data = selectors.rater_analytics(jalur=agency.bagian.jalur, periode=annual)
    assert data.kontradiksi == []
    assert selectors.default_periode(agency.bagian.jalur) == annual
    assert selectors.default_periode(agency.lain.jalur) == annual  # the latest period
    assert selectors.default_periode("", agency.penilai.pk) == annual


@pytest.mark.parametrize("size", [1, 3])
def test_rater_query_count(agency, size, django_assert_num_queries):
    periode = tw1()
    for index in range(size):
        head = pegawai_with_account(unit=agency.bagian, nama=f"Penilai {index}")
        for _ in range(2):
            member = PegawaiFactory(unit=agency.bagian, penilai=head)
            rated(member, periode, BP, head)
            laporan, rhk = report(member, periode)
            item(laporan, rhk, status=DITERIMA, oleh=head, diverifikasi=at(MARCH, 12))
            item(laporan, rhk, status=MENUNGGU)
    refresh(TODAY)
    with django_assert_num_queries(RATER_QUERIES):
        data = selectors.rater_analytics(jalur=agency.root.jalur, periode=periode)
    assert len(data.baris) == size
    assert len(data.kontradiksi) == 0
    assert all(row.waktu.jumlah == 2 and row.waktu.menunggu_lewat_batas == 2 for row in data.baris)


# --- Evidence integrity -----------------------------------------------------------------------

HASH_A = "a" * 64
HASH_B = "b" * 64
LINK = "https://drive.example.go.id/berkas/7"


@pytest.fixture
def evidence(agency):
    """TW1 (realisation due 5 April): Siti and Joko (Biro Lain) submitted the same file; Budi
    the same file twice; Siti and Budi the same link (written differently); Siti uploaded once
    on 6 April 00.30 (late) and once on 5 April 23.59 (in time)."""
    periode = tw1()
    siti, rhk_siti = report(agency.pegawai, periode)
    joko, rhk_joko = report(agency.outsider, periode)
    budi, rhk_budi = report(agency.penilai, periode)
    reused = item(siti, rhk_siti, sha256=HASH_A)
    item(joko, rhk_joko, sha256=HASH_A)
    item(budi, rhk_budi, sha256=HASH_B)
    item(budi, rhk_budi, sha256=HASH_B)
    item(siti, rhk_siti, tautan=LINK)
    item(budi, rhk_budi, tautan="https://DRIVE.example.go.id/berkas/7/")
    late = item(siti, rhk_siti, diunggah=at(datetime.date(2026, 4, 6), 0, 30))
    item(siti, rhk_siti, diunggah=at(datetime.date(2026, 4, 5), 23, 59))
    refresh(TODAY)
    return periode, reused, late


def test_integrity_report(agency, evidence, django_assert_num_queries):
    periode, reused, late = evidence
    pages = {"berkas": 1, "tautan": 1, "terlambat": 1}
    with django_assert_num_queries(INTEGRITY_QUERIES):
        data = selectors.integrity_report(
            jalur=agency.biro.jalur, tahun=periode.tahun, halaman=pages
        )
    assert [
        (r.nama, r.bukti, r.berkas_sama, r.tautan_sama, r.terlambat) for r in data.ringkasan.isi
    ] == [("Bagian SDM", 7, 1, 2, 1)]
    assert (data.total.bukti, data.total.terlambat) == (7, 1)
    [group] = data.berkas_sama.isi
    assert (group.kunci, group.jumlah_pegawai, group.pegawai_di_luar) == (HASH_A, 2, 1)
    assert [(u.bukti_id, u.nama, u.periode) for u in group.pemakaian] == [
        (reused.pk, "Siti Aminah", "Triwulan I")
    ]
    [link] = data.tautan_sama.isi
    assert (link.kunci, link.jumlah_pegawai, link.pegawai_di_luar) == (
        "https://drive.example.go.id/berkas/7",
        2,
        0,
    )
    assert [u.nama for u in link.pemakaian] == ["Budi Santoso", "Siti Aminah"]
    assert data.terlambat.jumlah == 1
    [item_late] = data.terlambat.isi
    assert (item_late.bukti_id, item_late.batas_realisasi) == (late.pk, datetime.date(2026, 4, 5))
    assert item_late.pesan == "Diunggah 6 April 2026, setelah batas realisasi 5 April 2026."


def test_integrity_of_the_whole_agency_and_of_a_period(agency, evidence):
    periode, _reused, _late = evidence
    data = selectors.integrity_report(jalur=agency.root.jalur, tahun=periode.tahun, periode=periode)
    [group] = data.berkas_sama.isi
    assert [u.nama for u in group.pemakaian] == ["Siti Aminah", "Joko Widodo"]  # by unit path
    assert group.pegawai_di_luar == 0
    assert sorted((r.kode, r.berkas_sama) for r in data.ringkasan.isi) == [("BL", 1), ("BU-SDM", 1)]
    assert data.berkas_sama.halaman is None  # everything (the export)
    other = open_period("TW2", tahun=2026)
    empty = selectors.integrity_report(jalur=agency.root.jalur, tahun=periode.tahun, periode=other)
    assert (empty.ringkasan.isi, empty.berkas_sama.isi, empty.terlambat.isi) == ([], [], [])
    assert (empty.terlambat.jumlah, data.terlambat.jumlah) == (0, 1)
    lain = selectors.integrity_report(jalur=agency.lain.jalur, tahun=periode.tahun)
    assert [g.pegawai_di_luar for g in lain.berkas_sama.isi] == [1]
    assert lain.tautan_sama.isi == []


@pytest.mark.parametrize("size", [1, 3])
def test_integrity_query_count(agency, size, django_assert_num_queries):
    periode = tw1()
    for index in range(size):
        one, rhk_one = report(PegawaiFactory(unit=agency.bagian), periode)
        two, rhk_two = report(PegawaiFactory(unit=agency.bagian), periode)
        for laporan, rhk in ((one, rhk_one), (two, rhk_two)):
            item(laporan, rhk, sha256=f"{index:064x}")
            item(laporan, rhk, tautan=f"https://drive.example.go.id/{index}")
            item(laporan, rhk, diunggah=at(datetime.date(2026, 5, 1)))
    refresh(TODAY)
    with django_assert_num_queries(INTEGRITY_QUERIES):
        data = selectors.integrity_report(jalur=agency.root.jalur, tahun=periode.tahun, halaman={})
    assert (data.berkas_sama.jumlah, data.tautan_sama.jumlah, data.terlambat.jumlah) == (
        size,
        size,
        2 * size,
    )


def test_fifty_to_a_page(agency):
    periode = tw1()
    laporan, rhk = report(agency.pegawai, periode)
    for _ in range(51):
        item(laporan, rhk, diunggah=at(datetime.date(2026, 4, 7)))
    refresh(TODAY)
    first = selectors.integrity_report(jalur=agency.root.jalur, tahun=periode.tahun, halaman={})
    assert (first.terlambat.jumlah, len(first.terlambat.isi)) == (51, 50)
    second = selectors.integrity_report(
        jalur=agency.root.jalur, tahun=periode.tahun, halaman={"terlambat": 2}
    )
    assert len(second.terlambat.isi) == 1
    assert second.terlambat.halaman is not None
    assert (second.terlambat.halaman.number, second.terlambat.halaman.paginator.num_pages) == (2, 2)
