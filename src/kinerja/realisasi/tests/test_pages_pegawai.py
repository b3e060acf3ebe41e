"""The employee's realisation pages: permission matrices over every role, the flows with their
exact texts (periods, opening a report, realisation, evidence by file or link, replacing,
removing, submitting), upload fuzzing through the page (types disguised by name, oversize,
empty, path traversal, double extensions) that stores nothing, the download's headers, refusals
that change nothing, HTMX fragments and pinned query counts."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja.conftest import ROLES
from kinerja.notifikasi.models import Notifikasi
from kinerja.periode.models import Periode
from kinerja.realisasi import services
from kinerja.realisasi.enums import JenisBukti, StatusBukti, StatusLaporan
from kinerja.realisasi.models import BuktiDukung, Laporan, Realisasi
from kinerja.realisasi.tests.factories import (
    PDF_BYTES,
    PNG_BYTES,
    docx_bytes,
    link,
    open_period,
    report_for,
    upload,
)
from kinerja.realisasi.tests.helpers import realisasi_state, stored_files
from kinerja.skp import services as skp_services
from kinerja.skp.enums import Aspek, Pendekatan
from kinerja.skp.models import Indikator, Rhk, Skp
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan

pytestmark = pytest.mark.django_db

OWNER = "pegawai"
READERS = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
LEADER_RHK = "Terkelolanya administrasi kepegawaian biro"
DISGUISED = (
    "Isi berkas “%s” bukan jenis yang diterima (PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, "
    "ODP), apa pun nama berkasnya."
)
SUBMITTED = "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."


@dataclass
class Report:
    """The employee's report for an open period (TW4 2026): an approved plan with one RHK
    supporting the appraiser's, one Kuantitas indicator (target 12 laporan), no evidence."""

    periode: Periode
    laporan: Laporan
    skp: Skp
    rhk: Rhk
    indikator: Indikator
    leader_rhk: Rhk


@pytest.fixture
def report(agency) -> Report:
    periode = open_period()
    _leader_skp, leader_rhk = approved_plan(agency.penilai, kode="P-01", uraian=LEADER_RHK)
    laporan, skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=leader_rhk)
    return Report(periode, laporan, skp, rhk, rhk.indikator.get(), leader_rhk)


# --- Helpers -----------------------------------------------------------------------------------


class _TestIdText(HTMLParser):
    """The text of every element carrying one data-testid (whitespace collapsed)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, testid: str) -> None:
        super().__init__()
        self.testid = testid
        self.found: list[str] = []
        self.open: list[list[Any]] = []  # [depth, parts]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_data(" ")
        if tag in self.VOID:
            return
        for item in self.open:
            item[0] += 1
        if dict(attrs).get("data-testid") == self.testid:
            self.open.append([1, []])

    def handle_endtag(self, tag: str) -> None:
        self.handle_data(" ")
        if tag in self.VOID:
            return
        for item in list(self.open):
            item[0] -= 1
            if item[0] == 0:
                self.found.append(" ".join("".join(item[1]).split()))
                self.open.remove(item)

    def handle_data(self, data: str) -> None:
        for item in self.open:
            item[1].append(data)


def by_testid(response: Any, testid: str) -> list[str]:
    parser = _TestIdText(testid)
    parser.feed(response.content.decode())
    return parser.found


def assert_login_redirect(response: Any) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def texts(response: Any) -> list[str]:
    """The messages this request added."""
    return [str(message) for message in get_messages(response.wsgi_request)._queued_messages]


def detail_url(laporan: Laporan | int) -> str:
    return reverse("realisasi:detail", args=[getattr(laporan, "pk", laporan)])


def create_url(laporan: Laporan) -> str:
    return reverse("realisasi:bukti-create", args=[laporan.pk])


def save_url(laporan: Laporan, indikator: Indikator) -> str:
    return reverse("realisasi:realisasi-save", args=[laporan.pk, indikator.pk])


def refresh(laporan: Laporan) -> Laporan:
    return Laporan.objects.get(pk=laporan.pk)


def a_file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def post_file(client: Client, report: Report, name: str, content: bytes, uraian: str = "Bukti"):
    data = {"rhk": report.rhk.pk, "uraian": uraian, "berkas": a_file(name, content)}
    return client.post(create_url(report.laporan), data)


def raw_upload(client: Client, url: str, fields: dict[str, Any], filename: str, content: bytes):
    """A multipart POST whose file name is sent exactly as given (the test client would strip
    directories from it), like a hostile client would."""
    boundary = "----kinerja-batas"
    parts = []
    for key, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; '
        f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return client.post(
        url, data=b"".join(parts), content_type=f"multipart/form-data; boundary={boundary}"
    )


def zip_bytes(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def return_one(laporan: Laporan, returned: BuktiDukung, note: str) -> None:
    """The appraiser returns one item with a note and accepts the rest."""
    penilai = aktor_for(laporan.skp.pegawai.penilai)
    services.bukti_verdict(
        aktor=penilai, bukti=returned, status=StatusBukti.PERLU_PERBAIKAN.value, catatan=note
    )
    services.bukti_accept_all(aktor=penilai, laporan=laporan)


def submit(laporan: Laporan) -> Laporan:
    return services.laporan_submit(aktor=aktor_for(laporan.skp.pegawai), laporan=laporan)


def outsider_report(agency: Any, periode: Periode) -> tuple[Laporan, Rhk, BuktiDukung]:
    """Another employee's report (the outsider has no appraiser) with one evidence file."""
    laporan, _skp, rhk = report_for(agency.outsider, periode)
    return laporan, rhk, upload(laporan, rhk, name="rahasia.pdf")


