"""`kinerja demo`: loads the agency, prints the accounts table, then serves (unless --no-serve).

The command runs on the demo loaded once for the package (a second load: nothing new to write);
loading into an empty database is tested by `tests/test_services_fresh.py`."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from kinerja.akun.models import Pengguna
from kinerja.demo import generator
from kinerja.demo.management.commands import demo as demo_command
from kinerja.demo.services import HasilDemo
from kinerja.organisasi.models import Pegawai

pytestmark = pytest.mark.django_db


def run(*arguments: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("demo", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def table_rows(output: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.split(" | ")]
        for line in output.splitlines()
        if " | " in line
    ]


def test_no_serve_loads_and_prints_the_accounts_table(loaded: HasilDemo) -> None:
    out, err = run("--no-serve")
    agency = generator.generate()
    assert Pegawai.objects.count() == 300
    assert Pengguna.objects.count() == 6
    assert table_rows(out) == [
        ["Peran", "NIP", "Nama", "Kata sandi"],
        *[[account.peran, account.nip, account.nama, "demo12345"] for account in agency.akun],
    ]
    assert [row[0] for row in table_rows(out)[1:]] == [
        "Superuser",
        "Admin kepegawaian",
        "Pimpinan unit",
        "Auditor",
        "Pejabat penilai",
        "Pegawai",
    ]
    assert "http://127.0.0.1:8000/" in out
    assert "100%" in err  # the progress bar reached its end


def test_second_run_prints_the_same_table_and_marks_changed_passwords(loaded: HasilDemo) -> None:
    first, _err = run("--no-serve")
    pegawai = Pengguna.objects.get(nip=generator.generate().akun[5].nip)
    pegawai.set_password("sandi-baru-saya-2025")
    pegawai.save()
    second, _err = run("--no-serve")
    assert table_rows(second)[:6] == table_rows(first)[:6]
    assert table_rows(second)[6][3] == "(sudah diganti)"
    assert Pegawai.objects.count() == 300


def test_serves_on_the_given_address_without_the_reloader(
    loaded: HasilDemo, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    real_call_command = demo_command.call_command

    def record(name: str, *args: Any, **options: Any) -> None:
        if name == "runserver":
            calls.append(((name, *args), options))
            return
        real_call_command(name, *args, **options)

    monkeypatch.setattr(demo_command, "call_command", record)
    out, _err = run("--serve", "127.0.0.1:8765")
    assert calls == [
        (("runserver", "127.0.0.1:8765"), {"use_reloader": False, "insecure_serving": True})
    ]
    assert "http://127.0.0.1:8765/" in out
    assert table_rows(out)[0] == ["Peran", "NIP", "Nama", "Kata sandi"]
