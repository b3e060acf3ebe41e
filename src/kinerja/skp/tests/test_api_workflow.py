"""SKP API, the workflow: submit, withdraw, approve, return, revise (permission matrices and
refusals that change nothing), the whole cycle end to end, two decisions in a row, the history,
the frozen revisions and the PDF documents."""

from __future__ import annotations

import datetime
import io
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from pypdf import PdfReader

from kinerja.conftest import ROLES
from kinerja.skp import selectors, services
from kinerja.skp.models import RevisiSkp, Skp
from kinerja.skp.tests.factories import TAHUN, aktor_for, approved_plan, open_year, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state
from kinerja.skp.tests.test_api import (
    BASE,
    READERS,
    approved,
    build_chain,
    encoded,
    errors_of,
    identity,
    pilihan,
    send,
    status_for,
    submitted,
)

pytestmark = pytest.mark.django_db
OWNER = {"pegawai"}
APPRAISER = {"penilai"}


def act(role_client: Any, skp: Skp, action: str, payload: dict | None = None) -> Any:
    return send(role_client, "post", f"{BASE}/{skp.pk}/{action}", payload)


def status_of(skp: Skp) -> tuple[str, int]:
    found = Skp.objects.get(pk=skp.pk)
    return found.status, found.revisi


# --- Permission matrices ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_submit_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = act(client_for(role), chain.plan, "ajukan")
    assert response.status_code == status_for(role, OWNER, READERS)
    if response.status_code == 200:
        assert response.json()["status"] == pilihan("DIAJUKAN", "Diajukan")
        assert status_of(chain.plan) == ("DIAJUKAN", 1)
        return
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_matrix(agency, client_for, role):
    chain = build_chain(agency)
    submitted(chain)
    before = skp_state()
    response = act(client_for(role), chain.plan, "tarik")
    assert response.status_code == status_for(role, OWNER, READERS)
    if response.status_code == 200:
        assert response.json()["status"] == pilihan("DRAF", "Draf")
        assert status_of(chain.plan) == ("DRAF", 1)
        return
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_approve_matrix(agency, client_for, role):
    chain = build_chain(agency)
    submitted(chain)
    before = skp_state()
    response = act(client_for(role), chain.plan, "setujui", {"catatan": "Sesuai"})
    assert response.status_code == status_for(role, APPRAISER, READERS)
    if response.status_code == 200:
        body = response.json()
        assert (body["status"], body["catatan_penilai"], body["may_decide"]) == (
            pilihan("DISETUJUI", "Disetujui"),
            "Sesuai",
            False,
        )
        assert RevisiSkp.objects.filter(skp=chain.plan).count() == 1
        return
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_return_matrix(agency, client_for, role):
    chain = build_chain(agency)
    submitted(chain)
    before = skp_state()
    response = act(client_for(role), chain.plan, "kembalikan", {"catatan": "Perbaiki target"})
    assert response.status_code == status_for(role, APPRAISER, READERS)
    if response.status_code == 200:
        body = response.json()
        assert (body["status"], body["catatan_penilai"]) == (
            pilihan("DIKEMBALIKAN", "Dikembalikan"),
            "Perbaiki target",
        )
        return
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_revise_matrix(agency, client_for, role):
    chain = build_chain(agency)
    approved(chain)
    before = skp_state()
    response = act(client_for(role), chain.plan, "revisi", {"alasan": "Mutasi jabatan"})
    assert response.status_code == status_for(role, OWNER, READERS)
    if response.status_code == 200:
        body = response.json()
        assert (body["status"]["kode"], body["revisi"], body["alasan_revisi"]) == (
            "DRAF",
            2,
            "Mutasi jabatan",
        )
        return
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_history_and_revisions_matrix(agency, client_for, role):
    chain = build_chain(agency)
    approved(chain)
    before = skp_state()
    client = client_for(role)
    expected = status_for(role, READERS, set())
    history = client.get(f"{BASE}/{chain.plan.pk}/riwayat")
    revisions = client.get(f"{BASE}/{chain.plan.pk}/revisi")
    revision = client.get(f"{BASE}/{chain.plan.pk}/revisi/1")
    assert (history.status_code, revisions.status_code, revision.status_code) == (expected,) * 3
    if expected == 200:
        assert [item["aksi"]["kode"] for item in history.json()] == [
            "DISETUJUI",
            "DIAJUKAN",
            "DIBUAT",
        ]
        assert [item["nomor"] for item in revisions.json()] == [1]
        assert revision.json()["dokumen"]["status"] == "DISETUJUI"
    assert client.get(f"{BASE}/{chain.plan.pk}/revisi/2").status_code == (
        401 if role == "anonim" else 404
    )
    assert skp_state() == before


