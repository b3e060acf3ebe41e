"""`kinerja audit verify`: recompute the audit hash chain and report every break."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.audit import selectors
from kinerja.jobs.progress import TerminalProgress

# Below this many entries the check is quick and no progress bar is drawn.
PROGRESS_THRESHOLD = 20000


class Command(BaseCommand):
    help = _("Perintah jejak audit. `audit verify` memeriksa keutuhan rantai hash.")

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(
            dest="subcommand", title=_("subperintah"), required=True
        )
        verify = subcommands.add_parser(
            "verify",
            help=_(
                "Hitung ulang rantai hash; keluar dengan kode 1 bila ada entri diubah atau dihapus."
            ),
        )
        verify.add_argument(
            "--batch",
            type=int,
            default=5000,
            help=_("Jumlah entri yang dibaca sekaligus (bawaan 5000)."),
        )
        verify.add_argument(
            "--progres",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=_("Tampilkan bilah kemajuan (bawaan: hanya untuk log besar)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.verify(batch_size=options["batch"], show_progress=options["progres"])

    def verify(self, *, batch_size: int, show_progress: bool | None) -> None:
        if batch_size < 1:
            raise CommandError(_("--batch harus bilangan bulat positif."))
        if show_progress is None:
            show_progress = selectors.chain_length() >= PROGRESS_THRESHOLD
        progress = TerminalProgress(self.stderr) if show_progress else None
        report = selectors.chain_check(batch_size, progress)
        if progress is not None:
            progress.finish()
        if report.utuh:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Rantai audit utuh: %(jumlah)s entri diperiksa.")
                    % {"jumlah": report.diperiksa}
                )
            )
            return
        for item in report.kerusakan:
            self.stdout.write(
                _("Entri #%(nomor)s: %(alasan)s") % {"nomor": item.urutan, "alasan": item.reason}
            )
        raise CommandError(
            _("Rantai audit rusak: %(rusak)s kerusakan ditemukan dari %(jumlah)s entri diperiksa.")
            % {"rusak": len(report.kerusakan), "jumlah": report.diperiksa}
        )
