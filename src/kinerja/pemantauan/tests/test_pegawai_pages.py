"""The employee's dashboard pages ("Dasbor saya" and a person's dashboard): the permission
matrices, what the page shows (charts with their table fallback, trend, projection, warning,
progress, actions with their links, allowance in rupiah, credit points), the states without a
refresh or a profile, and pinned query counts (the same for 1 and several periods/months)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.angka_kredit.tests.helpers import functional
from kinerja.aturan.enums import Predikat as P
from kinerja.conftest import ROLES
from kinerja.core.templatetags.kinerja import waktu
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.tests.factories import history, refresh
from kinerja.pemantauan.tests.test_pegawai_selectors import (
    LIVE,
    QUARTERS,
    allowance,
    live_year,
    quarters,
)
from kinerja.realisasi.tests.factories import open_period
from kinerja.talenta.tests.factories import assess

pytestmark = pytest.mark.django_db

READERS_OF_SITI = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
WITH_EMPLOYEE_RECORD = {"pegawai", "penilai", "outsider"}


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("akun:login"))


def expect(response, role: str, allowed: set[str]) -> None:
    if role == "anonim":
        assert is_login_redirect(response)
    elif role in allowed:
        assert response.status_code == 200, role
    else:
        assert response.status_code == 404, role


def text_of(response) -> str:
    """The page's main content as text (tags dropped, spaces collapsed)."""
    html = response.content.decode()
    main = html[html.index("<main") :]
    main = re.sub(r"<svg.*?</svg>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def svg(response, name: str) -> str:
    html = response.content.decode()
    found = re.search(rf'<svg[^>]*data-grafik="{name}".*?</svg>', html, flags=re.S)
    assert found, name
    return found.group(0)


# --- Permission matrices -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_my_dashboard_matrix(agency, client_for, role):
    """Every employee has one; an account without an employee record gets 404."""
    response = client_for(role).get(reverse("pemantauan:saya"))
    expect(response, role, WITH_EMPLOYEE_RECORD)


@pytest.mark.parametrize("role", ROLES)
def test_a_person_s_dashboard_matrix(agency, client_for, role):
    response = client_for(role).get(reverse("pemantauan:pegawai", args=[agency.pegawai.pk]))
    expect(response, role, READERS_OF_SITI)


@pytest.mark.parametrize("role", ROLES)
def test_the_outsider_s_dashboard_matrix(agency, client_for, role):
    """Biro Lain: outside the biro's admin and pimpinan, appraised by nobody here."""
    response = client_for(role).get(reverse("pemantauan:pegawai", args=[agency.outsider.pk]))
    expect(response, role, {"outsider", "auditor", "superuser"})


def test_an_unknown_employee_is_404(agency, client_for):
    assert (
        client_for("superuser").get(reverse("pemantauan:pegawai", args=[999999])).status_code == 404
    )


# --- What the page shows ---------------------------------------------------------------------


def test_my_dashboard_shows_the_profile_with_charts_and_tables(agency, client_for):
    quarters(agency)
    run = Pembaruan.objects.get()
    response = client_for("pegawai").get(reverse("pemantauan:saya"))
    text = text_of(response)
    assert "<h1>Dasbor saya</h1>" in response.content.decode()
    assert 'href="/pemantauan/saya/" aria-current="page"' in response.content.decode()
    assert (
        f"Predikat, tren, proyeksi, dan peringatan dini dari pembaruan data pemantauan "
        f"{waktu(run.selesai_pada)}." in text
    )
    periodic = svg(response, "predikat-periodik")
    assert 'role="img" aria-label="Predikat periodik"' in periodic
    assert "<title>Predikat periodik</title>" in periodic
    assert re.findall(r'<circle cx="(\d+)" cy="(\d+)"', periodic) == [
        ("120", "16"),
        ("277", "57"),
        ("435", "57"),
        ("592", "98"),
    ]
    assert '<polyline points="120,16 277,57 435,57 592,98"' in periodic
    annual = svg(response, "predikat-tahunan")
    assert re.findall(r'<circle cx="(\d+)" cy="(\d+)"', annual) == [("356", "57")]
    assert (
        "Periode Predikat TW1 2025 Sangat Baik TW2 2025 Baik TW3 2025 Baik TW4 2025 Butuh "
        "Perbaikan" in text
    )
    assert "Tren: Turun Tren turun: predikat terakhir Butuh Perbaikan." in text
    assert "Tren: Belum cukup data Belum cukup data: perlu paling sedikit 2 predikat." in text
    assert (
        "Dari predikat TW4 2025, predikat periode berikutnya yang paling mungkin: Butuh "
        "Perbaikan ." in text
    )
    assert (
        "Sangat Baik 0,0% Baik 0,0% Butuh Perbaikan 100,0% Kurang/Misconduct 0,0% Sangat "
        "Kurang 0,0%" in text
    )
    assert "Dasar Perkiraan naif: sama dengan predikat terakhir" in text
    assert "Peluang Butuh Perbaikan atau lebih rendah 100,0%" in text
    assert (
        "Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat "
        "terakhir (Butuh Perbaikan)." in text
    )
    assert (
        "Berisiko turun ke Butuh Perbaikan atau lebih rendah pada periode berikutnya. Predikat "
        "terakhir Butuh Perbaikan. Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah "
        "Ekspektasi." in text
    )
    # Progress of 2025 (the default period's year): every quarter rated, no SKP.
    assert "Kemajuan SKP tahun 2025 SKP: Belum dibuat" in text
    assert "Triwulan I 2025 Ditutup Belum diisi 0 0 0 0 Ditetapkan Sangat Baik" in text
    assert "Tahunan 2025 Ditutup — 0 0 0 0 Ditetapkan Baik" in text
    assert 'href="/skp/?tahun=2025">SKP tahun 2025 belum dibuat.</a>' in response.content.decode()


def test_a_person_s_dashboard_names_the_person(agency, client_for):
    quarters(agency)
    url = reverse("pemantauan:pegawai", args=[agency.pegawai.pk])
    for role, trail in (
        ("admin", f'<a href="/pemantauan/unit/{agency.bagian.pk}/">Dasbor kinerja</a>'),
        ("penilai", '<a href="/pemantauan/tim/">Dasbor tim</a>'),
    ):
        response = client_for(role).get(url)
        html = response.content.decode()
        assert "<h1>Dasbor kinerja · Siti Aminah</h1>" in html
        assert trail in html
        assert len(re.findall(r"<circle ", svg(response, "predikat-periodik"))) == 4


def test_without_refresh_the_live_sections_are_still_shown(agency, client_for):
    open_period("TW1", tahun=LIVE)
    allowance(agency.pegawai)
    response = client_for("pegawai").get(reverse("pemantauan:saya"))
    text = text_of(response)
    assert (
        "Data pemantauan belum diperbarui: grafik predikat, tren, proyeksi, dan peringatan dini "
        "tersedia setelah pembaruan data pemantauan pertama." in text
    )
    assert 'data-grafik="predikat-periodik"' not in response.content.decode()
    assert "Kemajuan SKP tahun 2026 SKP: Belum dibuat" in text
    assert "Tindakan yang menunggu SKP tahun 2026 belum dibuat." in text
    assert "Januari Rp3.781.000 — Februari Rp3.743.190 —" in text
    assert "Desember — Rp3.667.570 Jumlah Rp7.524.190 Rp3.667.570" in text


def test_a_new_employee_has_no_profile_yet(agency, client_for):
    history(agency.pegawai, 2025, QUARTERS)
    run = refresh()
    newcomer = PegawaiFactory(unit=agency.bagian, penilai=agency.penilai, nama="Rina Baru")
    response = client_for("admin").get(reverse("pemantauan:pegawai", args=[newcomer.pk]))
    assert (
        f"Belum ada profil kinerja pegawai ini pada pembaruan terakhir "
        f"({waktu(run.selesai_pada)})" in text_of(response)
    )
    assert "<h1>Dasbor kinerja · Rina Baru</h1>" in response.content.decode()


def test_progress_and_pending_actions_with_their_links(agency, client_for):
    laporan = live_year(agency)
    response = client_for("pegawai").get(reverse("pemantauan:saya"))
    html, text = response.content.decode(), text_of(response)
    assert "Kemajuan SKP tahun 2026 SKP: Disetujui" in text
    assert "Triwulan I 2026 Dibuka Perlu perbaikan 1 1 1 1 Ditetapkan Baik" in text
    assert "Triwulan II 2026 Dibuka Belum diisi 0 0 0 0 Draf —" in text
    assert "Triwulan III 2026 Draf Belum diisi 0 0 0 0 Belum dinilai —" in text
    detail = f"/realisasi/{laporan.pk}/"
    assert (
        f'<a href="{detail}">Laporan realisasi Triwulan I 2026 perlu perbaikan; ajukan kembali.</a>'
        in html
    )
    assert (
        f'<a href="{detail}">2 bukti dukung Triwulan I 2026 dikembalikan atau ditolak: perbaiki '
        "atau ganti.</a>" in html
    )
    assert (
        '<a href="/realisasi/?tahun=2026">Laporan realisasi Triwulan II 2026 belum diajukan '
        "(batas realisasi 31 Desember 2099).</a>" in html
    )
    assert 'data-testid="tindakan-keberatan"><a href="/penilaian/' in html
    # The appraiser sees the draft predikat; a report not started has no page for them.
    theirs = client_for("penilai").get(reverse("pemantauan:pegawai", args=[agency.pegawai.pk]))
    assert "Triwulan II 2026 Dibuka Belum diisi 0 0 0 0 Draf Sangat Baik" in text_of(theirs)
    assert (
        '<li data-testid="tindakan-laporan_belum">Laporan realisasi Triwulan II 2026 belum '
        "diajukan" in theirs.content.decode()
    )


@pytest.mark.parametrize(
    ("role", "link"),
    [("pegawai", "/tukin/saya/"), ("admin", None), ("penilai", None)],
)
def test_allowance_section(agency, client_for, role, link):
    open_period("TW1", tahun=LIVE)
    allowance(agency.pegawai)
    url = (
        reverse("pemantauan:saya")
        if role == "pegawai"
        else reverse("pemantauan:pegawai", args=[agency.pegawai.pk])
    )
    response = client_for(role).get(url)
    html = response.content.decode()
    if role == "penilai":
        assert 'data-testid="tukin"' not in html
        return
    expected = link or reverse("tukin:pegawai", args=[agency.pegawai.pk, LIVE])
    assert f'<a href="{expected}" data-testid="ke-tukin">' in html
    bars = svg(response, "tukin-2026")
    assert 'aria-label="Tunjangan kinerja netto 2026"' in bars
    assert re.findall(r"<text [^>]*>(Rp[\d.]+)</text>", bars) == ["Rp3.781.000", "Rp3.743.190"]
    assert re.findall(r"<text [^>]*>(Rp[\d.]+)</text>", svg(response, "tukin-2025")) == [
        "Rp3.667.570"
    ]


def test_credit_points_section(agency, client_for):
    response = client_for("pegawai").get(reverse("pemantauan:saya"))
    assert 'data-testid="angka-kredit"' not in response.content.decode()
    functional(agency.pegawai)
    assess(agency.pegawai, 2024, P.SANGAT_BAIK)
    assess(agency.pegawai, 2025, P.BAIK)
    response = client_for("pegawai").get(reverse("pemantauan:saya"))
    bars = svg(response, "angka-kredit")
    assert re.findall(r"<text [^>]*>([\d,]+)</text>", bars) == ["18,75", "2024", "12,50", "2025"]
    text = text_of(response)
    assert "Jenjang saat ini: Ahli Pertama. Angka kredit kumulatif pada jenjang ini: 31,25." in text
    assert "Tahun Predikat Angka kredit 2024 Sangat Baik 18,75 2025 Baik 12,50" in text
    assert 'href="/angka-kredit/saya/" data-testid="ke-angka-kredit"' in response.content.decode()


# --- Query counts ------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


OWN_QUERIES = 17
PERSON_QUERIES = 16


def test_pinned_query_counts(agency, client_for):
    """One period and one month, then four periods with reports, evidence and assessments and
    three months: the same number of queries."""
    own, hr = client_for("pegawai"), client_for("admin")
    url = reverse("pemantauan:pegawai", args=[agency.pegawai.pk])
    history(agency.pegawai, 2025, [P.BAIK])
    open_period("TW1", tahun=LIVE)
    allowance(agency.pegawai, months=1)
    refresh()
    small = (count_queries(own, reverse("pemantauan:saya")), count_queries(hr, url))
    history(agency.pegawai, 2025, [None, *QUARTERS[1:]], annual=P.BAIK)
    live_year(agency)
    allowance(agency.pegawai, months=3)
    refresh()
    large = (count_queries(own, reverse("pemantauan:saya")), count_queries(hr, url))
    assert small == large == (OWN_QUERIES, PERSON_QUERIES)
