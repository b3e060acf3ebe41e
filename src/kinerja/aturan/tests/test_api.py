"""Rule-set API: reading versions, the version in effect, and the calculators (exact outputs,
422 bodies, nothing written)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.utils import timezone

from kinerja.akun.services import token_create
from kinerja.aturan import rules
from kinerja.aturan.models import SetAturan
from kinerja.aturan.services import (
    rule_set_activate,
    rule_set_copy,
    rule_set_import,
    rule_set_section_update,
    rule_set_update,
)
from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES
from kinerja.organisasi.tests.helpers import database_state

pytestmark = pytest.mark.django_db
BASE = "/api/v1/aturan"
CALCULATOR = f"{BASE}/kalkulator"
SB, B, BP, K, SK = "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"
DEFAULT_LABEL = "Set aturan bawaan versi 1 (berlaku mulai 1 Januari 2023)"


def post(client: Client, url: str, payload: dict) -> object:
    return client.post(url, json.dumps(payload), content_type="application/json")


def everything() -> tuple[object, list[tuple]]:
    """The organisation rows, the audit log and every rule-set version."""
    rule_sets = list(
        SetAturan.objects.order_by("pk").values_list("pk", "kode", "versi", "status", "isi")
    )
    return database_state(), rule_sets


def bawaan() -> SetAturan:
    return SetAturan.objects.get(kode="bawaan", versi=1)


def draft_copy(**changes) -> SetAturan:
    return rule_set_copy(aktor=Aktor.system(), sumber=bawaan(), **changes)


def encoded(value: datetime.datetime | None) -> str | None:
    return None if value is None else DjangoJSONEncoder().default(value)


def error_422(response, message: str, field: str = "__all__") -> None:
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", field], "msg": message}],
        "errors": {field: [message]},
    }


@pytest.fixture
def superuser(client_for) -> Client:
    return client_for("superuser")


# --- Permission matrices ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(agency, client_for, role):
    before = everything()
    client = client_for(role)
    default_id = bawaan().pk
    responses = {
        "list": client.get(f"{BASE}/"),
        "detail": client.get(f"{BASE}/{default_id}"),
        "dokumen": client.get(f"{BASE}/{default_id}/dokumen"),
        "berlaku": client.get(f"{BASE}/berlaku", {"unit_id": agency.lain.pk}),
    }
    statuses = {name: response.status_code for name, response in responses.items()}
    if role == "anonim":
        assert statuses == dict.fromkeys(responses, 401)
    else:
        assert statuses == dict.fromkeys(responses, 200)
        assert [item["kode"] for item in responses["list"].json()["items"]] == ["bawaan"]
        assert responses["detail"].json()["id"] == default_id
        assert responses["dokumen"].json()["kode"] == "bawaan"
        assert responses["berlaku"].json()["id"] == default_id
    assert everything() == before


@pytest.mark.parametrize("role", ROLES)
def test_calculator_matrix(agency, client_for, role):
    before = everything()
    response = post(
        client_for(role),
        f"{CALCULATOR}/predikat",
        {"rating_hasil": "DI_ATAS", "rating_perilaku": "DI_ATAS"},
    )
    if role == "anonim":
        assert response.status_code == 401
    else:
        assert response.status_code == 200
        assert response.json()["predikat"] == SB
    assert everything() == before


def test_a_personal_token_may_use_the_calculators(agency):
    _token, secret = token_create(aktor=Aktor.system(), pengguna=agency.pegawai.pengguna, nama="x")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    response = post(client, f"{CALCULATOR}/disiplin", {"hari_tanpa_keterangan": 5})
    assert (response.status_code, response.json()["sanksi"]) == (200, "TEGURAN_TERTULIS")


# --- Reading rule sets -----------------------------------------------------------------------


def test_detail_payload(agency, superuser):
    default = bawaan()
    body = superuser.get(f"{BASE}/{default.pk}").json()
    assert body == {
        "id": default.pk,
        "kode": "bawaan",
        "versi": 1,
        "nama": "Set aturan bawaan",
        "status": "AKTIF",
        "berlaku_mulai": "2023-01-01",
        "unit": None,
        "dasar_hukum": rules.default_metadata()["dasar_hukum"],
        "catatan": "",
        "disalin_dari_id": None,
        "diaktifkan_pada": encoded(default.diaktifkan_pada),
        "dibuat_pada": encoded(default.dibuat_pada),
        "isi": rules.isi_default(),
    }
    assert superuser.get(f"{BASE}/999999").status_code == 404
    assert superuser.get(f"{BASE}/999999/dokumen").status_code == 404


def test_list_items_filters_and_order(agency, client_for):
    copy = draft_copy(catatan="Uji coba")
    rule_set_update(
        aktor=Aktor.system(),
        set_aturan=copy,
        nama="Set aturan Biro Umum",
        dasar_hukum=copy.dasar_hukum,
        berlaku_mulai=datetime.date(2030, 1, 1),
        unit=agency.biro,
        catatan="Uji coba",
    )
    other = draft_copy(kode="lain", nama="Set aturan lain")
    client = client_for("pegawai")
    body = client.get(f"{BASE}/").json()
    assert body["count"] == 3
    assert [(item["kode"], item["versi"]) for item in body["items"]] == [
        ("bawaan", 2),
        ("bawaan", 1),
        ("lain", 1),
    ]
    copy.refresh_from_db()
    assert body["items"][0] == {
        "id": copy.pk,
        "kode": "bawaan",
        "versi": 2,
        "nama": "Set aturan Biro Umum",
        "status": "DRAF",
        "berlaku_mulai": "2030-01-01",
        "unit": {"id": agency.biro.pk, "kode": "BU", "nama": "Biro Umum"},
        "dasar_hukum": copy.dasar_hukum,
        "catatan": "Uji coba",
        "disalin_dari_id": bawaan().pk,
        "diaktifkan_pada": None,
        "dibuat_pada": encoded(copy.dibuat_pada),
    }
    by_code = client.get(f"{BASE}/", {"kode": "lain"}).json()["items"]
    assert [item["id"] for item in by_code] == [other.pk]
    drafts = client.get(f"{BASE}/", {"status": "draf", "kode": "bawaan"}).json()["items"]
    assert [item["id"] for item in drafts] == [copy.pk]
    active = client.get(f"{BASE}/", {"status": "AKTIF"}).json()["items"]
    assert [item["id"] for item in active] == [bawaan().pk]
    error_422(
        client.get(f"{BASE}/", {"status": "ENTAH"}),
        "Nilai “ENTAH” tidak dikenal; pilih salah satu: DRAF, AKTIF, NONAKTIF.",
        "status",
    )


@pytest.mark.parametrize("extra", [2, 9])
def test_list_query_count_does_not_grow(agency, django_assert_num_queries, extra):
    for index in range(extra):
        copy = draft_copy(kode=f"unit-{index}")
        rule_set_update(
            aktor=Aktor.system(),
            set_aturan=copy,
            nama=copy.nama,
            dasar_hukum=copy.dasar_hukum,
            berlaku_mulai=copy.berlaku_mulai,
            unit=agency.bagian,
            catatan="",
        )
    client = Client()
    client.force_login(agency.superuser)
    # Session, user, the scope (roles, employee record), the page (count, rows).
    with django_assert_num_queries(6):
        response = client.get(f"{BASE}/")
    assert response.json()["count"] == extra + 1
    assert {item["unit"]["kode"] for item in response.json()["items"][1:]} == {"BU-SDM"}


def test_dokumen_is_the_shareable_document_and_imports_back(agency, superuser):
    response = superuser.get(f"{BASE}/{bawaan().pk}/dokumen")
    document = response.json()
    assert {key: value for key, value in document.items() if key != "isi"} == {
        "format": "kinerja-set-aturan",
        "versi_format": 1,
        "kode": "bawaan",
        "versi": 1,
        "nama": "Set aturan bawaan",
        "dasar_hukum": rules.default_metadata()["dasar_hukum"],
        "berlaku_mulai": "2023-01-01",
        "catatan": "",
    }
    assert document["isi"] == rules.isi_default()
    imported = rule_set_import(aktor=Aktor.system(), dokumen=document)
    assert (imported.kode, imported.versi, imported.isi) == ("bawaan", 2, bawaan().isi)


def test_berlaku_picks_the_narrowest_active_version(agency, superuser):
    scoped = draft_copy(kode="biro-umum", nama="Set aturan Biro Umum")
    rule_set_update(
        aktor=Aktor.system(),
        set_aturan=scoped,
        nama=scoped.nama,
        dasar_hukum=scoped.dasar_hukum,
        berlaku_mulai=datetime.date(2024, 1, 1),
        unit=agency.biro,
        catatan="",
    )
    rule_set_activate(aktor=Aktor.system(), set_aturan=scoped)
    default_id = bawaan().pk

    def applies(**query) -> int:
        response = superuser.get(f"{BASE}/berlaku", query)
        assert response.status_code == 200
        return response.json()["id"]

    assert applies(unit_id=agency.bagian.pk) == scoped.pk
    assert applies(unit_id=agency.biro.pk, tanggal="2024-01-01") == scoped.pk
    assert applies(unit_id=agency.biro.pk, tanggal="2023-12-31") == default_id
    assert applies(unit_id=agency.lain.pk) == default_id
    assert applies() == default_id
    body = superuser.get(f"{BASE}/berlaku", {"unit_id": agency.bagian.pk}).json()
    assert (body["unit"], body["isi"]) == (
        {"id": agency.biro.pk, "kode": "BU", "nama": "Biro Umum"},
        rules.isi_default(),
    )
    assert superuser.get(f"{BASE}/berlaku", {"unit_id": 999999}).status_code == 404
    error_422(
        superuser.get(f"{BASE}/berlaku", {"tanggal": "2022-06-30"}),
        "Tidak ada set aturan aktif yang berlaku pada 30 Juni 2022.",
    )


# --- Calculators: exact outputs --------------------------------------------------------------

QUADRANT = [
    ("DI_ATAS", "DI_BAWAH", K, "Kurang/Misconduct"),
    ("DI_ATAS", "SESUAI", B, "Baik"),
    ("DI_ATAS", "DI_ATAS", SB, "Sangat Baik"),
    ("SESUAI", "DI_BAWAH", K, "Kurang/Misconduct"),
    ("SESUAI", "SESUAI", B, "Baik"),
    ("SESUAI", "DI_ATAS", B, "Baik"),
    ("DI_BAWAH", "DI_BAWAH", SK, "Sangat Kurang"),
    ("DI_BAWAH", "SESUAI", BP, "Butuh Perbaikan"),
    ("DI_BAWAH", "DI_ATAS", BP, "Butuh Perbaikan"),
]


@pytest.mark.parametrize(("hasil", "perilaku", "predikat", "label"), QUADRANT)
def test_predikat_quadrant(agency, superuser, hasil, perilaku, predikat, label):
    response = post(
        superuser,
        f"{CALCULATOR}/predikat",
        {"rating_hasil": hasil, "rating_perilaku": perilaku},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["predikat"], body["predikat_label"]) == (predikat, label)
    assert body["set_aturan"] == {
        "id": bawaan().pk,
        "kode": "bawaan",
        "versi": 1,
        "nama": "Set aturan bawaan",
    }


def test_predikat_explanation_and_labels_as_input(agency, superuser):
    body = post(
        superuser,
        f"{CALCULATOR}/predikat",
        {"rating_hasil": "sesuai ekspektasi", "rating_perilaku": "Di Atas Ekspektasi"},
    ).json()
    assert body["penjelasan"] == {
        "ringkasan": "Predikat Baik karena hasil kerja sesuai ekspektasi dan perilaku kerja "
        "di atas ekspektasi.",
        "set_aturan": DEFAULT_LABEL,
        "set_aturan_kode": "bawaan",
        "set_aturan_versi": 1,
        "masukan": [
            {"nama": "Rating hasil kerja", "nilai": "Sesuai Ekspektasi"},
            {"nama": "Rating perilaku kerja", "nilai": "Di Atas Ekspektasi"},
        ],
        "langkah": [
            "Kuadran predikat: baris hasil kerja sesuai ekspektasi, kolom perilaku kerja "
            "di atas ekspektasi memberikan predikat Baik.",
            "Tidak ada pembobotan: kedua rating digabungkan melalui kuadran.",
        ],
    }


def test_a_draft_copy_changes_the_answer(agency, superuser):
    copy = draft_copy()
    quadrant = rules.isi_default()["predikat"]
    quadrant["SESUAI"]["DI_ATAS"] = SB
    rule_set_section_update(aktor=Aktor.system(), set_aturan=copy, bagian="predikat", data=quadrant)
    payload = {"rating_hasil": "SESUAI", "rating_perilaku": "DI_ATAS"}
    before = everything()
    default = post(superuser, f"{CALCULATOR}/predikat", payload).json()
    tried = post(superuser, f"{CALCULATOR}/predikat", payload | {"set_aturan_id": copy.pk}).json()
    assert (default["predikat"], default["set_aturan"]["versi"]) == (B, 1)
    assert (tried["predikat"], tried["set_aturan"]) == (
        SB,
        {"id": copy.pk, "kode": "bawaan", "versi": 2, "nama": "Set aturan bawaan"},
    )
    assert tried["penjelasan"]["set_aturan_versi"] == 2
    assert everything() == before


def test_kurva_rows_and_suggestion(agency, superuser):
    response = post(
        superuser,
        f"{CALCULATOR}/kurva",
        {"predikat_organisasi": "BAIK", "predikat": [SB] * 2 + [B] * 8},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["sesuai"], body["jumlah_pegawai"]) == ("TIDAK_SESUAI", False, 10)
    assert body["jumlah"] == {SB: 2, B: 8, BP: 0, K: 0, SK: 0}
    assert body["batasan"] == [
        {
            "label": "Baik kelompok terbanyak",
            "jenis": "TERBANYAK",
            "predikat": [B],
            "nilai": "0",
            "jumlah": 8,
            "minimum": 3,
            "maksimum": 10,
            "terpenuhi": True,
            "penjelasan": "Baik kelompok terbanyak: harus lebih banyak dari setiap predikat "
            "lain: paling sedikit 3 orang; ada 8 orang, terpenuhi.",
        },
        {
            "label": "Baik paling banyak 70%",
            "jenis": "MAKSIMUM_PERSEN",
            "predikat": [B],
            "nilai": "70",
            "jumlah": 8,
            "minimum": 0,
            "maksimum": 7,
            "terpenuhi": False,
            "penjelasan": "Baik paling banyak 70%: 70% × 10 orang = 7, dibulatkan ke bawah: "
            "paling banyak 7 orang; ada 8 orang, tidak terpenuhi.",
        },
        {
            "label": "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang",
            "jenis": "MINIMUM_ORANG",
            "predikat": [BP, K],
            "nilai": "1",
            "jumlah": 0,
            "minimum": 1,
            "maksimum": 10,
            "terpenuhi": False,
            "penjelasan": "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: paling "
            "sedikit 1 orang; ada 0 orang, tidak terpenuhi.",
        },
    ]
    assert body["saran"] == [
        {
            "dari": B,
            "ke": BP,
            "jumlah": 1,
            "label": "Ubah 1 pegawai dari Baik menjadi Butuh Perbaikan",
        }
    ]
    assert body["penjelasan"]["langkah"][-1] == (
        "Perubahan paling sedikit agar sesuai: Ubah 1 pegawai dari Baik menjadi Butuh Perbaikan."
    )


def test_kurva_compliant_and_too_small(agency, superuser):
    fits = post(
        superuser,
        f"{CALCULATOR}/kurva",
        {"predikat_organisasi": "Istimewa", "predikat": [SB] * 7 + [B] * 3},
    ).json()
    assert (fits["status"], fits["sesuai"], fits["saran"]) == ("SESUAI", True, [])
    assert [row["terpenuhi"] for row in fits["batasan"]] == [True, True]
    small = post(
        superuser,
        f"{CALCULATOR}/kurva",
        {"predikat_organisasi": "BAIK", "predikat": [SB, SB, SB]},
    ).json()
    assert (small["status"], small["sesuai"], small["jumlah_pegawai"], small["saran"]) == (
        "TERLALU_KECIL",
        None,
        3,
        [],
    )
    assert small["penjelasan"]["ringkasan"] == (
        "Kelompok 3 orang terlalu kecil untuk dinilai terhadap kurva (paling sedikit 10 orang); "
        "tidak dianggap pelanggaran."
    )


@pytest.mark.parametrize(
    ("predikat", "bulan", "angka_kredit", "tampil"),
    [(B, 2, "2.083", "2,08"), (SB, 12, "18.750", "18,75"), (B, 0, "0.000", "0,00")],
)
def test_angka_kredit_bkn_examples(agency, superuser, predikat, bulan, angka_kredit, tampil):
    response = post(
        superuser,
        f"{CALCULATOR}/angka-kredit",
        {"jenjang": "AHLI_PERTAMA", "predikat": predikat, "bulan": bulan},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["angka_kredit"], body["tampil"]) == (angka_kredit, tampil)


def test_angka_kredit_explanation(agency, superuser):
    body = post(
        superuser,
        f"{CALCULATOR}/angka-kredit",
        {"jenjang": "Ahli Pertama", "predikat": "baik", "bulan": 2},
    ).json()
    assert body["penjelasan"]["ringkasan"] == (
        "Angka kredit 2,08: 2 bulan sebagai Ahli Pertama dengan predikat Baik."
    )
    assert body["penjelasan"]["langkah"][2] == "2/12 × 100% × 12,5 = 2,0833"


def test_angka_kredit_kumulatif(agency, superuser):
    body = post(
        superuser,
        f"{CALCULATOR}/angka-kredit/kumulatif",
        {"jenjang": "AHLI_PERTAMA", "awal": "10", "nilai": ["18.750", "2.083"]},
    ).json()
    assert body["total"] == "30.833"
    assert body["kenaikan_pangkat"] == {"batas": "50", "kurang": "19.167", "tercapai": False}
    assert body["kenaikan_jenjang"] == {"batas": "100", "kurang": "69.167", "tercapai": False}
    reached = post(
        superuser,
        f"{CALCULATOR}/angka-kredit/kumulatif",
        {"jenjang": "AHLI_UTAMA", "nilai": ["150", "75"]},
    ).json()
    assert reached["total"] == "225.000"
    assert reached["kenaikan_pangkat"] == {"batas": "200", "kurang": "0.000", "tercapai": True}
    assert reached["kenaikan_jenjang"] == {"batas": None, "kurang": None, "tercapai": False}
    assert reached["penjelasan"]["langkah"][0] == "Angka kredit awal: 0,00."


def test_tukin_grade_9_with_increment_and_cuts(agency, superuser):
    response = post(
        superuser,
        f"{CALCULATOR}/tukin",
        {
            "kelas_jabatan": 9,
            "predikat_tahun_lalu": "Sangat Baik",
            "terlambat": [2, 1, 0, 0],
            "tanpa_keterangan": 1,
            "cuti_alasan_penting": 3,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["besaran"], body["insentif"], body["bruto"]) == (3781000, 385000, 4166000)
    charged = [row for row in body["potongan"] if row["kejadian"]]
    assert charged == [
        {
            "kode": "tl1",
            "label": "Terlambat TL1 (1–30 menit)",
            "kejadian": 2,
            "persen_satuan": "0.5",
            "persen": "1.0",
        },
        {
            "kode": "tl2",
            "label": "Terlambat TL2 (31–60 menit)",
            "kejadian": 1,
            "persen_satuan": "1",
            "persen": "1",
        },
        {
            "kode": "tanpa_keterangan",
            "label": "Tidak masuk tanpa keterangan",
            "kejadian": 1,
            "persen_satuan": "3",
            "persen": "3",
        },
        {
            "kode": "cuti_alasan_penting",
            "label": "Cuti alasan penting melebihi 2 hari",
            "kejadian": 1,
            "persen_satuan": "2.5",
            "persen": "2.5",
        },
    ]
    assert [row["kode"] for row in body["potongan"]] == [
        "tl1",
        "tl2",
        "tl3",
        "tl4",
        "psw1",
        "psw2",
        "psw3",
        "psw4",
        "tanpa_rekaman",
        "tanpa_keterangan",
        "cuti_alasan_penting",
        "hukuman_disiplin_sedang",
    ]
    assert body["persen_potongan_dihitung"] == body["persen_potongan"] == "7.50"
    # 7.5% of 4,166,000 = 312,450.
    assert (body["potongan_rupiah"], body["netto"]) == (312450, 3853550)
    assert body["penjelasan"]["ringkasan"] == (
        "Tukin netto Rp3.853.550: bruto Rp4.166.000 dipotong 7,5%."
    )


def test_tukin_cap_and_no_increment(agency, superuser):
    body = post(
        superuser,
        f"{CALCULATOR}/tukin",
        {"kelas_jabatan": 10, "hukuman_disiplin_sedang": True, "tanpa_keterangan": 30},
    ).json()
    assert (body["besaran"], body["insentif"], body["bruto"]) == (4551000, 0, 4551000)
    assert (body["persen_potongan_dihitung"], body["persen_potongan"]) == ("115.00", "100")
    assert (body["potongan_rupiah"], body["netto"]) == (4551000, 0)


def test_tukin_missing_grade_is_422_with_the_rule_message(agency, superuser):
    before = everything()
    error_422(
        post(superuser, f"{CALCULATOR}/tukin", {"kelas_jabatan": 7}),
        "Besaran tunjangan kinerja untuk kelas jabatan 7 belum diisi pada set aturan "
        f"{DEFAULT_LABEL}; isi tabel besaran tukin di halaman set aturan.",
    )
    # Grade 10 has an amount, but the Sangat Baik increment needs grade 11's.
    error_422(
        post(
            superuser,
            f"{CALCULATOR}/tukin",
            {"kelas_jabatan": 10, "predikat_tahun_lalu": SB},
        ),
        "Besaran tunjangan kinerja untuk kelas jabatan 11 belum diisi pada set aturan "
        f"{DEFAULT_LABEL}; isi tabel besaran tukin di halaman set aturan.",
    )
    error_422(
        post(superuser, f"{CALCULATOR}/tukin", {"kelas_jabatan": 9, "terlambat": [1, 2]}),
        "Jumlah TL harus 4 angka (satu per pita), bukan 2.",
    )
    error_422(
        post(superuser, f"{CALCULATOR}/tukin", {"kelas_jabatan": 9, "tanpa_rekaman": -1}),
        "Jumlah kejadian kehadiran harus bilangan bulat tidak negatif.",
    )
    assert everything() == before


@pytest.mark.parametrize(
    ("kinerja", "potensi", "kotak", "rating"),
    [
        (SB, "TINGGI", 9, "DI_ATAS"),
        ("Sesuai Ekspektasi", "menengah", 5, "SESUAI"),
        (K, "RENDAH", 1, "DI_BAWAH"),
        ("DI_BAWAH", "TINGGI", 6, "DI_BAWAH"),
        (B, "RENDAH", 2, "SESUAI"),
    ],
)
def test_talenta_box(agency, superuser, kinerja, potensi, kotak, rating):
    body = post(superuser, f"{CALCULATOR}/talenta", {"kinerja": kinerja, "potensi": potensi}).json()
    assert (body["kotak"], body["kinerja"]) == (kotak, rating)


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        ([BP, B, SB], ("NAIK", "Naik", "1.5", SB, 1)),
        ([B, BP, BP, BP], ("STAGNAN", "Stagnan", "0", BP, 3)),
        ([SB, SB, BP], ("TURUN", "Turun", "-2", BP, 1)),
        ([B], ("BELUM_CUKUP_DATA", "Belum cukup data", None, B, 1)),
        ([], ("BELUM_CUKUP_DATA", "Belum cukup data", None, None, 0)),
    ],
)
def test_tren(agency, superuser, series, expected):
    body = post(superuser, f"{CALCULATOR}/tren", {"predikat": series}).json()
    fields = ("tren", "tren_label", "selisih", "terakhir", "lama_terakhir")
    assert tuple(body[name] for name in fields) == expected


def test_tren_explanation(agency, superuser):
    body = post(superuser, f"{CALCULATOR}/tren", {"predikat": [B, BP, BP, BP]}).json()
    assert body["penjelasan"]["ringkasan"] == "Stagnan di Butuh Perbaikan selama 3 periode."


@pytest.mark.parametrize(
    ("hari", "sanksi", "label"),
    [
        (0, None, None),
        (2, None, None),
        (3, "TEGURAN_LISAN", "Teguran lisan"),
        (13, "POTONG_TUKIN_6_BULAN", "Pemotongan tukin 25% selama 6 bulan"),
        (27, "PEMBEBASAN_JABATAN", "Pembebasan dari jabatan menjadi pelaksana 12 bulan"),
        (40, "PEMBERHENTIAN", "Pemberhentian dengan hormat tidak atas permintaan sendiri"),
    ],
)
def test_disiplin(agency, superuser, hari, sanksi, label):
    body = post(superuser, f"{CALCULATOR}/disiplin", {"hari_tanpa_keterangan": hari}).json()
    assert (body["sanksi"], body["sanksi_label"]) == (sanksi, label)


# --- Calculators: refusals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "payload", "field", "value", "choices"),
    [
        (
            "predikat",
            {"rating_hasil": "LUAR_BIASA", "rating_perilaku": "SESUAI"},
            "rating_hasil",
            "LUAR_BIASA",
            "DI_ATAS, SESUAI, DI_BAWAH",
        ),
        (
            "kurva",
            {"predikat_organisasi": "BAIK", "predikat": [B, "Hebat"]},
            "predikat[1]",
            "Hebat",
            "SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG",
        ),
        (
            "angka-kredit",
            {"jenjang": "AHLI_SUPER", "predikat": B, "bulan": 12},
            "jenjang",
            "AHLI_SUPER",
            "AHLI_PERTAMA, AHLI_MUDA, AHLI_MADYA, AHLI_UTAMA, PEMULA, TERAMPIL, MAHIR, PENYELIA",
        ),
        (
            "talenta",
            {"kinerja": "LUMAYAN", "potensi": "TINGGI"},
            "kinerja",
            "LUMAYAN",
            "SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG",
        ),
        (
            "tukin",
            {"kelas_jabatan": 9, "predikat_tahun_lalu": "Luar Biasa"},
            "predikat_tahun_lalu",
            "Luar Biasa",
            "SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG",
        ),
    ],
)
def test_unknown_enum_is_422_naming_the_field(
    agency, superuser, path, payload, field, value, choices
):
    error_422(
        post(superuser, f"{CALCULATOR}/{path}", payload),
        f"Nilai “{value}” tidak dikenal; pilih salah satu: {choices}.",
        field,
    )


def test_bulan_out_of_range_is_422(agency, superuser):
    error_422(
        post(
            superuser,
            f"{CALCULATOR}/angka-kredit",
            {"jenjang": "AHLI_MUDA", "predikat": B, "bulan": 13},
        ),
        "Jumlah bulan harus antara 0 dan 12, bukan 13.",
    )


def test_negative_days_is_422(agency, superuser):
    error_422(
        post(superuser, f"{CALCULATOR}/disiplin", {"hari_tanpa_keterangan": -1}),
        "Jumlah hari tidak boleh negatif.",
    )


def test_unknown_set_aturan_is_404_and_a_date_without_one_is_422(agency, superuser):
    payload = {"rating_hasil": "SESUAI", "rating_perilaku": "SESUAI"}
    missing = post(superuser, f"{CALCULATOR}/predikat", payload | {"set_aturan_id": 999999})
    assert missing.status_code == 404
    error_422(
        post(superuser, f"{CALCULATOR}/predikat", payload | {"tanggal": "2022-12-31"}),
        "Tidak ada set aturan aktif yang berlaku pada 31 Desember 2022.",
    )
    on_start = post(superuser, f"{CALCULATOR}/predikat", payload | {"tanggal": "2023-01-01"})
    assert (on_start.status_code, on_start.json()["predikat"]) == (200, B)


def test_invalid_decimal_is_422(agency, superuser):
    response = post(
        superuser,
        f"{CALCULATOR}/angka-kredit/kumulatif",
        {"jenjang": "AHLI_MUDA", "nilai": ["1,5"]},
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-2:] == ["nilai", 0]


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_lists_every_path(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {path: set(item) for path, item in schema["paths"].items() if "/aturan/" in path}
    calculators = [
        "predikat",
        "kurva",
        "angka-kredit",
        "angka-kredit/kumulatif",
        "tukin",
        "talenta",
        "tren",
        "disiplin",
    ]
    assert paths == {
        "/api/v1/aturan/": {"get"},
        "/api/v1/aturan/berlaku": {"get"},
        "/api/v1/aturan/{set_aturan_id}": {"get"},
        "/api/v1/aturan/{set_aturan_id}/dokumen": {"get"},
        **{f"/api/v1/aturan/kalkulator/{name}": {"post"} for name in calculators},
    }
    tukin = schema["paths"]["/api/v1/aturan/kalkulator/tukin"]["post"]
    assert tukin["tags"] == ["aturan"]
    assert "is a 422 saying where to fill it in." in tukin["description"]


def test_today_is_the_default_date(agency, superuser):
    # A version effective from today applies to calculators without a date.
    copy = draft_copy()
    quadrant = rules.isi_default()["predikat"]
    quadrant["DI_BAWAH"]["DI_BAWAH"] = K
    rule_set_section_update(aktor=Aktor.system(), set_aturan=copy, bagian="predikat", data=quadrant)
    rule_set_activate(aktor=Aktor.system(), set_aturan=copy)
    assert copy.berlaku_mulai == timezone.localdate()
    payload = {"rating_hasil": "DI_BAWAH", "rating_perilaku": "DI_BAWAH"}
    today = post(superuser, f"{CALCULATOR}/predikat", payload).json()
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    before = post(superuser, f"{CALCULATOR}/predikat", payload | {"tanggal": yesterday}).json()
    assert (today["predikat"], today["set_aturan"]["id"]) == (K, copy.pk)
    assert (before["predikat"], before["set_aturan"]["id"]) == (SK, bawaan().pk)
