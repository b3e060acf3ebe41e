"""Reading a user's notifications: only their own, newest first, and how many are unread."""

from __future__ import annotations

import datetime

import pytest

from kinerja.notifikasi import selectors
from kinerja.notifikasi.models import Notifikasi
from kinerja.notifikasi.services import Pesan, notification_mark_read, notify

pytestmark = pytest.mark.django_db


def pesan(penerima_id: int, kunci: str, judul: str) -> Pesan:
    return Pesan(penerima_id=penerima_id, judul=judul, isi="", tautan="/realisasi/", kunci=kunci)


@pytest.fixture
def notices(agency):
    """Siti: three notices (two created at the same moment), Budi: one."""
    siti, budi = agency.pegawai.pengguna_id, agency.penilai.pengguna_id
    notify(
        [
            pesan(siti, "laporan:1:PERLU_PERBAIKAN:1", "Bukti dukung Triwulan I perlu diperbaiki"),
            pesan(siti, "laporan:1:SELESAI:2", "Bukti dukung Triwulan I selesai diverifikasi"),
            pesan(siti, "ingat:realisasi:2", "Batas realisasi Triwulan II: 5 Juli 2026"),
            pesan(budi, "laporan:1:ajukan:1", "Siti Aminah mengajukan realisasi Triwulan I"),
        ]
    )
    moments = {
        "laporan:1:PERLU_PERBAIKAN:1": datetime.datetime(2026, 4, 10, 2, 0, tzinfo=datetime.UTC),
        "laporan:1:SELESAI:2": datetime.datetime(2026, 4, 20, 2, 0, tzinfo=datetime.UTC),
        "ingat:realisasi:2": datetime.datetime(2026, 4, 20, 2, 0, tzinfo=datetime.UTC),
    }
    for kunci, moment in moments.items():
        Notifikasi.objects.filter(penerima_id=siti, kunci=kunci).update(dibuat_pada=moment)
    return siti, budi


def titles(pengguna_id: int) -> list[str]:
    return [notice.judul for notice in selectors.notification_list(pengguna_id)]


def test_a_user_sees_only_their_notices_newest_first(notices):
    siti, budi = notices
    # The two of 20 April: the later one recorded first (by id, newest first).
    assert titles(siti) == [
        "Batas realisasi Triwulan II: 5 Juli 2026",
        "Bukti dukung Triwulan I selesai diverifikasi",
        "Bukti dukung Triwulan I perlu diperbaiki",
    ]
    assert titles(budi) == ["Siti Aminah mengajukan realisasi Triwulan I"]


def test_a_user_without_notices_sees_none(agency, notices):
    assert titles(agency.outsider.pengguna_id) == []
    assert selectors.unread_count(agency.outsider.pengguna_id) == 0


def test_a_notice_sent_again_is_listed_once(notices):
    siti, _budi = notices
    assert notify([pesan(siti, "laporan:1:SELESAI:2", "Sekali lagi")]) == []
    assert titles(siti).count("Bukti dukung Triwulan I selesai diverifikasi") == 1
    assert len(titles(siti)) == 3


def test_the_unread_count_follows_what_was_read(notices):
    siti, budi = notices
    assert (selectors.unread_count(siti), selectors.unread_count(budi)) == (3, 1)

    [oldest] = Notifikasi.objects.filter(penerima_id=siti, kunci="laporan:1:PERLU_PERBAIKAN:1")
    budis = Notifikasi.objects.get(penerima_id=budi)
    assert notification_mark_read(pengguna_id=siti, notifikasi_ids=[oldest.pk, budis.pk]) == 1
    assert (selectors.unread_count(siti), selectors.unread_count(budi)) == (2, 1)
    assert [notice.dibaca_pada is not None for notice in selectors.notification_list(siti)] == [
        False,
        False,
        True,
    ]

    assert notification_mark_read(pengguna_id=siti) == 2
    assert (selectors.unread_count(siti), selectors.unread_count(budi)) == (0, 1)
    assert titles(siti) == [
        "Batas realisasi Triwulan II: 5 Juli 2026",
        "Bukti dukung Triwulan I selesai diverifikasi",
        "Bukti dukung Triwulan I perlu diperbaiki",
    ]


def test_each_read_is_one_query_however_many_notices(notices, django_assert_num_queries):
    siti, _budi = notices
    notify([pesan(siti, f"ingat:{number}", f"Pengingat {number}") for number in range(20)])
    with django_assert_num_queries(1):
        assert len(list(selectors.notification_list(siti))) == 23
    with django_assert_num_queries(1):
        assert selectors.unread_count(siti) == 23