# --- Permission matrices -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_mine_matrix(agency, report, client_for, role):
    before = realisasi_state()
    response = client_for(role).get(reverse("realisasi:mine"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai", "outsider"}:
        assert response.status_code == 200
        assert response.context["nav_section"] == "realisasi"
        assert response.context["tahun"] == 2026
        assert response.context["approved"] is (role != "outsider")
        rows = response.context["rows"]
        assert [row.periode.kode for row in rows] == (
            ["TW1", "TW2", "TW3", "TW4"] if role != "outsider" else []
        )
        expected = report.laporan if role == "pegawai" else None
        assert [row.laporan for row in rows][3:] == ([expected] if role != "outsider" else [])
    else:
        assert response.status_code == 404
    assert realisasi_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_open_matrix(agency, report, client_for, role):
    tw3 = open_period("TW3")
    before = realisasi_state()
    response = client_for(role).post(reverse("realisasi:open", args=[tw3.pk]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai"}:
        owner = {"pegawai": agency.pegawai, "penilai": agency.penilai}[role]
        created = Laporan.objects.get(skp__pegawai=owner, periode=tw3)
        assert response.status_code == 302
        assert response.url == detail_url(created)
        assert created.status == StatusLaporan.DRAF
        assert Laporan.objects.count() == len(before["laporan"]) + 1
        return
    elif role == "outsider":
        assert response.status_code == 302
        assert response.url == reverse("realisasi:mine") + "?tahun=2026"
        assert texts(response) == ["Anda belum memiliki SKP tahun 2026."]
    else:
        assert response.status_code == 404
    assert realisasi_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix(agency, report, client_for, role):
    upload(report.laporan, report.rhk)
    before = realisasi_state()
    response = client_for(role).get(detail_url(report.laporan))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        context = response.context
        assert context["laporan"] == report.laporan
        assert context["is_owner"] is (role == OWNER)
        assert context["can_edit"] is (role == OWNER)
        assert context["may_verify"] is (role == "penilai")
        assert context["nav_section"] == {"pegawai": "realisasi", "penilai": "verifikasi"}.get(
            role, "pemantauan"
        )
        row = context["rows"][0]
        assert (row.form is not None) is (role == OWNER)
        assert (row.bukti[0].form is not None) is (role == OWNER)
        assert (row.indikator[0].form is not None) is (role == OWNER)
        html = response.content.decode()
        assert ("Ajukan ke pejabat penilai" in html) is (role == OWNER)
        assert ("Tambah bukti" in html) is (role == OWNER)
        assert by_testid(response, "bukti-unduh") == ["laporan.pdf"]
    else:
        assert response.status_code == 404
    assert realisasi_state() == before


def _owner_action_matrix(client: Client, role: str, url: str, data: Any, done: Any) -> None:
    """An owner action: the owner succeeds (`done` checks it); readers 403, others 404, the
    anonymous user goes to the login page, and nothing changes for them."""
    before = realisasi_state()
    response = client.post(url, data)
    if role == OWNER:
        done(response)
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    assert realisasi_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_realisasi_save_matrix(agency, report, client_for, role):
    def done(response):
        assert response.status_code == 302
        assert response.url == detail_url(report.laporan) + f"#rhk-{report.rhk.pk}"
        assert texts(response) == ["Realisasi indikator “Jumlah laporan yang tersusun” disimpan."]
        saved = Realisasi.objects.get(laporan=report.laporan, indikator=report.indikator)
        assert saved.nilai == Decimal("1250.5")

    url = save_url(report.laporan, report.indikator)
    _owner_action_matrix(client_for(role), role, url, {"nilai": "1.250,5"}, done)


@pytest.mark.parametrize("role", ROLES)
def test_bukti_create_matrix(agency, report, client_for, role):
    def done(response):
        bukti = BuktiDukung.objects.get()
        assert response.status_code == 302
        assert response.url == detail_url(report.laporan) + f"#bukti-{bukti.pk}"
        assert texts(response) == ["Bukti dukung “notulen.pdf” ditambahkan."]
        assert (bukti.rhk, bukti.uraian, bukti.nama_berkas) == (
            report.rhk,
            "Notulen rapat",
            "notulen.pdf",
        )

    data = {
        "rhk": report.rhk.pk,
        "uraian": "Notulen rapat",
        "berkas": a_file("notulen.pdf", PDF_BYTES),
    }
    _owner_action_matrix(client_for(role), role, create_url(report.laporan), data, done)


@pytest.mark.parametrize("role", ROLES)
def test_bukti_update_matrix(agency, report, client_for, role):
    bukti = upload(report.laporan, report.rhk)

    def done(response):
        assert response.status_code == 302
        assert response.url == detail_url(report.laporan) + f"#bukti-{bukti.pk}"
        assert texts(response) == ["Bukti dukung “laporan.pdf” disimpan."]
        assert BuktiDukung.objects.get(pk=bukti.pk).uraian == "Laporan kegiatan (lengkap)"

    url = reverse("realisasi:bukti-update", args=[bukti.pk])
    data = {"uraian": "Laporan kegiatan (lengkap)", "tautan": ""}
    _owner_action_matrix(client_for(role), role, url, data, done)


@pytest.mark.parametrize("role", ROLES)
def test_bukti_delete_matrix(agency, report, client_for, role, django_capture_on_commit_callbacks):
    bukti = upload(report.laporan, report.rhk)
    stored = bukti.berkas.name

    def done(response):
        assert response.status_code == 302
        assert response.url == detail_url(report.laporan) + f"#rhk-{report.rhk.pk}"
        assert texts(response) == ["Bukti dukung “laporan.pdf” dihapus."]
        assert not BuktiDukung.objects.exists()

    url = reverse("realisasi:bukti-delete", args=[bukti.pk])
    with django_capture_on_commit_callbacks(execute=True):
        _owner_action_matrix(client_for(role), role, url, {}, done)
    # The file goes once the removal commits; a refused removal keeps it.
    assert default_storage.exists(stored) is (role != OWNER)


@pytest.mark.parametrize("role", ROLES)
def test_submit_matrix(agency, report, client_for, role):
    upload(report.laporan, report.rhk)

    def done(response):
        assert response.status_code == 302
        assert response.url == detail_url(report.laporan)
        assert texts(response) == ["Realisasi Triwulan IV-Akhir diajukan kepada pejabat penilai."]
        laporan = refresh(report.laporan)
        assert (laporan.status, laporan.putaran) == (StatusLaporan.DIAJUKAN, 1)
        notice = Notifikasi.objects.get()
        assert notice.penerima == agency.penilai.pengguna
        assert notice.judul == "Siti Aminah mengajukan realisasi Triwulan IV-Akhir"

    url = reverse("realisasi:submit", args=[report.laporan.pk])
    _owner_action_matrix(client_for(role), role, url, {}, done)


@pytest.mark.parametrize("role", ROLES)
def test_download_matrix(agency, report, client_for, role):
    bukti = upload(report.laporan, report.rhk)
    before = realisasi_state()
    response = client_for(role).get(reverse("realisasi:bukti-download", args=[bukti.pk]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
    else:
        assert response.status_code == 404
    assert realisasi_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_form_pages_matrix(agency, report, client_for, role):
    """The forms on pages of their own (without JavaScript): only for the owner."""
    bukti = upload(report.laporan, report.rhk)
    client = client_for(role)
    urls = [
        save_url(report.laporan, report.indikator),
        create_url(report.laporan),
        reverse("realisasi:bukti-update", args=[bukti.pk]),
    ]
    responses = [client.get(url) for url in urls]
    for response in responses:
        if role == "anonim":
            assert_login_redirect(response)
        elif role == OWNER:
            assert response.status_code == 200
            assert response.context["standalone"] is True
            assert response.context["nav_section"] == "realisasi"
        elif role in READERS:
            assert response.status_code == 403
        else:
            assert response.status_code == 404
    if role == OWNER:
        assert by_testid(responses[0], "target") == ["Target: 12 laporan"]
        assert by_testid(responses[1], "upload-help") == [
            "Jenis berkas yang diterima: PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, ODP; "
            "paling besar 10 MB. Jenis berkas diperiksa dari isinya, bukan dari namanya."
        ]


def test_post_only_actions_refuse_get(agency, report, client_for):
    bukti = upload(report.laporan, report.rhk)
    client = client_for(OWNER)
    assert client.get(reverse("realisasi:bukti-delete", args=[bukti.pk])).status_code == 405
    assert client.get(reverse("realisasi:submit", args=[report.laporan.pk])).status_code == 405


# --- Another employee's evidence -------------------------------------------------------------


def test_an_employee_never_reaches_another_employees_evidence(agency, report, client_for):
    laporan, rhk, bukti = outsider_report(agency, report.periode)
    indikator = rhk.indikator.get()
    client = client_for(OWNER)
    before = realisasi_state()
    responses = [
        client.get(detail_url(laporan)),
        client.get(reverse("realisasi:bukti-download", args=[bukti.pk])),
        client.get(reverse("realisasi:bukti-update", args=[bukti.pk])),
        client.post(reverse("realisasi:bukti-update", args=[bukti.pk]), {"uraian": "Diubah"}),
        client.post(reverse("realisasi:bukti-delete", args=[bukti.pk])),
        client.post(save_url(laporan, indikator), {"nilai": "3"}),
        client.post(create_url(laporan), {"rhk": rhk.pk, "uraian": "x", "tautan": "https://a.id"}),
        client.post(reverse("realisasi:submit", args=[laporan.pk])),
        # The other plan's indicator through the employee's own report.
        client.post(save_url(report.laporan, indikator), {"nilai": "3"}),
    ]
    assert [response.status_code for response in responses] == [404] * 9
    # And the other plan's RHK on the employee's own report is refused on the form.
    response = client.post(
        create_url(report.laporan), {"rhk": rhk.pk, "uraian": "x", "tautan": "https://a.id"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"rhk": ["Pilih RHK dari SKP laporan ini."]}
    assert realisasi_state() == before


def test_ids_of_missing_items_are_404(agency, report, client_for):
    client = client_for(OWNER)
    assert client.get(detail_url(987654)).status_code == 404
    assert client.get(reverse("realisasi:bukti-download", args=[987654])).status_code == 404
    assert client.post(reverse("realisasi:open", args=[987654])).status_code == 404


# --- The periods of a year -------------------------------------------------------------------


def test_mine_lists_the_periods_with_reports_and_counts(agency, report, client_for):
    tw3 = open_period("TW3")
    first = upload(report.laporan, report.rhk)
    link(report.laporan, report.rhk)
    upload(report.laporan, report.rhk, name="kedua.pdf")
    submit(report.laporan)
    return_one(report.laporan, first, "Tanda tangan belum ada.")
    response = client_for(OWNER).get(reverse("realisasi:mine"))
    assert response.status_code == 200
    assert by_testid(response, "laporan-status") == [
        "Belum diisi",
        "Belum diisi",
        "Belum diisi",
        "Perlu perbaikan",
    ]
    assert by_testid(response, "periode-status") == ["Draf", "Draf", "Dibuka", "Dibuka"]
    assert by_testid(response, "jumlah-bukti") == [
        "—",
        "—",
        "—",
        "3 bukti · 2 diterima · 1 dikembalikan",
    ]
    assert by_testid(response, "periode-TW4")[0].startswith(
        "Triwulan IV-Akhir 1 Oktober 2026 – 31 Desember 2026 31 Desember 2099 31 Desember 2099 "
        "31 Desember 2099 Dibuka"
    )
    html = response.content.decode()
    assert html.count(reverse("realisasi:open", args=[tw3.pk])) == 1
    assert html.count('action="/realisasi/periode/') == 1
    assert html.count(detail_url(report.laporan)) == 1
    assert by_testid(response, "periode-TW1")[0].endswith("Belum dibuka")


def test_mine_without_an_approved_plan(agency, client_for):
    open_period()
    client = client_for("outsider")
    response = client.get(reverse("realisasi:mine"))
    assert by_testid(response, "belum-ada-skp") == [
        "Anda belum memiliki SKP tahun 2026; realisasi diisi setelah SKP disetujui pejabat penilai."
    ]
    assert 'href="/skp/?tahun=2026"' in response.content.decode()
    skp_services.skp_create(aktor=aktor_for(agency.outsider), pegawai=agency.outsider, tahun=2026)
    response = client.get(reverse("realisasi:mine"))
    assert by_testid(response, "belum-ada-skp") == [
        "SKP tahun 2026 Anda belum disetujui; realisasi diisi setelah SKP disetujui pejabat "
        "penilai."
    ]
    assert response.context["rows"] == []
    other_year = client.get(reverse("realisasi:mine"), {"tahun": "2025"})
    assert other_year.context["tahun"] == 2025
    assert other_year.context["skp"] is None


def test_open_get_redirects_to_the_report_or_the_list(agency, report, client_for):
    tw3 = open_period("TW3")
    client = client_for(OWNER)
    before = realisasi_state()
    existing = client.get(reverse("realisasi:open", args=[report.periode.pk]))
    assert existing.status_code == 302
    assert existing.url == detail_url(report.laporan)
    missing = client.get(reverse("realisasi:open", args=[tw3.pk]))
    assert missing.status_code == 302
    assert missing.url == reverse("realisasi:mine") + "?tahun=2026"
    assert realisasi_state() == before


def test_open_twice_returns_the_same_report(agency, report, client_for):
    before = realisasi_state()
    response = client_for(OWNER).post(reverse("realisasi:open", args=[report.periode.pk]))
    assert response.url == detail_url(report.laporan)
    assert realisasi_state() == before


def test_open_a_draft_period_is_refused(agency, report, client_for):
    tw1 = Periode.objects.get(tahun__tahun=2026, kode="TW1")
    before = realisasi_state()
    response = client_for(OWNER).post(reverse("realisasi:open", args=[tw1.pk]))
    assert response.status_code == 302
    assert response.url == reverse("realisasi:mine") + "?tahun=2026"
    assert texts(response) == ["Periode ini belum dibuka."]
    assert realisasi_state() == before


# --- The report page -------------------------------------------------------------------------


def test_detail_shows_the_report(agency, report, client_for):
    services.realisasi_save(
        aktor=aktor_for(agency.pegawai),
        laporan=report.laporan,
        indikator=report.indikator,
        nilai="9,5",
    )
    upload(report.laporan, report.rhk, uraian="Notulen rapat")
    link(report.laporan, report.rhk, "https://drive.example.go.id/berkas/7")
    response = client_for("auditor").get(detail_url(report.laporan))
    assert by_testid(response, "pegawai") == ["Siti Aminah NIP " + agency.pegawai.nip]
    assert by_testid(response, "penilai") == ["Budi Santoso"]
    assert by_testid(response, "periode") == [
        "Triwulan IV-Akhir 2026 (1 Oktober 2026 – 31 Desember 2026) · Dibuka"
    ]
    assert by_testid(response, "batas-realisasi") == ["31 Desember 2099"]
    assert by_testid(response, "laporan-status") == ["Draf"]
    assert by_testid(response, "putaran") == ["0"]
    assert by_testid(response, "jumlah") == [
        "2 bukti: 2 menunggu verifikasi, 0 diterima, 0 perlu perbaikan, 0 ditolak"
    ]
    assert by_testid(response, "iki-target") == ["12 laporan"]
    assert by_testid(response, "iki-realisasi") == ["9,5 laporan"]
    assert by_testid(response, "bukti-uraian") == ["Notulen rapat", "Tautan"]
    assert by_testid(response, "bukti-berkas") == ["(2,1 KB, PDF)"]
    assert by_testid(response, "bukti-status") == ["Menunggu verifikasi"] * 2
    html = response.content.decode()
    assert (
        '<a href="https://drive.example.go.id/berkas/7" rel="noopener noreferrer nofollow" '
        'target="_blank" data-testid="bukti-tautan">https://drive.example.go.id/berkas/7</a>'
    ) in html
    assert len(by_testid(response, "perilaku")) == 1
    assert by_testid(response, "umpan-balik-nilai") == ["—"] * 7
    assert by_testid(response, "riwayat-laporan") == [
        "Waktu Putaran Tindakan Status setelahnya Oleh Catatan Belum ada riwayat."
    ]
    assert by_testid(response, "kunci") == []


def test_detail_after_verification_shows_verdicts_notes_and_feedback(agency, report, client_for):
    first = upload(report.laporan, report.rhk, name="daftar hadir.pdf", uraian="Daftar hadir")
    upload(report.laporan, report.rhk, uraian="Notulen")
    submit(report.laporan)
    return_one(report.laporan, first, "Tanda tangan peserta belum lengkap.")
    penilai = aktor_for(agency.penilai)
    services.umpan_balik_save(
        aktor=penilai, laporan=report.laporan, rhk=report.rhk, isi="Pertahankan ketepatan waktu."
    )
    services.umpan_balik_save(
        aktor=penilai, laporan=report.laporan, nilai="KOMPETEN", isi="Ikuti pelatihan analisis."
    )
    response = client_for(OWNER).get(detail_url(report.laporan))
    assert by_testid(response, "laporan-status") == ["Perlu perbaikan"]
    assert by_testid(response, "bukti-status") == ["Perlu Perbaikan", "Diterima"]
    assert by_testid(response, "bukti-catatan")[0].startswith(
        "Catatan pejabat penilai: Tanda tangan peserta belum lengkap. Budi Santoso · "
    )
    assert by_testid(response, "perlu-perbaikan") == [
        "1 bukti dukung dikembalikan pejabat penilai: perbaiki atau hapus, lalu ajukan kembali."
    ]
    assert by_testid(response, "umpan-balik-isi") == ["Pertahankan ketepatan waktu."]
    values = by_testid(response, "umpan-balik-nilai")
    assert values[2].startswith("Ikuti pelatihan analisis. Budi Santoso (")
    assert values[:2] == ["—", "—"]
    row = response.context["rows"][0]
    # Only the returned item may change; the accepted one is settled.
    assert [item.form is not None for item in row.bukti] == [True, False]
    assert [label for _step, label in response.context["history"]] == ["Diverifikasi", "Diajukan"]
    steps = [label for _step, label in row.bukti[0].riwayat]
    assert steps == ["Berkas diunggah", "Diverifikasi"]
    assert "Ajukan kembali" in response.content.decode()
    # The appraiser sees the verification controls (feedback, verdicts), the owner never does.
    feedback = reverse("realisasi:feedback", args=[report.laporan.pk])
    assert feedback not in response.content.decode()
    appraiser = client_for("penilai").get(detail_url(report.laporan)).content.decode()
    assert appraiser.count(f'action="{feedback}"') == 1 + 7


def test_detail_shows_integrity_signals(agency, report, client_for):
    other, other_rhk, _item = outsider_report(agency, report.periode)
    upload(report.laporan, report.rhk, name="laporan.pdf")
    tiny = b"%PDF-1.4\n%%EOF\n"
    upload(report.laporan, report.rhk, content=tiny, name="kosong.pdf")
    link(other, other_rhk, "https://drive.example.go.id/bersama")
    link(report.laporan, report.rhk, "https://DRIVE.example.go.id/bersama/")
    response = client_for("penilai").get(detail_url(report.laporan))
    assert by_testid(response, "sinyal") == [
        "Berkas sama diajukan pegawai lain Berkas yang sama juga diajukan oleh 1 pegawai lain.",
        "Berkas nyaris kosong Berkas hanya 15 bita; periksa isinya.",
        "Tautan dipakai beberapa pegawai Tautan yang sama juga dipakai oleh 1 pegawai lain.",
    ]


def test_detail_of_a_submitted_report_has_no_forms(agency, report, client_for):
    bukti = upload(report.laporan, report.rhk)
    submit(report.laporan)
    response = client_for(OWNER).get(detail_url(report.laporan))
    assert response.context["can_edit"] is False
    assert by_testid(response, "tidak-dapat-diubah") == [SUBMITTED]
    html = response.content.decode()
    assert 'data-testid="bukti-form"' not in html
    assert 'data-testid="realisasi-form"' not in html
    assert 'data-testid="pengajuan"' not in html
    # The readers are not told why the owner cannot change it.
    assert (
        by_testid(client_for("admin").get(detail_url(report.laporan)), "tidak-dapat-diubah") == []
    )
    # The waiting item gets the appraiser's verdict form, for the appraiser only.
    verdict = f'action="{reverse("realisasi:verdict", args=[bukti.pk])}"'
    assert verdict not in html
    assert verdict in client_for("penilai").get(detail_url(report.laporan)).content.decode()


def test_refused_when_the_report_is_submitted(agency, report, client_for):
    bukti = upload(report.laporan, report.rhk)
    submit(report.laporan)
    client = client_for(OWNER)
    before = realisasi_state()
    page = client.get(save_url(report.laporan, report.indikator))
    assert page.status_code == 302
    assert page.url == detail_url(report.laporan)
    assert texts(page) == [SUBMITTED]
    saved = client.post(save_url(report.laporan, report.indikator), {"nilai": "3"})
    assert saved.status_code == 200
    assert saved.context["form"].non_field_errors() == [SUBMITTED]
    added = post_file(client, report, "baru.pdf", PDF_BYTES)
    assert added.context["form"].non_field_errors() == [SUBMITTED]
    changed = client.post(reverse("realisasi:bukti-update", args=[bukti.pk]), {"uraian": "Baru"})
    assert changed.context["form"].non_field_errors() == [SUBMITTED]
    removed = client.post(reverse("realisasi:bukti-delete", args=[bukti.pk]))
    assert removed.status_code == 302
    assert removed.url == detail_url(report.laporan) + f"#bukti-{bukti.pk}"
    assert texts(removed) == [SUBMITTED]
    again = client.post(reverse("realisasi:submit", args=[report.laporan.pk]))
    assert texts(again) == [SUBMITTED]
    assert realisasi_state() == before


def test_locked_after_the_verification_deadline(agency, report, client_for):
    tw3 = open_period(
        "TW3",
        batas_realisasi=datetime.date(2026, 10, 5),
        batas_verifikasi=datetime.date(2026, 10, 10),
    )
    laporan, _skp, rhk = report_for(agency.pegawai, tw3)
    message = (
        "Batas verifikasi periode ini telah lewat pada 10 Oktober 2026; minta admin "
        "kepegawaian membuka kuncinya."
    )
    client = client_for(OWNER)
    before = realisasi_state()
    page = client.get(detail_url(laporan))
    assert by_testid(page, "kunci") == [message]
    assert page.context["can_edit"] is False
    assert by_testid(page, "tidak-dapat-diubah") == []
    response = client.post(
        create_url(laporan),
        {"rhk": rhk.pk, "uraian": "Terlambat", "berkas": a_file("a.pdf", PDF_BYTES)},
    )
    assert response.context["form"].non_field_errors() == [message]
    submitted = client.post(reverse("realisasi:submit", args=[laporan.pk]))
    assert texts(submitted) == [message]
    assert realisasi_state() == before


# --- Realisation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ("dua belas", "nilai", "Realisasi harus berupa angka, mis. 12 atau 97,5."),
        ("", "nilai", "Isi realisasi berupa angka."),
        ("-3", "nilai", "Realisasi tidak boleh negatif, paling banyak 4 angka di belakang koma."),
    ],
)
def test_realisasi_refused_on_the_field(agency, report, client_for, typed, field, message):
    before = realisasi_state()
    response = client_for(OWNER).post(save_url(report.laporan, report.indikator), {"nilai": typed})
    assert response.status_code == 200
    assert response.templates[0].name == "realisasi/realisasi_form.html"
    assert response.context["form"].errors == {field: [message]}
    assert realisasi_state() == before


def test_realisasi_is_updated_and_shown(agency, report, client_for):
    client = client_for(OWNER)
    client.post(save_url(report.laporan, report.indikator), {"nilai": "10"})
    client.post(save_url(report.laporan, report.indikator), {"nilai": "97,5"})
    saved = Realisasi.objects.get()
    assert saved.nilai == Decimal("97.5")
    page = client.get(detail_url(report.laporan))
    assert by_testid(page, "iki-realisasi") == ["97,5 laporan"]
    assert 'value="97,5"' in page.content.decode()


def test_realisasi_narrative_under_the_kualitatif_approach(agency, client_for):
    periode = open_period()
    aktor = aktor_for(agency.outsider)
    skp = skp_services.skp_create(
        aktor=aktor, pegawai=agency.outsider, tahun=2026, pendekatan=Pendekatan.KUALITATIF.value
    )
    rhk = skp_services.rhk_create(aktor=aktor, skp=skp, uraian="Terselenggaranya layanan")
    indikator = skp_services.indikator_create(
        aktor=aktor,
        rhk=rhk,
        aspek=Aspek.KUALITAS.value,
        uraian="Layanan sesuai standar",
        target_narasi="Seluruh layanan sesuai SOP",
    )
    skp_services.skp_submit(aktor=aktor, skp=skp)
    skp_services.skp_approve(aktor=SYSTEM, skp=skp)
    laporan, _skp, _rhk = report_for(agency.outsider, periode)
    client = client_for("outsider")
    form_page = client.get(detail_url(laporan))
    assert list(form_page.context["rows"][0].indikator[0].form.fields) == ["narasi"]
    empty = client.post(save_url(laporan, indikator), {"narasi": "  "})
    assert empty.context["form"].errors == {"narasi": ["Uraikan realisasi secara naratif."]}
    done = client.post(save_url(laporan, indikator), {"narasi": "12 layanan sesuai SOP."})
    assert done.status_code == 302
    saved = Realisasi.objects.get()
    assert (saved.nilai, saved.narasi) == (None, "12 layanan sesuai SOP.")
    assert by_testid(client.get(detail_url(laporan)), "iki-realisasi") == ["12 layanan sesuai SOP."]


def test_realisasi_with_htmx(agency, report, client_for):
    client = client_for(OWNER)
    headers = {"HX-Request": "true"}
    url = save_url(report.laporan, report.indikator)
    refused = client.post(url, {"nilai": "x"}, headers=headers)
    assert refused.status_code == 200
    assert refused.templates[0].name == "realisasi/_realisasi_form.html"
    assert by_testid(refused, "realisasi-form")[0].endswith(
        "Realisasi harus berupa angka, mis. 12 atau 97,5. Simpan realisasi"
    )
    done = client.post(url, {"nilai": "7"}, headers=headers)
    assert done.status_code == 200
    assert done["HX-Redirect"] == detail_url(report.laporan)
    assert Realisasi.objects.get().nilai == Decimal("7")


# --- Evidence through the page -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "stored", "kind"),
    [
        ("Scan Surat Tugas.pdf", PDF_BYTES, "Scan_Surat_Tugas.pdf", "PDF"),
        ("foto kegiatan.PNG", PNG_BYTES, "foto_kegiatan.png", "PNG"),
        ("notulen.docx", docx_bytes(), "notulen.docx", "DOCX"),
        # The name follows the content: a PNG named .pdf is stored as a PNG.
        ("gambar.pdf", PNG_BYTES, "gambar.png", "PNG"),
    ],
)
def test_upload_accepted_with_the_detected_name(
    agency, report, client_for, name, content, stored, kind
):
    response = post_file(client_for(OWNER), report, name, content, "Bukti kegiatan")
    bukti = BuktiDukung.objects.get()
    assert response.status_code == 302
    assert texts(response) == [f"Bukti dukung “{stored}” ditambahkan."]
    assert (bukti.jenis, bukti.nama_berkas, bukti.tipe_berkas) == (JenisBukti.BERKAS, stored, kind)
    assert (bukti.ukuran, bukti.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert re.fullmatch(
        rf"bukti/{report.periode.pk}/{report.laporan.pk}/[0-9a-f]{{16}}-{re.escape(stored)}",
        bukti.berkas.name,
    )
    assert stored_files() == [bukti.berkas.name]
    with default_storage.open(bukti.berkas.name, "rb") as handle:
        assert handle.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 2000, DISGUISED % "program.pdf"),
        ("catatan.docx", b"Ini hanya teks biasa.\n" * 100, DISGUISED % "catatan.docx"),
        ("arsip.docx", zip_bytes({"isi.txt": "bukan dokumen" * 100}), DISGUISED % "arsip.docx"),
        (
            "makro.docx",
            zip_bytes(
                {
                    "[Content_Types].xml": "<Types/>",
                    "word/document.xml": "<w:document/>" * 100,
                    "word/vbaProject.bin": "makro",
                }
            ),
            "Dokumen bermakro tidak diterima; simpan tanpa makro.",
        ),
        ("kosong.pdf", b"", "Berkas kosong."),
    ],
)
def test_upload_refused_and_nothing_stored(agency, report, client_for, name, content, message):
    before = realisasi_state()
    response = post_file(client_for(OWNER), report, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors == {"berkas": [message]}
    assert realisasi_state() == before
    assert stored_files() == []


def test_upload_over_the_size_limit_refused(agency, report, client_for, settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    content = PDF_BYTES + b"0" * (1024 * 1024 + 1 - len(PDF_BYTES))
    client = client_for(OWNER)
    before = realisasi_state()
    response = post_file(client, report, "besar.pdf", content)
    assert response.context["form"].errors == {
        "berkas": ["Berkas terlalu besar (1,0 MB); batasnya 1 MB."]
    }
    assert realisasi_state() == before
    assert stored_files() == []
    page = client.get(detail_url(report.laporan))
    assert by_testid(page, "upload-help") == [
        "Jenis berkas yang diterima: PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, ODP; "
        "paling besar 1 MB. Jenis berkas diperiksa dari isinya, bukan dari namanya."
    ]


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\boot.ini.pdf", "boot_ini.pdf"),
        ("/var/www/../../index.pdf", "index.pdf"),
        ("laporan.pdf.exe", "laporan_pdf.pdf"),
        ("laporan.exe", "laporan.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
    ],
)
def test_hostile_names_are_stored_safely(agency, report, client_for, media, sent, stored):
    fields = {"rhk": report.rhk.pk, "uraian": "Laporan"}
    response = raw_upload(client_for(OWNER), create_url(report.laporan), fields, sent, PDF_BYTES)
    assert response.status_code == 302
    bukti = BuktiDukung.objects.get()
    assert bukti.nama_berkas == stored
    assert bukti.berkas.name.startswith(f"bukti/{report.periode.pk}/{report.laporan.pk}/")
    assert bukti.berkas.name.endswith(f"-{stored}")
    assert stored_files() == [bukti.berkas.name]
    # Every file written lies inside the evidence folder of the media root.
    written = [path for path in media.rglob("*") if path.is_file()]
    assert [path.relative_to(media).as_posix() for path in written] == [bukti.berkas.name]


def test_link_evidence(agency, report, client_for):
    client = client_for(OWNER)
    url = create_url(report.laporan)
    before = realisasi_state()
    refused = [
        client.post(
            url, {"rhk": report.rhk.pk, "uraian": "Tautan", "tautan": "javascript:alert(1)"}
        ),
        client.post(url, {"rhk": report.rhk.pk, "uraian": "Tautan", "tautan": "ftp://a.id/x"}),
        client.post(url, {"rhk": report.rhk.pk, "uraian": " ", "tautan": "https://a.id/x"}),
        client.post(url, {"rhk": report.rhk.pk, "uraian": "Kosong"}),
        client.post(
            url,
            {
                "rhk": report.rhk.pk,
                "uraian": "Dua-duanya",
                "tautan": "https://a.id/x",
                "berkas": a_file("a.pdf", PDF_BYTES),
            },
        ),
    ]
    assert [response.context["form"].errors for response in refused] == [
        {"tautan": ["Tautan harus alamat http:// atau https:// yang lengkap."]},
        {"tautan": ["Tautan harus alamat http:// atau https:// yang lengkap."]},
        {"uraian": ["Tuliskan keterangan singkat bukti dukung."]},
        {"__all__": ["Unggah berkas atau isi tautan bukti dukung."]},
        {"__all__": ["Pilih salah satu: unggah berkas atau isi tautan, bukan keduanya."]},
    ]
    assert realisasi_state() == before
    done = client.post(
        url,
        {
            "rhk": report.rhk.pk,
            "uraian": "Foto kegiatan",
            "tautan": "https://drive.example.go.id/f/1",
        },
    )
    assert done.status_code == 302
    bukti = BuktiDukung.objects.get()
    assert (bukti.jenis, bukti.tautan, bukti.berkas.name) == (
        JenisBukti.TAUTAN,
        "https://drive.example.go.id/f/1",
        "",
    )
    assert texts(done) == ["Bukti dukung “https://drive.example.go.id/f/1” ditambahkan."]
    download = client.get(reverse("realisasi:bukti-download", args=[bukti.pk]))
    assert download.status_code == 404


def test_upload_with_htmx_shows_the_form_again_in_place(agency, report, client_for):
    client = client_for(OWNER)
    data = {"rhk": report.rhk.pk, "uraian": "Bukti", "berkas": a_file("x.pdf", b"bukan pdf")}
    refused = client.post(create_url(report.laporan), data, headers={"HX-Request": "true"})
    assert refused.status_code == 200
    assert refused.templates[0].name == "realisasi/_bukti_form.html"
    html = refused.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert f'<input type="hidden" name="rhk" value="{report.rhk.pk}"' in html
    assert DISGUISED.replace("“", "&ldquo;") % "x.pdf" in html or (DISGUISED % "x.pdf") in html
    data = {"rhk": report.rhk.pk, "uraian": "Bukti", "berkas": a_file("x.pdf", PDF_BYTES)}
    done = client.post(create_url(report.laporan), data, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == detail_url(report.laporan)
    assert BuktiDukung.objects.get().nama_berkas == "x.pdf"


def test_replace_a_returned_item(agency, report, client_for, django_capture_on_commit_callbacks):
    first = upload(report.laporan, report.rhk, uraian="Daftar hadir")
    upload(report.laporan, report.rhk, name="notulen.pdf", uraian="Notulen")
    submit(report.laporan)
    return_one(report.laporan, first, "Tanda tangan belum ada.")
    client = client_for(OWNER)
    # A new file of a disguised type is refused; nothing changes.
    before = realisasi_state()
    url = reverse("realisasi:bukti-update", args=[first.pk])
    refused = client.post(
        url, {"uraian": "Daftar hadir", "berkas": a_file("hadir.pdf", b"MZ" * 800)}
    )
    assert refused.context["form"].errors == {"berkas": [DISGUISED % "hadir.pdf"]}
    bad_link = client.post(url, {"uraian": "Daftar hadir", "tautan": "javascript:alert(1)"})
    assert bad_link.context["form"].errors == {
        "tautan": ["Tautan harus alamat http:// atau https:// yang lengkap."]
    }
    assert realisasi_state() == before
    old_file = first.berkas.name
    new = PDF_BYTES + b"% ditandatangani\n"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url, {"uraian": "Daftar hadir bertanda tangan", "berkas": a_file("hadir ttd.pdf", new)}
        )
    assert done.status_code == 302
    assert texts(done) == ["Bukti dukung “hadir_ttd.pdf” disimpan."]
    replaced = BuktiDukung.objects.get(pk=first.pk)
    assert (replaced.status, replaced.nama_berkas, replaced.uraian) == (
        StatusBukti.MENUNGGU,
        "hadir_ttd.pdf",
        "Daftar hadir bertanda tangan",
    )
    assert not default_storage.exists(old_file)
    assert default_storage.exists(replaced.berkas.name)
    # The accepted item is settled: the owner may not change it.
    accepted = BuktiDukung.objects.exclude(pk=first.pk).get()
    settled = client.post(reverse("realisasi:bukti-update", args=[accepted.pk]), {"uraian": "X"})
    assert settled.context["form"].non_field_errors() == [
        "Bukti ini sudah diverifikasi; hanya bukti yang dikembalikan yang dapat diubah."
    ]
    # Resubmitted: the corrected item waits in round 2.
    resubmitted = client.post(reverse("realisasi:submit", args=[report.laporan.pk]))
    assert texts(resubmitted) == ["Realisasi Triwulan IV-Akhir diajukan kepada pejabat penilai."]
    laporan = refresh(report.laporan)
    assert (laporan.status, laporan.putaran) == (StatusLaporan.DIAJUKAN, 2)
    assert BuktiDukung.objects.get(pk=first.pk).putaran == 2


def test_update_an_unchanged_link_keeps_its_upload_time(agency, report, client_for):
    item = link(report.laporan, report.rhk, "https://drive.example.go.id/f/2")
    client = client_for(OWNER)
    response = client.post(
        reverse("realisasi:bukti-update", args=[item.pk]),
        {"uraian": "Tautan foto", "tautan": "https://drive.example.go.id/f/2"},
    )
    assert response.status_code == 302
    saved = BuktiDukung.objects.get(pk=item.pk)
    assert (saved.uraian, saved.diunggah_pada) == ("Tautan foto", item.diunggah_pada)


# --- Download ----------------------------------------------------------------------------------


def test_download_headers(agency, report, client_for):
    bukti = upload(report.laporan, report.rhk, name="Laporan Kegiatan.pdf")
    response = client_for("penilai").get(reverse("realisasi:bukti-download", args=[bukti.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Laporan_Kegiatan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF_BYTES
    png = upload(report.laporan, report.rhk, content=PNG_BYTES, name="foto.png")
    image = client_for(OWNER).get(reverse("realisasi:bukti-download", args=[png.pk]))
    assert image["Content-Type"] == "image/png"
    assert image["Content-Disposition"] == 'attachment; filename="foto.png"'


def test_download_of_a_missing_file_is_404(agency, report, client_for):
    bukti = upload(report.laporan, report.rhk)
    default_storage.delete(bukti.berkas.name)
    response = client_for(OWNER).get(reverse("realisasi:bukti-download", args=[bukti.pk]))
    assert response.status_code == 404


# --- Submission --------------------------------------------------------------------------------


def test_submit_refused_without_evidence(agency, report, client_for):
    before = realisasi_state()
    response = client_for(OWNER).post(reverse("realisasi:submit", args=[report.laporan.pk]))
    assert response.status_code == 302
    assert response.url == detail_url(report.laporan)
    assert texts(response) == ["Lampirkan sekurang-kurangnya satu bukti dukung sebelum mengajukan."]
    assert realisasi_state() == before


def test_submit_refused_while_returned_items_are_not_fixed(agency, report, client_for):
    first = upload(report.laporan, report.rhk, name="daftar hadir.pdf")
    upload(report.laporan, report.rhk, name="notulen.pdf")
    submit(report.laporan)
    return_one(report.laporan, first, "Tanda tangan belum ada.")
    before = realisasi_state()
    response = client_for(OWNER).post(reverse("realisasi:submit", args=[report.laporan.pk]))
    assert texts(response) == [
        "Bukti “daftar_hadir.pdf” (RHK RHK-01) dikembalikan: perbaiki atau hapus sebelum "
        "mengajukan kembali."
    ]
    assert realisasi_state() == before


def test_submit_with_htmx_reloads_the_page(agency, report, client_for):
    upload(report.laporan, report.rhk)
    response = client_for(OWNER).post(
        reverse("realisasi:submit", args=[report.laporan.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == detail_url(report.laporan)
    assert refresh(report.laporan).status == StatusLaporan.DIAJUKAN


# --- Query counts ------------------------------------------------------------------------------


def _grow_periods(report: Report, count: int) -> None:
    """Reports with evidence in `count` further periods of the year."""
    for kode in ("TW1", "TW2", "TW3")[:count]:
        periode = open_period(kode)
        laporan, _skp, rhk = report_for(report.laporan.skp.pegawai, periode)
        upload(laporan, rhk, name=f"{kode}.pdf")
        link(laporan, rhk, f"https://drive.example.go.id/{kode}")


MINE_QUERIES = 10


@pytest.mark.parametrize("count", [0, 3])
def test_mine_query_count_is_flat(agency, report, client_for, django_assert_num_queries, count):
    _grow_periods(report, count)
    client = client_for(OWNER)
    with django_assert_num_queries(MINE_QUERIES):
        response = client.get(reverse("realisasi:mine"))
    assert sum(1 for row in response.context["rows"] if row.laporan) == count + 1


def _grow_items(report: Report, agency: Any, count: int) -> None:
    """`count` files and `count` links, a second RHK with its indicator, realisation and
    feedback, and one verification round."""
    penilai = aktor_for(agency.penilai)
    for number in range(count):
        upload(
            report.laporan,
            report.rhk,
            content=PDF_BYTES + str(number).encode(),
            name=f"b{number}.pdf",
        )
        link(report.laporan, report.rhk, f"https://drive.example.go.id/{number}")
    services.realisasi_save(
        aktor=aktor_for(agency.pegawai),
        laporan=report.laporan,
        indikator=report.indikator,
        nilai="3",
    )
    services.umpan_balik_save(aktor=penilai, laporan=report.laporan, rhk=report.rhk, isi="Baik.")
    services.umpan_balik_save(aktor=penilai, laporan=report.laporan, nilai="LOYAL", isi="Baik.")
    submit(report.laporan)
    first = BuktiDukung.objects.order_by("pk").first()
    return_one(report.laporan, first, "Perbaiki.")


DETAIL_QUERIES = 17


@pytest.mark.parametrize("count", [1, 5])
def test_detail_query_count_is_flat(agency, report, client_for, django_assert_num_queries, count):
    _grow_items(report, agency, count)
    for role in (OWNER, "penilai"):
        client = client_for(role)
        with django_assert_num_queries(DETAIL_QUERIES):
            response = client.get(detail_url(report.laporan))
        assert len(response.context["rows"][0].bukti) == 2 * count
