"""Realisation API, the employee's side: my periods, opening a report, one report (exact body
with integrity signals), recording realisation; the OpenAPI schema. The helpers here are shared
by the other test_api_*.py modules."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import pegawai_with_account
from kinerja.periode.models import Periode
from kinerja.realisasi import services
from kinerja.realisasi.models import BuktiDukung, Laporan, RiwayatBukti, RiwayatLaporan
from kinerja.realisasi.tests.factories import (
    PDF_BYTES,
    link,
    open_period,
    report_for,
    upload,
)
from kinerja.realisasi.tests.helpers import realisasi_state
from kinerja.skp.models import Indikator, Rhk, Skp
from kinerja.skp.tests.factories import TAHUN, aktor_for, approved_plan, plan_with_rhk

pytestmark = pytest.mark.django_db
BASE = "/api/v1/realisasi"
# Who reads Siti's report (the agency's `pegawai`): herself, her appraiser, HR and the leader of
# the biro above her unit, the auditor and the superuser. The outsider does not.
READERS = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
EMPLOYEES = {"pegawai", "penilai", "outsider"}
LINK = "https://drive.example.go.id/berkas/1"
SMALL_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
STATUS_BUKTI = {
    "MENUNGGU": "Menunggu verifikasi",
    "DITERIMA": "Diterima",
    "PERLU_PERBAIKAN": "Perlu Perbaikan",
    "DITOLAK": "Ditolak",
}
STATUS_LAPORAN = {
    "DRAF": "Draf",
    "DIAJUKAN": "Diajukan",
    "PERLU_PERBAIKAN": "Perlu perbaikan",
    "SELESAI": "Selesai diverifikasi",
}
NO_ITEMS = {"MENUNGGU": 0, "DITERIMA": 0, "PERLU_PERBAIKAN": 0, "DITOLAK": 0}


# --- Shared helpers --------------------------------------------------------------------------


def send(client: Client, method: str, url: str, payload: dict | None = None) -> Any:
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


def status_for(role: str, allowed: set[str], readers: set[str], success: int = 200) -> int:
    """What a role gets: 401 anonymous, `success` allowed, 403 readable, 404 otherwise."""
    if role == "anonim":
        return 401
    if role in allowed:
        return success
    return 403 if role in readers else 404


def encoded(value: datetime.datetime | None) -> str | None:
    return None if value is None else DjangoJSONEncoder().default(value)


def errors_of(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    return response.json()["errors"]


def refusal(field: str, message: str) -> dict[str, Any]:
    """The exact body of a 422 naming one field."""
    return {"detail": [{"loc": ["body", field], "msg": message}], "errors": {field: [message]}}


def pilihan(kode: str, label: str) -> dict[str, str]:
    return {"kode": kode, "label": label}


def bukti_status(kode: str) -> dict[str, str]:
    return pilihan(kode, STATUS_BUKTI[kode])


def laporan_status(kode: str) -> dict[str, str]:
    return pilihan(kode, STATUS_LAPORAN[kode])


def label_of(pegawai: Pegawai) -> str:
    """How the audit trail names an employee acting (`Aktor.label`)."""
    return f"{pegawai.nama} ({pegawai.nip})"


def person(pegawai: Pegawai) -> dict[str, Any]:
    """An employee as the API answers it (the report's owner, a row of the inbox)."""
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "unit": {"id": pegawai.unit.pk, "kode": pegawai.unit.kode, "nama": pegawai.unit.nama},
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": pilihan("PELAKSANA", "Pelaksana"),
    }


def period_body(periode: Periode) -> dict[str, Any]:
    periode = Periode.objects.select_related("tahun").get(pk=periode.pk)
    return {
        "id": periode.pk,
        "tahun": periode.tahun.tahun,
        "kode": periode.kode,
        "nama": periode.nama,
        "status": pilihan(periode.status, periode.status.capitalize()),
        "batas_realisasi": periode.batas_realisasi.isoformat(),
        "batas_verifikasi": periode.batas_verifikasi.isoformat(),
    }


def summary_body(laporan: Laporan) -> dict[str, Any]:
    laporan = Laporan.objects.get(pk=laporan.pk)
    return {
        "id": laporan.pk,
        "status": laporan_status(laporan.status),
        "putaran": laporan.putaran,
        "diajukan_pada": encoded(laporan.diajukan_pada),
        "selesai_pada": encoded(laporan.selesai_pada),
    }


