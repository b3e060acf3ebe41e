"""The trend, projection, backtest and early-warning API under /api/v1/pemantauan/: permission
matrices (401 anonymous, 404 unreadable), exact bodies, 422 naming the bad filter, the state
before any refresh, and pinned query counts (the same for 1 and 3 rows)."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.tests.factories import history, refresh

pytestmark = pytest.mark.django_db
API = "/api/v1/pemantauan"
HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
AGENCY_READERS = {"auditor", "superuser"}
SB, B, BP = Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN


def status_for(role: str, allowed: set[str]) -> int:
    if role == "anonim":
        return 401
    return 200 if role in allowed else 404


def pilihan(kode: str, label: str) -> dict[str, str]:
    return {"kode": kode, "label": label}


def ref(pegawai, unit=None) -> dict[str, Any]:
    unit = unit or pegawai.unit
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "unit": {"id": unit.pk, "kode": unit.kode, "nama": unit.nama},
    }


@pytest.fixture
def data(agency):
    history(agency.pegawai, 2026, [B, BP, BP, BP], annual=B)
    history(agency.pegawai, 2025, [], annual=SB)
    history(agency.penilai, 2026, [BP, BP, B])
    agency.rina = PegawaiFactory(nama="Rina Marlina", unit=agency.bagian, penilai=agency.penilai)
    history(agency.rina, 2026, [SB, B, BP])
    history(agency.outsider, 2026, [B, B, B, BP])
    agency.run = refresh()
    return agency


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/tren", "/proyeksi", "/peringatan"])
def test_team_endpoints_matrix(data, client_for, role, path):
    client = client_for(role)
    assert client.get(f"{API}{path}").status_code == status_for(role, HR_READERS | {"penilai"})
    biro = client.get(f"{API}{path}?unit_id={data.biro.pk}")
    assert biro.status_code == status_for(role, HR_READERS)
    lain = client.get(f"{API}{path}?unit_id={data.lain.pk}")
    assert lain.status_code == status_for(role, AGENCY_READERS)


@pytest.mark.parametrize("role", ROLES)
def test_backtest_matrix(data, client_for, role):
    assert client_for(role).get(f"{API}/uji-balik").status_code == status_for(role, HR_READERS)


def test_trend_body(data, client_for):
    body = client_for("admin").get(f"{API}/tren?kelas=STAGNAN").json()
    assert body["unit"] == {"id": data.biro.pk, "kode": "BU", "nama": "Biro Umum"}
    assert body["diperbarui_pada"] is not None
    assert body["jenis"] == "periodik"
    assert body["jumlah"] == [
        {"tren": pilihan("NAIK", "Naik"), "jumlah": 1},
        {"tren": pilihan("STAGNAN", "Stagnan"), "jumlah": 1},
        {"tren": pilihan("TURUN", "Turun"), "jumlah": 1},
        {"tren": pilihan("BELUM_CUKUP_DATA", "Belum cukup data"), "jumlah": 0},
    ]
    (section,) = body["bagian"]
    assert {k: v for k, v in section.items() if k != "baris"} == {
        "tren": pilihan("STAGNAN", "Stagnan"),
        "jumlah": 1,
        "halaman": 1,
        "jumlah_halaman": 1,
    }
    (row,) = section["baris"]
    assert row["pegawai"] == ref(data.pegawai)
    assert row["seri"] == [
        {"label": "TW1 2026", "predikat": pilihan("BAIK", "Baik")},
        {"label": "TW2 2026", "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan")},
        {"label": "TW3 2026", "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan")},
        {"label": "TW4 2026", "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan")},
    ]
    assert row["seri_teks"] == "Baik → Butuh Perbaikan → Butuh Perbaikan → Butuh Perbaikan"
    assert (row["lama_terakhir"], row["penjelasan"]) == (
        3,
        "Stagnan di Butuh Perbaikan selama 3 periode.",
    )
    assert len(row["langkah"]) == 4


def test_annual_trends_of_a_team(data, client_for):
    body = client_for("penilai").get(f"{API}/tren?jenis=tahunan").json()
    assert body["unit"] is None
    assert [(s["tren"]["kode"], s["jumlah"]) for s in body["bagian"]] == [
        ("NAIK", 0),
        ("STAGNAN", 0),
        ("TURUN", 1),
    ]
    (row,) = body["bagian"][2]["baris"]
    assert [p["label"] for p in row["seri"]] == ["2025", "2026"]
    assert (row["lama_terakhir"], row["seri_teks"]) == (None, "Sangat Baik → Baik")


def test_projection_body(data, client_for):
    body = client_for("admin").get(f"{API}/proyeksi").json()
    assert body["model_dipakai"] is False
    assert body["kesimpulan"] == (
        "Model tidak dipakai: uji balik baru mencakup 6 perkiraan, kurang dari 20; proyeksi "
        "memakai predikat terakhir."
    )
    assert body["distribusi"]["periode_dasar"] == "Triwulan IV-Akhir 2026"
    assert (body["distribusi"]["anggota"], body["distribusi"]["tanpa_proyeksi"]) == (3, 0)
    assert body["distribusi"]["baris"][2] == {
        "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
        "aktual": 1,
        "harapan": "2.00",
        "rentang_bawah": 2,
        "rentang_atas": 2,
    }
    assert (body["jumlah"], body["halaman"], body["jumlah_halaman"]) == (3, 1, 1)
    rina = body["pegawai"][1]
    assert rina == {
        "pegawai": ref(data.rina),
        "dasar": "TW3 2026",
        "terakhir": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
        "proyeksi": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
        "peluang": "1",
        "peluang_teks": "100,0%",
        "risiko": "1",
        "risiko_teks": "100,0%",
        "semua": [
            {"predikat": pilihan("SANGAT_BAIK", "Sangat Baik"), "peluang": "0", "teks": "0,0%"},
            {"predikat": pilihan("BAIK", "Baik"), "peluang": "0", "teks": "0,0%"},
            {
                "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
                "peluang": "1",
                "teks": "100,0%",
            },
            {"predikat": pilihan("KURANG", "Kurang/Misconduct"), "peluang": "0", "teks": "0,0%"},
            {
                "predikat": pilihan("SANGAT_KURANG", "Sangat Kurang"),
                "peluang": "0",
                "teks": "0,0%",
            },
        ],
        "observasi": 0,
        "alasan": [
            "Model belum terbukti lebih tepat daripada perkiraan naif "
            "pada uji balik: proyeksi = predikat "
            "terakhir (Butuh Perbaikan)."
        ],
    }


def test_backtest_body(data, client_for):
    body = client_for("auditor").get(f"{API}/uji-balik").json()
    assert (body["terpilih"], body["dipakai"], body["minimum_uji"], body["langkah"]) == (
        "TANPA",
        False,
        20,
        10,
    )
    tanpa = body["kandidat"][0]
    assert (tanpa["pengkondisian"], tanpa["label"], tanpa["terpilih"]) == (
        "TANPA",
        "Predikat saja",
        True,
    )
    assert tanpa["total"] == {
        "label": "Jumlah",
        "jumlah": 6,
        "benar_model": 3,
        "benar_naif": 3,
        "akurasi_model": "50,0%",
        "akurasi_naif": "50,0%",
    }
    assert [p["label"] for p in tanpa["periode"]] == ["TW3 2026", "TW4 2026"]
    (table,) = body["transisi"]
    assert table["baris"][1] == {
        "asal": pilihan("BAIK", "Baik"),
        "jumlah": {
            "SANGAT_BAIK": 0,
            "BAIK": 2,
            "BUTUH_PERBAIKAN": 3,
            "KURANG": 0,
            "SANGAT_KURANG": 0,
        },
        "total": 5,
    }


def test_warning_body(data, client_for):
    body = client_for("penilai").get(f"{API}/peringatan").json()
    assert (body["unit"], body["jumlah"]) == (None, 2)
    assert body["pegawai"][:1] == [
        {
            "pegawai": ref(data.rina),
            "alasan": [
                "Predikat terakhir Butuh Perbaikan.",
                "Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi.",
            ],
            "terakhir": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
            "periode_terakhir": "TW3 2026",
            "proyeksi": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
            "risiko": "1.0000",
            "risiko_teks": "100,0%",
            "penilai": {"id": data.penilai.pk, "nip": data.penilai.nip, "nama": "Budi Santoso"},
        }
    ]
    everyone = client_for("superuser").get(f"{API}/peringatan").json()
    assert [row["pegawai"]["nama"] for row in everyone["pegawai"]] == [
        "Joko Widodo",
        "Rina Marlina",
        "Siti Aminah",
    ]
    assert everyone["pegawai"][2]["alasan"] == ["Predikat terakhir Butuh Perbaikan."]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/tren?jenis=harian", "jenis"),
        ("/tren?kelas=NAIK_TURUN", "kelas"),
        ("/tren?jenis_jabatan=PRESIDEN", "jenis_jabatan"),
        ("/proyeksi?jenis_jabatan=PRESIDEN", "jenis_jabatan"),
        ("/peringatan?jenis_jabatan=PRESIDEN", "jenis_jabatan"),
    ],
)
def test_bad_filters_are_422(data, client_for, query, field):
    response = client_for("admin").get(f"{API}{query}")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


def test_jenis_jabatan_filter(data, client_for):
    body = client_for("admin").get(f"{API}/peringatan?jenis_jabatan=jpt").json()
    assert body["jumlah"] == 0
    body = client_for("admin").get(f"{API}/peringatan?jenis_jabatan=PELAKSANA").json()
    assert body["jumlah"] == 2


def test_before_any_refresh(agency, client_for):
    client = client_for("admin")
    assert client.get(f"{API}/tren").json() == {
        "unit": {"id": agency.biro.pk, "kode": "BU", "nama": "Biro Umum"},
        "diperbarui_pada": None,
        "jenis": "periodik",
        "jumlah": [],
        "bagian": [],
    }
    projection = client.get(f"{API}/proyeksi").json()
    assert (projection["diperbarui_pada"], projection["pegawai"], projection["kesimpulan"]) == (
        None,
        [],
        "Belum ada uji balik: proyeksi memakai predikat terakhir.",
    )
    assert client.get(f"{API}/peringatan").json()["pegawai"] == []
    assert client.get(f"{API}/uji-balik").json()["kandidat"] == []


def extra(agency, n: int) -> None:
    for index in range(n):
        pegawai = PegawaiFactory(
            nama=f"Tambahan {index}", unit=agency.bagian, penilai=agency.penilai
        )
        history(pegawai, 2026, [SB, B, BP])
    refresh()


# session, user, roles, own employee record (+ whether an appraiser), the unit (HR), the last
# refresh, then the selector's reads.
QUERIES = [
    ("admin", "/tren?kelas=TURUN", 8),  # + outlook, page
    ("admin", "/proyeksi", 9),  # + outlook, summary, page (the count is stored)
    ("admin", "/peringatan", 8),  # + count, page
    ("admin", "/uji-balik", 5),  # + refresh
    ("penilai", "/tren?kelas=TURUN", 8),  # + counted, page
    ("penilai", "/proyeksi", 9),  # + base period, team, page
    ("penilai", "/peringatan", 8),  # + count, page
]


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize(("role", "path", "queries"), QUERIES)
def test_query_counts(agency, client_for, n, role, path, queries, django_assert_num_queries):
    extra(agency, n)
    client = client_for(role)
    with django_assert_num_queries(queries):
        response = client.get(f"{API}{path}")
    assert response.status_code == 200
