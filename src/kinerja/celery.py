"""Celery application; used only when CELERY_BROKER_URL is set.

With a broker, `celery -A kinerja.celery beat` also runs the daily deadline reminders
(`kinerja ingatkan`) at 06.00 in the agency's time zone. Without one, schedule that command
with cron or a systemd timer instead (see docs/realisation.md)."""

import os
from typing import Any

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

app = Celery("kinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["kinerja.jobs"])

REMINDER_TASK = "kinerja.realisasi.ingatkan"


@app.on_after_configure.connect
def _use_the_agency_time_zone(sender: Celery, **kwargs: Any) -> None:
    """Beat reads its crontabs in Django's TIME_ZONE (Asia/Jakarta by default), not UTC."""
    from django.conf import settings

    sender.conf.timezone = settings.TIME_ZONE


app.conf.beat_schedule = {
    "ingatkan-batas-harian": {"task": REMINDER_TASK, "schedule": crontab(hour=6, minute=0)},
}


@app.task(name=REMINDER_TASK)
def ingatkan() -> str:
    """`kinerja ingatkan` with its defaults; returns what the command printed."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("ingatkan", stdout=out)
    return out.getvalue().strip()