def plan_body(skp: Skp) -> dict[str, Any]:
    skp = Skp.objects.get(pk=skp.pk)
    return {
        "id": skp.pk,
        "tahun": skp.tahun,
        "pendekatan": pilihan("KUANTITATIF", "Kuantitatif"),
        "status": pilihan("DISETUJUI", "Disetujui"),
        "disetujui_pada": encoded(skp.disetujui_pada),
    }


def item_steps(bukti: BuktiDukung, *expected: tuple[int, str, str, str, str, str]) -> list[Any]:
    """An item's history: (putaran, aksi, status, catatan, keterangan, oleh) per step, with the
    stored times."""
    rows = list(RiwayatBukti.objects.filter(bukti=bukti).order_by("pk"))
    assert len(rows) == len(expected)
    return [
        {
            "putaran": putaran,
            "aksi": aksi,
            "status": bukti_status(status),
            "catatan": catatan,
            "keterangan": keterangan,
            "oleh": oleh,
            "pada": encoded(row.pada),
        }
        for row, (putaran, aksi, status, catatan, keterangan, oleh) in zip(
            rows, expected, strict=True
        )
    ]


def report_steps(laporan: Laporan, *expected: tuple[int, str, str, str]) -> list[Any]:
    """A report's history, newest first: (putaran, aksi, status, oleh) per step."""
    rows = list(RiwayatLaporan.objects.filter(laporan=laporan).order_by("-pk"))
    assert len(rows) == len(expected)
    return [
        {
            "putaran": putaran,
            "aksi": aksi,
            "status": laporan_status(status),
            "catatan": "",
            "oleh": oleh,
            "pada": encoded(row.pada),
        }
        for row, (putaran, aksi, status, oleh) in zip(rows, expected, strict=True)
    ]


BOUNDARY = "kinerja-batas-multipart"


