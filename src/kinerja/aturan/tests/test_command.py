"""`kinerja rules list|export|import`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from kinerja.aturan import rules, selectors
from kinerja.aturan.models import SetAturan
from kinerja.audit.models import Entri

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("rules", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_list_shows_every_version():
    out, _ = run("list")
    assert out == "bawaan\tv1\tAKTIF\t2023-01-01\tseluruh instansi\tSet aturan bawaan\n"


def test_export_to_stdout_is_the_document():
    out, _ = run("export", "bawaan")
    assert json.loads(out) == selectors.rule_set_document(SetAturan.objects.get())


def test_export_to_file_and_import_as_next_version(tmp_path):
    target = tmp_path / "bawaan.json"
    _, err = run("export", "bawaan", "--out", str(target))
    assert err == f"Set aturan bawaan v1 ditulis ke {target}.\n"
    out, _ = run("import", str(target))
    assert out == "Diimpor sebagai Set aturan bawaan v2 (kode bawaan, status Draf).\n"
    imported = SetAturan.objects.get(versi=2)
    assert imported.status == "DRAF"
    assert imported.isi == rules.isi_default()
    assert (
        Entri.objects.filter(aksi="setaturan.import", aktor_label="kinerja rules import").count()
        == 1
    )


def test_import_and_activate_with_a_unit_scope(tmp_path, agency):
    document = selectors.rule_set_document(SetAturan.objects.get())
    document["kode"] = "biro-umum"
    document["isi"]["keberatan"]["batas_hari"] = 21
    path = tmp_path / "biro.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    run("import", str(path), "--unit", "BU", "--aktifkan")
    imported = SetAturan.objects.get(kode="biro-umum")
    assert (imported.versi, imported.status, imported.unit) == (1, "AKTIF", agency.biro)
    chosen = selectors.rule_set_for(jalur=agency.bagian.jalur, tanggal=imported.berlaku_mulai)
    assert chosen == imported
    assert chosen.aturan().keberatan_hari == 21


def test_export_of_a_given_version_and_unknown_code():
    out, _ = run("export", "bawaan", "--versi", "1")
    assert json.loads(out)["versi"] == 1
    with pytest.raises(CommandError, match=r"Set aturan tidak-ada tidak ditemukan\."):
        run("export", "tidak-ada")
    with pytest.raises(CommandError, match=r"Set aturan bawaan v7 tidak ditemukan\."):
        run("export", "bawaan", "--versi", "7")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "bukan JSON yang sah"),
        ('{"format": "lain"}', "Bukan berkas set aturan Kinerja"),
        (
            '{"format": "kinerja-set-aturan", "versi_format": 9}',
            "Versi format 9 tidak didukung.",
        ),
    ],
)
def test_import_refuses_bad_files_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / "rusak.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("import", str(path))
    assert SetAturan.objects.count() == 1


def test_import_names_the_invalid_value(tmp_path):
    document = selectors.rule_set_document(SetAturan.objects.get())
    document["isi"]["kurva"]["pola"]["BAIK"][1]["nilai"] = "170"
    path = tmp_path / "salah.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run("import", str(path))
    assert str(raised.value) == "isi: kurva.pola.BAIK[1].nilai: tidak boleh lebih dari 100"
    assert SetAturan.objects.count() == 1


def test_import_refuses_missing_large_files_and_unknown_units(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run("import", str(tmp_path / "tidak-ada.json"))
    big = tmp_path / "besar.json"
    big.write_text(" " * (1024 * 1024 + 1), encoding="utf-8")
    with pytest.raises(CommandError, match="lebih dari 1 MB"):
        run("import", str(big))
    out, _ = run("export", "bawaan")
    path = tmp_path / "ok.json"
    path.write_text(out, encoding="utf-8")
    with pytest.raises(CommandError, match=r"Unit dengan kode XX tidak ditemukan\."):
        run("import", str(path), "--unit", "XX")
    assert SetAturan.objects.count() == 1
