"""Notification API: my notifications (paginated, newest or unread first), the unread count,
marking some or all read. Every user reaches only their own notices."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.notifikasi.models import Notifikasi
from kinerja.notifikasi.services import Pesan, notify

pytestmark = pytest.mark.django_db
BASE = "/api/v1/notifikasi"
SIGNED_IN = [role for role in ROLES if role != "anonim"]


def encoded(value: datetime.datetime | None) -> str | None:
    return None if value is None else DjangoJSONEncoder().default(value)


def send(client: Any, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(payload), content_type="application/json")


def state() -> list[tuple[Any, ...]]:
    return list(Notifikasi.objects.order_by("pk").values_list("pk", "penerima_id", "dibaca_pada"))


def notice(user: Any, judul: str, *, read: bool = False, minutes_ago: int = 0) -> Notifikasi:
    """A notice for a user, created `minutes_ago` (and read at once when `read`)."""
    kunci = f"tes:{user.pk}:{judul}"
    notify([Pesan(user.pk, judul, f"Isi {judul}", "/realisasi/1/", kunci)])
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    created = Notifikasi.objects.filter(penerima=user, kunci=kunci)
    created.update(dibuat_pada=moment, dibaca_pada=moment if read else None)
    return created.get()


def body(item: Notifikasi) -> dict[str, Any]:
    return {
        "id": item.pk,
        "judul": item.judul,
        "isi": item.isi,
        "tautan": item.tautan,
        "dibaca": item.dibaca_pada is not None,
        "dibaca_pada": encoded(item.dibaca_pada),
        "dibuat_pada": encoded(item.dibuat_pada),
    }


def everyone(agency: Any) -> dict[str, tuple[Notifikasi, Notifikasi]]:
    """Two notices per signed-in role: an older one already read, a newer one unread."""
    return {
        role: (
            notice(agency.user(role), f"Lama {role}", read=True, minutes_ago=10),
            notice(agency.user(role), f"Baru {role}", minutes_ago=1),
        )
        for role in SIGNED_IN
    }


# --- List ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix(agency, client_for, role):
    notices = everyone(agency)
    before = state()
    response = client_for(role).get(f"{BASE}/")
    assert state() == before
    if role == "anonim":
        assert response.status_code == 401
        return
    old, new = notices[role]
    assert response.status_code == 200
    assert response.json() == {"count": 2, "items": [body(new), body(old)]}


def test_unread_first(agency, client_for):
    user = agency.user("pegawai")
    read_newest = notice(user, "Dibaca terbaru", read=True, minutes_ago=1)
    unread_old = notice(user, "Belum dibaca lama", minutes_ago=30)
    read_old = notice(user, "Dibaca lama", read=True, minutes_ago=40)
    unread_new = notice(user, "Belum dibaca baru", minutes_ago=5)
    client = client_for("pegawai")

    def titles(**query: Any) -> list[str]:
        return [item["judul"] for item in client.get(f"{BASE}/", query).json()["items"]]

    assert titles() == [read_newest.judul, unread_new.judul, unread_old.judul, read_old.judul]
    assert titles(belum_dibaca_dulu="true") == [
        unread_new.judul,
        unread_old.judul,
        read_newest.judul,
        read_old.judul,
    ]


def test_pages(agency, client_for):
    user = agency.user("penilai")
    for index in range(30):
        notice(user, f"Notifikasi {index:02d}", minutes_ago=index)
    client = client_for("penilai")
    first = client.get(f"{BASE}/").json()
    second = client.get(f"{BASE}/", {"page": 2}).json()
    assert first["count"] == second["count"] == 30
    assert [item["judul"] for item in first["items"]] == [f"Notifikasi {i:02d}" for i in range(25)]
    assert [item["judul"] for item in second["items"]] == [
        f"Notifikasi {i:02d}" for i in range(25, 30)
    ]


@pytest.mark.parametrize("extra", [0, 10])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    user = agency.user("pegawai")
    for index in range(1 + extra):
        notice(user, f"Notifikasi {index:02d}", minutes_ago=index)
    client = client_for("pegawai")
    # Session, user, the count of the page, the page.
    with django_assert_num_queries(4):
        response = client.get(f"{BASE}/", {"belum_dibaca_dulu": "true"})
    assert response.json()["count"] == 1 + extra


# --- Unread count ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_unread_count_matrix(agency, client_for, role):
    everyone(agency)
    if role != "anonim":
        notice(agency.user(role), "Satu lagi", minutes_ago=2)
    before = state()
    response = client_for(role).get(f"{BASE}/jumlah")
    assert state() == before
    if role == "anonim":
        assert response.status_code == 401
        return
    assert response.json() == {"belum_dibaca": 2}


# --- Mark read -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_mark_read_matrix(agency, client_for, role):
    notices = everyone(agency)
    others = [new.pk for other, (_old, new) in notices.items() if other != role]
    before = state()
    own = [notices[role][1].pk] if role != "anonim" else []
    response = send(client_for(role), f"{BASE}/baca", {"id": own + others})
    if role == "anonim":
        assert response.status_code == 401
        assert state() == before
        return
    # Only the caller's own unread notice is marked; the others' ids change nothing.
    assert response.json() == {"ditandai": 1}
    after = {pk: dibaca for pk, _user, dibaca in state()}
    assert after[own[0]] is not None
    assert [after[pk] for pk in others] == [None] * len(others)


def test_mark_all_read(agency, client_for):
    user = agency.user("pegawai")
    for index in range(3):
        notice(user, f"Notifikasi {index}", minutes_ago=index)
    read = notice(user, "Sudah dibaca", read=True, minutes_ago=9)
    someone_else = notice(agency.user("penilai"), "Milik Budi")
    client = client_for("pegawai")
    assert send(client, f"{BASE}/baca", {"semua": True}).json() == {"ditandai": 3}
    assert client.get(f"{BASE}/jumlah").json() == {"belum_dibaca": 0}
    assert Notifikasi.objects.get(pk=read.pk).dibaca_pada == read.dibaca_pada
    assert Notifikasi.objects.get(pk=someone_else.pk).dibaca_pada is None
    # Again: nothing left to mark.
    assert send(client, f"{BASE}/baca", {"semua": True}).json() == {"ditandai": 0}


@pytest.mark.parametrize("payload", [{}, {"id": []}, {"id": None, "semua": False}])
def test_mark_read_needs_a_choice(agency, client_for, payload):
    notice(agency.user("pegawai"), "Satu")
    before = state()
    response = send(client_for("pegawai"), f"{BASE}/baca", payload)
    message = "Pilih notifikasi yang ditandai dibaca, atau tandai semua."
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "id"], "msg": message}],
        "errors": {"id": [message]},
    }
    assert state() == before
