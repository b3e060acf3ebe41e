"""`kinerja ingatkan`: reminders of near realisation and verification deadlines, for periods
constructed around them; what it prints, who is reminded, that running it again sends nothing
new, its arguments, and the daily Celery beat entry."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from celery.schedules import crontab
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from kinerja.core.formatting import format_date
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.models import Pegawai
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition
from kinerja.realisasi import services
from kinerja.realisasi.tests.factories import open_period, upload
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan
from kinerja.skp.tests.test_documents import RHK_1, approve, build_plans

pytestmark = pytest.mark.django_db

REALISASI = datetime.date(2026, 10, 5)
VERIFIKASI = datetime.date(2026, 10, 10)


def run(*arguments: str) -> str:
    out = StringIO()
    call_command("ingatkan", *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


def notices() -> list[tuple[str, str, str, str, str]]:
    return list(
        Notifikasi.objects.order_by("pk").values_list(
            "penerima__nama", "judul", "isi", "tautan", "kunci"
        )
    )


def plans_with_siti_submitted(agency) -> Periode:
    """Budi and Siti have approved plans; Siti submitted Triwulan III (while it was open), Budi
    did not; then the period's deadlines were set to 5 (realisation) and 10 October 2026."""
    own = approve(agency, build_plans(agency).own)
    periode = open_period("TW3")
    laporan = services.laporan_open(aktor=aktor_for(agency.pegawai), skp=own, periode=periode)
    upload(laporan, Rhk.objects.get(skp=own, uraian=RHK_1))
    services.laporan_submit(aktor=aktor_for(agency.pegawai), laporan=laporan)
    return open_period("TW3", batas_realisasi=REALISASI, batas_verifikasi=VERIFIKASI)


def submission_notice(periode: Periode, nama: str, tanggal: str) -> tuple[str, ...]:
    return (
        nama,
        f"Batas realisasi Triwulan III: {tanggal}",
        "Isi realisasi dan unggah bukti dukung, lalu ajukan kepada pejabat penilai.",
        reverse("realisasi:mine"),
        f"ingat:realisasi:{periode.pk}:{periode.batas_realisasi.isoformat()}",
    )


def test_reminds_who_has_not_submitted_before_the_realisation_deadline_once(agency):
    periode = plans_with_siti_submitted(agency)
    Notifikasi.objects.all().delete()  # the submission's own notice to Budi

    assert run("--tanggal", "2026-10-03") == "1 pengingat baru dikirim.\n"
    assert notices() == [submission_notice(periode, "Budi Santoso", "5 Oktober 2026")]

    # Daily runs send nothing new for the same deadline.
    assert run("--tanggal", "2026-10-03") == "0 pengingat baru dikirim.\n"
    assert run("--tanggal", "2026-10-04") == "0 pengingat baru dikirim.\n"
    assert len(notices()) == 1


def test_reminds_the_appraiser_with_items_waiting_before_the_verification_deadline(agency):
    periode = plans_with_siti_submitted(agency)
    Notifikasi.objects.all().delete()

    assert run("--tanggal", "2026-10-08") == "1 pengingat baru dikirim.\n"
    assert notices() == [
        (
            "Budi Santoso",
            "Batas verifikasi Triwulan III: 10 Oktober 2026",
            "Masih ada bukti dukung bawahan yang menunggu verifikasi Anda.",
            reverse("realisasi:inbox"),
            f"ingat:verifikasi:{periode.pk}:{periode.batas_verifikasi.isoformat()}",
        )
    ]
    assert run("--tanggal", "2026-10-09") == "0 pengingat baru dikirim.\n"


def test_both_deadlines_near_send_both_reminders(agency):
    plans_with_siti_submitted(agency)
    open_period(
        "TW3",
        batas_realisasi=datetime.date(2026, 10, 5),
        batas_verifikasi=datetime.date(2026, 10, 6),
    )
    Notifikasi.objects.all().delete()

    assert run("--tanggal", "2026-10-04") == "2 pengingat baru dikirim.\n"
    assert [(nama, judul) for nama, judul, *_rest in notices()] == [
        ("Budi Santoso", "Batas realisasi Triwulan III: 5 Oktober 2026"),
        ("Budi Santoso", "Batas verifikasi Triwulan III: 6 Oktober 2026"),
    ]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (("--tanggal", "2026-10-01"), 0),  # 4 days ahead: beyond the default 3
        (("--tanggal", "2026-10-01", "--hari", "4"), 1),
        (("--tanggal", "2026-10-02"), 1),  # exactly 3 days ahead
        (("--tanggal", "2026-10-05", "--hari", "0"), 1),  # the deadline is today
        (("--tanggal", "2026-10-06", "--hari", "0"), 0),  # passed: no reminder any more
        (("--tanggal", "2026-10-06", "--hari", "3"), 0),  # verification on the 10th is 4 days
    ],
)
def test_the_window_is_today_to_hari_days_ahead(agency, arguments, expected):
    plans_with_siti_submitted(agency)
    Notifikasi.objects.all().delete()
    assert run(*arguments) == f"{expected} pengingat baru dikirim.\n"
    assert Notifikasi.objects.count() == expected


