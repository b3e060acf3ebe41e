"""`kinerja rekap --tahun YYYY --periode TW1..TW4|B01..B12|TAHUNAN [--unit KODE]
--format csv|xlsx|json --out FILE`: the recap of a period in the exchange format's columns, with
the excluded employees in a second sheet (XLSX) or a sibling file `<stem>-dikecualikan.<ext>`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.jobs.progress import TerminalProgress
from kinerja.rekap import rules
from kinerja.rekap.selectors import RekapError, periode_find, rekap_build, unit_find
from kinerja.rekap.writers import rekap_write


class Command(BaseCommand):
    help = (
        "Rekap kinerja satu periode (kolom format pertukaran) ke CSV, XLSX atau JSON; pegawai "
        "yang dikecualikan atau tidak aktif dicantumkan terpisah beserta alasannya."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tahun", type=int, required=True, help="tahun kinerja, mis. 2026")
        parser.add_argument("--periode", required=True, help="TW1…TW4, B01…B12 atau TAHUNAN")
        parser.add_argument("--unit", default=None, help="kode unit (beserta sub-unitnya)")
        parser.add_argument("--format", dest="fmt", default="csv", help="csv, xlsx atau json")
        parser.add_argument("--out", required=True, help="berkas keluaran")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = str(options["fmt"]).lower()
        error = rules.format_error(fmt)
        if error:
            raise CommandError(error, returncode=2)
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(
                _("Folder %(folder)s tidak ada.") % {"folder": out.parent}, returncode=2
            )
        try:
            periode = periode_find(options["tahun"], str(options["periode"]))
            unit = unit_find(options["unit"]) if options["unit"] else None
            progress = TerminalProgress(getattr(self.stderr, "_out", self.stderr))
            rekap = rekap_build(periode=periode, unit=unit, progress=progress)
        except RekapError as failure:
            raise CommandError(str(failure), returncode=2) from None
        progress.finish()
        written = rekap_write(rekap, fmt=fmt, path=out)
        self.stdout.write(
            _("Rekap %(periode)s %(tahun)s: %(baris)d pegawai, %(kecuali)d dikecualikan.")
            % {
                "periode": periode.kode,
                "tahun": periode.tahun.tahun,
                "baris": len(rekap.baris),
                "kecuali": len(rekap.dikecualikan),
            }
        )
        for path in written:
            self.stdout.write(_("Ditulis: %(path)s") % {"path": path})
