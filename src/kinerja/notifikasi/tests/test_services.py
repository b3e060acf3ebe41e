"""Sending notifications: one in-app notice per user and `kunci`, e-mailed once after the
transaction commits to users with an address, kept when the mail server fails; marking read;
reading them; the notices of the realisation workflow."""

from __future__ import annotations

import datetime
import logging
import smtplib

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.notifikasi import selectors, services
from kinerja.notifikasi.models import Notifikasi
from kinerja.notifikasi.services import Pesan, notify
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.tests.factories import open_period, upload
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import aktor_for
from kinerja.skp.tests.test_documents import RHK_1, approve, build_plans

pytestmark = pytest.mark.django_db

SITE = "https://kinerja.example.go.id"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE + "/"
    settings.DEFAULT_FROM_EMAIL = "kinerja@example.go.id"


def pesan(user, kunci: str = "uji:1", judul: str = "Judul uji", tautan: str = "/skp/") -> Pesan:
    return Pesan(penerima_id=user.pk, judul=judul, isi="Isi uji.", tautan=tautan, kunci=kunci)


def with_email(user, address: str):
    user.email = address
    user.save(update_fields=["email"])
    return user


def rows() -> list[tuple]:
    return list(
        Notifikasi.objects.order_by("pk").values_list(
            "penerima__nama", "judul", "isi", "tautan", "kunci", "dibaca_pada"
        )
    )


# --- notify ----------------------------------------------------------------------------------


def test_notify_records_one_notice_per_message_and_mails_after_commit(
    agency, mailoutbox, django_capture_on_commit_callbacks
):
    budi = with_email(agency.penilai.pengguna, "budi@example.go.id")
    siti = with_email(agency.pegawai.pengguna, "siti@example.go.id")
    joko = agency.outsider.pengguna  # no address: in-app only

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = notify(
            [
                pesan(budi, judul="Untuk Budi"),
                pesan(siti, judul="Untuk Siti", tautan=""),
                pesan(joko, judul="Untuk Joko"),
            ]
        )
    assert [notice.judul for notice in created] == ["Untuk Budi", "Untuk Siti", "Untuk Joko"]
    assert rows() == [
        ("Budi Santoso", "Untuk Budi", "Isi uji.", "/skp/", "uji:1", None),
        ("Siti Aminah", "Untuk Siti", "Isi uji.", "", "uji:1", None),
        ("Joko Widodo", "Untuk Joko", "Isi uji.", "/skp/", "uji:1", None),
    ]
    # Nothing is mailed before the transaction commits.
    assert mailoutbox == []
    assert len(callbacks) == 1

    callbacks[0]()

    assert [(mail.to, mail.subject, mail.body) for mail in mailoutbox] == [
        (["budi@example.go.id"], "Untuk Budi", f"Isi uji.\n\n{SITE}/skp/"),
        (["siti@example.go.id"], "Untuk Siti", "Isi uji."),
    ]
    assert {mail.from_email for mail in mailoutbox} == {"kinerja@example.go.id"}


def test_the_same_kunci_is_never_sent_twice_to_the_same_user(
    agency, mailoutbox, django_capture_on_commit_callbacks
):
    budi = with_email(agency.penilai.pengguna, "budi@example.go.id")
    siti = with_email(agency.pegawai.pengguna, "siti@example.go.id")

    with django_capture_on_commit_callbacks(execute=True):
        assert len(notify([pesan(budi), pesan(budi, judul="Sama, dua kali")])) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify([pesan(budi, judul="Lagi")]) == []
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=True):
        # Another user, or another kunci, is a new notice.
        assert len(notify([pesan(budi), pesan(siti), pesan(budi, kunci="uji:2")])) == 2

    assert [(name, kunci) for name, _j, _i, _t, kunci, _d in rows()] == [
        ("Budi Santoso", "uji:1"),
        ("Siti Aminah", "uji:1"),
        ("Budi Santoso", "uji:2"),
    ]
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["budi@example.go.id"], "Sama, dua kali"),
        (["siti@example.go.id"], "Judul uji"),
        (["budi@example.go.id"], "Judul uji"),
    ]


