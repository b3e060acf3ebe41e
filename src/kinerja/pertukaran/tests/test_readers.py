"""Reading workbooks and CSV folders; refusing files that are not what they claim to be."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kinerja.pertukaran import readers
from kinerja.pertukaran.rules import ImportRejected
from kinerja.pertukaran.tests.helpers import (
    NIP_STAF,
    PEGAWAI_HEADER,
    run,
    snapshot,
    write_csv_folder,
    write_xlsx,
)

CORRUPT = "Berkas .xlsx rusak dan tidak dapat dibaca. Simpan ulang dari Excel, lalu unggah lagi."
BOMB = "Isi workbook terlalu besar setelah dibuka (kemungkinan 'zip bomb'); berkas ditolak."


def refused_by_command(path: Path) -> list[str]:
    """`kinerja import PATH` must fail with exit code 1 and write nothing; returns its report."""
    before = snapshot()
    stderr = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import", str(path), stdout=io.StringIO(), stderr=stderr)
    assert failure.value.returncode == 1
    assert snapshot() == before
    return [line for line in stderr.getvalue().splitlines() if not line.startswith("[")]


def reason_of(path: Path) -> str:
    with pytest.raises(ImportRejected) as failure:
        readers.open_path(path)
    [error] = failure.value.report
    return error.reason


def fake_workbook(path: Path, members: dict[str, bytes], *, content_types: bytes = b"") -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types or b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for name, data in members.items():
            archive.writestr(name, data)
    return path


# --- Workbooks ------------------------------------------------------------------------------


def test_xlsx_rows_keep_their_spreadsheet_numbers(tmp_path):
    path = write_xlsx(
        tmp_path / "data.xlsx",
        {"unit": [[None], ["kode", "nama"], ["A", "Unit A"], [None, None], ["B", 7.0, None]]},
    )
    with readers.open_path(path) as source:
        assert source.sheet_names == ["unit"]
        sheet = source.read("unit")
    assert (sheet.header_row, sheet.header) == (2, ("kode", "nama"))
    assert [(row.number, row.cells) for row in sheet.rows] == [(3, ("A", "Unit A")), (5, ("B", 7))]


def test_xlsx_formula_is_read_as_a_formula(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"unit": [["kode", "nama"], ["A", "=UPPER(A2)"]]})
    with readers.open_path(path) as source:
        assert source.read("unit").rows[0].cells == ("A", "=UPPER(A2)")


@pytest.mark.django_db
def test_kelas_as_float_is_accepted_and_nip_as_text(tmp_path, agency):
    row = [NIP_STAF, "Rina", "BU-SDM", "Analis", "FUNGSIONAL", "Ahli Muda", 9.0]
    path = write_xlsx(tmp_path / "p.xlsx", {"Pegawai": [PEGAWAI_HEADER[:7], row]})
    with readers.open_path(path) as source:
        result = run(source)
    assert result.sheets["pegawai"].created == 1
    from kinerja.organisasi.models import Pegawai

    jabatan = Pegawai.objects.get(nip=NIP_STAF).jabatan
    assert (jabatan.jenjang, jabatan.kelas_jabatan) == ("AHLI_MUDA", 9)


@pytest.mark.django_db
def test_formula_in_a_workbook_is_refused_naming_the_cell(tmp_path, agency):
    row = [NIP_STAF, "Rina", "BU-SDM", "Analis", "PELAKSANA", None, "=2*4"]
    path = write_xlsx(tmp_path / "p.xlsx", {"pegawai": [PEGAWAI_HEADER[:7], row]})
    assert refused_by_command(path) == [
        "pegawai, baris 2, kolom kelas_jabatan: Sel G2 berisi rumus (=2*4); isi nilainya saja, "
        "bukan rumus."
    ]


@pytest.mark.django_db
def test_corrupt_workbook(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", {"unit": [["kode", "nama"], ["A", "A"]]})
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(good.read_bytes()[:300])
    assert reason_of(broken) == CORRUPT
    assert refused_by_command(broken) == [f"berkas: {CORRUPT}"]


@pytest.mark.django_db
def test_zip_with_broken_workbook_parts(tmp_path):
    path = fake_workbook(tmp_path / "parts.xlsx", {"xl/worksheets/sheet1.xml": b"<not xml"})
    assert refused_by_command(path) == [f"berkas: {CORRUPT}"]


@pytest.mark.django_db
def test_pdf_renamed_xlsx(tmp_path):
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    assert refused_by_command(path) == ["berkas: Berkas ini PDF, bukan workbook .xlsx atau CSV."]


@pytest.mark.django_db
def test_text_renamed_xlsx(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("kode,nama\nA,Unit A\n")
    assert refused_by_command(path) == [
        "berkas: Berkas bernama data.xlsx tetapi isinya bukan workbook Excel (.xlsx)."
    ]


@pytest.mark.django_db
def test_old_xls(tmp_path):
    path = tmp_path / "lama.xls"
    path.write_bytes(readers.OLE_MAGIC + b"\x00" * 504)
    assert refused_by_command(path) == [
        "berkas: Berkas ini format Excel lama (.xls) atau workbook terenkripsi. Simpan sebagai "
        "'Excel Workbook (.xlsx)' tanpa kata sandi, lalu unggah lagi."
    ]


@pytest.mark.django_db
def test_zip_bomb_by_ratio(tmp_path):
    path = fake_workbook(tmp_path / "bom.xlsx", {"xl/worksheets/sheet1.xml": b"\0" * 5_000_000})
    assert reason_of(path) == BOMB
    assert refused_by_command(path) == [f"berkas: {BOMB}"]


@pytest.mark.django_db
def test_zip_bomb_by_total_size(tmp_path, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 1
    noise = random.Random(1).randbytes(1_300_000)  # incompressible: the ratio check passes
    path = fake_workbook(tmp_path / "besar.xlsx", {"xl/media/a.bin": noise})
    assert reason_of(path) == BOMB
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 2  # within the limit: read, and found broken
    assert reason_of(path) == CORRUPT


@pytest.mark.django_db
def test_macro_workbook(tmp_path):
    types = b'<Types><Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'
    path = fake_workbook(tmp_path / "makro.xlsx", {}, content_types=types + b"</Types>")
    message = (
        "Workbook berisi makro (.xlsm) dan ditolak demi keamanan. Simpan sebagai "
        "'Excel Workbook (.xlsx)' tanpa makro."
    )
    assert refused_by_command(path) == [f"berkas: {message}"]
    vba = fake_workbook(tmp_path / "vba.xlsx", {"xl/vbaProject.bin": b"\1\2\3"})
    assert reason_of(vba) == message


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "dokumen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", b"<document/>")
    assert reason_of(path) == (
        "Berkas ini arsip zip, tetapi bukan workbook Excel (.xlsx): isinya tidak dikenal."
    )


@pytest.mark.django_db
def test_oversize_file(tmp_path, settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    path = tmp_path / "besar.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"x" * (1024 * 1024 + 600_000))
    assert refused_by_command(path) == ["berkas: Berkas terlalu besar: 1,6 MB, batasnya 1 MB."]


@pytest.mark.django_db
def test_empty_file(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    assert refused_by_command(path) == ["berkas: Berkas kosong."]


def test_missing_path(tmp_path):
    assert reason_of(tmp_path / "tidak-ada.xlsx") == (
        f"Berkas atau folder {tmp_path / 'tidak-ada.xlsx'} tidak ada."
    )


def test_upload_detects_by_content_not_name(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", {"unit": [["kode", "nama"], ["A", "A"]]})
    with readers.open_upload("data.csv", io.BytesIO(path.read_bytes())) as source:
        assert isinstance(source, readers.XlsxSource)
    with readers.open_upload("unit.csv", io.BytesIO(b"kode,nama\nA,A\n")) as source:
        assert isinstance(source, readers.CsvSource)
        assert source.sheet_names == ["unit"]
    with pytest.raises(ImportRejected) as failure:
        readers.open_upload("catatan.txt", io.BytesIO(b"kode,nama\n"))
    assert failure.value.report[0].reason == (
        "Jenis berkas tidak dikenal: unggah workbook .xlsx atau berkas <sheet>.csv."
    )


# --- CSV folders ----------------------------------------------------------------------------


def test_csv_with_and_without_bom(tmp_path):
    folder = write_csv_folder(
        tmp_path / "csv",
        {"unit": "\ufeffkode,nama,induk_kode\r\nA,\"Unit, A\",\r\n\r\nB,Unit B,A\r\n",
         "pegawai": "nip,nama\n'199002022015022002,Rina\n"},
    )  # fmt: skip
    with readers.open_path(folder) as source:
        assert sorted(source.sheet_names) == ["pegawai", "unit"]
        unit = source.read("unit")
        pegawai = source.read("pegawai")
    assert unit.header == ("kode", "nama", "induk_kode")
    assert [(row.number, row.cells) for row in unit.rows] == [
        (2, ("A", "Unit, A")),
        (4, ("B", "Unit B", "A")),
    ]
    assert pegawai.rows[0].cells == ("'199002022015022002", "Rina")


@pytest.mark.django_db
def test_csv_not_utf8(tmp_path):
    folder = write_csv_folder(
        tmp_path / "csv", {"unit": "kode,nama\nA,Dinas Pendidikan\nB,Caf\xe9\n".encode("latin-1")}
    )
    assert refused_by_command(folder) == [
        "unit: Berkas unit.csv bukan teks UTF-8 (byte tidak sah di baris 3). Simpan ulang "
        "sebagai 'CSV UTF-8 (dipisahkan koma)'."
    ]


@pytest.mark.django_db
def test_csv_with_semicolons(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", {"unit": "kode;nama\nA;Unit A\n"})
    assert refused_by_command(folder) == [
        "unit: Pemisah kolom harus koma (,), bukan titik koma (;)."
    ]


def test_folder_without_csv(tmp_path):
    (tmp_path / "catatan.txt").write_text("halo")
    assert reason_of(tmp_path) == f"Folder {tmp_path} tidak berisi berkas <sheet>.csv."


@pytest.mark.django_db
def test_csv_folder_imports(tmp_path, agency):
    folder = write_csv_folder(
        tmp_path / "csv",
        {
            "unit": "kode,nama,induk_kode\nBARU,Unit Baru,BU\n",
            "pegawai": ",".join(PEGAWAI_HEADER[:5])
            + f"\n{NIP_STAF},Rina Lestari,BARU,Pengadministrasi,Pelaksana\n",
        },
    )
    with readers.open_path(folder) as source:
        result = run(source)
    assert {name: counts.as_dict() for name, counts in result.sheets.items()} == {
        "unit": {"dibuat": 1, "diubah": 0, "tetap": 0},
        "pegawai": {"dibuat": 1, "diubah": 0, "tetap": 0},
    }


@pytest.mark.django_db
def test_memory_source_header_is_the_union_of_keys():
    source = readers.MemorySource({"unit": [{"kode": "A"}, {"nama": "B", "kode": "B"}]})
    sheet = source.read("unit")
    assert sheet.header == ("kode", "nama")
    assert [(row.number, row.cells) for row in sheet.rows] == [(2, ("A",)), (3, ("B", "B"))]
