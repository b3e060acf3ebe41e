"""`kinerja rules list|export|import`: share rule sets between agencies as JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.aturan import selectors, services
from kinerja.aturan.enums import StatusSetAturan
from kinerja.aturan.models import SetAturan
from kinerja.audit.services import Aktor
from kinerja.organisasi.models import Unit

MAX_FILE_BYTES = 1024 * 1024


class Command(BaseCommand):
    help = _("Set aturan: daftar, ekspor ke JSON, impor dari JSON.")

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", title=_("subperintah"), required=True)
        commands.add_parser("list", help=_("Tampilkan semua versi set aturan."))
        export = commands.add_parser("export", help=_("Tulis satu versi set aturan sebagai JSON."))
        export.add_argument("kode", help=_("Kode set aturan, mis. bawaan."))
        export.add_argument(
            "--versi",
            type=int,
            help=_("Nomor versi (bawaan: versi aktif terbaru, atau versi terbaru)."),
        )
        export.add_argument("--out", help=_("Berkas tujuan (bawaan: keluaran standar)."))
        load = commands.add_parser(
            "import", help=_("Baca berkas JSON menjadi draf versi baru set aturan.")
        )
        load.add_argument("file", help=_("Berkas JSON hasil `kinerja rules export`."))
        load.add_argument("--unit", help=_("Kode unit lingkup (bawaan: seluruh instansi)."))
        load.add_argument(
            "--aktifkan", action="store_true", help=_("Langsung aktifkan versi yang diimpor.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        if subcommand == "list":
            self.list()
        elif subcommand == "export":
            self.export(**options)
        else:
            self.load(**options)

    def list(self) -> None:
        for item in selectors.rule_set_list():
            scope = item.unit.kode if item.unit else _("seluruh instansi")
            self.stdout.write(
                f"{item.kode}\tv{item.versi}\t{item.status}\t{item.berlaku_mulai.isoformat()}"
                f"\t{scope}\t{item.nama}"
            )

    def export(self, *, kode: str, versi: int | None, out: str | None, **options: Any) -> None:
        set_aturan = _version(kode, versi)
        text = json.dumps(selectors.rule_set_document(set_aturan), ensure_ascii=False, indent=2)
        if out is None:
            self.stdout.write(text)
            return
        Path(out).write_text(text + "\n", encoding="utf-8")
        self.stderr.write(
            _("%(aturan)s ditulis ke %(berkas)s.") % {"aturan": set_aturan, "berkas": out}
        )

    def load(self, *, file: str, unit: str | None, aktifkan: bool, **options: Any) -> None:
        dokumen = _read(Path(file))
        scope = _unit(unit)
        aktor = Aktor.system("kinerja rules import")
        try:
            set_aturan = services.rule_set_import(aktor=aktor, dokumen=dokumen, unit=scope)
            if aktifkan:
                set_aturan = services.rule_set_activate(aktor=aktor, set_aturan=set_aturan)
        except ValidationError as error:
            raise CommandError(_describe(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Diimpor sebagai %(aturan)s (kode %(kode)s, status %(status)s).")
                % {
                    "aturan": set_aturan,
                    "kode": set_aturan.kode,
                    "status": set_aturan.status_enum.label,
                }
            )
        )


def _version(kode: str, versi: int | None) -> SetAturan:
    versions = selectors.rule_set_list(kode=kode)
    if versi is not None:
        versions = versions.filter(versi=versi)
    chosen = versions.filter(status=StatusSetAturan.AKTIF).first() or versions.first()
    if chosen is None:
        raise CommandError(
            _("Set aturan %(kode)s%(versi)s tidak ditemukan.")
            % {"kode": kode, "versi": f" v{versi}" if versi is not None else ""}
        )
    return chosen


def _read(path: Path) -> Any:
    if not path.is_file():
        raise CommandError(_("Berkas %(berkas)s tidak ditemukan.") % {"berkas": path})
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CommandError(_("Berkas %(berkas)s lebih dari 1 MB.") % {"berkas": path})
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(
            _("Berkas %(berkas)s bukan JSON yang sah: %(alasan)s")
            % {"berkas": path, "alasan": error}
        ) from None


def _unit(kode: str | None) -> Unit | None:
    if not kode:
        return None
    unit = Unit.objects.filter(kode=kode).first()
    if unit is None:
        raise CommandError(_("Unit dengan kode %(kode)s tidak ditemukan.") % {"kode": kode})
    return unit


def _describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "\n".join(
            f"{field}: {message}"
            for field, items in error.error_dict.items()
            for message in ValidationError(items).messages
        )
    return "\n".join(error.messages)
