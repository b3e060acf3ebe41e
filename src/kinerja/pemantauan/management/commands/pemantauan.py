"""`kinerja pemantauan perbarui [--sebab TEKS]`: recompute the monitoring figures (counts per
unit and period, trends, projection, early warnings) with a terminal progress bar — e.g. nightly
from cron; `kinerja pemantauan status`: when the figures were last computed and the model."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor
from kinerja.core.templatetags.kinerja import waktu
from kinerja.jobs.progress import TerminalProgress
from kinerja.pemantauan.selectors.baca import latest_refresh
from kinerja.pemantauan.services import monitoring_refresh


class Command(BaseCommand):
    help = "Perbarui data pemantauan kinerja (ringkasan unit, tren, proyeksi, peringatan dini)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("aksi", choices=["perbarui", "status"])
        parser.add_argument("--sebab", default="", help="alasan pembaruan (dicatat)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["aksi"] == "status":
            self._status()
            return
        progress = TerminalProgress(getattr(self.stderr, "_out", self.stderr))
        try:
            run = monitoring_refresh(
                aktor=Aktor.system("kinerja pemantauan"),
                sebab=str(options["sebab"]) or _("Perintah kinerja pemantauan perbarui"),
                progress=progress,
            )
        except Exception as error:
            raise CommandError(str(error), returncode=1) from None
        progress.finish()
        self.stdout.write(
            _("Data pemantauan diperbarui: %(pegawai)d pegawai, %(unit)d unit.")
            % {"pegawai": run.jumlah_pegawai, "unit": run.jumlah_unit}
        )

    def _status(self) -> None:
        run = latest_refresh()
        if run is None:
            self.stdout.write(_("Data pemantauan belum pernah diperbarui."))
            return
        self.stdout.write(
            _("Terakhir diperbarui %(waktu)s oleh %(oleh)s: %(pegawai)d pegawai; model %(model)s.")
            % {
                "waktu": waktu(run.selesai_pada) if run.selesai_pada else "—",
                "oleh": run.oleh_label,
                "pegawai": run.jumlah_pegawai,
                "model": _("dipakai") if run.uji_balik.get("dipakai") else _("tidak dipakai"),
            }
        )