def test_periods_not_open_employees_inactive_or_without_a_plan_are_not_reminded(agency):
    periode = plans_with_siti_submitted(agency)
    approved_plan(agency.outsider)
    Notifikasi.objects.all().delete()
    assert run("--tanggal", "2026-10-03") == "2 pengingat baru dikirim.\n"
    assert sorted(nama for nama, *_rest in notices()) == ["Budi Santoso", "Joko Widodo"]
    Notifikasi.objects.all().delete()

    # Joko leaves (inactive): only Budi is reminded.
    Pegawai.objects.filter(pk=agency.outsider.pk).update(aktif=False)
    assert run("--tanggal", "2026-10-03") == "1 pengingat baru dikirim.\n"
    assert [nama for nama, *_rest in notices()] == ["Budi Santoso"]
    Notifikasi.objects.all().delete()

    periode_transition(aktor=SYSTEM, periode=periode, aksi="close", alasan="Rekap triwulan")
    assert run("--tanggal", "2026-10-03") == "0 pengingat baru dikirim.\n"
    assert run("--tanggal", "2026-10-08") == "0 pengingat baru dikirim.\n"
    assert notices() == []


def test_without_a_date_it_counts_from_today(agency):
    approve(agency, build_plans(agency).own)
    today = timezone.localdate()
    periode = open_period(
        "TW4",
        batas_realisasi=today + datetime.timedelta(days=2),
        batas_verifikasi=today + datetime.timedelta(days=30),
    )
    judul = f"Batas realisasi Triwulan IV-Akhir: {format_date(periode.batas_realisasi)}"

    assert run() == "2 pengingat baru dikirim.\n"
    assert sorted((nama, judul, kunci) for nama, judul, _isi, _tautan, kunci in notices()) == [
        (
            "Budi Santoso",
            judul,
            f"ingat:realisasi:{periode.pk}:{periode.batas_realisasi.isoformat()}",
        ),
        (
            "Siti Aminah",
            judul,
            f"ingat:realisasi:{periode.pk}:{periode.batas_realisasi.isoformat()}",
        ),
    ]
    assert run("--hari", "5") == "0 pengingat baru dikirim.\n"


def test_reminders_are_mailed_once_to_users_with_an_address(
    agency, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://kinerja.example.go.id/"
    plans_with_siti_submitted(agency)
    Notifikasi.objects.all().delete()
    agency.penilai.pengguna.email = "budi@example.go.id"
    agency.penilai.pengguna.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        assert run("--tanggal", "2026-10-03") == "1 pengingat baru dikirim.\n"
    with django_capture_on_commit_callbacks(execute=True):
        assert run("--tanggal", "2026-10-04") == "0 pengingat baru dikirim.\n"

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["budi@example.go.id"]
    assert mail.subject == "Batas realisasi Triwulan III: 5 Oktober 2026"
    assert mail.body == (
        "Isi realisasi dan unggah bukti dukung, lalu ajukan kepada pejabat penilai.\n\n"
        f"https://kinerja.example.go.id{reverse('realisasi:mine')}"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("--tanggal", "2026-13-01"),
            "--tanggal harus tanggal berformat YYYY-MM-DD, mis. 2026-09-28.",
        ),
        (("--tanggal", "besok"), "--tanggal harus tanggal berformat YYYY-MM-DD, mis. 2026-09-28."),
        (("--hari", "-1"), "--hari harus bilangan bulat 0 sampai 60."),
        (("--hari", "61"), "--hari harus bilangan bulat 0 sampai 60."),
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_sent(agency, arguments, message):
    plans_with_siti_submitted(agency)
    before = notices()
    with pytest.raises(CommandError) as raised:
        run(*arguments)
    assert str(raised.value) == message
    assert notices() == before


# --- Celery beat -----------------------------------------------------------------------------


def test_celery_beat_runs_the_reminders_daily_in_the_agency_time_zone(agency):
    from kinerja.celery import REMINDER_TASK, app

    entry = app.conf.beat_schedule["ingatkan-batas-harian"]
    assert entry == {"task": REMINDER_TASK, "schedule": crontab(hour=6, minute=0)}
    assert str(app.timezone) == "Asia/Jakarta"
    task = app.tasks[REMINDER_TASK]  # what a worker runs when beat sends the entry

    approve(agency, build_plans(agency).own)
    today = timezone.localdate()
    open_period("TW4", batas_realisasi=today + datetime.timedelta(days=1))
    assert task.apply().get() == "2 pengingat baru dikirim."
    assert task.apply().get() == "0 pengingat baru dikirim."
    assert Notifikasi.objects.count() == 2