def post_file(
    client: Client,
    url: str,
    content: bytes = PDF_BYTES,
    name: str = "laporan.pdf",
    **fields: Any,
) -> Any:
    """A multipart upload of `berkas` named exactly `name` (the test client would strip its
    folders; a hostile client does not) and claiming to be a PDF, with the other form fields."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="berkas"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return client.post(
        url, b"".join(parts), content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )


@dataclass
class Setting:
    """An open period (TW4), the appraiser's approved plan and Siti's report cascading from it."""

    periode: Periode
    leader: Skp
    leader_rhk: Rhk
    laporan: Laporan
    skp: Skp
    rhk: Rhk

    @property
    def indikator(self) -> Indikator:
        return self.rhk.indikator.get()

    def fresh(self) -> Laporan:
        return Laporan.objects.get(pk=self.laporan.pk)


def leader_plan(agency: Any) -> tuple[Skp, Rhk]:
    return approved_plan(agency.penilai, kode="RHK-A", uraian="Terwujudnya layanan SDM yang andal")


def build(agency: Any, kode: str = "TW4", **deadlines: Any) -> Setting:
    periode = open_period(kode, **deadlines)
    found = Skp.objects.filter(pegawai=agency.penilai, tahun=TAHUN).first()
    if found is None:
        leader, leader_rhk = leader_plan(agency)
    else:
        leader, leader_rhk = found, found.rhk.get()
    laporan, skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=leader_rhk)
    return Setting(periode, leader, leader_rhk, laporan, skp, rhk)


def colleague(agency: Any, setting: Setting, nama: str = "Rina Marlina") -> tuple[Laporan, Rhk]:
    """Another appraisee of the same appraiser, with her report for the same period."""
    rina = pegawai_with_account(nama=nama, unit=agency.bagian, penilai=agency.penilai)
    laporan, _skp, rhk = report_for(rina, setting.periode, rhk_atasan=setting.leader_rhk)
    return laporan, rhk


def submit(laporan: Laporan) -> Laporan:
    return services.laporan_submit(aktor=aktor_for(laporan.skp.pegawai), laporan=laporan)


def verdict(agency: Any, bukti: BuktiDukung, status: str, catatan: str = "") -> BuktiDukung:
    return services.bukti_verdict(
        aktor=aktor_for(agency.penilai), bukti=bukti, status=status, catatan=catatan
    )


# --- My periods ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_mine_matrix(agency, client_for, role):
    setting = build(agency)
    before = realisasi_state()
    response = client_for(role).get(f"{BASE}/saya", {"tahun": TAHUN})
    assert realisasi_state() == before
    # Every employee has their own periods; accounts without an employee record have none.
    assert response.status_code == status_for(role, EMPLOYEES, set())
    if response.status_code != 200:
        return
    body = response.json()
    plan = {"pegawai": setting.skp, "penilai": setting.leader, "outsider": None}[role]
    assert body["skp"] == (None if plan is None else plan_body(plan))
    reports = [row["laporan"] for row in body["periode"]]
    assert (
        reports
        == {
            "pegawai": [None, None, None, summary_body(setting.laporan)],
            "penilai": [None, None, None, None],
            "outsider": [],
        }[role]
    )


def test_mine_body(agency, client_for):
    setting = build(agency)
    upload(setting.laporan, setting.rhk)
    submit(setting.laporan)
    periods = list(Periode.objects.filter(tahun__tahun=TAHUN).exclude(kode="TAHUNAN"))
    body = client_for("pegawai").get(f"{BASE}/saya", {"tahun": TAHUN}).json()
    laporan = setting.fresh()
    assert body == {
        "tahun": TAHUN,
        "skp": plan_body(setting.skp),
        "periode": [
            {"periode": period_body(periods[0]), "laporan": None},
            {"periode": period_body(periods[1]), "laporan": None},
            {"periode": period_body(periods[2]), "laporan": None},
            {
                "periode": period_body(periods[3]),
                "laporan": {
                    "id": laporan.pk,
                    "status": laporan_status("DIAJUKAN"),
                    "putaran": 1,
                    "diajukan_pada": encoded(laporan.diajukan_pada),
                    "selesai_pada": None,
                },
            },
        ],
    }
    assert [row["periode"]["kode"] for row in body["periode"]] == ["TW1", "TW2", "TW3", "TW4"]
    assert body["periode"][3]["periode"]["status"] == pilihan("DIBUKA", "Dibuka")
    assert body["periode"][0]["periode"]["status"] == pilihan("DRAF", "Draf")


def test_mine_other_year_and_default_year(agency, client_for):
    build(agency)
    client = client_for("pegawai")
    assert client.get(f"{BASE}/saya", {"tahun": TAHUN + 1}).json() == {
        "tahun": TAHUN + 1,
        "skp": None,
        "periode": [],
    }
    # Without `tahun`: the current performance year (this year, open in the tests).
    assert client.get(f"{BASE}/saya").json()["tahun"] == timezone.localdate().year


# --- Opening a report ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_open_matrix(agency, client_for, role):
    setting = build(agency)
    tw3 = open_period("TW3")
    before = realisasi_state()
    response = client_for(role).post(f"{BASE}/periode/{tw3.pk}")
    # Siti and her appraiser have approved plans; the outsider has none (422); accounts
    # without an employee record have no report to open (404).
    if role == "outsider":
        assert response.json() == refusal(
            "__all__",
            "Anda belum memiliki SKP tahun 2026; realisasi diisi setelah SKP disetujui.",
        )
    else:
        assert response.status_code == status_for(role, {"pegawai", "penilai"}, set(), 201)
    if response.status_code != 201:
        assert realisasi_state() == before
        return
    owner = {"pegawai": setting.skp, "penilai": setting.leader}[role]
    created = Laporan.objects.get(skp=owner, periode=tw3)
    body = response.json()
    assert (body["id"], body["status"], body["putaran"]) == (
        created.pk,
        laporan_status("DRAF"),
        0,
    )
    assert body["periode"] == period_body(tw3)
    assert (body["may_edit"], body["may_verify"], body["kunci"]) == (True, False, None)


def test_open_twice_answers_the_same_report(agency, client_for):
    setting = build(agency)
    client = client_for("pegawai")
    again = client.post(f"{BASE}/periode/{setting.periode.pk}")
    assert again.status_code == 200
    assert again.json()["id"] == setting.laporan.pk
    assert Laporan.objects.count() == 1


def test_open_refusals(agency, client_for):
    setting = build(agency)
    client = client_for("pegawai")
    rina = pegawai_with_account(nama="Rina Marlina", unit=agency.bagian, penilai=agency.penilai)
    plan_with_rhk(rina, rhk_atasan=setting.leader_rhk)
    before = realisasi_state()
    draft = Periode.objects.get(tahun__tahun=TAHUN, kode="TW1")
    annual = Periode.objects.get(tahun__tahun=TAHUN, kode="TAHUNAN")
    assert client.post(f"{BASE}/periode/{draft.pk}").json() == refusal(
        "__all__", "Periode ini belum dibuka."
    )
    assert client.post(f"{BASE}/periode/{annual.pk}").json() == refusal(
        "__all__", "Periode harus salah satu periode tahun SKP (bukan tahunan)."
    )
    assert client.post(f"{BASE}/periode/999999").status_code == 404
    # A plan still in draft has no reports.
    rina_client = Client()
    assert rina.pengguna is not None
    rina_client.force_login(rina.pengguna)
    assert rina_client.post(f"{BASE}/periode/{setting.periode.pk}").json() == refusal(
        "__all__", "SKP tahun ini belum disetujui; realisasi diisi setelah SKP disetujui."
    )
    assert realisasi_state() == before


# --- One report ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix(agency, client_for, role):
    setting = build(agency)
    upload(setting.laporan, setting.rhk)
    submit(setting.laporan)
    before = realisasi_state()
    response = client_for(role).get(f"{BASE}/{setting.laporan.pk}")
    assert realisasi_state() == before
    assert response.status_code == status_for(role, READERS, set())
    if response.status_code != 200:
        return
    body = response.json()
    assert body["id"] == setting.laporan.pk
    # Submitted: the owner waits; only her appraiser may give verdicts.
    assert (body["may_edit"], body["may_verify"]) == (False, role == "penilai")
    assert body["rhk"][0]["bukti"][0]["may_edit"] is False


def test_detail_draft_is_editable_by_its_owner_only(agency, client_for):
    setting = build(agency)
    upload(setting.laporan, setting.rhk)
    for role, editable in [("pegawai", True), ("penilai", False), ("admin", False)]:
        body = client_for(role).get(f"{BASE}/{setting.laporan.pk}").json()
        assert (body["may_edit"], body["may_verify"]) == (editable, False)
        assert body["rhk"][0]["bukti"][0]["may_edit"] is editable
    assert client_for("pegawai").get(f"{BASE}/999999").status_code == 404


def test_detail_body(agency, client_for):
    """A report with a file another employee also submitted, a link another employee also
    used, a late and nearly empty upload; realisation, one verdict, feedback, history."""
    realisation_deadline = datetime.date(2026, 10, 15)
    setting = build(agency, batas_realisasi=realisation_deadline)
    siti = agency.pegawai
    rina_report, rina_rhk = colleague(agency, setting)
    shared_file = upload(setting.laporan, setting.rhk, name="Laporan Kegiatan.pdf")
    shared_link = link(setting.laporan, setting.rhk)
    upload(rina_report, rina_rhk, name="salinan.pdf")
    link(rina_report, rina_rhk, "HTTPS://Drive.Example.go.id/berkas/1/#bagian")
    # Those were uploaded before the realisation deadline; the photo comes late.
    BuktiDukung.objects.update(diunggah_pada=datetime.datetime(2026, 10, 1, 8, tzinfo=datetime.UTC))
    late = upload(setting.laporan, setting.rhk, SMALL_PNG, "foto kegiatan.png", "Foto kegiatan")
    services.realisasi_save(
        aktor=aktor_for(siti), laporan=setting.laporan, indikator=setting.indikator, nilai="10,5"
    )
    submit(setting.laporan)
    verdict(agency, late, "PERLU_PERBAIKAN", "Foto tidak terbaca")
    appraiser = aktor_for(agency.penilai)
    services.umpan_balik_save(
        aktor=appraiser, laporan=setting.laporan, rhk=setting.rhk, isi="Pertahankan ketepatan."
    )
    services.umpan_balik_save(
        aktor=appraiser, laporan=setting.laporan, nilai="KOMPETEN", isi="Ikuti pelatihan."
    )

    response = client_for("penilai").get(f"{BASE}/{setting.laporan.pk}")

    assert response.status_code == 200
    laporan = setting.fresh()
    items = {item.pk: item for item in BuktiDukung.objects.filter(laporan=laporan)}
    shared_file, shared_link, late = items[shared_file.pk], items[shared_link.pk], items[late.pk]
    realised = setting.indikator.realisasi.get()
    feedback = {item.nilai or "rhk": item for item in laporan.umpan_balik.all()}
    today = format_date(timezone.localdate(late.diunggah_pada))
    waiting = bukti_status("MENUNGGU")

    def unduh(item: BuktiDukung) -> str:
        return f"{BASE}/bukti/{item.pk}/unduh"

    def feedback_body(key: str) -> dict[str, Any]:
        item = feedback[key]
        return {
            "id": item.pk,
            "rhk_id": item.rhk_id,
            "nilai": item.nilai,
            "isi": item.isi,
            "oleh": label_of(agency.penilai),
            "diubah_pada": encoded(item.diubah_pada),
        }

    values = [
        ("BERORIENTASI_PELAYANAN", "Berorientasi Pelayanan"),
        ("AKUNTABEL", "Akuntabel"),
        ("KOMPETEN", "Kompeten"),
        ("HARMONIS", "Harmonis"),
        ("LOYAL", "Loyal"),
        ("ADAPTIF", "Adaptif"),
        ("KOLABORATIF", "Kolaboratif"),
    ]
    assert response.json() == {
        "id": laporan.pk,
        "status": laporan_status("DIAJUKAN"),
        "putaran": 1,
        "diajukan_pada": encoded(laporan.diajukan_pada),
        "selesai_pada": None,
        "periode": period_body(setting.periode),
        "skp": plan_body(setting.skp),
        "pegawai": person(siti),
        "rhk": [
            {
                "id": setting.rhk.pk,
                "kode": "RHK-01",
                "jenis": pilihan("UTAMA", "Utama"),
                "uraian": "Tersusunnya laporan kinerja",
                "indikator": [
                    {
                        "id": setting.indikator.pk,
                        "aspek": pilihan("KUANTITAS", "Kuantitas"),
                        "uraian": "Jumlah laporan yang tersusun",
                        "target": "12 laporan",
                        "realisasi": {
                            "indikator_id": setting.indikator.pk,
                            "nilai": "10.5",
                            "narasi": "",
                            "diubah_pada": encoded(realised.diubah_pada),
                        },
                    }
                ],
                "bukti": [
                    {
                        "id": shared_file.pk,
                        "rhk_id": setting.rhk.pk,
                        "jenis": pilihan("BERKAS", "Berkas"),
                        "uraian": "Laporan kegiatan",
                        "nama_berkas": "Laporan_Kegiatan.pdf",
                        "tipe_berkas": pilihan("PDF", "PDF"),
                        "ukuran": len(PDF_BYTES),
                        "sha256": shared_file.sha256,
                        "tautan": "",
                        "unduh": unduh(shared_file),
                        "status": waiting,
                        "catatan": "",
                        "putaran": 1,
                        "diunggah_pada": "2026-10-01T08:00:00Z",
                        "diverifikasi_pada": None,
                        "diverifikasi_oleh": None,
                        "may_edit": False,
                        "sinyal": [
                            {
                                "jenis": pilihan(
                                    "BERKAS_PEGAWAI_LAIN", "Berkas sama diajukan pegawai lain"
                                ),
                                "pesan": "Berkas yang sama juga diajukan oleh 1 pegawai lain.",
                            }
                        ],
                        "riwayat": item_steps(
                            shared_file,
                            (0, "UNGGAH", "MENUNGGU", "", "Laporan_Kegiatan.pdf", label_of(siti)),
                        ),
                    },
                    {
                        "id": shared_link.pk,
                        "rhk_id": setting.rhk.pk,
                        "jenis": pilihan("TAUTAN", "Tautan"),
                        "uraian": "Tautan",
                        "nama_berkas": "",
                        "tipe_berkas": None,
                        "ukuran": None,
                        "sha256": "",
                        "tautan": LINK,
                        "unduh": None,
                        "status": waiting,
                        "catatan": "",
                        "putaran": 1,
                        "diunggah_pada": "2026-10-01T08:00:00Z",
                        "diverifikasi_pada": None,
                        "diverifikasi_oleh": None,
                        "may_edit": False,
                        "sinyal": [
                            {
                                "jenis": pilihan(
                                    "TAUTAN_BERSAMA", "Tautan dipakai beberapa pegawai"
                                ),
                                "pesan": "Tautan yang sama juga dipakai oleh 1 pegawai lain.",
                            }
                        ],
                        "riwayat": item_steps(
                            shared_link, (0, "TAUTAN", "MENUNGGU", "", LINK, label_of(siti))
                        ),
                    },
                    {
                        "id": late.pk,
                        "rhk_id": setting.rhk.pk,
                        "jenis": pilihan("BERKAS", "Berkas"),
                        "uraian": "Foto kegiatan",
                        "nama_berkas": "foto_kegiatan.png",
                        "tipe_berkas": pilihan("PNG", "Gambar PNG"),
                        "ukuran": 108,
                        "sha256": late.sha256,
                        "tautan": "",
                        "unduh": unduh(late),
                        "status": bukti_status("PERLU_PERBAIKAN"),
                        "catatan": "Foto tidak terbaca",
                        "putaran": 1,
                        "diunggah_pada": encoded(late.diunggah_pada),
                        "diverifikasi_pada": encoded(late.diverifikasi_pada),
                        "diverifikasi_oleh": "Budi Santoso",
                        "may_edit": False,
                        "sinyal": [
                            {
                                "jenis": pilihan("TERLAMBAT", "Diunggah setelah batas realisasi"),
                                "pesan": f"Diunggah {today}, setelah batas realisasi "
                                "15 Oktober 2026.",
                            },
                            {
                                "jenis": pilihan("BERKAS_KECIL", "Berkas nyaris kosong"),
                                "pesan": "Berkas hanya 108 bita; periksa isinya.",
                            },
                        ],
                        "riwayat": item_steps(
                            late,
                            (0, "UNGGAH", "MENUNGGU", "", "foto_kegiatan.png", label_of(siti)),
                            (
                                1,
                                "VERIFIKASI",
                                "PERLU_PERBAIKAN",
                                "Foto tidak terbaca",
                                "foto_kegiatan.png",
                                label_of(agency.penilai),
                            ),
                        ),
                    },
                ],
                "umpan_balik": feedback_body("rhk"),
            }
        ],
        "perilaku": [
            {
                "kode": kode,
                "nama": nama,
                "umpan_balik": feedback_body(kode) if kode == "KOMPETEN" else None,
            }
            for kode, nama in values
        ],
        "riwayat": report_steps(laporan, (1, "AJUKAN", "DIAJUKAN", label_of(siti))),
        "jumlah": {**NO_ITEMS, "MENUNGGU": 2, "PERLU_PERBAIKAN": 1},
        "kunci": None,
        "may_edit": False,
        "may_verify": True,
    }


def test_detail_shows_the_lock(agency, client_for):
    setting = build(
        agency,
        batas_realisasi=datetime.date(2026, 10, 5),
        batas_verifikasi=datetime.date(2026, 10, 10),
    )
    body = client_for("pegawai").get(f"{BASE}/{setting.laporan.pk}").json()
    assert body["kunci"] == (
        "Batas verifikasi periode ini telah lewat pada 10 Oktober 2026; minta admin "
        "kepegawaian membuka kuncinya."
    )
    assert body["may_edit"] is False


@pytest.mark.parametrize("extra", [0, 6])
def test_detail_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    setting = build(agency)
    upload(setting.laporan, setting.rhk)
    link(setting.laporan, setting.rhk)
    for index in range(extra):
        upload(setting.laporan, setting.rhk, PDF_BYTES + bytes([index]), f"bukti-{index}.pdf")
        link(setting.laporan, setting.rhk, f"{LINK}/{index}")
    submit(setting.laporan)
    client = client_for("penilai")
    # Session, user, the scope (roles, employee record, appraisees), the report; RHKs, their
    # indicators, realisation, items, their history, same hashes, same links, feedback, report
    # history; the unlocks (lock check).
    with django_assert_num_queries(16):
        response = client.get(f"{BASE}/{setting.laporan.pk}")
    assert response.json()["jumlah"]["MENUNGGU"] == 2 + 2 * extra


# --- Realisation -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_realisasi_matrix(agency, client_for, role):
    setting = build(agency)
    before = realisasi_state()
    response = send(
        client_for(role),
        "put",
        f"{BASE}/{setting.laporan.pk}/realisasi/{setting.indikator.pk}",
        {"nilai": "10"},
    )
    # Only the owner records realisation; her readers are refused (403), others 404.
    assert response.status_code == status_for(role, {"pegawai"}, READERS)
    if response.status_code != 200:
        assert realisasi_state() == before
        return
    saved = setting.indikator.realisasi.get()
    assert response.json() == {
        "indikator_id": setting.indikator.pk,
        "nilai": "10",
        "narasi": "",
        "diubah_pada": encoded(saved.diubah_pada),
    }


def test_realisasi_values_and_refusals(agency, client_for):
    setting = build(agency)
    client = client_for("pegawai")
    url = f"{BASE}/{setting.laporan.pk}/realisasi/{setting.indikator.pk}"
    assert send(client, "put", url, {"nilai": "1.250,75"}).json()["nilai"] == "1250.75"
    assert send(client, "put", url, {"nilai": "97,5"}).json()["nilai"] == "97.5"
    assert setting.indikator.realisasi.get().nilai == 97.5
    _rina_report, rina_rhk = colleague(agency, setting)
    before = realisasi_state()
    assert send(client, "put", url, {"nilai": "banyak"}).json() == refusal(
        "nilai", "Realisasi harus berupa angka, mis. 12 atau 97,5."
    )
    assert send(client, "put", url, {"nilai": "-1"}).json() == refusal(
        "nilai", "Realisasi tidak boleh negatif, paling banyak 4 angka di belakang koma."
    )
    assert send(client, "put", url, {}).json() == refusal("nilai", "Isi realisasi berupa angka.")
    # An indicator of another plan is not part of this report.
    other = rina_rhk.indikator.get()
    url_other = f"{BASE}/{setting.laporan.pk}/realisasi/{other.pk}"
    assert send(client, "put", url_other, {"nilai": "1"}).status_code == 404
    assert realisasi_state() == before
    # Submitted: the report waits for its verification.
    upload(setting.laporan, setting.rhk)
    submit(setting.laporan)
    before = realisasi_state()
    assert send(client, "put", url, {"nilai": "11"}).json() == refusal(
        "__all__", "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
    )
    assert realisasi_state() == before


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_lists_the_realisation_and_notification_paths(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {
        path: sorted(schema["paths"][path])
        for path in schema["paths"]
        if path.split("/")[3] in {"realisasi", "notifikasi"}
    }
    assert paths == {
        "/api/v1/realisasi/saya": ["get"],
        "/api/v1/realisasi/periode/{periode_id}": ["post"],
        "/api/v1/realisasi/{laporan_id}": ["get"],
        "/api/v1/realisasi/{laporan_id}/realisasi/{indikator_id}": ["put"],
        "/api/v1/realisasi/{laporan_id}/bukti/berkas": ["post"],
        "/api/v1/realisasi/{laporan_id}/bukti/tautan": ["post"],
        "/api/v1/realisasi/bukti/{bukti_id}": ["delete", "put"],
        "/api/v1/realisasi/bukti/{bukti_id}/berkas": ["post"],
        "/api/v1/realisasi/bukti/{bukti_id}/unduh": ["get"],
        "/api/v1/realisasi/{laporan_id}/ajukan": ["post"],
        "/api/v1/realisasi/verifikasi": ["get"],
        "/api/v1/realisasi/bukti/{bukti_id}/verifikasi": ["post"],
        "/api/v1/realisasi/{laporan_id}/terima-semua": ["post"],
        "/api/v1/realisasi/{laporan_id}/umpan-balik": ["put"],
        "/api/v1/realisasi/{laporan_id}/umpan-balik.pdf": ["get"],
        "/api/v1/realisasi/pemantauan": ["get"],
        "/api/v1/realisasi/pemantauan/terlambat": ["get"],
        "/api/v1/realisasi/buka-kunci": ["post"],
        "/api/v1/notifikasi/": ["get"],
        "/api/v1/notifikasi/jumlah": ["get"],
        "/api/v1/notifikasi/baca": ["post"],
    }
    upload_form = schema["paths"]["/api/v1/realisasi/{laporan_id}/bukti/berkas"]["post"]
    assert list(upload_form["requestBody"]["content"]) == ["multipart/form-data"]