# --- Refusals by state -----------------------------------------------------------------------


def test_two_decisions_in_a_row(agency, client_for):
    chain = build_chain(agency)
    submitted(chain)
    appraiser = client_for("penilai")
    assert act(appraiser, chain.plan, "setujui").status_code == 200
    before = skp_state()
    again = act(appraiser, chain.plan, "setujui", {"catatan": "Sekali lagi"})
    assert errors_of(again) == {
        "__all__": ["SKP berstatus disetujui tidak dapat disetujui; hanya SKP yang diajukan."]
    }
    returned = act(appraiser, chain.plan, "kembalikan", {"catatan": "Terlambat"})
    assert errors_of(returned) == {
        "__all__": ["SKP berstatus disetujui tidak dapat dikembalikan; hanya SKP yang diajukan."]
    }
    assert skp_state() == before


def test_return_then_approve_is_refused(agency, client_for):
    chain = build_chain(agency)
    submitted(chain)
    appraiser = client_for("penilai")
    assert act(appraiser, chain.plan, "kembalikan", {"catatan": "Lengkapi"}).status_code == 200
    before = skp_state()
    assert errors_of(act(appraiser, chain.plan, "setujui")) == {
        "__all__": ["SKP berstatus dikembalikan tidak dapat disetujui; hanya SKP yang diajukan."]
    }
    assert errors_of(act(appraiser, chain.plan, "kembalikan", {"catatan": "Lagi"})) == {
        "__all__": ["SKP berstatus dikembalikan tidak dapat dikembalikan; hanya SKP yang diajukan."]
    }
    assert skp_state() == before


def test_state_refusals_of_the_owner(agency, client_for):
    chain = build_chain(agency)
    owner = client_for("pegawai")
    before = skp_state()
    assert errors_of(act(owner, chain.plan, "tarik")) == {
        "__all__": ["Hanya SKP yang diajukan yang dapat ditarik kembali."]
    }
    assert errors_of(act(owner, chain.plan, "revisi", {"alasan": "Mutasi"})) == {
        "__all__": ["Revisi hanya dapat dibuka untuk SKP yang sudah disetujui."]
    }
    submitted(chain)
    before = skp_state()
    assert errors_of(act(owner, chain.plan, "ajukan")) == {
        "__all__": ["SKP berstatus diajukan tidak dapat diajukan."]
    }
    assert skp_state() == before


def test_required_notes(agency, client_for):
    chain = build_chain(agency)
    submitted(chain)
    before = skp_state()
    assert errors_of(act(client_for("penilai"), chain.plan, "kembalikan", {"catatan": " "})) == {
        "catatan": ["Tuliskan catatan: apa yang perlu diperbaiki."]
    }
    missing = act(client_for("penilai"), chain.plan, "kembalikan", {})
    assert missing.status_code == 422
    assert [item["loc"] for item in missing.json()["detail"]] == [["body", "payload", "catatan"]]
    services.skp_approve(aktor=aktor_for(agency.penilai), skp=chain.plan)
    before = skp_state()
    assert errors_of(act(client_for("pegawai"), chain.plan, "revisi", {"alasan": ""})) == {
        "alasan": ["Tuliskan alasan revisi (mis. mutasi, perubahan tugas)."]
    }
    assert skp_state() == before


def test_submission_lists_every_problem(agency, client_for):
    open_year()
    leader, _ = plan_with_rhk(agency.penilai)
    plan = services.skp_create(aktor=aktor_for(agency.pegawai), pegawai=agency.pegawai, tahun=TAHUN)
    services.rhk_create(aktor=aktor_for(agency.pegawai), skp=plan, uraian="Hasil tanpa IKI")
    before = skp_state()
    response = act(client_for("pegawai"), plan, "ajukan")
    assert errors_of(response) == {
        "__all__": [
            "SKP pejabat penilai Anda (Budi Santoso) untuk tahun 2026 belum disetujui; SKP "
            "Anda dapat diajukan setelah itu.",
            "RHK RHK-01 belum memiliki indikator kinerja individu.",
            "RHK RHK-01 belum menyebutkan RHK pimpinan yang diintervensi.",
        ]
    }
    assert skp_state() == before
    assert leader.status == "DRAF"


