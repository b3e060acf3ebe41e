"""The trend, projection, backtest and early-warning pages and their XLSX exports: permission
matrices over the roles, what each page shows, bad filters, the state before any refresh, and
pinned query counts (the same for 1 and 3 rows)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.core.templatetags.kinerja import waktu
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.tests.factories import history, refresh

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
AGENCY_READERS = {"auditor", "superuser"}
TEAM_PAGES = [
    "pemantauan:tren",
    "pemantauan:tren-ekspor",
    "pemantauan:proyeksi",
    "pemantauan:proyeksi-ekspor",
    "pemantauan:peringatan",
    "pemantauan:peringatan-ekspor",
]
SB, B, BP = Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("akun:login"))


def expect(response, role, allowed):
    if role == "anonim":
        assert is_login_redirect(response)
    elif role in allowed:
        assert response.status_code == 200, (role, response.status_code)
    else:
        assert response.status_code == 404, (role, response.status_code)


@pytest.fixture
def data(agency):
    """Siti stagnant at Butuh Perbaikan for 3 periods, Budi rising, Rina (Budi's appraisee)
    falling and warned; Joko (Biro Lain) falling and warned."""
    history(agency.pegawai, 2026, [B, BP, BP, BP], annual=B)
    history(agency.pegawai, 2025, [], annual=SB)
    history(agency.penilai, 2026, [BP, BP, B])
    agency.rina = PegawaiFactory(nama="Rina Marlina", unit=agency.bagian, penilai=agency.penilai)
    history(agency.rina, 2026, [SB, B, BP])
    history(agency.outsider, 2026, [B, B, B, BP])
    agency.run = refresh()
    return agency


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def sheet_rows(response, index: int = 0) -> list[tuple]:
    assert response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content))
    return list(workbook.worksheets[index].iter_rows(values_only=True))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", TEAM_PAGES)
def test_team_pages_matrix(data, client_for, role, name):
    expect(client_for(role).get(reverse(name)), role, HR_READERS | {"penilai"})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", TEAM_PAGES)
def test_a_unit_is_for_hr_readers_of_it(data, client_for, role, name):
    biro = client_for(role).get(reverse(name), {"unit": data.biro.pk})
    expect(biro, role, HR_READERS)
    lain = client_for(role).get(reverse(name), {"unit": data.lain.pk})
    expect(lain, role, AGENCY_READERS)


@pytest.mark.parametrize("role", ROLES)
def test_backtest_matrix(data, client_for, role):
    expect(client_for(role).get(reverse("pemantauan:uji-balik")), role, HR_READERS)
    lain = client_for(role).get(reverse("pemantauan:uji-balik"), {"unit": data.lain.pk})
    expect(lain, role, AGENCY_READERS)


def test_pages_are_read_only(data, client_for):
    for name in TEAM_PAGES:
        assert client_for("admin").post(reverse(name)).status_code == 405


def test_trend_page(data, client_for):
    response = client_for("admin").get(reverse("pemantauan:tren"))
    assert response.context["cakupan"].unit == data.biro
    assert response.context["nav_section"] == "dasbor"
    page = text(response)
    tab = f'<a href="/pemantauan/tren/?unit={data.biro.pk}" aria-current="page">Tren</a>'
    assert tab in page
    counts = [
        re.search(rf'data-testid="jumlah-{k}">(\d+)<', page).group(1)
        for k in ("naik", "stagnan", "turun", "belum_cukup_data")
    ]
    assert counts == ["1", "1", "1", "0"]
    stagnan = page.split('data-testid="tren-stagnan"')[1].split("</section>")[0]
    assert "Siti Aminah" in stagnan
    assert "Baik → Butuh Perbaikan → Butuh Perbaikan → Butuh Perbaikan" in stagnan
    assert "Stagnan di Butuh Perbaikan selama 3 periode." in stagnan
    assert reverse("pemantauan:pegawai", args=[data.pegawai.pk]) in stagnan
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="112 8 176 56" width="176" height="56" '
        'role="img" aria-label="Predikat Siti Aminah" class="grafik grafik-kecil" '
        'data-grafik="tren-pegawai"> <title>Predikat Siti Aminah</title>'
    ) in stagnan
    assert '<polyline points="120,26 173,36 227,36 280,36"' in stagnan
    assert f"Data pemantauan diperbarui {waktu(data.run.selesai_pada)}." in page
    assert f'href="/pemantauan/tren/ekspor.xlsx?unit={data.biro.pk}"' in page


def test_trend_page_of_a_chosen_class_and_kind(data, client_for):
    response = client_for("pimpinan").get(
        reverse("pemantauan:tren"), {"jenis": "tahunan", "kelas": "TURUN"}
    )
    sections = response.context["daftar"].bagian
    assert [(s.kelas.value, [r.pegawai.nama for r in s.baris]) for s in sections] == [
        ("TURUN", ["Siti Aminah"])
    ]
    page = text(response)
    assert "Sangat Baik → Baik" in page
    assert "Tren turun: predikat terakhir Baik." in page
    assert (
        f'href="/pemantauan/tren/ekspor.xlsx?unit={data.biro.pk}&amp;jenis=tahunan&amp;kelas=TURUN"'
        in page
    )


def test_team_trend_page(data, client_for):
    response = client_for("penilai").get(reverse("pemantauan:tren"))
    assert response.context["cakupan"].unit is None
    assert response.context["nav_section"] == "dasbor_tim"
    assert response.context["units"] == []
    assert [[r.pegawai.nama for r in s.baris] for s in response.context["daftar"].bagian] == [
        [],
        ["Siti Aminah"],
        ["Rina Marlina"],
    ]
    page = text(response)
    assert "Uji balik model" not in page
    assert 'aria-label="Halaman pemantauan tim"' in page


def test_bad_filters_are_reported(data, client_for):
    response = client_for("admin").get(
        reverse("pemantauan:tren"), {"unit": "abc", "jenis": "harian", "kelas": "NAIK_TURUN"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"unit", "jenis", "kelas"}
    assert response.context["cakupan"].unit == data.biro
    assert [s.kelas.value for s in response.context["daftar"].bagian] == [
        "NAIK",
        "STAGNAN",
        "TURUN",
    ]
    other = client_for("admin").get(reverse("pemantauan:proyeksi"), {"jenis_jabatan": "PRESIDEN"})
    assert set(other.context["form"].errors) == {"jenis_jabatan"}


def test_jenis_jabatan_filter(data, client_for):
    response = client_for("admin").get(reverse("pemantauan:tren"), {"jenis_jabatan": "JPT"})
    assert response.context["daftar"].total == 0
    assert f"?unit={data.biro.pk}&jenis_jabatan=JPT" == response.context["query"]


def test_before_any_refresh(agency, client_for):
    for name in ("pemantauan:tren", "pemantauan:proyeksi", "pemantauan:peringatan"):
        response = client_for("admin").get(reverse(name))
        assert response.status_code == 200
        assert "Data pemantauan belum diperbarui." in text(response)
        assert "daftar" not in response.context
    backtest = client_for("auditor").get(reverse("pemantauan:uji-balik"))
    assert "Data pemantauan belum diperbarui." in text(backtest)
    team = client_for("penilai").get(reverse("pemantauan:tren"))
    assert "Data pemantauan belum diperbarui." in text(team)
    assert "Perbarui dari dasbor kinerja." not in text(team)
    rows = sheet_rows(client_for("admin").get(reverse("pemantauan:peringatan-ekspor")))
    assert len(rows) == 1


def test_projection_page(data, client_for):
    response = client_for("admin").get(reverse("pemantauan:proyeksi"))
    page = text(response)
    assert (
        "Model tidak dipakai: uji balik baru mencakup 6 perkiraan, kurang dari 20; proyeksi "
        "memakai predikat terakhir."
    ) in page
    assert 'data-grafik="distribusi-proyeksi"' in page
    assert 'data-grafik="distribusi-aktual"' in page
    assert "Aktual Triwulan IV-Akhir 2026" in page
    table = page.split('data-testid="distribusi"')[1].split("</table>")[0]
    assert re.findall(
        r'<td>([^<]+)</td><td class="num">(\d+)</td><td class="num">([\d,]+)</td>'
        r'<td class="num">(\d+–\d+)</td>',
        table,
    ) == [
        ("Sangat Baik", "0", "0,00", "0–0"),
        ("Baik", "0", "1,00", "1–1"),
        ("Butuh Perbaikan", "1", "2,00", "2–2"),
        ("Kurang/Misconduct", "0", "0,00", "0–0"),
        ("Sangat Kurang", "0", "0,00", "0–0"),
    ]
    rows = response.context["daftar"].baris
    assert [(r.pegawai.nama, r.proyeksi.label, r.peluang, r.risiko) for r in rows] == [
        ("Budi Santoso", "Baik", "100,0%", "0,0%"),
        ("Rina Marlina", "Butuh Perbaikan", "100,0%", "100,0%"),
        ("Siti Aminah", "Butuh Perbaikan", "100,0%", "100,0%"),
    ]
    assert "<strong>Butuh Perbaikan</strong> (100,0%)" in page
    assert "Model belum terbukti lebih tepat daripada perkiraan naif pada uji balik" in page


def test_team_projection_page(data, client_for):
    response = client_for("penilai").get(reverse("pemantauan:proyeksi"))
    distribution = response.context["daftar"].distribusi
    assert (distribution.anggota, distribution.total_aktual) == (2, 1)
    assert [r.pegawai.nama for r in response.context["daftar"].baris] == [
        "Rina Marlina",
        "Siti Aminah",
    ]
    assert "Lihat uji balik model." not in text(response)


def test_backtest_page(data, client_for):
    response = client_for("auditor").get(reverse("pemantauan:uji-balik"))
    page = text(response)
    assert response.context["tab"] == "uji-balik"
    assert (
        "Model tidak dipakai: uji balik baru mencakup 6 perkiraan, kurang dari 20; proyeksi "
        "memakai predikat terakhir."
    ) in page
    assert "<dt>Model terpilih</dt><dd>Predikat saja</dd>" in page
    assert "<dt>Jumlah perkiraan minimum</dt><dd>20</dd>" in page
    tanpa = page.split('data-testid="kandidat-tanpa"')[1].split("</section>")[0]
    assert re.findall(r"<tr><td>([^<]+)</td>((?:<td class=\"num\">[^<]+</td>){5})</tr>", tanpa) == [
        (
            "TW3 2026",
            '<td class="num">4</td><td class="num">2</td><td class="num">2</td>'
            '<td class="num">50,0%</td><td class="num">50,0%</td>',
        ),
        (
            "TW4 2026",
            '<td class="num">2</td><td class="num">1</td><td class="num">1</td>'
            '<td class="num">50,0%</td><td class="num">50,0%</td>',
        ),
    ]
    assert 'data-grafik="akurasi-uji-balik"' in page
    assert page.count('data-seri="model"') == 2
    transitions = page.split('data-testid="transisi"')[1].split("</table>")[0]
    assert (
        '<tr><th>Baik</th><td class="num">0 <small class="muted">(0,0%)</small></td>'
        '<td class="num">2 <small class="muted">(40,0%)</small></td>'
        '<td class="num">3 <small class="muted">(60,0%)</small></td>'
        '<td class="num">0 <small class="muted">(0,0%)</small></td>'
        '<td class="num">0 <small class="muted">(0,0%)</small></td><td class="num">5</td></tr>'
    ) in transitions
    assert (
        '<tr><th>Kurang/Misconduct</th><td class="num">0</td><td class="num">0</td>'
    ) in transitions


def test_warning_page(data, client_for):
    response = client_for("admin").get(reverse("pemantauan:peringatan"))
    rows = response.context["daftar"].baris
    assert [(r.pegawai.nama, r.risiko, r.boleh_rencana) for r in rows] == [
        ("Rina Marlina", "100,0%", True),
        ("Siti Aminah", "100,0%", True),
    ]
    page = text(response)
    assert "<li>Predikat terakhir Butuh Perbaikan.</li>" in page
    assert (
        "<li>Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi.</li>" in page
    )
    assert "<td>Budi Santoso</td>" in page
    assert reverse("talenta:perbaikan-baru", args=[data.rina.pk]) in page
    pimpinan = client_for("pimpinan").get(reverse("pemantauan:peringatan"))
    assert reverse("talenta:perbaikan-baru", args=[data.rina.pk]) not in text(pimpinan)
    team = client_for("penilai").get(reverse("pemantauan:peringatan"))
    assert [(r.pegawai.nama, r.boleh_rencana) for r in team.context["daftar"].baris] == [
        ("Rina Marlina", True),
        ("Siti Aminah", True),
    ]
    agency_wide = client_for("auditor").get(reverse("pemantauan:peringatan"))
    assert [r.pegawai.nama for r in agency_wide.context["daftar"].baris] == [
        "Joko Widodo",
        "Rina Marlina",
        "Siti Aminah",
    ]


def test_exports(data, client_for):
    client = client_for("admin")
    trend = client.get(reverse("pemantauan:tren-ekspor"))
    assert trend["Content-Disposition"] == 'attachment; filename="tren-BU-periodik.xlsx"'
    assert sheet_rows(trend) == [
        (
            "NIP",
            "Nama",
            "Unit",
            "Tren",
            "Rangkaian predikat",
            "Predikat terakhir",
            "Penjelasan",
        ),
        (
            data.penilai.nip,
            "Budi Santoso",
            "Bagian SDM",
            "Naik",
            "Butuh Perbaikan → Butuh Perbaikan → Baik",
            "Baik",
            "Tren naik: predikat terakhir Baik.",
        ),
        (
            data.pegawai.nip,
            "Siti Aminah",
            "Bagian SDM",
            "Stagnan",
            "Baik → Butuh Perbaikan → Butuh Perbaikan → Butuh Perbaikan",
            "Butuh Perbaikan",
            "Stagnan di Butuh Perbaikan selama 3 periode.",
        ),
        (
            data.rina.nip,
            "Rina Marlina",
            "Bagian SDM",
            "Turun",
            "Sangat Baik → Baik → Butuh Perbaikan",
            "Butuh Perbaikan",
            "Tren turun: predikat terakhir Butuh Perbaikan.",
        ),
    ]
    chosen = client.get(reverse("pemantauan:tren-ekspor"), {"kelas": "STAGNAN"})
    assert chosen["Content-Disposition"] == 'attachment; filename="tren-BU-periodik-stagnan.xlsx"'
    assert [row[1] for row in sheet_rows(chosen)[1:]] == ["Siti Aminah"]

    projection = client.get(reverse("pemantauan:proyeksi-ekspor"))
    assert projection["Content-Disposition"] == 'attachment; filename="proyeksi-BU.xlsx"'
    assert sheet_rows(projection, 0)[1:3] == [
        ("Sangat Baik", 0, 0, 0, 0),
        ("Baik", 0, 1, 1, 1),
    ]
    people = sheet_rows(projection, 1)
    assert people[0][3:9] == (
        "Dasar",
        "Predikat terakhir",
        "Proyeksi",
        "Peluang proyeksi",
        "Risiko Butuh Perbaikan atau lebih rendah",
        "Peluang Sangat Baik",
    )
    assert people[2][1:10] == (
        "Rina Marlina",
        "Bagian SDM",
        "TW3 2026",
        "Butuh Perbaikan",
        "Butuh Perbaikan",
        "100,0%",
        "100,0%",
        "0,0%",
        "0,0%",
    )

    warning = client_for("penilai").get(reverse("pemantauan:peringatan-ekspor"))
    assert warning["Content-Disposition"] == 'attachment; filename="peringatan-tim.xlsx"'
    assert [row[1] for row in sheet_rows(warning)[1:]] == ["Rina Marlina", "Siti Aminah"]
    assert sheet_rows(warning)[1:2] == [
        (
            data.rina.nip,
            "Rina Marlina",
            "Bagian SDM",
            "Butuh Perbaikan",
            "TW3 2026",
            "Butuh Perbaikan",
            "100,0%",
            "Budi Santoso",
            "Predikat terakhir Butuh Perbaikan. Rating hasil kerja turun dari Sesuai Ekspektasi "
            "ke Di Bawah Ekspektasi.",
        )
    ]


def extra(agency, n: int) -> None:
    for index in range(n):
        pegawai = PegawaiFactory(
            nama=f"Tambahan {index}", unit=agency.bagian, penilai=agency.penilai
        )
        history(pegawai, 2026, [SB, B, BP])
    refresh()


# session, user, roles, own employee record (+ whether an appraiser), then the page's reads:
# the unit and the unit choices (HR), the last refresh, then the selector (a page and its count;
# a trend section without rows runs no page query).
QUERIES = [
    ("admin", "pemantauan:tren", 9),  # + outlook, the turun page (stored counts)
    ("admin", "pemantauan:proyeksi", 10),  # + outlook, summary, page (the count is stored)
    ("admin", "pemantauan:peringatan", 9),  # + count, page
    ("admin", "pemantauan:uji-balik", 6),  # + unit, refresh
    ("admin", "pemantauan:tren-ekspor", 6),  # + unit, the streamed rows
    ("admin", "pemantauan:proyeksi-ekspor", 8),  # + unit, outlook, summary, the streamed rows
    ("admin", "pemantauan:peringatan-ekspor", 6),  # + unit, the streamed rows
    ("penilai", "pemantauan:tren", 8),  # + refresh, counted, the turun page
    ("penilai", "pemantauan:proyeksi", 9),  # + refresh, base period, team, page
    ("penilai", "pemantauan:peringatan", 8),  # + refresh, count, page
]


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize(("role", "name", "queries"), QUERIES)
def test_page_query_counts(agency, client_for, n, role, name, queries, django_assert_num_queries):
    extra(agency, n)
    client = client_for(role)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name))
    assert response.status_code == 200
