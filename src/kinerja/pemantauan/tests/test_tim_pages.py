"""The team dashboard page and its XLSX export: the permission matrix (an appraiser sees their
team; everyone who appraises nobody gets 404, a superuser too unless they appraise someone), what
the page shows for the constructed team (status, totals, links to the actions, the charts, the
trends or the notice that no refresh ran yet), the period filter, the workbook's cells, and the
same number of queries for 1 and 4 members."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.organisasi.tests.factories import PegawaiFactory, pegawai_with_account
from kinerja.pemantauan.models import ProfilPegawai, RingkasanUnit
from kinerja.pemantauan.rules.peringatan import reasons_text
from kinerja.pemantauan.tests.factories import history, refresh
from kinerja.pemantauan.tests.test_tim_selectors import TAHUN, build_team, with_history
from kinerja.periode.models import Periode
from kinerja.realisasi.tests.factories import report_for
from kinerja.skp.models import Rhk
from kinerja.talenta.tests.factories import assess

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = ("pemantauan:tim", "pemantauan:tim-ekspor")


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("akun:login"))


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_permission_matrix(agency, client_for, role, name):
    build_team(agency, full=False)
    response = client_for(role).get(reverse(name))
    if role == "anonim":
        assert is_login_redirect(response)
    elif role == "penilai":
        assert response.status_code == 200
        if name == "pemantauan:tim-ekspor":
            assert response["Content-Type"] == XLSX
            assert response["Content-Disposition"] == 'attachment; filename="tim-tw3-2026.xlsx"'
    else:
        assert response.status_code == 404, role


@pytest.mark.parametrize("name", PAGES)
def test_a_superuser_who_appraises_someone_sees_their_team(agency, name):
    build_team(agency, full=False)
    client = Client()
    client.force_login(agency.superuser)
    assert client.get(reverse(name)).status_code == 404
    me = PegawaiFactory(nama="Super Admin", unit=agency.root, pengguna=agency.superuser)
    PegawaiFactory(nama="Wati Susanti", unit=agency.root, penilai=me)
    client = Client()
    client.force_login(agency.superuser)
    response = client.get(reverse(name))
    assert response.status_code == 200
    if name == "pemantauan:tim":
        assert [row.pegawai.nama for row in response.context["dasbor"].baris] == ["Wati Susanti"]


def test_an_appraiser_whose_appraisees_all_left_gets_404(agency, client_for):
    build_team(agency, full=False)
    agency.pegawai.aktif = False
    agency.pegawai.save(update_fields=["aktif"])
    assert client_for("penilai").get(reverse("pemantauan:tim")).status_code == 404


def test_the_team_status(agency, client_for):
    tim = build_team(agency)
    response = client_for("penilai").get(reverse("pemantauan:tim"))
    assert response.status_code == 200
    assert response.context["periode"] == tim.periode
    html = response.content.decode()
    page = text(response)
    waited = format_date(timezone.localdate(response.context["dasbor"].total.menunggu_sejak))
    assert (
        "1 SKP menunggu persetujuan 2 bukti dukung menunggu verifikasi terlama sejak "
        f"{waited} (3 hari) 1 penilaian belum diberikan"
    ) in page
    assert "Status tim: Triwulan III 2026" in page
    assert (
        f"Siti Aminah {tim.siti.nip} · {tim.siti.jabatan.nama} · Bagian SDM Disetujui Diajukan 2 "
        f"sejak {waited} (3 hari) Belum dinilai Verifikasi bukti dukung Beri penilaian"
    ) in page
    assert f"Andi Wijaya {tim.andi.nip} · {tim.andi.jabatan.nama} · Bagian SDM Diajukan" in page
    assert "Belum ada laporan 0 Draf: Baik Periksa SKP Ubah draf penilaian" in page
    assert "Disetujui Draf 0 Ditetapkan: Sangat Baik Lihat penilaian" in page
    assert "Dikecualikan: Cuti besar Belum ada SKP Belum ada laporan 0 Tidak dinilai" in page
    assert "4 anggota 1 dikecualikan 1 menunggu persetujuan 2 1 belum dinilai" in page
    laporan, siti, andi = tim.laporan.pk, tim.siti.pk, tim.andi.pk
    skp = tim.andi.skp.get().pk
    periode = tim.periode.pk
    assert f'<a href="/realisasi/{laporan}/">Verifikasi bukti dukung</a>' in html
    assert f'<a href="/penilaian/pegawai/{siti}/periode/{periode}/">Beri penilaian</a>' in html
    assert f'<a href="/skp/{skp}/">Periksa SKP</a>' in html
    assert f'<a href="/penilaian/pegawai/{andi}/periode/{periode}/">Ubah draf penilaian</a>' in html
    assert f'href="/penilaian/pegawai/{tim.eko.pk}/' not in html
    assert f'href="/pemantauan/tim/ekspor.xlsx?periode={periode}"' in html


def test_the_distribution_and_the_curve_group(agency, client_for):
    tim = build_team(agency)
    response = client_for("penilai").get(reverse("pemantauan:tim"))
    html, page = response.content.decode(), text(response)
    assert 'class="grafik" data-grafik="tim-sebaran"' in html
    assert re.search(r'y="16" width="\d+" height="164" fill="#2563eb"><title>Sangat Baik: 1<', html)
    assert "Penilaian anggota tim pada periode ini: 1 ditetapkan, 1 draf." in page
    assert (
        "Sangat Baik 1 0 1 Baik 0 1 1 Butuh Perbaikan 0 0 0 Kurang/Misconduct 0 0 0 "
        "Sangat Kurang 0 0 0"
    ) in page
    assert "Bagian SDM BU-SDM Baik 3 Belum ditetapkan Belum diperbarui Monitoring kurva" in page
    group = agency.bagian.pk
    assert f'<a href="/penilaian/kurva/{group}/periode/{tim.periode.pk}/">' in html

    refresh()
    page = text(client_for("penilai").get(reverse("pemantauan:tim")))
    stored = RingkasanUnit.objects.get(unit=agency.bagian, periode=tim.periode, jenis_jabatan="")
    when = timezone.localtime(stored.diperbarui_pada)
    assert (
        "Bagian SDM BU-SDM Baik 3 Belum ditetapkan Terlalu kecil untuk dinilai per "
        f"{format_date(when.date())} {when:%H.%M} Monitoring kurva"
    ) in page


def test_no_refresh_yet(agency, client_for):
    tim = build_team(agency)
    with_history(tim)
    response = client_for("penilai").get(reverse("pemantauan:tim"))
    page = text(response)
    assert (
        "Data pemantauan belum diperbarui: tren, proyeksi, dan peringatan dini muncul setelah "
        "pembaruan pertama. Status tim di atas selalu terkini."
    ) in page
    assert "Siti Aminah" in page
    assert 'data-grafik="tim-tren"' not in response.content.decode()


def test_the_trends(agency, client_for):
    tim = build_team(agency)
    with_history(tim)
    run = refresh()
    response = client_for("penilai").get(reverse("pemantauan:tim"))
    html, page = response.content.decode(), text(response)
    finished = timezone.localtime(run.selesai_pada)
    assert f"Data pemantauan diperbarui {format_date(finished.date())} {finished:%H.%M}." in page
    assert html.count('class="grafik grafik-mini" data-grafik="tim-tren"') == 3
    assert 'viewBox="114 10 172 60" width="172" height="60"' in html
    assert 'aria-label="Predikat periodik Siti Aminah"' in html
    assert '<polyline points="120,28 173,28 227,28 280,40"' in html
    assert (
        "TW1 2025: Baik · TW2 2025: Baik · TW3 2025: Baik · TW4 2025: Butuh Perbaikan Turun "
        "Tren turun: predikat terakhir Butuh Perbaikan. Tren tahunan: Belum cukup data "
        "Butuh Perbaikan (100,0%) Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat terakhir (Butuh Perbaikan). Peringatan Predikat "
        "terakhir "
        "Butuh Perbaikan. Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi."
    ) in page
    assert "Stagnan Stagnan di Butuh Perbaikan selama 4 periode." in page
    assert f'data-testid="tren-{tim.andi.pk}"' in html


def test_the_period_filter(agency, client_for):
    tim = build_team(agency)
    history(tim.siti, 2025, [Predikat.BAIK, None, None, Predikat.BUTUH_PERBAIKAN])
    tw4 = Periode.objects.get(tahun__tahun=2025, kode="TW4")
    response = client_for("penilai").get(reverse("pemantauan:tim"), {"periode": tw4.pk})
    assert response.context["periode"] == tw4
    page = text(response)
    assert "Status tim: Triwulan IV-Akhir 2025" in page
    assert "SKP 2025" in page
    assert [(s.predikat, s.final) for s in response.context["dasbor"].sebaran][:3] == [
        (Predikat.SANGAT_BAIK, 0),
        (Predikat.BAIK, 0),
        (Predikat.BUTUH_PERBAIKAN, 1),
    ]
    assert "Siti Aminah" in page
    assert "Ditetapkan: Butuh Perbaikan Lihat penilaian" in page

    for wanted in ("abc", "999999"):
        response = client_for("penilai").get(reverse("pemantauan:tim"), {"periode": wanted})
        assert response.status_code == 200
        assert response.context["periode"] == tim.periode
        assert response.context["form"].errors["periode"]
    unknown = client_for("penilai").get(reverse("pemantauan:tim"), {"periode": 999999})
    assert "Periode tidak ditemukan; ditampilkan periode bawaan." in text(unknown)


def test_no_period_started_yet(agency, client_for):
    response = client_for("penilai").get(reverse("pemantauan:tim"))
    assert response.status_code == 200
    assert "Belum ada periode kinerja yang dimulai." in text(response)
    assert client_for("penilai").get(reverse("pemantauan:tim-ekspor")).status_code == 404


def cells(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def test_the_export(agency, client_for):
    tim = build_team(agency)
    with_history(tim)
    refresh()
    response = client_for("penilai").get(
        reverse("pemantauan:tim-ekspor"), {"periode": tim.periode.pk}
    )
    assert response["Content-Type"] == XLSX
    assert response["Cache-Control"] == "private, no-store"
    book = cells(response.content)
    assert list(book) == ["Status tim", "Sebaran predikat", "Tren"]
    waited = timezone.localtime(
        client_for("penilai").get(reverse("pemantauan:tim")).context["dasbor"].total.menunggu_sejak
    ).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    status = book["Status tim"]
    assert status[0] == (
        "NIP",
        "Nama",
        "Jabatan",
        "Unit",
        "Dikecualikan",
        "SKP 2026",
        "Laporan realisasi",
        "Bukti menunggu verifikasi",
        "Menunggu sejak",
        "Lama menunggu (hari)",
        "Penilaian",
        "Predikat",
    )
    assert [row[:4] for row in status[1:5]] == [
        (p.nip, p.nama, p.jabatan.nama, "Bagian SDM")
        for p in (tim.andi, tim.dewi, tim.eko, tim.siti)
    ]
    assert [row[4:] for row in status[1:]] == [
        (None, "Diajukan", "Belum ada laporan", 0, None, None, "Draf", "Baik"),
        (None, "Disetujui", "Draf", 0, None, None, "Ditetapkan", "Sangat Baik"),
        ("Cuti besar", "Belum ada SKP", "Belum ada laporan", 0, None, None, "Tidak dinilai", None),
        (None, "Disetujui", "Diajukan", 2, waited, 3, "Belum dinilai", None),
        (1, "1 menunggu persetujuan", None, 2, waited, 3, "1 belum dinilai", None),
    ]
    assert status[5][:4] == ("Jumlah", "4 anggota", None, None)
    assert book["Sebaran predikat"] == [
        ("Predikat", "Ditetapkan", "Draf", "Jumlah", None, None),
        ("Sangat Baik", 1, 0, 1, None, None),
        ("Baik", 0, 1, 1, None, None),
        ("Butuh Perbaikan", 0, 0, 0, None, None),
        ("Kurang/Misconduct", 0, 0, 0, None, None),
        ("Sangat Kurang", 0, 0, 0, None, None),
        (None, None, None, None, None, None),
        (
            "Kelompok kurva",
            "Kode unit",
            "Capaian kinerja organisasi",
            "Anggota tim",
            "Penetapan",
            "Kesesuaian kurva",
        ),
        ("Bagian SDM", "BU-SDM", "Baik", 3, "Belum ditetapkan", "Terlalu kecil untuk dinilai"),
    ]
    trend = book["Tren"]
    assert [row[:4] for row in trend] == [
        ("NIP", "Nama", "Predikat periodik", "Tren periodik"),
        (
            tim.andi.nip,
            "Andi Wijaya",
            ", ".join(f"TW{i} 2025: Butuh Perbaikan" for i in range(1, 5)),
            "Stagnan",
        ),
        (tim.dewi.nip, "Dewi Lestari", "TW3 2026: Sangat Baik", "Belum cukup data"),
        (
            tim.siti.nip,
            "Siti Aminah",
            "TW1 2025: Baik, TW2 2025: Baik, TW3 2025: Baik, TW4 2025: Butuh Perbaikan",
            "Turun",
        ),
    ]
    assert trend[3][4:] == (
        "Tren turun: predikat terakhir Butuh Perbaikan.",
        "Belum cukup data",
        "Butuh Perbaikan",
        "100,0%",
        "100,0%",
        "Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat "
        "terakhir (Butuh Perbaikan).",
        "Ya",
        "Predikat terakhir Butuh Perbaikan. Rating hasil kerja turun dari Sesuai Ekspektasi ke "
        "Di Bawah Ekspektasi.",
    )
    andi = ProfilPegawai.objects.get(pegawai=tim.andi)
    reasons = reasons_text(andi.alasan_peringatan) if andi.peringatan else []
    assert trend[1][10:] == ("Ya" if andi.peringatan else "Tidak", " ".join(reasons) or None)


def queries_for(client: Client, name: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_query_counts_are_pinned(agency, client_for):
    tim = build_team(agency, full=False)
    with_history(tim)
    refresh()
    client = client_for("penilai")
    one = {name: queries_for(client, name) for name in PAGES}
    budi_rhk = Rhk.objects.filter(skp__pegawai=agency.penilai).get()
    for nama in ("Andi Wijaya", "Dewi Lestari", "Eko Prasetyo"):
        other = pegawai_with_account(nama=nama, unit=agency.bagian, penilai=agency.penilai)
        report_for(other, tim.periode, rhk_atasan=budi_rhk)
        assess(other, TAHUN, Predikat.BAIK, kode="TW3", final=False)
        history(other, 2025, [Predikat.BAIK, Predikat.BAIK])
    refresh()
    client = client_for("penilai")
    with CaptureQueriesContext(connection):
        response = client.get(reverse("pemantauan:tim"))
    assert len(response.context["dasbor"].baris) == 4
    assert len(response.context["dasbor"].tren) == 4
    many = {name: queries_for(client, name) for name in PAGES}
    assert many == one == {"pemantauan:tim": 16, "pemantauan:tim-ekspor": 16}