def test_deadlines_are_enforced_with_their_dates(agency, client_for):
    open_year(
        batas_pengajuan_skp=datetime.date(2026, 1, 31),
        batas_persetujuan_skp=datetime.date(2026, 2, 14),
    )
    plan, _ = plan_with_rhk(agency.penilai)
    before = skp_state()
    assert errors_of(act(client_for("penilai"), plan, "ajukan")) == {
        "__all__": [
            "Batas pengajuan SKP tahun 2026 telah lewat pada 31 Januari 2026; minta admin "
            "kepegawaian memperpanjang batas pengajuan."
        ]
    }
    assert skp_state() == before


# --- End to end ------------------------------------------------------------------------------


def test_workflow_end_to_end(agency, client_for):
    open_year()
    budi, siti, admin = client_for("penilai"), client_for("pegawai"), client_for("admin")

    # The appraiser plans first; HR approves for him (he has no appraiser in the product).
    leader = send(budi, "post", f"{BASE}/", {"tahun": TAHUN}).json()
    leader_rhk = send(
        budi,
        "post",
        f"{BASE}/{leader['id']}/rhk",
        {"uraian": "Terwujudnya layanan SDM yang andal", "kode": "RHK-A"},
    ).json()
    iki = {"aspek": "KUANTITAS", "uraian": "Indeks layanan", "target_nilai": "90"}
    send(budi, "post", f"{BASE}/rhk/{leader_rhk['id']}/iki", iki | {"target_satuan": "poin"})

    # Siti plans, cascading from his RHK; she cannot submit before his plan is approved.
    plan = send(siti, "post", f"{BASE}/", {"tahun": TAHUN}).json()
    url = f"{BASE}/{plan['id']}"
    rhk = send(
        siti,
        "post",
        f"{url}/rhk",
        {"uraian": "Tersusunnya data pegawai", "rhk_atasan": leader_rhk["id"]},
    ).json()
    indikator = send(
        siti,
        "post",
        f"{BASE}/rhk/{rhk['id']}/iki",
        {"aspek": "KUANTITAS", "uraian": "Data", "target_nilai": "12", "target_satuan": "data"},
    ).json()
    blocked = send(siti, "post", f"{url}/ajukan")
    assert errors_of(blocked) == {
        "__all__": [
            "SKP pejabat penilai Anda (Budi Santoso) untuk tahun 2026 belum disetujui; SKP "
            "Anda dapat diajukan setelah itu."
        ]
    }
    assert siti.get(url).json()["masalah_pengajuan"] == blocked.json()["errors"]["__all__"]
    assert send(budi, "post", f"{BASE}/{leader['id']}/ajukan").status_code == 200
    assert send(budi, "post", f"{BASE}/{leader['id']}/setujui").status_code == 403
    assert send(admin, "post", f"{BASE}/{leader['id']}/setujui").json()["status"]["kode"] == (
        "DISETUJUI"
    )

    # Submit, withdraw, submit; returned with a note; fixed and submitted; approved.
    assert siti.get(url).json()["masalah_pengajuan"] == []
    assert send(siti, "post", f"{url}/ajukan").json()["status"]["kode"] == "DIAJUKAN"
    assert send(siti, "post", f"{url}/tarik").json()["status"]["kode"] == "DRAF"
    assert send(siti, "post", f"{url}/ajukan").json()["status"]["kode"] == "DIAJUKAN"
    returned = send(budi, "post", f"{url}/kembalikan", {"catatan": "Target terlalu rendah"})
    assert (returned.json()["status"]["kode"], returned.json()["catatan_penilai"]) == (
        "DIKEMBALIKAN",
        "Target terlalu rendah",
    )
    mine = siti.get(f"{BASE}/saya", {"tahun": TAHUN}).json()["skp"]
    assert (mine["may_edit"], mine["catatan_penilai"]) == (True, "Target terlalu rendah")
    patched = send(siti, "patch", f"{BASE}/iki/{indikator['id']}", {"target_nilai": "24"})
    assert patched.json()["target"] == "24 data"
    assert send(siti, "post", f"{url}/ajukan").json()["status"]["kode"] == "DIAJUKAN"
    final = send(budi, "post", f"{url}/setujui", {"catatan": "Disetujui"}).json()
    assert (final["status"]["kode"], final["catatan_penilai"], final["revisi"]) == (
        "DISETUJUI",
        "Disetujui",
        1,
    )
    assert final["identitas"] == {
        "pegawai": identity(agency.pegawai),
        "penilai": identity(agency.penilai),
        "atasan_penilai": None,
    }
    stored = Skp.objects.get(pk=plan["id"])
    assert (stored.unit_id, stored.penilai_id, stored.disetujui_oleh_id) == (
        agency.bagian.pk,
        agency.penilai.pk,
        agency.penilai.pengguna_id,
    )

    # The revision opens a new draft; the approved one stays readable as it was.
    revised = send(siti, "post", f"{url}/revisi", {"alasan": "Perubahan tugas"}).json()
    assert (revised["status"]["kode"], revised["revisi"], revised["catatan_penilai"]) == (
        "DRAF",
        2,
        "",
    )
    send(siti, "patch", f"{BASE}/rhk/{rhk['id']}", {"uraian": "Tersusunnya data pegawai baru"})
    frozen = budi.get(f"{url}/revisi/1").json()["dokumen"]
    assert [item["uraian"] for item in frozen["rhk_utama"]] == ["Tersusunnya data pegawai"]
    assert [i["target"] for i in frozen["rhk_utama"][0]["indikator"]] == ["24 data"]

    history = siti.get(f"{url}/riwayat").json()
    assert [
        (item["revisi"], item["aksi"]["kode"], item["status"]["kode"], item["catatan"])
        for item in history
    ] == [
        (2, "DIREVISI", "DRAF", "Perubahan tugas"),
        (1, "DISETUJUI", "DISETUJUI", "Disetujui"),
        (1, "DIAJUKAN", "DIAJUKAN", ""),
        (1, "DIKEMBALIKAN", "DIKEMBALIKAN", "Target terlalu rendah"),
        (1, "DIAJUKAN", "DIAJUKAN", ""),
        (1, "DITARIK", "DRAF", ""),
        (1, "DIAJUKAN", "DIAJUKAN", ""),
        (1, "DIBUAT", "DRAF", ""),
    ]
    assert {item["oleh"] for item in history} == {
        f"Siti Aminah ({agency.pegawai.nip})",
        f"Budi Santoso ({agency.penilai.nip})",
    }


