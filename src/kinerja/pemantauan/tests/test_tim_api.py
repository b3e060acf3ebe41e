"""The team dashboard API (`GET /api/v1/pemantauan/tim`): the permission matrix (401 anonymous,
404 for who appraises nobody), the exact body for the constructed team, 422 naming `periode`
for an unknown period, and the same number of queries for 1 and 4 members."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory, pegawai_with_account
from kinerja.pemantauan.models import ProfilPegawai, RingkasanUnit
from kinerja.pemantauan.rules.peringatan import reasons_text
from kinerja.pemantauan.tests.factories import history, refresh
from kinerja.pemantauan.tests.test_tim_selectors import TAHUN, build_team, with_history
from kinerja.realisasi.models import Laporan
from kinerja.realisasi.tests.factories import report_for
from kinerja.skp.models import Rhk, Skp
from kinerja.talenta.tests.factories import assess

pytestmark = pytest.mark.django_db
URL = "/api/v1/pemantauan/tim"


def iso(moment: datetime.datetime | None) -> str | None:
    """A moment as the API writes it (ISO 8601 in UTC to the millisecond, `Z` for +00:00)."""
    if moment is None:
        return None
    utc = moment.astimezone(datetime.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def pilihan(kode: str, label: str) -> dict[str, str]:
    return {"kode": kode, "label": label}


def who(pegawai: Pegawai) -> dict[str, Any]:
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "jabatan": pegawai.jabatan.nama,
        "unit": {"id": pegawai.unit.pk, "kode": pegawai.unit.kode, "nama": pegawai.unit.nama},
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(agency, client_for, role):
    build_team(agency, full=False)
    response = client_for(role).get(URL)
    expected = {"anonim": 401, "penilai": 200}.get(role, 404)
    assert response.status_code == expected, role


def test_a_superuser_who_appraises_someone(agency):
    build_team(agency, full=False)
    client = Client()
    client.force_login(agency.superuser)
    assert client.get(URL).status_code == 404
    me = PegawaiFactory(nama="Super Admin", unit=agency.root, pengguna=agency.superuser)
    wati = PegawaiFactory(nama="Wati Susanti", unit=agency.root, penilai=me)
    client = Client()
    client.force_login(agency.superuser)
    response = client.get(URL)
    assert response.status_code == 200
    assert [row["pegawai"]["id"] for row in response.json()["anggota"]] == [wati.pk]


def test_the_body(agency, client_for):
    tim = build_team(agency)
    with_history(tim)
    run = refresh()
    response = client_for("penilai").get(URL)
    assert response.status_code == 200
    body = response.json()
    periode = tim.periode.pk
    laporan = Laporan.objects.get(pk=tim.laporan.pk)
    siti_skp = Skp.objects.get(pegawai=tim.siti)
    andi_skp = Skp.objects.get(pegawai=tim.andi)
    dewi_skp = Skp.objects.get(pegawai=tim.dewi)
    dewi_laporan = Laporan.objects.get(skp=dewi_skp)
    andi_nilai = tim.andi.penilaian.get(periode=tim.periode)
    dewi_nilai = tim.dewi.penilaian.get(periode=tim.periode)
    assert body["periode"] == {"id": periode, "tahun": 2026, "kode": "TW3", "nama": "Triwulan III"}
    assert body["pembaruan"] == iso(run.selesai_pada)
    belum = pilihan("BELUM", "Belum dinilai")
    assert body["anggota"] == [
        {
            "pegawai": who(tim.andi),
            "dikecualikan": None,
            "skp": {"id": andi_skp.pk, "status": pilihan("DIAJUKAN", "Diajukan")},
            "laporan": None,
            "bukti_menunggu": 0,
            "menunggu_sejak": None,
            "lama_menunggu_hari": None,
            "penilaian": {
                "id": andi_nilai.pk,
                "status": pilihan("DRAF", "Draf"),
                "predikat": pilihan("BAIK", "Baik"),
            },
            "tindakan": [
                {"kode": "PERIKSA_SKP", "label": "Periksa SKP", "url": f"/skp/{andi_skp.pk}/"},
                {
                    "kode": "PENILAIAN",
                    "label": "Ubah draf penilaian",
                    "url": f"/penilaian/pegawai/{tim.andi.pk}/periode/{periode}/",
                },
            ],
        },
        {
            "pegawai": who(tim.dewi),
            "dikecualikan": None,
            "skp": {"id": dewi_skp.pk, "status": pilihan("DISETUJUI", "Disetujui")},
            "laporan": {"id": dewi_laporan.pk, "status": pilihan("DRAF", "Draf")},
            "bukti_menunggu": 0,
            "menunggu_sejak": None,
            "lama_menunggu_hari": None,
            "penilaian": {
                "id": dewi_nilai.pk,
                "status": pilihan("FINAL", "Ditetapkan"),
                "predikat": pilihan("SANGAT_BAIK", "Sangat Baik"),
            },
            "tindakan": [
                {
                    "kode": "PENILAIAN",
                    "label": "Lihat penilaian",
                    "url": f"/penilaian/pegawai/{tim.dewi.pk}/periode/{periode}/",
                }
            ],
        },
        {
            "pegawai": who(tim.eko),
            "dikecualikan": pilihan("CUTI_BESAR", "Cuti besar"),
            "skp": None,
            "laporan": None,
            "bukti_menunggu": 0,
            "menunggu_sejak": None,
            "lama_menunggu_hari": None,
            "penilaian": {"id": None, "status": belum, "predikat": None},
            "tindakan": [],
        },
        {
            "pegawai": who(tim.siti),
            "dikecualikan": None,
            "skp": {"id": siti_skp.pk, "status": pilihan("DISETUJUI", "Disetujui")},
            "laporan": {"id": laporan.pk, "status": pilihan("DIAJUKAN", "Diajukan")},
            "bukti_menunggu": 2,
            "menunggu_sejak": iso(laporan.diajukan_pada),
            "lama_menunggu_hari": 3,
            "penilaian": {"id": None, "status": belum, "predikat": None},
            "tindakan": [
                {
                    "kode": "VERIFIKASI_BUKTI",
                    "label": "Verifikasi bukti dukung",
                    "url": f"/realisasi/{laporan.pk}/",
                },
                {
                    "kode": "PENILAIAN",
                    "label": "Beri penilaian",
                    "url": f"/penilaian/pegawai/{tim.siti.pk}/periode/{periode}/",
                },
            ],
        },
    ]
    assert body["total"] == {
        "anggota": 4,
        "dikecualikan": 1,
        "skp_menunggu": 1,
        "bukti_menunggu": 2,
        "belum_dinilai": 1,
        "menunggu_sejak": iso(laporan.diajukan_pada),
        "lama_menunggu_hari": 3,
    }
    assert body["sebaran"] == [
        {"predikat": pilihan("SANGAT_BAIK", "Sangat Baik"), "final": 1, "draf": 0, "jumlah": 1},
        {"predikat": pilihan("BAIK", "Baik"), "final": 0, "draf": 1, "jumlah": 1},
        {
            "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
            "final": 0,
            "draf": 0,
            "jumlah": 0,
        },
        {"predikat": pilihan("KURANG", "Kurang/Misconduct"), "final": 0, "draf": 0, "jumlah": 0},
        {"predikat": pilihan("SANGAT_KURANG", "Sangat Kurang"), "final": 0, "draf": 0, "jumlah": 0},
    ]
    stored = RingkasanUnit.objects.get(unit=agency.bagian, periode=tim.periode, jenis_jabatan="")
    assert body["kelompok"] == [
        {
            "unit": {"id": agency.bagian.pk, "kode": "BU-SDM", "nama": "Bagian SDM"},
            "predikat_organisasi": pilihan("BAIK", "Baik"),
            "anggota_tim": 3,
            "ditetapkan": False,
            "kesesuaian": pilihan("TERLALU_KECIL", "Terlalu kecil untuk dinilai"),
            "diperbarui_pada": iso(stored.diperbarui_pada),
        }
    ]
    assert body["tanpa_kelompok"] == 0
    assert [(t["pegawai"]["nama"], t["tren"]["kode"]) for t in body["tren"]] == [
        ("Andi Wijaya", "STAGNAN"),
        ("Dewi Lestari", "BELUM_CUKUP_DATA"),
        ("Siti Aminah", "TURUN"),
    ]
    assert body["tren"][2] == {
        "pegawai": who(tim.siti),
        "seri": [
            {"label": "TW1 2025", "predikat": pilihan("BAIK", "Baik")},
            {"label": "TW2 2025", "predikat": pilihan("BAIK", "Baik")},
            {"label": "TW3 2025", "predikat": pilihan("BAIK", "Baik")},
            {"label": "TW4 2025", "predikat": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan")},
        ],
        "tren": pilihan("TURUN", "Turun"),
        "tren_tahunan": pilihan("BELUM_CUKUP_DATA", "Belum cukup data"),
        "penjelasan": "Tren turun: predikat terakhir Butuh Perbaikan.",
        "langkah": [
            "Skor predikat: Sangat Baik 5, Baik 4, Butuh Perbaikan 3, Kurang 2, Sangat Kurang 1.",
            "Jendela 3 periode terakhir: Baik → Baik → Butuh Perbaikan.",
            "Skor terakhir 3 dibandingkan rata-rata sebelumnya 4,00: selisih -1,00.",
            "Ambang naik/turun ±1,00: tren turun.",
        ],
        "proyeksi": pilihan("BUTUH_PERBAIKAN", "Butuh Perbaikan"),
        "peluang": "100,0%",
        "risiko": "100,0%",
        "dasar_proyeksi": [
            "Model belum terbukti lebih tepat daripada perkiraan naif "
            "pada uji balik: proyeksi = "
            "predikat terakhir (Butuh Perbaikan)."
        ],
        "peringatan": True,
        "alasan": [
            "Predikat terakhir Butuh Perbaikan.",
            "Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi.",
        ],
    }
    andi = ProfilPegawai.objects.get(pegawai=tim.andi)
    assert (body["tren"][0]["peringatan"], body["tren"][0]["alasan"]) == (
        andi.peringatan,
        reasons_text(andi.alasan_peringatan) if andi.peringatan else [],
    )
    assert (body["tren"][1]["peringatan"], body["tren"][1]["alasan"]) == (False, [])


def test_before_any_refresh(agency, client_for):
    build_team(agency, full=False)
    body = client_for("penilai").get(URL).json()
    assert (body["pembaruan"], body["tren"]) == (None, [])
    assert body["total"]["bukti_menunggu"] == 2
    assert body["kelompok"][0]["kesesuaian"] == pilihan("BELUM_DIPERBARUI", "Belum diperbarui")


def test_the_period_parameter(agency, client_for):
    tim = build_team(agency, full=False)
    history(tim.siti, 2025, [Predikat.BAIK])
    tw1 = tim.siti.penilaian.get().periode
    body = client_for("penilai").get(URL, {"periode": tw1.pk}).json()
    assert body["periode"] == {"id": tw1.pk, "tahun": 2025, "kode": "TW1", "nama": "Triwulan I"}
    assert body["anggota"][0]["penilaian"]["status"] == pilihan("FINAL", "Ditetapkan")
    assert body["anggota"][0]["skp"] is None
    response = client_for("penilai").get(URL, {"periode": 999999})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "periode"], "msg": "Periode tidak ditemukan."}],
        "errors": {"periode": ["Periode tidak ditemukan."]},
    }


def test_no_period_started(agency, client_for):
    assert client_for("penilai").get(URL).json() == {
        "periode": None,
        "pembaruan": None,
        "anggota": [],
        "total": None,
        "sebaran": [],
        "kelompok": [],
        "tanpa_kelompok": 0,
        "tren": [],
    }


def queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_query_count_is_pinned(agency, client_for):
    tim = build_team(agency, full=False)
    with_history(tim)
    refresh()
    one = queries(client_for("penilai"))
    budi_rhk = Rhk.objects.filter(skp__pegawai=agency.penilai).get()
    for nama in ("Andi Wijaya", "Dewi Lestari", "Eko Prasetyo"):
        other = pegawai_with_account(nama=nama, unit=agency.bagian, penilai=agency.penilai)
        report_for(other, tim.periode, rhk_atasan=budi_rhk)
        assess(other, TAHUN, Predikat.BAIK, kode="TW3", final=False)
        history(other, 2025, [Predikat.BAIK, Predikat.BAIK])
    refresh()
    client = client_for("penilai")
    body = client.get(URL).json()
    assert (len(body["anggota"]), len(body["tren"])) == (4, 4)
    assert queries(client) == one == 16
