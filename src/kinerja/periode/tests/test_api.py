"""Performance-year API: permission matrices over every role (and an admin of the root unit),
exact payloads, 404/403/401, service refusals as 422 bodies, and nothing written when refused."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from kinerja.akun.services import token_create
from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.tests.factories import PenggunaFactory, give_role
from kinerja.periode import services
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

BASE = "/api/v1/periode"
D = datetime.date
SYSTEM = Aktor.system("tes")
ALL_ROLES = (*ROLES, "root_admin")
MANAGERS = {"superuser", "root_admin"}


# --- Helpers ---------------------------------------------------------------------------------


@pytest.fixture
def client_as(agency, client_for):
    """client_as(role): the matrix's client, or an admin kepegawaian of the root unit."""

    def make(role: str) -> Client:
        if role != "root_admin":
            return client_for(role)
        user = PenggunaFactory(nama="Admin Sekretariat")
        give_role(user, JenisPeran.ADMIN_KEPEGAWAIAN, agency.root)
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def year(agency) -> TahunKinerja:
    return services.tahun_open(aktor=SYSTEM, tahun=2026)


def send(client: Client, method: str, url: str, payload: dict):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def period_of(tahun: int, kode: str) -> Periode:
    return Periode.objects.get(tahun__tahun=tahun, kode=kode)


def move(periode: Periode, *actions: str) -> Periode:
    for aksi in actions:
        periode = services.periode_transition(
            aktor=SYSTEM, periode=periode, aksi=aksi, alasan=f"Alasan {aksi}"
        )
    return periode


def encoded(value: datetime.datetime) -> str:
    return DjangoJSONEncoder().default(value)


def year_body(year: TahunKinerja) -> dict:
    year.refresh_from_db()
    return {
        "tahun": year.tahun,
        "jenis_periode": year.jenis_periode,
        "jenis_periode_label": year.get_jenis_periode_display(),
        "batas_pengajuan_skp": year.batas_pengajuan_skp.isoformat(),
        "batas_persetujuan_skp": year.batas_persetujuan_skp.isoformat(),
        "aspek_biaya": year.aspek_biaya,
        "dibuat_pada": encoded(year.dibuat_pada),
    }


ACTIONS = {"DRAF": ["open"], "DIBUKA": ["close"], "DITUTUP": ["reopen", "lock"]}
ACTIONS["DIKUNCI"] = ["unlock"]
STATUS_LABELS = {"DRAF": "Draf", "DIBUKA": "Dibuka", "DITUTUP": "Ditutup", "DIKUNCI": "Dikunci"}


def period_body(periode: Periode) -> dict:
    periode.refresh_from_db()
    return {
        "id": periode.pk,
        "tahun": periode.tahun.tahun,
        "kode": periode.kode,
        "nama": periode.nama,
        "urutan": periode.urutan,
        "mulai": periode.mulai.isoformat(),
        "selesai": periode.selesai.isoformat(),
        "batas_realisasi": periode.batas_realisasi.isoformat(),
        "batas_verifikasi": periode.batas_verifikasi.isoformat(),
        "batas_penilaian": periode.batas_penilaian.isoformat(),
        "status": periode.status,
        "status_label": STATUS_LABELS[periode.status],
        "aksi": ACTIONS[periode.status],
    }


def error_422(response, errors: dict[str, list[str]]) -> None:
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {"loc": ["body", field], "msg": message}
            for field, messages in errors.items()
            for message in messages
        ],
        "errors": errors,
    }


