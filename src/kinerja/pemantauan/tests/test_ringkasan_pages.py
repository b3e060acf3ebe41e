"""The HR / leaders' dashboard pages: permission matrices (pages, exports, the PDF, starting the
refresh), what the page shows for the scene of test_ringkasan_selectors (numbers, chart bars,
notices, breadcrumb, filters), the XLSX tables, and pinned query counts (the same for 1 and 3
sub-units and for 1 and 3 late employees)."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.jobs.models import Pekerjaan
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.tests.factories import refresh
from kinerja.pemantauan.tests.test_ringkasan_selectors import build_scene, plan, quarter

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
TABLES = ("kemajuan", "distribusi", "matriks", "terlambat")


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("akun:login"))


def expect(response, role, allowed, refused=404):
    if role == "anonim":
        assert is_login_redirect(response), role
    elif role in allowed:
        assert response.status_code == 200, (role, response.status_code)
    else:
        assert response.status_code == refused, (role, response.status_code)


@pytest.fixture
def scene(agency):
    found = build_scene(agency)
    refresh()
    return found


def filters(scene, **more):
    return {"periode": scene.tw1.pk, **more}


# --- Permissions -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_index_matrix(scene, client_for, role):
    expect(client_for(role).get(reverse("pemantauan:index"), filters(scene)), role, HR_READERS)


@pytest.mark.parametrize("role", ROLES)
def test_unit_matrix(scene, agency, client_for, role):
    url = reverse("pemantauan:unit", args=[agency.biro.pk])
    expect(client_for(role).get(url, filters(scene)), role, HR_READERS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("tabel", TABLES)
def test_export_matrix(scene, client_for, role, tabel):
    response = client_for(role).get(reverse("pemantauan:ekspor", args=[tabel]), filters(scene))
    expect(response, role, HR_READERS)
    if response.status_code == 200:
        assert response["Content-Type"] == XLSX


@pytest.mark.parametrize("role", ROLES)
def test_pdf_matrix(scene, client_for, role):
    response = client_for(role).get(reverse("pemantauan:pdf"), filters(scene))
    expect(response, role, HR_READERS)
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("pemantauan:index", []),
        ("pemantauan:ekspor", ["kemajuan"]),
        ("pemantauan:pdf", []),
    ],
)
@pytest.mark.parametrize("role", ["admin", "pimpinan"])
def test_a_unit_outside_the_subtree_is_404(scene, agency, client_for, role, name, args):
    client = client_for(role)
    assert (
        client.get(reverse(name, args=args), filters(scene, unit=agency.lain.pk)).status_code == 404
    )
    assert client.get(reverse("pemantauan:unit", args=[agency.lain.pk])).status_code == 404
    assert client.get(reverse("pemantauan:unit", args=[agency.root.pk])).status_code == 404
    assert client.get(reverse("pemantauan:unit", args=[999999])).status_code == 404


def test_unknown_table_is_404(scene, client_for):
    response = client_for("admin").get(reverse("pemantauan:ekspor", args=["lain"]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_refresh_matrix(agency, client_for, role):
    response = client_for(role).post(reverse("pemantauan:perbarui"))
    if role == "anonim":
        assert is_login_redirect(response)
    elif role in ("admin", "superuser"):
        job = Pekerjaan.objects.get()
        assert (job.jenis, job.parameter["sebab"]) == (
            "pemantauan.refresh",
            "Diminta dari dasbor kinerja",
        )
        assert response.status_code == 302
        assert response.url == reverse("jobs:detail", kwargs={"job_id": job.pk})
        return
    else:
        assert response.status_code == (403 if role in ("pimpinan", "auditor") else 404), role
    assert not Pekerjaan.objects.exists()


def test_refresh_needs_post(agency, client_for):
    assert client_for("admin").get(reverse("pemantauan:perbarui")).status_code == 405
    assert not Pekerjaan.objects.exists()


# --- What the page shows ---------------------------------------------------------------------


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def row_text(html: str, testid: str) -> str:
    """The text of the table row with this test id."""
    start = html.index(">", html.index(f'data-testid="{testid}"')) + 1
    return text_of(html[start : html.index("</tr>", start)])


def section(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</section>", start)]


def test_index_shows_the_top_readable_unit(scene, agency, client_for):
    response = client_for("admin").get(reverse("pemantauan:index"), filters(scene))
    data = response.context["dasbor"]
    assert data.unit == agency.biro
    assert data.periode == scene.tw1
    html = response.content.decode()
    assert "<h1>Dasbor kinerja: Biro Umum</h1>" in html
    tabs = html[html.index('<nav class="tab"') :]
    assert f'href="/pemantauan/?unit={agency.biro.pk}&amp;periode={scene.tw1.pk}"' in tabs
    assert 'aria-current="page">Ringkasan</a>' in tabs


def test_progress_tables(scene, agency, client_for):
    response = client_for("admin").get(
        reverse("pemantauan:unit", args=[agency.biro.pk]), filters(scene)
    )
    html = response.content.decode()
    unit_rows = text_of(section(html, "kemajuan"))
    assert (
        "SKP disetujui 3 dari 3 (100%) 0 Laporan realisasi diajukan 1 dari 3 (33,3%) 2 "
        "Bukti dukung diverifikasi 1 dari 3 (33,3%) 2 Penilaian ditetapkan 1 dari 3 (33,3%) 2"
    ) in unit_rows
    assert '<span style="width:33.3%"></span>' in html
    link = f'<a href="/pemantauan/unit/{agency.bagian.pk}/?periode={scene.tw1.pk}">Bagian SDM</a>'
    assert link in html
    assert row_text(html, f"kemajuan-{agency.bagian.pk}") == (
        "Bagian SDM 2 2/2 (100%) 1/2 (50%) 1 terlambat 1/3 (33,3%) 2 terlambat "
        "1/2 (50%) 1 terlambat"
    )
    assert row_text(html, "kemajuan-langsung") == (
        "Pegawai langsung 1 1/1 (100%) 0/1 (0%) 1 terlambat 0/0 (0%) 0/1 (0%) 1 terlambat"
    )
    assert row_text(html, "kemajuan-jumlah") == (
        "Jumlah Biro Umum 3 3/3 (100%) 1/3 (33,3%) 2 terlambat 1/3 (33,3%) 2 terlambat "
        "1/3 (33,3%) 2 terlambat"
    )


def test_late_list_links_to_each_person(scene, agency, client_for):
    response = client_for("pimpinan").get(
        reverse("pemantauan:unit", args=[agency.bagian.pk]), filters(scene)
    )
    html = section(response.content.decode(), "terlambat")
    budi, siti = agency.penilai, agency.pegawai
    assert f'<a href="/pemantauan/pegawai/{budi.pk}/">Budi Santoso</a>' in html
    assert f'<a href="/pemantauan/pegawai/{siti.pk}/">Siti Aminah</a>' in html
    late = text_of(html[html.index('data-testid="terlambat-tabel"') :])
    assert f"Siti Aminah {siti.nip}" in late
    assert "2 butir penilai: Budi Santoso" in late
    assert late.count("Belum diajukan") == 1
    assert late.count("Belum ditetapkan") == 1


def test_distribution_curve_and_charts(scene, agency, client_for):
    response = client_for("admin").get(reverse("pemantauan:index"), filters(scene))
    html = response.content.decode()
    charts = re.findall(r'<svg [^>]*data-grafik="([^"]+)"', html)
    assert charts == ["kemajuan", "distribusi-unit", "distribusi-instansi", "proyeksi"]
    unit_chart = html[html.index('data-grafik="distribusi-unit"') :]
    unit_chart = unit_chart[: unit_chart.index("</svg>")]
    assert '<rect x="170" y="16" width="56" height="164" fill="#2563eb">' in unit_chart
    assert '<rect x="49" y="180" width="56" height="0" fill="#2563eb">' in unit_chart
    assert 'role="img" aria-label="Distribusi predikat Biro Umum"' in html
    rows = text_of(section(html, "distribusi"))
    assert (
        "Bagian SDM 1 0 (0%) 1 (100%) 0 (0%) 0 (0%) 0 (0%) Baik Terlalu kecil untuk dinilai"
    ) in rows
    assert "Pegawai langsung 0 0 (0%) 0 (0%) 0 (0%) 0 (0%) 0 (0%) — —" in rows
    assert "Jumlah Biro Umum 1 0 (0%) 1 (100%) 0 (0%) 0 (0%) 0 (0%) — Belum ada" in rows
    assert (
        "Instansi (Sekretariat Badan) 2 1 (50%) 1 (50%) 0 (0%) 0 (0%) 0 (0%) — Belum ada"
    ) in rows


def test_matrix_and_outlook_links_keep_the_filters(scene, agency, client_for):
    response = client_for("admin").get(
        reverse("pemantauan:index"), filters(scene, jenis_jabatan="PELAKSANA")
    )
    html = section(response.content.decode(), "matriks")
    assert row_text(html, f"matriks-{scene.tw1.pk}") == (
        "Triwulan I 2025 1 0 (0%) 1 (100%) 0 (0%) 0 (0%) 0 (0%)"
    )
    query = f"?unit={agency.biro.pk}&amp;periode={scene.tw1.pk}&amp;jenis_jabatan=PELAKSANA"
    for name in ("tren", "proyeksi", "peringatan"):
        assert f'href="/pemantauan/{name}/{query}"' in html
    assert "Stagnan: 1" in text_of(html)
    assert "Turun: 1" in text_of(html)


def test_refresh_notices_and_button(agency, client_for):
    build_scene(agency)
    page = client_for("admin").get(reverse("pemantauan:index")).content.decode()
    assert "Data pemantauan belum diperbarui." in page
    assert 'data-testid="perbarui-form"' in page
    reader = client_for("auditor").get(reverse("pemantauan:index")).content.decode()
    assert "Minta admin kepegawaian menjalankan pembaruan." in reader
    assert 'data-testid="perbarui-form"' not in reader
    run = refresh()
    Pembaruan.objects.create(oleh_label="tes")
    page = client_for("admin").get(reverse("pemantauan:index")).content.decode()
    assert "Data pemantauan belum diperbarui." not in page
    moment = timezone.localtime(run.selesai_pada)
    assert f"Data pemantauan per {format_date(moment.date())} {moment:%H.%M}." in page
    assert "Pembaruan data sedang berjalan sejak" in page


def test_breadcrumb_links_only_readable_units(scene, agency, client_for):
    response = client_for("admin").get(reverse("pemantauan:unit", args=[agency.bagian.pk]))
    crumbs = response.content.decode()
    crumbs = crumbs[
        crumbs.index('data-testid="jejak"') : crumbs.index(
            "</nav>", crumbs.index('data-testid="jejak"')
        )
    ]
    assert '<span class="muted">Sekretariat Badan</span>' in crumbs
    assert f'<a href="/pemantauan/unit/{agency.biro.pk}/?periode=' in crumbs
    assert '<span aria-current="page">Bagian SDM</span>' in crumbs


def test_a_bad_period_is_reported_and_the_default_shown(scene, client_for):
    response = client_for("admin").get(reverse("pemantauan:index"), {"periode": 999999})
    assert response.status_code == 200
    assert response.context["dasbor"].periode == quarter("TW4")
    assert "Periode tidak ditemukan; periode bawaan ditampilkan." in response.content.decode()


def test_without_a_started_period(agency, client_for):
    response = client_for("admin").get(reverse("pemantauan:index"))
    assert "Belum ada periode kinerja yang dimulai." in response.content.decode()


# --- Exports ---------------------------------------------------------------------------------


def sheet_rows(response) -> list[list]:
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def test_progress_export(scene, agency, client_for):
    response = client_for("admin").get(
        reverse("pemantauan:ekspor", args=["kemajuan"]), filters(scene)
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="dasbor-kemajuan-BU-2025-TW1.xlsx"'
    )
    rows = sheet_rows(response)
    assert rows[0][:8] == [
        "Kode unit",
        "Unit",
        "Pegawai",
        "SKP disetujui",
        "SKP disetujui: dari",
        "SKP disetujui: persen",
        "SKP disetujui: terlambat",
        "Laporan realisasi diajukan",
    ]
    assert rows[1:] == [
        ["BU-SDM", "Bagian SDM", 2, 2, 2, 1.0, 0, 1, 2, 0.5, 1, 1, 3, 0.333, 2, 1, 2, 0.5, 1],
        ["BU", "Pegawai langsung", 1, 1, 1, 1.0, 0, 0, 1, 0.0, 1, 0, 0, 0.0, 0, 0, 1, 0.0, 1],
        ["BU", "Jumlah Biro Umum", 3, 3, 3, 1.0, 0, 1, 3, 0.333, 2, 1, 3, 0.333, 2, 1, 3, 0.333, 2],
    ]


def test_distribution_export(scene, agency, client_for):
    response = client_for("admin").get(
        reverse("pemantauan:ekspor", args=["distribusi"]), filters(scene)
    )
    rows = sheet_rows(response)
    assert rows[0][-2:] == ["Capaian kinerja organisasi", "Kesesuaian kurva"]
    assert rows[1:] == [
        [
            "BU-SDM",
            "Bagian SDM",
            1,
            0,
            0.0,
            1,
            1.0,
            0,
            0.0,
            0,
            0.0,
            0,
            0.0,
            "Baik",
            "Terlalu kecil untuk dinilai",
        ],
        ["BU", "Pegawai langsung", 0, 0, 0.0, 0, 0.0, 0, 0.0, 0, 0.0, 0, 0.0, None, None],
        ["BU", "Jumlah Biro Umum", 1, 0, 0.0, 1, 1.0, 0, 0.0, 0, 0.0, 0, 0.0, None, "Belum ada"],
        [
            "SET",
            "Instansi: Sekretariat Badan",
            2,
            1,
            0.5,
            1,
            0.5,
            0,
            0.0,
            0,
            0.0,
            0,
            0.0,
            None,
            "Belum ada",
        ],
    ]


def test_matrix_export(scene, agency, client_for):
    response = client_for("admin").get(
        reverse("pemantauan:ekspor", args=["matriks"]), filters(scene)
    )
    rows = sheet_rows(response)
    assert rows[0][:4] == ["Periode", "Dinilai (ditetapkan)", "Sangat Baik", "Sangat Baik: persen"]
    assert [row[:4] for row in rows[1:6]] == [
        ["Triwulan I 2025", 1, 0, 0.0],
        ["Triwulan II 2025", 2, 1, 0.5],
        ["Triwulan III 2025", 2, 1, 0.5],
        ["Triwulan IV-Akhir 2025", 2, 0, 0.0],
        ["Tahunan 2025", 0, 0, 0.0],
    ]
    assert rows[6][:2] == ["Proyeksi periode setelah Triwulan IV-Akhir 2025", 2]


def test_late_export_lists_everyone(scene, agency, client_for):
    response = client_for("admin").get(
        reverse("pemantauan:ekspor", args=["terlambat"]), filters(scene, unit=agency.bagian.pk)
    )
    budi, siti = agency.penilai, agency.pegawai
    assert sheet_rows(response)[1:] == [
        [budi.nip, "Budi Santoso", budi.jabatan.nama, None, "Ya", None, "Ya"],
        [siti.nip, "Siti Aminah", siti.jabatan.nama, "Budi Santoso", None, 2, None],
    ]
    about = load_workbook(io.BytesIO(response.content))["Keterangan"]
    values = {row[0]: row[1] for row in about.iter_rows(min_row=2, values_only=True)}
    assert values["Unit"] == "Bagian SDM (BU-SDM)"
    assert values["Periode"] == "Triwulan I 2025"
    assert values["Jenis jabatan"] == "Semua jenis jabatan"


# --- Query counts ----------------------------------------------------------------------------

PAGE_QUERIES = 15


def count_queries(client, url, data) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data).status_code == 200
    return len(queries)


def test_pinned_query_counts(scene, agency, client_for):
    client = client_for("admin")
    url = reverse("pemantauan:unit", args=[agency.biro.pk])
    client.get(url)  # warm the session
    counts = []
    for size in (1, 3):
        while agency.biro.anak.count() < size:
            unit = UnitFactory(induk=agency.biro)
            plan(PegawaiFactory(unit=unit))
        while len(client.get(url, filters(scene)).context["dasbor"].terlambat.items) < size:
            plan(PegawaiFactory(unit=agency.biro))
        refresh()
        counts.append(count_queries(client, url, filters(scene)))
    assert counts == [PAGE_QUERIES] * 2