def test_history_body(agency, client_for):
    chain = build_chain(agency)
    submitted(chain)
    body = client_for("penilai").get(f"{BASE}/{chain.plan.pk}/riwayat").json()
    rows = list(selectors.skp_history(chain.plan))
    assert body == [
        {
            "id": rows[0].pk,
            "revisi": 1,
            "aksi": pilihan("DIAJUKAN", "Diajukan"),
            "status": pilihan("DIAJUKAN", "Diajukan"),
            "catatan": "",
            "oleh": f"Siti Aminah ({agency.pegawai.nip})",
            "pada": encoded(rows[0].pada),
        },
        {
            "id": rows[1].pk,
            "revisi": 1,
            "aksi": pilihan("DIBUAT", "Dibuat"),
            "status": pilihan("DRAF", "Draf"),
            "catatan": "",
            "oleh": f"Siti Aminah ({agency.pegawai.nip})",
            "pada": encoded(rows[1].pada),
        },
    ]


def test_revision_body_is_the_frozen_document(agency, client_for):
    open_year()
    _, leader_rhk = approved_plan(agency.penilai, kode="RHK-A", uraian="Layanan SDM andal")
    plan, _ = plan_with_rhk(agency.pegawai, rhk_atasan=leader_rhk, target="1000")
    services.skp_submit(aktor=aktor_for(agency.pegawai), skp=plan)
    # Approved at 06:30 in Jakarta, which is still the day before in UTC.
    moment = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert act(client_for("penilai"), plan, "setujui").status_code == 200
    revisions = client_for("pegawai").get(f"{BASE}/{plan.pk}/revisi").json()
    assert revisions == [
        {
            "nomor": 1,
            "disetujui_pada": "2026-11-29T23:30:00Z",
            "disetujui_oleh": f"Budi Santoso ({agency.penilai.nip})",
        }
    ]
    body = client_for("pegawai").get(f"{BASE}/{plan.pk}/revisi/1").json()
    dokumen = body.pop("dokumen")
    assert body == revisions[0]
    perilaku = dokumen.pop("perilaku")
    assert dokumen == {
        "tahun": TAHUN,
        "revisi": 1,
        "status": "DISETUJUI",
        "pendekatan": "KUANTITATIF",
        "pendekatan_label": "Kuantitatif",
        "form": "JA_JF",
        "pegawai": identity(agency.pegawai),
        "penilai": identity(agency.penilai),
        "atasan_penilai": None,
        "rhk_utama": [
            {
                "kode": "RHK-01",
                "jenis": "UTAMA",
                "uraian": "Tersusunnya laporan kinerja",
                "perspektif": "",
                "perspektif_label": "",
                "sasaran": None,
                "rhk_atasan": {
                    "kode": "RHK-A",
                    "uraian": "Layanan SDM andal",
                    "pemilik": "Budi Santoso",
                },
                "indikator": [
                    {
                        "aspek": "KUANTITAS",
                        "aspek_label": "Kuantitas",
                        "uraian": "Jumlah laporan yang tersusun",
                        "target_nilai": "1000",
                        "target_satuan": "laporan",
                        "target_narasi": "",
                        "target": "1.000 laporan",
                    }
                ],
            }
        ],
        "rhk_tambahan": [],
        "lampiran": {
            "dukungan_sumber_daya": [],
            "skema_pertanggungjawaban": [],
            "konsekuensi": [],
        },
        "disetujui_pada": "2026-11-30",
        "tempat": settings.AGENCY_CITY,
        "instansi": settings.AGENCY_NAME,
    }
    assert [(item["kode"], item["ekspektasi"]) for item in perilaku][:2] == [
        ("BERORIENTASI_PELAYANAN", ""),
        ("AKUNTABEL", ""),
    ]
    assert len(perilaku) == 7


