"""Realisation API, evidence: upload (multipart) and links, replace, remove, download; upload
fuzzing (disguised types, oversize, empty, hostile names); an employee never reaches another
employee's evidence."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from typing import Any

import pytest

from kinerja.conftest import ROLES
from kinerja.realisasi.models import BuktiDukung
from kinerja.realisasi.tests.factories import PDF_BYTES, PNG_BYTES, docx_bytes, link, upload
from kinerja.realisasi.tests.helpers import realisasi_state, stored_files
from kinerja.realisasi.tests.test_api import (
    BASE,
    LINK,
    READERS,
    Setting,
    build,
    bukti_status,
    colleague,
    encoded,
    item_steps,
    label_of,
    pilihan,
    post_file,
    refusal,
    send,
    status_for,
    submit,
    verdict,
)

pytestmark = pytest.mark.django_db
ACCEPTED = "PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, ODP"


def disguised(name: str) -> str:
    return f"Isi berkas “{name}” bukan jenis yang diterima ({ACCEPTED}), apa pun nama berkasnya."


def archive(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in members.items():
            zipped.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


def upload_url(setting: Setting) -> str:
    return f"{BASE}/{setting.laporan.pk}/bukti/berkas"


def file_body(
    setting: Setting, bukti: BuktiDukung, *, uraian: str, nama: str, content: bytes
) -> dict[str, Any]:
    """A freshly uploaded file as its owner sees it."""
    bukti = BuktiDukung.objects.get(pk=bukti.pk)
    siti = setting.skp.pegawai
    return {
        "id": bukti.pk,
        "rhk_id": setting.rhk.pk,
        "jenis": pilihan("BERKAS", "Berkas"),
        "uraian": uraian,
        "nama_berkas": nama,
        "tipe_berkas": pilihan("PDF", "PDF"),
        "ukuran": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "tautan": "",
        "unduh": f"{BASE}/bukti/{bukti.pk}/unduh",
        "status": bukti_status("MENUNGGU"),
        "catatan": "",
        "putaran": 0,
        "diunggah_pada": encoded(bukti.diunggah_pada),
        "diverifikasi_pada": None,
        "diverifikasi_oleh": None,
        "may_edit": True,
        "sinyal": [],
        "riwayat": item_steps(bukti, (0, "UNGGAH", "MENUNGGU", "", nama, label_of(siti))),
    }


# --- Upload ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_upload_matrix(agency, client_for, role):
    setting = build(agency)
    before = realisasi_state()
    response = post_file(
        client_for(role),
        upload_url(setting),
        PDF_BYTES,
        "notulen.pdf",
        rhk=setting.rhk.pk,
        uraian="Notulen rapat",
    )
    # Only the owner adds evidence; her readers are refused (403), anyone else 404.
    assert response.status_code == status_for(role, {"pegawai"}, READERS, 201)
    if response.status_code != 201:
        assert realisasi_state() == before
        return
    bukti = BuktiDukung.objects.get()
    assert response.json() == file_body(
        setting, bukti, uraian="Notulen rapat", nama="notulen.pdf", content=PDF_BYTES
    )
    assert stored_files() == [bukti.berkas.name]
    assert bukti.berkas.name.startswith(f"bukti/{setting.periode.pk}/{setting.laporan.pk}/")


def test_upload_recognises_every_type_by_content(agency, client_for):
    setting = build(agency)
    client = client_for("pegawai")
    cases = [
        (PDF_BYTES, "a.bin", "PDF", "a.pdf"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 2000, "foto", "JPEG", "foto.jpg"),
        (PNG_BYTES, "gambar.jpg", "PNG", "gambar.png"),
        (docx_bytes(), "dokumen.pdf", "DOCX", "dokumen.docx"),
        (archive(**{"[Content_Types].xml": b"<Types/>", "xl__workbook.xml": b"x" * 900}),
         "tabel.docx", "XLSX", "tabel.xlsx"),
        (archive(**{"[Content_Types].xml": b"<Types/>", "ppt__presentation.xml": b"x" * 900}),
         "paparan.pdf", "PPTX", "paparan.pptx"),
        (archive(mimetype=b"application/vnd.oasis.opendocument.text", content=b"x" * 900),
         "naskah.docx", "ODT", "naskah.odt"),
    ]  # fmt: skip
    for content, name, kind, stored in cases:
        response = post_file(
            client, upload_url(setting), content, name, rhk=setting.rhk.pk, uraian="Bukti"
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["tipe_berkas"]["kode"], body["nama_berkas"]) == (kind, stored)
    assert len(stored_files()) == len(cases)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        # A type that is not evidence, disguised by its name.
        (b"<html><script>alert(1)</script></html>", "laporan.pdf", disguised("laporan.pdf")),
        (b"MZ\x90\x00\x03" + b"\x00" * 2000, "foto.jpg", disguised("foto.jpg")),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "grafik.png",
         disguised("grafik.png")),
        (b"%PD" + b"F" * 2000, "rusak.pdf", disguised("rusak.pdf")),
        # Double extensions, either way round.
        (b"MZ\x90\x00\x03" + b"\x00" * 2000, "laporan.pdf.exe", disguised("laporan.pdf.exe")),
        (b"<?php system($_GET['c']); ?>", "skrip.php.pdf", disguised("skrip.php.pdf")),
        # Path traversal in the name: the folders are dropped before anything else.
        (b"root:x:0:0:root:/root:/bin/bash\n", "../../../etc/passwd", disguised("passwd")),
        (b"#!/bin/sh\nrm -rf /\n", "..\\..\\startup\\run.pdf", disguised("run.pdf")),
        # Archives that are not office documents.
        (archive(**{"isi.txt": b"x" * 2000}), "arsip.docx", disguised("arsip.docx")),
        (archive(**{"[Content_Types].xml": b"<Types/>", "lain__isi.xml": b"x" * 900}),
         "paket.xlsx", disguised("paket.xlsx")),
        (archive(**{"[Content_Types].xml": b"<Types/>", "word__document.xml": b"x" * 900,
                    "word__vbaProject.bin": b"\x00" * 900}),
         "makro.docx", "Dokumen bermakro tidak diterima; simpan tanpa makro."),
        (archive(**{"[Content_Types].xml": b"<Types/>", "word__document.xml": b"\x00" * 4_000_000}),
         "bom.docx", "Berkas arsip mengembang tidak wajar (kemungkinan zip bomb)."),
        # Nothing in it.
        (b"", "kosong.pdf", "Berkas kosong."),
    ],
)  # fmt: skip
def test_upload_fuzz_is_refused_and_nothing_is_stored(agency, client_for, content, name, message):
    setting = build(agency)
    before = realisasi_state()
    response = post_file(
        client_for("pegawai"), upload_url(setting), content, name, rhk=setting.rhk.pk, uraian="X"
    )
    assert response.status_code == 422
    assert response.json() == refusal("berkas", message)
    assert realisasi_state() == before
    assert stored_files() == []


def test_upload_oversize_is_refused(agency, client_for, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    setting = build(agency)
    client = client_for("pegawai")
    before = realisasi_state()
    too_big = PDF_BYTES + b"0" * (1024 * 1024)
    response = post_file(
        client, upload_url(setting), too_big, "besar.pdf", rhk=setting.rhk.pk, uraian="X"
    )
    assert response.json() == refusal("berkas", "Berkas terlalu besar (1,0 MB); batasnya 1 MB.")
    assert realisasi_state() == before
    # Exactly the limit is accepted.
    exact = PDF_BYTES + b"0" * (1024 * 1024 - len(PDF_BYTES))
    response = post_file(
        client, upload_url(setting), exact, "pas.pdf", rhk=setting.rhk.pk, uraian="X"
    )
    assert response.status_code == 201
    assert response.json()["ukuran"] == 1024 * 1024


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("../../etc/passwd.pdf", PDF_BYTES, "passwd.pdf"),
        ("..\\..\\windows\\system32\\bukti.pdf", PDF_BYTES, "bukti.pdf"),
        ("..&#x2F;..&#x2F;rahasia.pdf", PDF_BYTES, "rahasia.pdf"),
        ("C:evil.pdf", PDF_BYTES, "C_evil.pdf"),
        ("laporan.pdf.exe", PDF_BYTES, "laporan_pdf.pdf"),
        ("laporan.exe.pdf", PDF_BYTES, "laporan_exe.pdf"),
        ("laporan.php", PNG_BYTES, "laporan.png"),
        (".pdf", PDF_BYTES, "bukti.pdf"),
        ("<script>alert(1)<\\script>.pdf", PDF_BYTES, "script.pdf"),
        ("Laporan Triwulan IV (final) ✓.pdf", PDF_BYTES, "Laporan_Triwulan_IV_final.pdf"),
        ("a" * 300 + ".pdf", PDF_BYTES, "a" * 80 + ".pdf"),
    ],
)
def test_hostile_names_are_sanitised(agency, client_for, name, content, stored):
    setting = build(agency)
    client = client_for("pegawai")
    response = post_file(client, upload_url(setting), content, name, rhk=setting.rhk.pk, uraian="X")
    assert response.status_code == 201, response.content
    assert response.json()["nama_berkas"] == stored
    folder = f"bukti/{setting.periode.pk}/{setting.laporan.pk}/"
    [path] = stored_files()
    assert re.fullmatch(re.escape(folder) + "[0-9a-f]{16}-" + re.escape(stored), path)
    download = client.get(response.json()["unduh"])
    assert download["Content-Disposition"] == f'attachment; filename="{stored}"'
    assert b"".join(download.streaming_content) == content


def test_upload_without_a_file_name_or_file(agency, client_for):
    setting = build(agency)
    client = client_for("pegawai")
    before = realisasi_state()
    # A name that is only "..": the file part is dropped, so there is no file at all.
    response = post_file(
        client, upload_url(setting), PDF_BYTES, "..", rhk=setting.rhk.pk, uraian="X"
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"type": "missing", "loc": ["file", "berkas"], "msg": "Field required"}]
    }
    assert realisasi_state() == before


def test_upload_field_refusals(agency, client_for):
    setting = build(agency)
    _rina_report, rina_rhk = colleague(agency, setting)
    client = client_for("pegawai")
    before = realisasi_state()
    response = post_file(client, upload_url(setting), rhk=setting.rhk.pk, uraian="  ")
    assert response.json() == refusal("uraian", "Tuliskan keterangan singkat bukti dukung.")
    response = post_file(client, upload_url(setting), rhk=rina_rhk.pk, uraian="Bukti")
    assert response.json() == refusal("rhk", "RHK ini bukan bagian dari SKP laporan ini.")
    response = post_file(client, upload_url(setting), rhk=999999, uraian="Bukti")
    assert response.json() == refusal("rhk", "RHK ini bukan bagian dari SKP laporan ini.")
    assert realisasi_state() == before
    assert stored_files() == []


def test_upload_after_submission(agency, client_for):
    setting = build(agency)
    upload(setting.laporan, setting.rhk)
    submit(setting.laporan)
    client = client_for("pegawai")
    before = realisasi_state()
    response = post_file(client, upload_url(setting), rhk=setting.rhk.pk, uraian="Tambahan")
    assert response.json() == refusal(
        "__all__", "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
    )
    assert realisasi_state() == before


# --- Links -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_link_matrix(agency, client_for, role):
    setting = build(agency)
    before = realisasi_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/{setting.laporan.pk}/bukti/tautan",
        {"rhk": setting.rhk.pk, "uraian": "Dokumentasi rapat", "tautan": f" {LINK} "},
    )
    assert response.status_code == status_for(role, {"pegawai"}, READERS, 201)
    if response.status_code != 201:
        assert realisasi_state() == before
        return
    bukti = BuktiDukung.objects.get()
    siti = setting.skp.pegawai
    assert response.json() == {
        "id": bukti.pk,
        "rhk_id": setting.rhk.pk,
        "jenis": pilihan("TAUTAN", "Tautan"),
        "uraian": "Dokumentasi rapat",
        "nama_berkas": "",
        "tipe_berkas": None,
        "ukuran": None,
        "sha256": "",
        "tautan": LINK,
        "unduh": None,
        "status": bukti_status("MENUNGGU"),
        "catatan": "",
        "putaran": 0,
        "diunggah_pada": encoded(bukti.diunggah_pada),
        "diverifikasi_pada": None,
        "diverifikasi_oleh": None,
        "may_edit": True,
        "sinyal": [],
        "riwayat": item_steps(bukti, (0, "TAUTAN", "MENUNGGU", "", LINK, label_of(siti))),
    }
    assert stored_files() == []


NOT_A_LINK = "Tautan harus alamat http:// atau https:// yang lengkap."


@pytest.mark.parametrize(
    ("tautan", "message"),
    [
        ("javascript:alert(1)", NOT_A_LINK),
        ("ftp://arsip.example.go.id/a", NOT_A_LINK),
        ("https://", NOT_A_LINK),
        ("drive.example.go.id/berkas", NOT_A_LINK),
        (
            "https://example.go.id/" + "a" * 1000,
            "Tautan terlalu panjang (paling banyak 1.000 karakter).",
        ),
    ],
)
def test_link_refusals(agency, client_for, tautan, message):
    setting = build(agency)
    before = realisasi_state()
    response = send(
        client_for("pegawai"),
        "post",
        f"{BASE}/{setting.laporan.pk}/bukti/tautan",
        {"rhk": setting.rhk.pk, "uraian": "Tautan", "tautan": tautan},
    )
    assert response.json() == refusal("tautan", message)
    assert realisasi_state() == before


# --- Replace ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_replace_link_matrix(agency, client_for, role):
    setting = build(agency)
    bukti = link(setting.laporan, setting.rhk)
    before = realisasi_state()
    new_link = "https://drive.example.go.id/berkas/2"
    response = send(
        client_for(role),
        "put",
        f"{BASE}/bukti/{bukti.pk}",
        {"uraian": "Dokumentasi baru", "tautan": new_link},
    )
    assert response.status_code == status_for(role, {"pegawai"}, READERS)
    if response.status_code != 200:
        assert realisasi_state() == before
        return
    body = response.json()
    siti = label_of(setting.skp.pegawai)
    assert (body["uraian"], body["tautan"], body["status"]) == (
        "Dokumentasi baru",
        new_link,
        bukti_status("MENUNGGU"),
    )
    assert body["riwayat"] == item_steps(
        bukti,
        (0, "TAUTAN", "MENUNGGU", "", LINK, siti),
        (0, "GANTI", "MENUNGGU", "", new_link, siti),
    )


@pytest.mark.parametrize("role", ROLES)
def test_replace_file_matrix(agency, client_for, role, django_capture_on_commit_callbacks):
    setting = build(agency)
    bukti = upload(setting.laporan, setting.rhk)
    old_file = bukti.berkas.name
    before = realisasi_state()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(
            client_for(role),
            f"{BASE}/bukti/{bukti.pk}/berkas",
            PNG_BYTES,
            "foto.png",
            uraian="Foto",
        )
    assert response.status_code == status_for(role, {"pegawai"}, READERS)
    if response.status_code != 200:
        assert realisasi_state() == before
        return
    bukti.refresh_from_db()
    body = response.json()
    assert (body["uraian"], body["nama_berkas"], body["tipe_berkas"], body["ukuran"]) == (
        "Foto",
        "foto.png",
        pilihan("PNG", "Gambar PNG"),
        len(PNG_BYTES),
    )
    assert body["sha256"] == hashlib.sha256(PNG_BYTES).hexdigest()
    # The old file is gone once the change is saved; only the new one is kept.
    assert stored_files() == [bukti.berkas.name]
    assert bukti.berkas.name != old_file


def test_replace_file_with_a_link_and_back(agency, client_for, django_capture_on_commit_callbacks):
    setting = build(agency)
    bukti = upload(setting.laporan, setting.rhk)
    client = client_for("pegawai")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            client, "put", f"{BASE}/bukti/{bukti.pk}", {"uraian": "Di drive", "tautan": LINK}
        )
    body = response.json()
    assert (body["jenis"], body["tautan"], body["nama_berkas"], body["unduh"]) == (
        pilihan("TAUTAN", "Tautan"),
        LINK,
        "",
        None,
    )
    assert stored_files() == []
    response = post_file(client, f"{BASE}/bukti/{bukti.pk}/berkas", uraian="Berkas lagi")
    assert response.json()["jenis"] == pilihan("BERKAS", "Berkas")
    assert response.json()["tautan"] == ""
    assert len(stored_files()) == 1


def test_replace_refusals(agency, client_for, django_capture_on_commit_callbacks):
    setting = build(agency)
    accepted = upload(setting.laporan, setting.rhk)
    returned = upload(setting.laporan, setting.rhk, PNG_BYTES, "foto.png")
    client = client_for("pegawai")
    # A file cannot become a link that is not one.
    before = realisasi_state()
    response = send(
        client,
        "put",
        f"{BASE}/bukti/{accepted.pk}",
        {"uraian": "X", "tautan": "javascript:alert(1)"},
    )
    assert response.json() == refusal(
        "tautan", "Tautan harus alamat http:// atau https:// yang lengkap."
    )
    assert realisasi_state() == before
    submit(setting.laporan)
    # Waiting for verification: nothing changes.
    before = realisasi_state()
    response = send(client, "put", f"{BASE}/bukti/{accepted.pk}", {"uraian": "Baru"})
    assert response.json() == refusal(
        "__all__", "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
    )
    assert realisasi_state() == before
    verdict(agency, accepted, "DITERIMA")
    verdict(agency, returned, "PERLU_PERBAIKAN", "Foto buram")
    # An accepted item stays as it is; a returned one is replaced, and a disguised replacement
    # leaves the old file in place.
    before = realisasi_state()
    with django_capture_on_commit_callbacks(execute=True):
        refused = post_file(client, f"{BASE}/bukti/{accepted.pk}/berkas", uraian="Baru")
        disguised_file = post_file(
            client,
            f"{BASE}/bukti/{returned.pk}/berkas",
            b"<html></html>",
            "foto.png",
            uraian="Baru",
        )
    assert refused.json() == refusal(
        "__all__", "Bukti ini sudah diverifikasi; hanya bukti yang dikembalikan yang dapat diubah."
    )
    assert disguised_file.json() == refusal("berkas", disguised("foto.png"))
    assert realisasi_state() == before
    assert stored_files() == sorted([accepted.berkas.name, returned.berkas.name])


# --- Delete ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_delete_matrix(agency, client_for, role, django_capture_on_commit_callbacks):
    setting = build(agency)
    bukti = upload(setting.laporan, setting.rhk)
    before = realisasi_state()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(role).delete(f"{BASE}/bukti/{bukti.pk}")
    assert response.status_code == status_for(role, {"pegawai"}, READERS, 204)
    if response.status_code != 204:
        assert realisasi_state() == before
        return
    assert response.content == b""
    assert BuktiDukung.objects.count() == 0
    assert stored_files() == []


def test_delete_refused_after_submission(agency, client_for):
    setting = build(agency)
    bukti = upload(setting.laporan, setting.rhk)
    submit(setting.laporan)
    before = realisasi_state()
    response = client_for("pegawai").delete(f"{BASE}/bukti/{bukti.pk}")
    assert response.json() == refusal(
        "__all__", "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
    )
    assert realisasi_state() == before
    assert client_for("pegawai").delete(f"{BASE}/bukti/999999").status_code == 404


# --- Download --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_download_matrix(agency, client_for, role):
    setting = build(agency)
    bukti = upload(setting.laporan, setting.rhk, PNG_BYTES, "foto rapat.png")
    before = realisasi_state()
    response = client_for(role).get(f"{BASE}/bukti/{bukti.pk}/unduh")
    assert realisasi_state() == before
    # Every reader of the report downloads it; anyone else gets 404.
    assert response.status_code == status_for(role, READERS, set())
    if response.status_code != 200:
        return
    assert b"".join(response.streaming_content) == PNG_BYTES
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="foto_rapat.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_download_of_a_link_or_a_missing_item_is_404(agency, client_for):
    setting = build(agency)
    item = link(setting.laporan, setting.rhk)
    client = client_for("pegawai")
    assert client.get(f"{BASE}/bukti/{item.pk}/unduh").status_code == 404
    assert client.get(f"{BASE}/bukti/999999/unduh").status_code == 404


# --- Another employee's evidence -------------------------------------------------------------


def test_an_employee_never_reaches_another_employees_evidence(agency, client_for):
    """Rina works in the same unit under the same appraiser as Siti: she reaches nothing of
    Siti's report, by any endpoint (404, as for something that does not exist)."""
    setting = build(agency)
    bukti = upload(setting.laporan, setting.rhk)
    tautan = link(setting.laporan, setting.rhk)
    rina_report, _rina_rhk = colleague(agency, setting)
    client = client_for("pegawai")
    client.force_login(rina_report.skp.pegawai.pengguna)
    laporan = setting.laporan.pk
    before = realisasi_state()
    responses = [
        client.get(f"{BASE}/{laporan}"),
        client.get(f"{BASE}/bukti/{bukti.pk}/unduh"),
        client.get(f"{BASE}/{laporan}/umpan-balik.pdf"),
        send(client, "put", f"{BASE}/{laporan}/realisasi/{setting.indikator.pk}", {"nilai": "1"}),
        post_file(client, f"{BASE}/{laporan}/bukti/berkas", rhk=setting.rhk.pk, uraian="X"),
        send(client, "post", f"{BASE}/{laporan}/bukti/tautan",
             {"rhk": setting.rhk.pk, "uraian": "X", "tautan": LINK}),
        send(client, "put", f"{BASE}/bukti/{tautan.pk}", {"uraian": "X", "tautan": LINK}),
        post_file(client, f"{BASE}/bukti/{bukti.pk}/berkas", uraian="X"),
        client.delete(f"{BASE}/bukti/{bukti.pk}"),
        send(client, "post", f"{BASE}/{laporan}/ajukan"),
        send(client, "post", f"{BASE}/bukti/{bukti.pk}/verifikasi", {"status": "DITERIMA"}),
        send(client, "post", f"{BASE}/{laporan}/terima-semua"),
        send(client, "put", f"{BASE}/{laporan}/umpan-balik", {"nilai": "KOMPETEN", "isi": "X"}),
    ]  # fmt: skip
    assert [response.status_code for response in responses] == [404] * len(responses)
    assert realisasi_state() == before
    # Her own report lists only her own items.
    assert client.get(f"{BASE}/{rina_report.pk}").json()["jumlah"]["MENUNGGU"] == 0