def test_nothing_to_send_does_nothing(agency, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify([]) == []
    assert callbacks == []
    assert rows() == []
    assert mailoutbox == []


def test_a_mail_failure_keeps_the_in_app_notice(
    agency, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    budi = with_email(agency.penilai.pengguna, "budi@example.go.id")

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("server pergi")

    monkeypatch.setattr(services, "send_mass_mail", refuse)
    with (
        caplog.at_level(logging.ERROR, logger="kinerja.notifikasi.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        created = notify([pesan(budi)])

    assert len(created) == 1
    assert rows() == [("Budi Santoso", "Judul uji", "Isi uji.", "/skp/", "uji:1", None)]
    assert mailoutbox == []
    assert [record.getMessage() for record in caplog.records] == [
        "Sending 1 notification e-mails failed"
    ]


def test_long_texts_are_cut_to_their_columns(agency, django_capture_on_commit_callbacks):
    budi = agency.penilai.pengguna
    with django_capture_on_commit_callbacks(execute=True):
        notify([Pesan(budi.pk, "J" * 300, "isi", "/" + "t" * 600, "k" * 250)])
    notice = Notifikasi.objects.get()
    assert (len(notice.judul), len(notice.tautan), len(notice.kunci)) == (255, 500, 200)


# --- Marking read and reading ----------------------------------------------------------------


def test_mark_read_one_or_all_of_a_users_own_notices(agency, django_capture_on_commit_callbacks):
    budi, siti = agency.penilai.pengguna, agency.pegawai.pengguna
    with django_capture_on_commit_callbacks(execute=True):
        notify([pesan(budi, "a"), pesan(budi, "b"), pesan(budi, "c"), pesan(siti, "a")])
    second = Notifikasi.objects.get(penerima=budi, kunci="b")
    others = Notifikasi.objects.get(penerima=siti)

    # Another user's id is ignored.
    assert services.notification_mark_read(pengguna_id=budi.pk, notifikasi_ids=[others.pk]) == 0
    assert services.notification_mark_read(pengguna_id=budi.pk, notifikasi_ids=[second.pk]) == 1
    second.refresh_from_db()
    stamped = second.dibaca_pada
    assert stamped is not None
    assert selectors.unread_count(budi.pk) == 2

    # All: the remaining unread ones; one already read keeps its time.
    assert services.notification_mark_read(pengguna_id=budi.pk) == 2
    second.refresh_from_db()
    assert second.dibaca_pada == stamped
    assert selectors.unread_count(budi.pk) == 0
    assert selectors.unread_count(siti.pk) == 1
    assert services.notification_mark_read(pengguna_id=budi.pk) == 0


def test_a_users_list_is_their_own_newest_first(agency, django_capture_on_commit_callbacks):
    budi, siti = agency.penilai.pengguna, agency.pegawai.pengguna
    with django_capture_on_commit_callbacks(execute=True):
        notify([pesan(budi, "lama", "Lama"), pesan(siti, "siti", "Milik Siti")])
        notify([pesan(budi, "baru", "Baru")])
    Notifikasi.objects.filter(kunci="lama").update(
        dibuat_pada=timezone.now() - datetime.timedelta(days=2)
    )
    assert [n.judul for n in selectors.notification_list(budi.pk)] == ["Baru", "Lama"]
    assert [n.judul for n in selectors.notification_list(siti.pk)] == ["Milik Siti"]


# --- The realisation workflow's notices ------------------------------------------------------


def test_submission_notifies_the_appraiser_and_verdicts_the_owner(
    agency, mailoutbox, django_capture_on_commit_callbacks
):
    with_email(agency.penilai.pengguna, "budi@example.go.id")
    with_email(agency.pegawai.pengguna, "siti@example.go.id")
    own = approve(agency, build_plans(agency).own)
    periode = open_period("TW3")
    laporan = realisasi_services.laporan_open(
        aktor=aktor_for(agency.pegawai), skp=own, periode=periode
    )
    bukti = upload(laporan, Rhk.objects.get(skp=own, uraian=RHK_1))
    detail = reverse("realisasi:detail", args=[laporan.pk])

    with django_capture_on_commit_callbacks(execute=True):
        realisasi_services.laporan_submit(aktor=aktor_for(agency.pegawai), laporan=laporan)
    with django_capture_on_commit_callbacks(execute=True):
        realisasi_services.bukti_verdict(
            aktor=aktor_for(agency.penilai),
            bukti=bukti,
            status="PERLU_PERBAIKAN",
            catatan="Lampirkan halaman tanda tangan",
        )

    assert [row[:5] for row in rows()] == [
        (
            "Budi Santoso",
            "Siti Aminah mengajukan realisasi Triwulan III",
            "Bukti dukung menunggu verifikasi Anda.",
            detail,
            f"laporan:{laporan.pk}:ajukan:1",
        ),
        (
            "Siti Aminah",
            "Bukti dukung Triwulan III perlu diperbaiki",
            "Pejabat penilai mengembalikan atau menolak sebagian bukti dukung Anda; "
            "baca catatannya.",
            detail,
            f"laporan:{laporan.pk}:PERLU_PERBAIKAN:1",
        ),
    ]
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["budi@example.go.id"], "Siti Aminah mengajukan realisasi Triwulan III"),
        (["siti@example.go.id"], "Bukti dukung Triwulan III perlu diperbaiki"),
    ]