# --- Documents -------------------------------------------------------------------------------


def pdf_text(response: Any) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.parametrize("role", ROLES)
def test_pdf_matrix(agency, client_for, role):
    chain = build_chain(agency)
    approved(chain)
    before = skp_state()
    client = client_for(role)
    current = client.get(f"{BASE}/{chain.plan.pk}/dokumen.pdf")
    frozen = client.get(f"{BASE}/{chain.plan.pk}/revisi/1/dokumen.pdf")
    expected = status_for(role, READERS, set())
    assert (current.status_code, frozen.status_code) == (expected, expected)
    if expected == 200:
        assert current["Content-Disposition"] == (
            f'inline; filename="SKP-2026-{agency.pegawai.nip}.pdf"'
        )
        assert frozen["Content-Disposition"] == (
            f'inline; filename="SKP-2026-{agency.pegawai.nip}-revisi-1.pdf"'
        )
        assert "Siti Aminah" in pdf_text(current)
    assert skp_state() == before


def test_pdf_of_a_revision_shows_what_was_approved(agency, client_for):
    chain = build_chain(agency)
    approved(chain)
    owner = client_for("pegawai")
    act(owner, chain.plan, "revisi", {"alasan": "Perubahan tugas"})
    send(owner, "patch", f"{BASE}/rhk/{chain.rhk.pk}", {"uraian": "Tersusunnya peta jabatan"})
    current = pdf_text(owner.get(f"{BASE}/{chain.plan.pk}/dokumen.pdf"))
    frozen_response = owner.get(f"{BASE}/{chain.plan.pk}/revisi/1/dokumen.pdf")
    frozen = pdf_text(frozen_response)
    assert "Tersusunnya peta jabatan" in current
    assert "Tersusunnya laporan kinerja" not in current
    assert "Tersusunnya laporan kinerja" in frozen
    assert "Tersusunnya peta jabatan" not in frozen
    assert agency.pegawai.nip in frozen
    assert frozen_response["Content-Disposition"] == (
        f'inline; filename="SKP-2026-{agency.pegawai.nip}-revisi-1.pdf"'
    )
    assert owner.get(f"{BASE}/{chain.plan.pk}/revisi/2/dokumen.pdf").status_code == 404