# --- Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_read_matrix(year, client_as, role):
    move(period_of(2026, "TW1"), "open", "close")
    move(period_of(2026, "TW2"), "open")
    before = skp_state()
    client = client_as(role)

    responses = {
        "list": client.get(f"{BASE}/"),
        "detail": client.get(f"{BASE}/tahun/2026"),
        "riwayat": client.get(f"{BASE}/tahun/2026/riwayat"),
        "missing": client.get(f"{BASE}/tahun/2025"),
        "missing-riwayat": client.get(f"{BASE}/tahun/2025/riwayat"),
    }

    statuses = {name: response.status_code for name, response in responses.items()}
    if role == "anonim":
        assert statuses == dict.fromkeys(responses, 401)
    else:
        assert statuses == {
            "list": 200,
            "detail": 200,
            "riwayat": 200,
            "missing": 404,
            "missing-riwayat": 404,
        }
        assert responses["list"].json() == [
            year_body(year) | {"jumlah_periode": 5, "jumlah_dibuka": 1}
        ]
        assert responses["detail"].json() == year_body(year) | {
            "periode": [period_body(p) for p in Periode.objects.order_by("urutan")]
        }
        assert [
            (row["periode_kode"], row["aksi"], row["dari"], row["ke"], row["alasan"])
            for row in responses["riwayat"].json()
        ] == [
            ("TW2", "open", "DRAF", "DIBUKA", "Alasan open"),
            ("TW1", "close", "DIBUKA", "DITUTUP", "Alasan close"),
            ("TW1", "open", "DRAF", "DIBUKA", "Alasan open"),
        ]
    assert skp_state() == before


def test_the_history_payload(year, agency):
    tw1 = period_of(2026, "TW1")
    admin = Aktor.of_user(agency.superuser)
    services.periode_transition(aktor=admin, periode=tw1, aksi="open")
    [row] = tw1.riwayat_status.all()

    response = Client()
    response.force_login(agency.pegawai.pengguna)
    body = response.get(f"{BASE}/tahun/2026/riwayat").json()

    assert body == [
        {
            "id": row.pk,
            "periode_id": tw1.pk,
            "periode_kode": "TW1",
            "aksi": "open",
            "dari": "DRAF",
            "ke": "DIBUKA",
            "alasan": "",
            "oleh_id": agency.superuser.pk,
            "oleh_label": f"Super Admin ({agency.superuser.nip})",
            "pada": encoded(row.pada),
        }
    ]


def test_a_personal_token_reads_the_years(year, agency):
    _token, secret = token_create(aktor=SYSTEM, pengguna=agency.pegawai.pengguna, nama="kalender")
    bearer = Client(headers={"Authorization": f"Bearer {secret}"})
    header = Client(headers={"X-API-Key": secret})
    assert [row["tahun"] for row in bearer.get(f"{BASE}/").json()] == [2026]
    assert header.get(f"{BASE}/tahun/2026").json()["jenis_periode"] == "TRIWULAN"
    assert Client().get(f"{BASE}/").status_code == 401


def test_years_are_listed_newest_first(agency, client_for):
    for tahun, jenis in ((2025, "TRIWULAN"), (2027, "BULANAN"), (2026, "TRIWULAN")):
        services.tahun_open(aktor=SYSTEM, tahun=tahun, jenis_periode=jenis)
    body = client_for("outsider").get(f"{BASE}/").json()
    assert [(row["tahun"], row["jenis_periode_label"], row["jumlah_periode"]) for row in body] == [
        (2027, "Bulanan", 13),
        (2026, "Triwulan", 5),
        (2025, "Triwulan", 5),
    ]


