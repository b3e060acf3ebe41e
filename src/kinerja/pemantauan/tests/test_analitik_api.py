"""The rater analytics and integrity API under /api/v1/pemantauan/: permission matrices (401
anonymous, 404 outside the scope), exact bodies from the same selectors as the pages, 422 for
unknown filters, pinned query counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.aturan.enums import Predikat, Rating
from kinerja.conftest import ROLES
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.tests.analitik_factories import add_appraiser, at, item, rated, report, tw1
from kinerja.pemantauan.tests.factories import refresh
from kinerja.realisasi.enums import StatusBukti
from kinerja.realisasi.models import BuktiDukung

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)
API = "/api/v1/pemantauan"
HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
SB, B = Predikat.SANGAT_BAIK, Predikat.BAIK


def status_for(role: str, allowed: set[str]) -> int:
    if role == "anonim":
        return 401
    return 200 if role in allowed else 404


@pytest.fixture
def data(agency):
    """TW1: Budi rated Siti (Di Atas, 2 of 3 items rejected, verified after 1, 2 and 3 days)
    and Ahmad Sangat Baik and Rina Baik; Budi and Joko submitted the same file, Budi uploaded a
    link and one item late."""
    periode = tw1()
    rated(agency.pegawai, periode, SB, agency.penilai)
    rated(
        PegawaiFactory(unit=agency.bagian, penilai=agency.penilai, nama="Ahmad"),
        periode,
        SB,
        agency.penilai,
    )
    rated(
        PegawaiFactory(unit=agency.bagian, penilai=agency.penilai, nama="Rina"),
        periode,
        B,
        agency.penilai,
    )
    siti, rhk = report(agency.pegawai, periode)
    for days, status in (
        (1, StatusBukti.DITOLAK),
        (2, StatusBukti.DITOLAK),
        (3, StatusBukti.DITERIMA),
    ):
        uploaded = at(datetime.date(2026, 3, 2))
        item(
            siti,
            rhk,
            status=status,
            oleh=agency.penilai,
            diunggah=uploaded,
            diverifikasi=uploaded + datetime.timedelta(days=days),
        )
    budi, rhk_budi = report(agency.penilai, periode)
    joko, rhk_joko = report(agency.outsider, periode)
    item(budi, rhk_budi, sha256="d" * 64, diunggah=at(datetime.date(2026, 3, 3)))
    item(joko, rhk_joko, sha256="d" * 64, diunggah=at(datetime.date(2026, 3, 4)))
    item(budi, rhk_budi, diunggah=at(datetime.date(2026, 4, 6), 9))
    refresh(TODAY)
    return periode


@pytest.mark.parametrize("role", ROLES)
def test_rater_matrix(data, agency, client_for, role):
    client = client_for(role)
    assert client.get(f"{API}/penilai").status_code == status_for(role, HR_READERS | {"penilai"})
    response = client.get(f"{API}/penilai", {"unit": agency.biro.pk})
    assert response.status_code == status_for(role, HR_READERS)
    response = client.get(f"{API}/penilai", {"unit": agency.lain.pk})
    assert response.status_code == status_for(role, {"auditor", "superuser"})


@pytest.mark.parametrize("role", ROLES)
def test_integrity_matrix(data, agency, client_for, role):
    client = client_for(role)
    assert client.get(f"{API}/integritas").status_code == status_for(role, HR_READERS)
    response = client.get(f"{API}/integritas", {"unit": agency.lain.pk})
    assert response.status_code == status_for(role, {"auditor", "superuser"})


def pilihan(kode: str, label: str) -> dict[str, str]:
    return {"kode": kode, "label": label}


def test_rater_body(data, agency, client_for):
    body = client_for("admin").get(f"{API}/penilai").json()
    unit = agency.biro
    assert body["unit"] == {"id": unit.pk, "kode": "BU", "nama": "Biro Umum"}
    assert body["periode"] == {"id": data.pk, "kode": "TW1", "nama": "Triwulan I", "tahun": 2026}
    assert body["jenis_jabatan"] is None
    assert body["ambang"] == {
        "lunak": "0.5",
        "keras": "-0.5",
        "minimum_penilaian": 3,
        "porsi_dikembalikan": "0.5",
    }
    assert body["unit_distribusi"]["jumlah"] == 3
    assert body["unit_distribusi"]["rata_rata"] == "4.67"
    assert body["instansi_distribusi"]["jumlah"] == 3
    [row] = body["penilai"]
    assert row["penilai"] == {
        "id": agency.penilai.pk,
        "nip": agency.penilai.nip,
        "nama": "Budi Santoso",
    }
    assert row["unit_nama"] == "Bagian SDM"
    assert row["distribusi"]["predikat"][:2] == [
        {"predikat": pilihan("SANGAT_BAIK", "Sangat Baik"), "jumlah": 2, "persen": "66.7"},
        {"predikat": pilihan("BAIK", "Baik"), "jumlah": 1, "persen": "33.3"},
    ]
    assert row["kelonggaran"] == {
        "rata_rata_penilai": "4.67",
        "rata_rata_unit": "4.67",
        "indeks": "0.00",
        "kelas": pilihan("WAJAR", "Wajar"),
        "penjelasan": "Rata-rata skor penilai 4,67 − rata-rata unit 4,67 = 0,00 "
        "(antara −0,50 dan +0,50: wajar).",
    }
    assert row["kontradiksi"] == {"jumlah": 1, "persen": "33.3"}
    assert row["verifikasi"] == {
        "jumlah": 3,
        "median_hari": "2.0",
        "rata_rata_hari": "2.0",
        "menunggu_lewat_batas": 0,
    }
    assert body["kontradiksi"] == [
        {
            "penilai_id": agency.penilai.pk,
            "pegawai": {"id": agency.pegawai.pk, "nip": agency.pegawai.nip, "nama": "Siti Aminah"},
            "rating_hasil": pilihan("DI_ATAS", str(Rating.DI_ATAS.label)),
            "bukti": {"MENUNGGU": 0, "DITERIMA": 1, "PERLU_PERBAIKAN": 0, "DITOLAK": 2},
            "alasan": "Di Atas Ekspektasi, padahal 2 dari 3 bukti ditolak atau perlu perbaikan.",
        }
    ]
    assert (body["halaman"], body["jumlah_halaman"], body["jumlah_penilai"]) == (1, 1, 1)
    refreshed = Pembaruan.objects.get().selesai_pada
    shown = datetime.datetime.fromisoformat(body["diperbarui_pada"].replace("Z", "+00:00"))
    assert shown == refreshed.replace(microsecond=refreshed.microsecond // 1000 * 1000)


def test_rater_pages(agency, client_for, monkeypatch):
    from kinerja.pemantauan.selectors import analitik as analitik_selectors

    monkeypatch.setattr(analitik_selectors, "PENILAI_PER_HALAMAN", 1)
    periode = tw1()
    add_appraiser(agency, periode, 1)
    add_appraiser(agency, periode, 2)
    BuktiDukung.objects.update(status=StatusBukti.DITERIMA)  # Di Bawah, every item accepted
    refresh(TODAY)
    client = client_for("admin")
    first = client.get(f"{API}/penilai").json()
    second = client.get(f"{API}/penilai", {"halaman": 2}).json()
    assert [(b["halaman"], b["jumlah_halaman"], b["jumlah_penilai"]) for b in (first, second)] == [
        (1, 2, 2),
        (2, 2, 2),
    ]
    names = [first["penilai"][0]["penilai"]["nama"], second["penilai"][0]["penilai"]["nama"]]
    assert names == sorted(names)
    assert [case["penilai_id"] for case in second["kontradiksi"]] == [
        second["penilai"][0]["penilai"]["id"]
    ] * 2  # the page's appraiser's two cases only
    response = client.get(f"{API}/penilai", {"halaman": 0})
    assert response.status_code == 422
    assert response.json()["errors"] == {"halaman": ["Halaman dimulai dari 1."]}


def test_rater_filters(data, agency, client_for):
    client = client_for("superuser")
    body = client.get(f"{API}/penilai", {"jenis_jabatan": "Pelaksana", "periode": data.pk}).json()
    assert body["jenis_jabatan"] == pilihan("PELAKSANA", "Pelaksana")
    assert [row["distribusi"]["jumlah"] for row in body["penilai"]] == [3]
    response = client.get(f"{API}/penilai", {"periode": 999999})
    assert response.status_code == 422
    assert response.json()["errors"] == {"periode": ["Periode tidak ditemukan."]}
    response = client.get(f"{API}/penilai", {"jenis_jabatan": "Menteri"})
    assert response.json()["errors"] == {"jenis_jabatan": ["Jenis jabatan tidak dikenal."]}
    mine = client_for("penilai").get(f"{API}/penilai").json()
    assert mine["unit"]["kode"] == "BU-SDM"
    assert [row["penilai"]["nama"] for row in mine["penilai"]] == ["Budi Santoso"]


def test_integrity_body(data, agency, client_for):
    body = client_for("admin").get(f"{API}/integritas").json()
    assert body["unit"]["kode"] == "BU"
    assert (body["tahun"], body["periode"]) == (2026, None)
    assert body["ringkasan"] == [
        {
            "unit": {"id": agency.bagian.pk, "kode": "BU-SDM", "nama": "Bagian SDM"},
            "bukti": 5,
            "berkas_sama": 1,
            "tautan_sama": 0,
            "terlambat": 1,
        }
    ]
    assert body["ringkasan_halaman"] == {"halaman": 1, "jumlah_halaman": 1, "jumlah": 1}
    assert body["total"] == {"bukti": 5, "berkas_sama": 1, "tautan_sama": 0, "terlambat": 1}
    assert body["diperbarui_pada"] is not None
    reused = body["berkas_sama"]
    assert {k: reused[k] for k in ("halaman", "jumlah_halaman", "jumlah")} == {
        "halaman": 1,
        "jumlah_halaman": 1,
        "jumlah": 1,
    }
    assert reused["sinyal"] == pilihan("BERKAS_PEGAWAI_LAIN", "Berkas sama diajukan pegawai lain")
    [group] = reused["kelompok"]
    assert (group["kunci"], group["jumlah_pegawai"], group["pegawai_di_luar"]) == ("d" * 64, 2, 1)
    [use] = group["pemakaian"]
    assert use["pegawai"] == {
        "id": agency.penilai.pk,
        "nip": agency.penilai.nip,
        "nama": "Budi Santoso",
    }
    assert (use["periode"], use["status"]) == (
        "Triwulan I",
        pilihan("MENUNGGU", "Menunggu verifikasi"),
    )
    assert use["diunggah_pada"] == "2026-03-03T03:00:00Z"
    assert body["tautan_sama"]["kelompok"] == []
    late = body["terlambat"]
    assert late["sinyal"] == pilihan("TERLAMBAT", "Diunggah setelah batas realisasi")
    [one] = late["bukti"]
    assert (one["batas_realisasi"], one["pesan"]) == (
        "2026-04-05",
        "Diunggah 6 April 2026, setelah batas realisasi 5 April 2026.",
    )


def test_integrity_filters(data, agency, client_for):
    client = client_for("auditor")
    body = client.get(f"{API}/integritas", {"periode": data.pk, "unit": agency.lain.pk}).json()
    assert (body["tahun"], body["periode"]["kode"]) == (2026, "TW1")
    assert body["berkas_sama"]["kelompok"][0]["pegawai_di_luar"] == 1
    assert client.get(f"{API}/integritas", {"tahun": 2031}).json()["errors"] == {
        "tahun": ["Tahun kinerja 2031 belum dibuka."]
    }
    response = client.get(f"{API}/integritas", {"halaman": 0})
    assert (response.status_code, response.json()["errors"]) == (
        422,
        {"halaman": ["Halaman dimulai dari 1."]},
    )
    beyond = client.get(f"{API}/integritas", {"halaman": 7}).json()
    assert beyond["terlambat"]["halaman"] == 1  # the last page


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


API_QUERIES = {"penilai": 13, "integritas": 16}


@pytest.mark.parametrize("endpoint", list(API_QUERIES))
def test_pinned_query_counts(agency, client_for, endpoint):
    periode = tw1()
    client = client_for("admin")
    add_appraiser(agency, periode, 0)
    refresh(TODAY)
    one = count_queries(client, f"{API}/{endpoint}")
    add_appraiser(agency, periode, 1)
    add_appraiser(agency, periode, 2)
    refresh(TODAY)
    three = count_queries(client, f"{API}/{endpoint}")
    assert (one, three) == (API_QUERIES[endpoint], API_QUERIES[endpoint])
