"""`kinerja ingatkan [--hari N] [--tanggal YYYY-MM-DD]`: remind employees and appraisers of the
realisation and verification deadlines that are near. Safe to run every day: a reminder is sent
once per person and deadline (its `kunci`), however often the command runs."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.realisasi.services import deadline_reminders

DEFAULT_DAYS = 3
MAX_DAYS = 60


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("--tanggal harus tanggal berformat YYYY-MM-DD, mis. 2026-09-28.")
        ) from None


class Command(BaseCommand):
    help = _(
        "Mengirim pengingat batas realisasi dan batas verifikasi yang sudah dekat "
        "(sekali untuk setiap orang dan batas; aman dijalankan setiap hari)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hari",
            type=int,
            default=DEFAULT_DAYS,
            help=_("Ingatkan batas yang jatuh dalam sekian hari ke depan (bawaan %(hari)s).")
            % {"hari": DEFAULT_DAYS},
        )
        parser.add_argument(
            "--tanggal",
            default="",
            metavar="YYYY-MM-DD",
            help=_("Hitung dari tanggal ini, bukan hari ini (untuk uji dan susulan)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hari: int = options["hari"]
        if not 0 <= hari <= MAX_DAYS:
            raise CommandError(
                _("--hari harus bilangan bulat 0 sampai %(maks)s.") % {"maks": MAX_DAYS}
            )
        today = _date(options["tanggal"]) if options["tanggal"] else None
        sent = deadline_reminders(today=today, hari=hari)
        self.stdout.write(_("%(jumlah)s pengingat baru dikirim.") % {"jumlah": sent})