# --- Opening a year --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_open_matrix(year, client_as, role):
    before = skp_state()
    response = send(
        client_as(role),
        "post",
        f"{BASE}/",
        {
            "tahun": 2027,
            "jenis_periode": "BULANAN",
            "batas_pengajuan_skp": "2027-02-10",
            "aspek_biaya": True,
        },
    )

    if role == "anonim":
        assert response.status_code == 401
    elif role in MANAGERS:
        assert response.status_code == 201
        opened = TahunKinerja.objects.get(tahun=2027)
        body = response.json()
        assert body == year_body(opened) | {
            "periode": [period_body(p) for p in opened.periode.order_by("urutan")]
        }
        assert (
            body["batas_pengajuan_skp"],
            body["batas_persetujuan_skp"],
            body["aspek_biaya"],
            len(body["periode"]),
        ) == ("2027-02-10", "2027-02-24", True, 13)
        assert body["periode"][1] | {"id": 0} == {
            "id": 0,
            "tahun": 2027,
            "kode": "B02",
            "nama": "Februari",
            "urutan": 2,
            "mulai": "2027-02-01",
            "selesai": "2027-02-28",
            "batas_realisasi": "2027-03-05",
            "batas_verifikasi": "2027-03-10",
            "batas_penilaian": "2027-03-15",
            "status": "DRAF",
            "status_label": "Draf",
            "aksi": ["open"],
        }
        assert Entri.objects.filter(aksi="tahunkinerja.open").count() == 2
        return
    else:
        assert response.status_code == 403
        assert response.json() == {"detail": "Anda tidak berwenang melakukan tindakan ini."}
    assert skp_state() == before


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"tahun": 2026}, {"tahun": ["Tahun kinerja 2026 sudah dibuka."]}),
        ({"tahun": 1999}, {"tahun": ["Tahun harus antara 2000 dan 2100."]}),
        ({"tahun": 0}, {"tahun": ["Tahun harus antara 2000 dan 2100."]}),
        (
            {"tahun": 2027, "jenis_periode": "SEMESTER"},
            {"jenis_periode": ["Jenis periode tidak dikenal."]},
        ),
        (
            {
                "tahun": 2027,
                "batas_pengajuan_skp": "2027-02-01",
                "batas_persetujuan_skp": "2027-01-31",
            },
            {
                "batas_persetujuan_skp": [
                    "Batas persetujuan SKP tidak boleh sebelum batas pengajuan."
                ]
            },
        ),
    ],
)
def test_open_refusals_are_422(year, client_for, payload, errors):
    before = skp_state()
    error_422(send(client_for("superuser"), "post", f"{BASE}/", payload), errors)
    assert skp_state() == before


def test_a_malformed_payload_is_422_and_writes_nothing(year, client_for):
    before = skp_state()
    response = send(client_for("superuser"), "post", f"{BASE}/", {"tahun": "dua ribu"})
    assert response.status_code == 422
    assert [item["loc"] for item in response.json()["detail"]] == [["body", "payload", "tahun"]]
    assert skp_state() == before


# --- A year's settings -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_update_matrix(year, client_as, role):
    before = skp_state()
    response = send(
        client_as(role), "patch", f"{BASE}/tahun/2026", {"batas_persetujuan_skp": "2026-03-01"}
    )
    if role == "anonim":
        assert response.status_code == 401
    elif role in MANAGERS:
        assert response.status_code == 200
        body = response.json()
        assert (
            body["batas_pengajuan_skp"],
            body["batas_persetujuan_skp"],
            body["aspek_biaya"],
            len(body["periode"]),
        ) == ("2026-01-31", "2026-03-01", False, 5)
        year.refresh_from_db()
        assert year.batas_persetujuan_skp == D(2026, 3, 1)
        [entry] = Entri.objects.filter(aksi="tahunkinerja.update")
        assert (entry.sebelum, entry.sesudah) == (
            {"batas_persetujuan_skp": "2026-02-14"},
            {"batas_persetujuan_skp": "2026-03-01"},
        )
        return
    else:
        assert response.status_code == 403
    assert skp_state() == before


def test_update_the_biaya_aspect_only(year, client_for):
    response = send(client_for("superuser"), "patch", f"{BASE}/tahun/2026", {"aspek_biaya": True})
    assert response.status_code == 200
    year.refresh_from_db()
    assert (year.batas_pengajuan_skp, year.batas_persetujuan_skp, year.aspek_biaya) == (
        D(2026, 1, 31),
        D(2026, 2, 14),
        True,
    )


def test_update_refusals(year, client_for):
    client = client_for("superuser")
    before = skp_state()
    error_422(
        send(client, "patch", f"{BASE}/tahun/2026", {"batas_persetujuan_skp": "2026-01-30"}),
        {"batas_persetujuan_skp": ["Batas persetujuan SKP tidak boleh sebelum batas pengajuan."]},
    )
    assert send(client, "patch", f"{BASE}/tahun/2025", {"aspek_biaya": True}).status_code == 404
    reader = client_for("pegawai")
    assert send(reader, "patch", f"{BASE}/tahun/2025", {"aspek_biaya": True}).status_code == 404
    assert skp_state() == before


