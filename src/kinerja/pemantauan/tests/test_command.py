"""`kinerja pemantauan perbarui [--sebab TEKS]` and `kinerja pemantauan status`."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from kinerja.aturan.enums import Predikat
from kinerja.core.templatetags.kinerja import waktu
from kinerja.pemantauan import services
from kinerja.pemantauan.models import Pembaruan, RingkasanUnit, StatusPembaruan
from kinerja.pemantauan.tests.factories import history

pytestmark = pytest.mark.django_db

B, BP = Predikat.BAIK, Predikat.BUTUH_PERBAIKAN


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("pemantauan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_status_before_any_refresh(agency):
    out, err = run("status")
    assert (out, err) == ("Data pemantauan belum pernah diperbarui.\n", "")


def test_perbarui(agency):
    history(agency.pegawai, 2025, [B, B, BP])
    out, err = run("perbarui")
    assert out == "Data pemantauan diperbarui: 3 pegawai, 4 unit.\n"
    lines = err.splitlines()
    assert lines[0] == "[" + "·" * 30 + "]   0% 0/7 Membaca data instansi"
    assert lines[-1] == "[" + "█" * 30 + "] 100% 7/7 Membaca data instansi"
    run_ = Pembaruan.objects.get()
    assert (run_.status, run_.oleh_id, run_.oleh_label, run_.sebab) == (
        StatusPembaruan.SELESAI,
        None,
        "kinerja pemantauan",
        "Perintah kinerja pemantauan perbarui",
    )
    assert RingkasanUnit.objects.filter(jenis_jabatan="").count() == 4 * 5


def test_perbarui_with_a_reason(agency):
    run("perbarui", "--sebab", "Laporan bulanan")
    assert Pembaruan.objects.get().sebab == "Laporan bulanan"


def test_perbarui_without_any_period(agency):
    """No started period: the employees are profiled, no unit has counts."""
    out, _ = run("perbarui")
    assert out == "Data pemantauan diperbarui: 3 pegawai, 4 unit.\n"


def test_status_after_a_refresh(agency):
    history(agency.pegawai, 2025, [B, B])
    run("perbarui")
    out, _ = run("status")
    assert out.startswith("Terakhir diperbarui ")
    assert out.endswith(" oleh kinerja pemantauan: 3 pegawai; model tidak dipakai.\n")


def test_status_says_when_the_model_is_used(agency):
    history(agency.pegawai, 2025, [B])
    run("perbarui")
    Pembaruan.objects.update(uji_balik={"dipakai": True})
    out, _ = run("status")
    assert out.endswith(": 3 pegawai; model dipakai.\n")


def test_status_ignores_a_failed_refresh(agency, monkeypatch):
    run("perbarui")
    before, _ = run("status")

    def broken(**kwargs):
        raise RuntimeError("aturan rusak")

    monkeypatch.setattr(services.warning_rules, "signals", broken)
    with pytest.raises(CommandError, match="aturan rusak") as raised:
        run("perbarui")
    assert raised.value.returncode == 1
    assert Pembaruan.objects.filter(status=StatusPembaruan.GAGAL).count() == 1
    after, _ = run("status")
    assert after == before


def test_status_time_in_indonesian(agency):
    run("perbarui")
    done = Pembaruan.objects.get()
    out, _ = run("status")
    assert out == (
        f"Terakhir diperbarui {waktu(done.selesai_pada)} oleh kinerja pemantauan: 3 pegawai; "
        "model tidak dipakai.\n"
    )


def test_unknown_action(agency):
    with pytest.raises(CommandError, match="invalid choice"):
        run("hapus")
