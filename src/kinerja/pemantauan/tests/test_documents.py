"""The monthly report for leaders (PDF, read back with pypdf): the heading with unit, period and
the date in Indonesian, every table of the dashboard and every chart as the same inline SVG,
the outlook; the report without figures yet and without a started period."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from kinerja.core.formatting import format_date
from kinerja.pemantauan import documents
from kinerja.pemantauan.tests.factories import refresh
from kinerja.pemantauan.tests.test_ringkasan_selectors import board, build_scene
from kinerja.skp.tests.test_documents import assert_in_order, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(agency):
    found = build_scene(agency)
    refresh()
    return found


def test_report_has_every_table_chart_and_the_outlook(agency, scene):
    data = board(agency, "admin", agency.biro, scene.tw1)
    pages = pdf_pages(documents.laporan_pdf(data))
    text = " ".join(pages)
    moment = timezone.localtime(data.pembaruan.selesai_pada)
    assert_in_order(
        text,
        "LAPORAN PEMANTAUAN KINERJA PEGAWAI Instansi Pemerintah",
        "Unit Biro Umum (BU), beserta unit di bawahnya",
        "Periode Triwulan I 2025",
        "Jenis jabatan Semua jenis jabatan",
        f"Data pemantauan per {format_date(moment.date())} {moment:%H.%M}",
        f"Tanggal laporan Jakarta, {format_date(timezone.localdate())}",
        "Kemajuan siklus kinerja",
        "SKP disetujui 3 dari 3 (100%) 0",
        "Laporan realisasi diajukan 1 dari 3 (33,3%) 2",
        "Per sub-unit",
        "Bagian SDM 2 2/2 (100%) 1/2 (50%) 1 terlambat 1/3 (33,3%) 2 terlambat",
        "Pegawai langsung 1 1/1 (100%) 0/1 (0%) 1 terlambat",
        "Jumlah Biro Umum 3 3/3 (100%)",
        "Pegawai yang terlambat",
        f"Ahmad Fauzi {scene.ahmad.nip} Analis",
        "Belum diajukan — Belum ditetapkan",
        "Distribusi predikat terhadap kurva",
        "Biro Umum Predikat Jumlah Persen Sangat Baik 0 0% Baik 1 100%",
        "Instansi (Sekretariat Badan) Predikat Jumlah Persen Sangat Baik 1 50% Baik 1 50%",
        "Per sub-unit",
        "Bagian SDM 1 0 (0%) 1 (100%) 0 (0%) 0 (0%) 0 (0%) Baik Terlalu kecil untuk dinilai",
        "Instansi (Sekretariat Badan) 2 1 (50%) 1 (50%)",
        "Matriks predikat antarperiode",
        "Triwulan I 2025 1 0 (0%) 1 (100%)",
        "Tahunan 2025 0",
        "Proyeksi dan tren",
        "setelah Triwulan IV-Akhir 2025 untuk 2 pegawai",
        "Butuh Perbaikan 1,00 1–1",
        "Naik: 0 · Stagnan: 1 · Turun: 1 · Belum cukup data: 1",
        "1 pegawai berisiko Butuh Perbaikan atau lebih rendah",
    )
    # The charts (their text follows each page's tables): the value above each bar and the
    # label below.
    assert (
        "100% SKP disetujui 33,3% Laporan realisasi diajukan 33,3% Bukti dukung diverifikasi "
        "33,3% Penilaian ditetapkan"
    ) in pages[0]
    assert (
        "0 (0%) Sangat Baik 1 (100%) Baik 0 (0%) Butuh Perbaikan 0 (0%) Kurang/Misconduct "
        "0 (0%) Sangat Kurang 1 (50%) Sangat Baik 1 (50%) Baik 0 (0%) Butuh Perbaikan"
    ) in pages[1]
    assert "0,00 Sangat Baik 1,00 Baik 1,00 Butuh Perbaikan 0,00 Kurang/Misconduct" in pages[2]
    assert "Tren periodik Tren tahunan Peringatan dini" in pages[2]
    assert "Capaian kinerja organisasi Kesesuaian kurva" in pages[1]
    assert "— Belum ada" in pages[1]
    assert "Lihat tren pegawai" not in text  # no links in print
    assert pages[0].endswith("Biro Umum · Triwulan I 2025 · Semua jenis jabatan Halaman 1 dari 3")


def test_report_draws_the_page_charts_as_inline_svg(agency, scene):
    data = board(agency, "admin", agency.biro, scene.tw1)
    html = render_to_string(documents.TEMPLATE, documents.laporan_context(data))
    for name in ("kemajuan", "distribusi-unit", "distribusi-instansi", "proyeksi"):
        assert html.count(f'class="grafik" data-grafik="{name}"') == 1, name
    assert '<rect x="170" y="16" width="56" height="164" fill="#2563eb">' in html
    assert "<a href" not in html


def test_report_of_a_jenis_jabatan_and_its_name(agency, scene):
    data = board(agency, "pimpinan", agency.bagian, scene.tw1, "PELAKSANA")
    text = pdf_text(documents.laporan_pdf(data))
    assert "Unit Bagian SDM (BU-SDM), beserta unit di bawahnya" in text
    assert "Jenis jabatan Pelaksana" in text
    assert "Kesesuaian kurva hanya ditampilkan untuk semua jenis jabatan" in text
    assert documents.laporan_filename(data) == "laporan-kinerja-BU-SDM-2025-TW1-pelaksana.pdf"


def test_report_before_any_refresh(agency):
    build_scene(agency)
    data = board(agency, "admin", agency.biro, None)
    text = pdf_text(documents.laporan_pdf(data))
    assert "Data pemantauan per Data pemantauan belum diperbarui." in text
    assert "Periode Triwulan IV-Akhir 2025" in text
    assert documents.laporan_filename(data) == "laporan-kinerja-BU-2025-TW4.pdf"


def test_report_without_a_started_period(agency):
    data = board(agency, "admin", agency.biro, None)
    text = pdf_text(documents.laporan_pdf(data))
    assert "Belum ada periode kinerja yang dimulai." in text
    assert documents.laporan_filename(data) == "laporan-kinerja-BU.pdf"