# --- A period's deadlines --------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_period_update_matrix(year, client_as, role):
    tw3 = period_of(2026, "TW3")
    before = skp_state()
    response = send(
        client_as(role),
        "patch",
        f"{BASE}/{tw3.pk}",
        {"batas_verifikasi": "2026-10-20", "batas_penilaian": "2026-10-31"},
    )
    if role == "anonim":
        assert response.status_code == 401
    elif role in MANAGERS:
        assert response.status_code == 200
        assert response.json() == period_body(tw3)
        assert (tw3.batas_realisasi, tw3.batas_verifikasi, tw3.batas_penilaian) == (
            D(2026, 10, 5),
            D(2026, 10, 20),
            D(2026, 10, 31),
        )
        return
    else:
        assert response.status_code == 403
    assert skp_state() == before


def test_period_update_refusals(year, client_for):
    client = client_for("superuser")
    tw1 = period_of(2026, "TW1")
    before = skp_state()
    error_422(
        send(client, "patch", f"{BASE}/{tw1.pk}", {"batas_realisasi": "2025-12-31"}),
        {"batas_realisasi": ["Batas realisasi tidak boleh sebelum periode dimulai."]},
    )
    missing = Periode.objects.order_by("-pk").first().pk + 1
    assert send(client, "patch", f"{BASE}/{missing}", {}).status_code == 404
    assert send(client_for("auditor"), "patch", f"{BASE}/{missing}", {}).status_code == 404
    move(tw1, "open", "close", "lock")
    before = skp_state()
    error_422(
        send(client, "patch", f"{BASE}/{tw1.pk}", {"batas_penilaian": "2026-04-30"}),
        {"__all__": ["Periode yang dikunci tidak dapat diubah; buka kuncinya dahulu."]},
    )
    assert skp_state() == before


# --- Transitions -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_transition_matrix(year, client_as, role):
    tw1 = move(period_of(2026, "TW1"), "open", "close")
    before = skp_state()
    response = send(
        client_as(role),
        "post",
        f"{BASE}/{tw1.pk}/transisi",
        {"aksi": "lock", "alasan": "Penilaian ditetapkan"},
    )
    if role == "anonim":
        assert response.status_code == 401
    elif role in MANAGERS:
        assert response.status_code == 200
        body = response.json()
        assert body == period_body(tw1)
        assert (body["status"], body["status_label"], body["aksi"]) == (
            "DIKUNCI",
            "Dikunci",
            ["unlock"],
        )
        assert list(tw1.riwayat_status.values_list("aksi", "dari", "ke", "alasan")) == [
            ("lock", "DITUTUP", "DIKUNCI", "Penilaian ditetapkan"),
            ("close", "DIBUKA", "DITUTUP", "Alasan close"),
            ("open", "DRAF", "DIBUKA", "Alasan open"),
        ]
        return
    else:
        assert response.status_code == 403
    assert skp_state() == before


@pytest.mark.parametrize(
    ("path", "payload", "message"),
    [
        ([], {"aksi": "close", "alasan": "Uji"}, "Periode berstatus draf tidak dapat ditutup."),
        (["open"], {"aksi": "close"}, "Alasan wajib diisi untuk tindakan ini."),
        (["open"], {"aksi": "close", "alasan": "   "}, "Alasan wajib diisi untuk tindakan ini."),
        (["open"], {"aksi": "hapus", "alasan": "Uji"}, "Tindakan tidak dikenal."),
        (
            ["open", "close", "lock"],
            {"aksi": "reopen", "alasan": "Uji"},
            "Periode berstatus dikunci tidak dapat dibuka kembali.",
        ),
    ],
)
def test_transition_refusals_are_422(year, client_for, path, payload, message):
    tw1 = move(period_of(2026, "TW1"), *path)
    before = skp_state()
    response = send(client_for("superuser"), "post", f"{BASE}/{tw1.pk}/transisi", payload)
    error_422(response, {"__all__": [message]})
    assert skp_state() == before


def test_open_needs_no_reason(year, client_for):
    tw4 = period_of(2026, "TW4")
    response = send(client_for("superuser"), "post", f"{BASE}/{tw4.pk}/transisi", {"aksi": "open"})
    assert (response.status_code, response.json()["status"]) == (200, "DIBUKA")


def test_a_transition_of_a_missing_period_is_404(year, client_for):
    missing = Periode.objects.order_by("-pk").first().pk + 1
    for role in ("superuser", "pegawai"):
        response = send(client_for(role), "post", f"{BASE}/{missing}/transisi", {"aksi": "open"})
        assert response.status_code == 404
