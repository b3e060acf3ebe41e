"""`kinerja demo`: migrate, load the demo agency, list its accounts, then serve it."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.demo import generator
from kinerja.demo.services import HasilDemo, demo_load
from kinerja.jobs.progress import TerminalProgress
from kinerja.pertukaran.rules import ImportRejected

DEFAULT_ADDRESS = "127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Memuat instansi demo (Sekretariat Badan, 300 pegawai) beserta akunnya, "
        "lalu menjalankan server."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--serve",
            metavar="HOST:PORT",
            default=DEFAULT_ADDRESS,
            help=f"Alamat server web (bawaan {DEFAULT_ADDRESS}).",
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Hanya memuat data demo; server tidak dijalankan.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        address: str = options["serve"]
        self.stdout.write(_("Menyiapkan basis data…"))
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("Memuat instansi demo…"))
        progress = TerminalProgress(getattr(self.stderr, "_out", sys.stderr))
        try:
            hasil = demo_load(progress=progress)
        except ImportRejected as rejected:
            lines = "\n".join(error.as_line() for error in rejected.report)
            raise CommandError(f"{rejected}\n{lines}") from None
        finally:
            progress.finish()
        self._print_accounts(hasil)
        url = f"http://{address}/"
        if options["no_serve"]:
            self.stdout.write(
                _("Server tidak dijalankan. Jalankan `kinerja demo` lalu buka %(url)s")
                % {"url": url}
            )
            return
        self.stdout.write(
            _("Buka %(url)s lalu masuk dengan NIP dan kata sandi di atas.") % {"url": url}
        )
        call_command("runserver", address, use_reloader=False, insecure_serving=True)

    def _print_accounts(self, hasil: HasilDemo) -> None:
        header = (_("Peran"), _("NIP"), _("Nama"), _("Kata sandi"))
        rows = [
            (
                item.akun.peran,
                item.akun.nip,
                item.akun.nama,
                generator.DEMO_PASSWORD if item.sandi_demo else _("(sudah diganti)"),
            )
            for item in hasil.akun
        ]
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]

        def line(values: tuple[str, ...]) -> str:
            return " | ".join(
                value.ljust(width) for value, width in zip(values, widths, strict=True)
            ).rstrip()

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Akun demo")))
        self.stdout.write(line(header))
        self.stdout.write("-+-".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row))
        self.stdout.write("")
