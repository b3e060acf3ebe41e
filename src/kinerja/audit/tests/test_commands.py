"""`kinerja audit verify`: exit 0 on a clean chain, 1 with every break named when tampered."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connection

from kinerja.audit.management.commands import audit as audit_command
from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor, Perubahan, audit_record_many

pytestmark = pytest.mark.django_db


def write_entries(count: int) -> None:
    changes = [
        Perubahan(
            "unit.update", "organisasi.unit", str(number), f"Unit {number}", sesudah={"n": number}
        )
        for number in range(1, count + 1)
    ]
    audit_record_many(aktor=Aktor.system(), perubahan=changes)


def run_verify(*arguments: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("audit", "verify", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_from_terminal(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run it as `kinerja audit verify` would, returning the exit code."""
    code = 0
    try:
        ManagementUtility(["kinerja", "audit", "--skip-checks", "verify"]).execute()
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_clean_chain_exits_0(capsys):
    write_entries(4)
    code, out, err = run_from_terminal(capsys)
    assert (code, out, err) == (0, "Rantai audit utuh: 4 entri diperiksa.\n", "")


def test_an_empty_log_is_intact():
    assert run_verify() == ("Rantai audit utuh: 0 entri diperiksa.\n", "")


def test_an_entry_edited_with_an_update_is_named_and_exits_1(capsys):
    write_entries(4)
    Entri.objects.filter(urutan=2).update(objek_label="Unit palsu")

    code, out, err = run_from_terminal(capsys)

    assert code == 1
    assert out == "Entri #2: isi tidak cocok dengan hash-nya (diubah)\n"
    assert (
        err == "CommandError: Rantai audit rusak: 1 kerusakan ditemukan dari 4 entri diperiksa.\n"
    )


def test_an_entry_deleted_with_raw_sql_is_named(capsys):
    write_entries(5)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Entri._meta.db_table)
        cursor.execute(f"DELETE FROM {table} WHERE urutan = %s", [3])  # noqa: S608

    code, out, _ = run_from_terminal(capsys)

    assert code == 1
    assert out == "Entri #3: entri 3 hilang (dihapus)\n"


def test_the_last_entry_deleted_is_found_through_the_head():
    write_entries(3)
    Entri.objects.filter(urutan=3).delete()
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify", stdout=out, stderr=StringIO())
    assert out.getvalue() == "Entri #3: entri 3 hilang (dihapus)\n"
    assert raised.value.returncode == 1
    assert str(raised.value) == "Rantai audit rusak: 1 kerusakan ditemukan dari 2 entri diperiksa."


def test_reordered_entries_are_found():
    write_entries(3)
    Entri.objects.filter(urutan=1).update(urutan=100)
    Entri.objects.filter(urutan=2).update(urutan=1)
    Entri.objects.filter(urutan=100).update(urutan=2)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=out, stderr=StringIO())
    assert out.getvalue().splitlines() == [
        "Entri #1: tautan ke entri sebelumnya putus",
        "Entri #1: isi tidak cocok dengan hash-nya (diubah)",
        "Entri #2: tautan ke entri sebelumnya putus",
        "Entri #2: isi tidak cocok dengan hash-nya (diubah)",
        "Entri #3: tautan ke entri sebelumnya putus",
    ]


def test_the_progress_bar_draws_a_line_each_tenth_on_a_pipe():
    write_entries(10)
    out, err = run_verify("--progres", "--batch", "1")
    assert out == "Rantai audit utuh: 10 entri diperiksa.\n"
    lines = err.splitlines()
    assert len(lines) == 11
    assert lines[0] == "[" + "·" * 30 + "]   0% 0/10 memeriksa rantai audit"
    assert lines[-1] == "[" + "█" * 30 + "] 100% 10/10 memeriksa rantai audit"


def test_the_progress_bar_is_shown_only_for_large_logs(monkeypatch):
    write_entries(3)
    assert run_verify()[1] == ""
    monkeypatch.setattr(audit_command, "PROGRESS_THRESHOLD", 3)
    assert run_verify()[1].splitlines()[-1].endswith("100% 3/3 memeriksa rantai audit")
    assert run_verify("--no-progres")[1] == ""


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(CommandError, match=r"--batch harus bilangan bulat positif\."):
        run_verify("--batch", "0")


def test_the_subcommand_is_required():
    with pytest.raises(CommandError, match="subcommand"):
        call_command("audit", stdout=StringIO(), stderr=StringIO())
