"""The employee's dashboard in the API (`GET /api/v1/pemantauan/saya` and `/pegawai/{id}`):
permission matrices (401 anonymous, 404 unreadable or without an employee record), exact
bodies, pinned query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.angka_kredit.tests.helpers import functional
from kinerja.aturan.enums import Predikat as P
from kinerja.conftest import ROLES
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.tests.factories import history, refresh
from kinerja.pemantauan.tests.test_pegawai_selectors import (
    LIVE,
    QUARTERS,
    allowance,
    live_year,
    quarters,
)
from kinerja.penilaian.models import Penilaian
from kinerja.realisasi.tests.factories import open_period
from kinerja.talenta.tests.factories import assess

pytestmark = pytest.mark.django_db
API = "/api/v1/pemantauan"
READERS_OF_SITI = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
WITH_EMPLOYEE_RECORD = {"pegawai", "penilai", "outsider"}


def status_for(role: str, allowed: set[str]) -> int:
    if role == "anonim":
        return 401
    return 200 if role in allowed else 404


def pilihan(kode: str, label: str) -> dict[str, str]:
    return {"kode": kode, "label": label}


@pytest.mark.parametrize("role", ROLES)
def test_my_dashboard_matrix(agency, client_for, role):
    response = client_for(role).get(f"{API}/saya")
    assert response.status_code == status_for(role, WITH_EMPLOYEE_RECORD)


@pytest.mark.parametrize("role", ROLES)
def test_a_person_s_dashboard_matrix(agency, client_for, role):
    response = client_for(role).get(f"{API}/pegawai/{agency.pegawai.pk}")
    assert response.status_code == status_for(role, READERS_OF_SITI)
    outsider = client_for(role).get(f"{API}/pegawai/{agency.outsider.pk}")
    assert outsider.status_code == status_for(role, {"outsider", "auditor", "superuser"})


def test_an_unknown_employee_is_404(agency, client_for):
    assert client_for("superuser").get(f"{API}/pegawai/999999").status_code == 404


def test_the_profile_of_four_quarters(agency, client_for):
    quarters(agency)
    body = client_for("pegawai").get(f"{API}/saya").json()
    unit = agency.bagian
    assert body["pegawai"] == {
        "id": agency.pegawai.pk,
        "nip": agency.pegawai.nip,
        "nama": "Siti Aminah",
        "jabatan": agency.pegawai.jabatan.nama,
        "unit": {"id": unit.pk, "kode": "BU-SDM", "nama": "Bagian SDM"},
    }
    assert body["pembaruan"]["id"] == Pembaruan.objects.get().pk
    profil = body["profil"]
    assert profil["periodik"] == {
        "titik": [
            {"label": "TW1 2025", "predikat": pilihan("SANGAT_BAIK", "Sangat Baik")},
            {"label": "TW2 2025", "predikat": pilihan("BAIK", "Baik")},
            {"label": "TW3 2025", "predikat": pilihan("BAIK", "Baik")},
            {"label": "TW4 2025", "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan")},
        ],
        "tren": pilihan("TURUN", "Turun"),
        "ringkasan": "Tren turun: predikat terakhir Butuh Perbaikan.",
        "langkah": [
            "Skor predikat: Sangat Baik 5, Baik 4, Butuh Perbaikan 3, Kurang 2, Sangat Kurang 1.",
            "Jendela 3 periode terakhir: Baik → Baik → Butuh Perbaikan.",
            "Skor terakhir 3 dibandingkan rata-rata sebelumnya 4,00: selisih -1,00.",
            "Ambang naik/turun ±1,00: tren turun.",
        ],
        "selisih": "-1",
    }
    assert profil["tahunan"]["titik"] == [{"label": "2025", "predikat": pilihan("BAIK", "Baik")}]
    assert profil["tahunan"]["tren"] == pilihan("BELUM_CUKUP_DATA", "Belum cukup data")
    assert profil["lama_periodik"] == 1
    assert profil["proyeksi"] == {
        "dasar": "TW4 2025",
        "terpilih": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
        "peluang": [
            {"predikat": pilihan("SANGAT_BAIK", "Sangat Baik"), "nilai": "0", "persen": "0,0%"},
            {"predikat": pilihan("BAIK", "Baik"), "nilai": "0", "persen": "0,0%"},
            {
                "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
                "nilai": "1",
                "persen": "100,0%",
            },
            {"predikat": pilihan("KURANG", "Kurang/Misconduct"), "nilai": "0", "persen": "0,0%"},
            {"predikat": pilihan("SANGAT_KURANG", "Sangat Kurang"), "nilai": "0", "persen": "0,0%"},
        ],
        "observasi": 0,
        "sumber": "NAIF",
        "dipakai": False,
        "kondisi": pilihan("LEMAH", "Lemah"),
        "risiko": "100,0%",
        "alasan": [
            "Model belum terbukti lebih tepat daripada perkiraan naif "
            "pada uji balik: proyeksi = predikat "
            "terakhir (Butuh Perbaikan)."
        ],
    }
    assert (profil["peringatan"], profil["alasan_peringatan"]) == (
        True,
        [
            "Predikat terakhir Butuh Perbaikan.",
            "Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi.",
        ],
    )
    assert body["kemajuan"]["tahun"] == 2025
    assert body["tindakan"] == [
        {"kode": "skp_belum", "teks": "SKP tahun 2025 belum dibuat.", "url": "/skp/?tahun=2025"}
    ]
    assert body["angka_kredit"] is None


def test_without_refresh(agency, client_for):
    history(agency.pegawai, 2025, QUARTERS)
    body = client_for("pegawai").get(f"{API}/saya").json()
    assert (body["pembaruan"], body["profil"]) == (None, None)


def test_progress_actions_and_allowance(agency, client_for):
    laporan = live_year(agency)
    allowance(agency.pegawai)
    body = client_for("penilai").get(f"{API}/pegawai/{agency.pegawai.pk}").json()
    kemajuan = body["kemajuan"]
    assert kemajuan["tahun"] == LIVE
    assert kemajuan["skp"]["status"] == pilihan("DISETUJUI", "Disetujui")
    first, second = kemajuan["periode"][:2]
    tw1 = Penilaian.objects.get(periode__kode="TW1")
    assert first == {
        "id": laporan.periode_id,
        "kode": "TW1",
        "nama": "Triwulan I 2026",
        "status": pilihan("DIBUKA", "Dibuka"),
        "laporan": {"id": laporan.pk, "status": pilihan("PERLU_PERBAIKAN", "Perlu perbaikan")},
        "bukti": {"diterima": 1, "perlu_perbaikan": 1, "ditolak": 1, "menunggu": 1, "total": 4},
        "penilaian": {
            "id": tw1.pk,
            "status": pilihan("FINAL", "Ditetapkan"),
            "predikat": pilihan("BAIK", "Baik"),
        },
    }
    assert second["penilaian"]["predikat"] == pilihan("SANGAT_BAIK", "Sangat Baik")
    assert [(t["kode"], t["url"]) for t in body["tindakan"]] == [
        ("laporan_perbaikan", f"/realisasi/{laporan.pk}/"),
        ("bukti_perbaikan", f"/realisasi/{laporan.pk}/"),
        ("laporan_belum", ""),
        ("keberatan", f"/penilaian/{tw1.pk}/"),
    ]
    assert body["tukin"] is None  # the appraiser does not read the pay
    own = client_for("pegawai").get(f"{API}/saya").json()
    assert own["kemajuan"]["periode"][1]["penilaian"]["predikat"] is None  # own draft hidden
    assert own["tukin"] == [
        {
            "tahun": LIVE,
            "bulan": [
                {"bulan": 1, "netto": 3_781_000, "netto_tampil": "Rp3.781.000"},
                {"bulan": 2, "netto": 3_743_190, "netto_tampil": "Rp3.743.190"},
            ],
            "jumlah_netto": 7_524_190,
            "jumlah_netto_tampil": "Rp7.524.190",
        },
        {
            "tahun": LIVE - 1,
            "bulan": [{"bulan": 12, "netto": 3_667_570, "netto_tampil": "Rp3.667.570"}],
            "jumlah_netto": 3_667_570,
            "jumlah_netto_tampil": "Rp3.667.570",
        },
    ]


def test_credit_points(agency, client_for):
    functional(agency.pegawai)
    assess(agency.pegawai, 2024, P.SANGAT_BAIK)
    assess(agency.pegawai, 2025, P.BAIK)
    body = client_for("admin").get(f"{API}/pegawai/{agency.pegawai.pk}").json()
    assert body["angka_kredit"] == {
        "jenjang": pilihan("AHLI_PERTAMA", "Ahli Pertama"),
        "kumulatif": "31,25",
        "tahun": [
            {
                "tahun": 2024,
                "final": True,
                "predikat": pilihan("SANGAT_BAIK", "Sangat Baik"),
                "angka_kredit": "18.750",
                "angka_kredit_tampil": "18,75",
            },
            {
                "tahun": 2025,
                "final": True,
                "predikat": pilihan("BAIK", "Baik"),
                "angka_kredit": "12.500",
                "angka_kredit_tampil": "12,50",
            },
        ],
    }


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


OWN_QUERIES = 17
PERSON_QUERIES = 16


def test_pinned_query_counts(agency, client_for):
    own, hr = client_for("pegawai"), client_for("admin")
    person = f"{API}/pegawai/{agency.pegawai.pk}"
    history(agency.pegawai, 2025, [P.BAIK])
    open_period("TW1", tahun=LIVE)
    allowance(agency.pegawai, months=1)
    refresh()
    small = (count_queries(own, f"{API}/saya"), count_queries(hr, person))
    history(agency.pegawai, 2025, [None, *QUARTERS[1:]], annual=P.BAIK)
    live_year(agency)
    allowance(agency.pegawai, months=3)
    refresh()
    large = (count_queries(own, f"{API}/saya"), count_queries(hr, person))
    assert small == large == (OWN_QUERIES, PERSON_QUERIES)
