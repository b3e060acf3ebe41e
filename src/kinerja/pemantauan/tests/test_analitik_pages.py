"""The rater analytics and evidence integrity pages with their XLSX exports: permission matrices
over ROLES, what each page shows (tables, the inline SVG charts, the drill list), bad filters
reported, and pinned query counts (the same for 1 and 3 appraisers or cases)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.aturan.enums import Predikat, Rating
from kinerja.conftest import ROLES
from kinerja.organisasi.tests.factories import PegawaiFactory, pegawai_with_account
from kinerja.pemantauan.tests.analitik_factories import add_appraiser, at, item, rated, report, tw1
from kinerja.pemantauan.tests.factories import refresh
from kinerja.realisasi.enums import StatusBukti

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
RATER_PAGES = ["pemantauan:penilai", "pemantauan:penilai-ekspor"]
INTEGRITY_PAGES = ["pemantauan:integritas", "pemantauan:integritas-ekspor"]
SB, B, BP = Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("akun:login"))


def expect(response, role, allowed) -> None:
    if role == "anonim":
        assert is_login_redirect(response)
    elif role in allowed:
        assert response.status_code == 200, (role, response.status_code)
    else:
        assert response.status_code == 404, (role, response.status_code)


@pytest.fixture
def data(agency):
    """TW1: Budi rated Siti Sangat Baik (Di Atas) with 2 of 3 items rejected (a contradiction)
    and 3 more of Bagian SDM (Sangat Baik, Sangat Baik, Baik); Joko (Biro Lain) Baik. Budi and
    Joko submitted the same file; Budi uploaded one item a day late."""
    periode = tw1()
    rated(agency.pegawai, periode, SB, agency.penilai)
    for predikat in (SB, SB, B):
        member = PegawaiFactory(unit=agency.bagian, penilai=agency.penilai)
        rated(member, periode, predikat, agency.penilai)
    rated(agency.outsider, periode, B, None)
    siti, rhk = report(agency.pegawai, periode)
    for status in (StatusBukti.DITOLAK, StatusBukti.DITOLAK, StatusBukti.DITERIMA):
        uploaded = at(datetime.date(2026, 3, 2))
        item(
            siti,
            rhk,
            status=status,
            oleh=agency.penilai,
            diunggah=uploaded,
            diverifikasi=uploaded + datetime.timedelta(days=2),
        )
    budi, rhk_budi = report(agency.penilai, periode)
    joko, rhk_joko = report(agency.outsider, periode)
    item(budi, rhk_budi, sha256="c" * 64)
    item(joko, rhk_joko, sha256="c" * 64)
    item(budi, rhk_budi, diunggah=at(datetime.date(2026, 4, 6), 9))
    refresh(TODAY)
    return periode


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", RATER_PAGES)
def test_rater_matrix(data, client_for, role, name):
    response = client_for(role).get(reverse(name))
    expect(response, role, HR_READERS | {"penilai"})
    if response.status_code == 200 and name.endswith("ekspor"):
        assert response["Content-Type"] == XLSX


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", RATER_PAGES)
def test_rater_of_a_unit_is_for_its_readers(data, agency, client_for, role, name):
    response = client_for(role).get(reverse(name), {"unit": agency.biro.pk})
    expect(response, role, HR_READERS)
    response = client_for(role).get(reverse(name), {"unit": agency.lain.pk})
    expect(response, role, {"auditor", "superuser"})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", INTEGRITY_PAGES)
def test_integrity_matrix(data, agency, client_for, role, name):
    response = client_for(role).get(reverse(name))
    expect(response, role, HR_READERS)
    if response.status_code == 200 and name.endswith("ekspor"):
        assert response["Content-Type"] == XLSX
    response = client_for(role).get(reverse(name), {"unit": agency.lain.pk})
    expect(response, role, {"auditor", "superuser"})


@pytest.mark.parametrize("name", RATER_PAGES + INTEGRITY_PAGES)
def test_posting_changes_nothing(data, client_for, name):
    from kinerja.penilaian.models import Penilaian

    before = list(Penilaian.objects.values_list("pk", "predikat", "status"))
    response = client_for("pegawai").post(reverse(name), {"unit": 1})
    assert response.status_code == 404
    assert list(Penilaian.objects.values_list("pk", "predikat", "status")) == before


def test_rater_page_for_hr(data, agency, client_for):
    response = client_for("admin").get(reverse("pemantauan:penilai"))
    assert response.context["cakupan"].unit == agency.biro
    analitik = response.context["analitik"]
    assert analitik.periode == data
    [row] = analitik.baris
    assert (row.nama, row.distribusi.total, row.kontradiksi) == ("Budi Santoso", 4, 1)
    assert (row.kelonggaran.indeks, row.kelonggaran.kelas.value) == (0, "WAJAR")
    assert (row.waktu.jumlah, row.waktu.median_hari) == (3, 2)
    html = response.content.decode()
    assert html.count('data-grafik="penilai"') == 1
    assert 'role="img" aria-label="Sebaran predikat dari Budi Santoso' in html
    assert "<title>Sebaran predikat dari Budi Santoso" in html
    assert '<td class="num">3<br><small class="muted">75%</small></td>' in html  # beside the chart
    assert "Di Atas Ekspektasi, padahal 2 dari 3 bukti ditolak atau perlu perbaikan." in html
    assert 'id="kontradiksi-' in html
    assert "Rata-rata skor penilai 4,75 − rata-rata unit 4,75 = 0,00" in html
    assert f"?unit={agency.biro.pk}&amp;periode={data.pk}" in html


def test_rater_page_for_an_appraiser_shows_only_their_row(data, agency, client_for):
    other = pegawai_with_account(unit=agency.bagian, nama="Rudi Hartono")
    rated(PegawaiFactory(unit=agency.bagian, penilai=other), data, Predikat.KURANG, other)
    refresh(TODAY)
    admin = client_for("admin").get(reverse("pemantauan:penilai"))
    assert [row.nama for row in admin.context["analitik"].baris] == ["Budi Santoso", "Rudi Hartono"]
    response = client_for("penilai").get(reverse("pemantauan:penilai"))
    assert response.context["cakupan"].penilai == agency.penilai
    assert response.context["units"] == []
    analitik = response.context["analitik"]
    assert [row.nama for row in analitik.baris] == ["Budi Santoso"]
    assert analitik.unit.total == 5  # Bagian SDM, Rudi's rating included
    assert "Rudi Hartono" not in response.content.decode()
    assert 'name="unit"' not in response.content.decode()


def test_rater_filters(data, agency, client_for):
    client = client_for("auditor")
    response = client.get(reverse("pemantauan:penilai"), {"jenis_jabatan": "ADMINISTRATOR"})
    assert response.context["analitik"].baris == []
    response = client.get(reverse("pemantauan:penilai"), {"periode": 999999, "jenis_jabatan": "X"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"periode", "jenis_jabatan"}
    assert response.context["analitik"].periode == data
    assert response.context["cakupan"].unit == agency.root


def test_rater_export(data, agency, client_for):
    response = client_for("pimpinan").get(reverse("pemantauan:penilai-ekspor"))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="analitik-penilai-BU-2026-TW1.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Penilai", "Pembanding", "Kontradiksi"]
    rows = list(book["Penilai"].values)
    assert rows[0][:5] == ("NIP", "Nama", "Unit", "Jumlah dinilai", "Sangat Baik")
    assert rows[1][:6] == (agency.penilai.nip, "Budi Santoso", "Bagian SDM", 4, 3, 75)
    assert rows[1][-10:] == (4.75, 4.75, 0, "Wajar", 1, 25, 3, 2, 2, 0)
    cases = list(book["Kontradiksi"].values)
    assert cases[1][3:5] == ("Siti Aminah", str(Rating.DI_ATAS.label))


def test_integrity_page(data, agency, client_for):
    response = client_for("auditor").get(reverse("pemantauan:integritas"))
    laporan = response.context["laporan"]
    assert response.context["unit"] == agency.root
    assert laporan.tahun.tahun == 2026
    assert sorted((r.kode, r.bukti, r.berkas_sama, r.terlambat) for r in laporan.ringkasan.isi) == [
        ("BL", 1, 1, 0),
        ("BU-SDM", 5, 1, 1),
    ]
    html = response.content.decode()
    for label in (
        "Berkas sama diajukan pegawai lain",
        "Tautan dipakai beberapa pegawai",
        "Diunggah setelah batas realisasi",
    ):
        assert label in html
    assert "Diunggah 6 April 2026, setelah batas realisasi 5 April 2026." in html
    assert f'title="{"c" * 64}">{"c" * 19}…</code>' in html  # the hash shortened, whole in title
    biro = client_for("admin").get(reverse("pemantauan:integritas"), {"periode": data.pk})
    [group] = biro.context["laporan"].berkas_sama.isi
    assert (group.pegawai_di_luar, [u.nama for u in group.pemakaian]) == (1, ["Budi Santoso"])
    assert "1 di luar unit ini" in biro.content.decode()


def test_integrity_bad_filters(data, client_for):
    client = client_for("superuser")
    response = client.get(reverse("pemantauan:integritas"), {"tahun": 2031})
    assert response.status_code == 200
    assert response.context["form"].errors == {"tahun": ["Tahun kinerja 2031 belum dibuka."]}
    assert response.context["laporan"].tahun.tahun == 2026
    other = tw1(2027)
    response = client.get(reverse("pemantauan:integritas"), {"tahun": 2026, "periode": other.pk})
    assert response.context["form"].errors == {"periode": ["Periode ini bukan periode tahun 2026."]}


def test_integrity_export(data, agency, client_for):
    response = client_for("superuser").get(
        reverse("pemantauan:integritas-ekspor"), {"tahun": 2026, "periode": data.pk}
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="integritas-bukti-SET-2026-TW1.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Ringkasan per unit",
        "Berkas sama diajukan pegawai la",
        "Tautan dipakai beberapa pegawai",
        "Diunggah setelah batas realisas",
    ]
    reused = list(book["Berkas sama diajukan pegawai la"].values)
    assert [row[3:5] for row in reused[1:]] == [
        (agency.penilai.nip, "Budi Santoso"),
        (agency.outsider.nip, "Joko Widodo"),
    ]
    late = list(book["Diunggah setelah batas realisas"].values)
    assert late[1][7] == datetime.datetime(2026, 4, 6, 9, 0)
    assert late[1][8:] == (
        datetime.datetime(2026, 4, 5),
        "Diunggah 6 April 2026, setelah batas realisasi 5 April 2026.",
    )


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


PAGE_QUERIES = {
    "pemantauan:penilai": 15,
    "pemantauan:penilai-ekspor": 11,
    "pemantauan:integritas": 19,
    "pemantauan:integritas-ekspor": 12,
}


@pytest.mark.parametrize("name", list(PAGE_QUERIES))
def test_pinned_query_counts(agency, client_for, name):
    periode = tw1()
    client = client_for("admin")
    client.get(reverse(name))  # warm the session
    add_appraiser(agency, periode, 0)
    refresh(TODAY)
    one = count_queries(client, reverse(name))
    add_appraiser(agency, periode, 1)
    add_appraiser(agency, periode, 2)
    refresh(TODAY)
    three = count_queries(client, reverse(name))
    assert (one, three) == (PAGE_QUERIES[name], PAGE_QUERIES[name])


def test_appraisers_come_a_page_at_a_time(agency, client_for, monkeypatch):
    """Thousands of appraisers in a ministry: the table (and its contradicting cases) is paged."""
    from kinerja.pemantauan.selectors import analitik as analitik_selectors
    from kinerja.pemantauan.tests.analitik_factories import add_appraiser, tw1

    monkeypatch.setattr(analitik_selectors, "PENILAI_PER_HALAMAN", 1)
    periode = tw1()
    add_appraiser(agency, periode, 1)
    add_appraiser(agency, periode, 2)
    refresh(TODAY)
    url = reverse("pemantauan:penilai")
    first = client_for("admin").get(url, {"periode": periode.pk}).content.decode()
    assert first.count('<tr data-penilai="') == 1
    assert "Halaman 1 dari 2 (2 pejabat penilai)" in first
    second = client_for("admin").get(url, {"periode": periode.pk, "hal_penilai": 2})
    assert second.content.decode().count('<tr data-penilai="') == 1
    assert "Halaman 2 dari 2 (2 pejabat penilai)" in second.content.decode()


@pytest.mark.parametrize("name", ["pemantauan:penilai", "pemantauan:integritas"])
def test_pages_say_when_the_figures_were_computed(agency, client_for, name):
    tw1()
    before = client_for("admin").get(reverse(name)).content.decode()
    assert 'data-testid="belum-diperbarui"' in before
    assert "analitik ini tersedia setelah pembaruan data pemantauan pertama" in before
    refresh(datetime.date(2026, 11, 29))
    after = client_for("admin").get(reverse(name)).content.decode()
    assert 'data-testid="belum-diperbarui"' not in after
    assert "Dihitung pada pembaruan data pemantauan" in after
