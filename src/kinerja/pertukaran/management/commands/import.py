"""`kinerja import PATH`: import an .xlsx workbook or a folder of CSV files, all or nothing."""

from __future__ import annotations

import argparse
import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor
from kinerja.jobs.progress import TerminalProgress
from kinerja.pertukaran import readers
from kinerja.pertukaran.services import ImportRejected, import_run


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("tanggal harus berbentuk YYYY-MM-DD, bukan %(text)r") % {"text": text}
        ) from None


class Command(BaseCommand):
    help = (
        "Impor workbook .xlsx atau folder <sheet>.csv dalam format pertukaran. Semua baris "
        "disimpan, atau tidak satu pun bila ada kesalahan (laporan per baris, kode keluar 1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="workbook .xlsx atau folder berisi <sheet>.csv")
        parser.add_argument(
            "--berlaku-mulai",
            type=_date,
            default=None,
            help="tanggal berlaku perubahan riwayat (YYYY-MM-DD; bawaan: hari ini)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="periksa dan hitung saja, tanpa menyimpan"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = TerminalProgress(getattr(self.stderr, "_out", self.stderr))
        try:
            with readers.open_path(options["path"]) as source:
                result = import_run(
                    aktor=Aktor.system("kinerja import"),
                    source=source,
                    progress=progress,
                    berlaku_mulai=options["berlaku_mulai"],
                    dry_run=options["dry_run"],
                )
        except ImportRejected as rejected:
            progress.finish()
            for error in rejected.report:
                self.stderr.write(error.as_line())
            raise CommandError(
                _("Impor ditolak: %(count)d kesalahan; tidak ada data yang disimpan.")
                % {"count": len(rejected.report)},
                returncode=1,
            ) from None
        progress.finish()
        for name, counts in result.sheets.items():
            self.stdout.write(
                _("%(sheet)s: %(created)d dibuat, %(updated)d diubah, %(unchanged)d tetap")
                % {
                    "sheet": name,
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
            )
        extras = {
            "jabatan_baru": _("jabatan baru: %(count)d"),
            "tahun_baru": _("tahun kinerja baru dibuka: %(count)d"),
            "bukti_baru": _("bukti dukung (tautan) baru: %(count)d"),
            "kelompok_ditetapkan": _("kelompok kurva ditetapkan: %(count)d"),
        }
        for key, text in extras.items():
            if result.extra.get(key):
                self.stdout.write(text % {"count": result.extra[key]})
        for line in result.catatan:
            self.stdout.write(line)
        if result.dry_run:
            self.stdout.write(_("Uji saja: tidak ada data yang disimpan."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Impor selesai.")))
