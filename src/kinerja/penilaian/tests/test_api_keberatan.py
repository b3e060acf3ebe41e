"""Assessment API, objections: filing within the window, the appraiser's explanation, the
decision of the appraiser's superior (upheld with new ratings inside the curve, or rejected),
withdrawing; the objections waiting for the caller.

Siti's appraiser Budi has no superior, so HR of Bagian SDM (the admin of Biro Umum, and the
superuser) decides her objections.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.tests.factories import PenggunaFactory, pegawai_with_account
from kinerja.penilaian import services
from kinerja.penilaian.models import Keberatan, Penetapan, Penilaian
from kinerja.penilaian.tests.factories import aktor_for, finalised_group, open_period
from kinerja.penilaian.tests.test_api import (
    BASE,
    NO_PREDIKAT,
    NO_RATING,
    assessment_body,
    deadline_of,
    encoded,
    explanation,
    finalise_bagian,
    label_of,
    penilaian_state,
    period_body,
    person_ref,
    pilihan,
    predikat,
    rate_siti,
    rating,
    refusal,
    send,
    status_for,
    summary_body,
    user_label,
)

pytestmark = pytest.mark.django_db
STATUS = {
    "DIAJUKAN": "Diajukan",
    "DIJELASKAN": "Dijelaskan penilai",
    "DITERIMA": "Diterima",
    "DITOLAK": "Ditolak",
    "DITARIK": "Ditarik",
}
# Who reads Siti's finalised assessment (and so her objection): herself, Budi, HR and the
# leader of Biro Umum, the auditor, the superuser. The outsider does not.
READERS = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}


def status(kode: str) -> dict[str, str]:
    return pilihan(kode, STATUS[kode])


def objection_body(keberatan: Keberatan, **overrides: Any) -> dict[str, Any]:
    """An objection as the API answers it to someone who may do nothing with it."""
    keberatan = Keberatan.objects.get(pk=keberatan.pk)

    def optional_rating(value: str) -> dict[str, str] | None:
        return rating(value) if value else None

    body = {
        "id": keberatan.pk,
        "penilaian_id": keberatan.penilaian_id,
        "status": status(keberatan.status),
        "alasan": keberatan.alasan,
        "diajukan_pada": encoded(keberatan.diajukan_pada),
        "atasan": None,
        "penjelasan": keberatan.penjelasan,
        "dijelaskan_oleh": keberatan.dijelaskan_label,
        "dijelaskan_pada": encoded(keberatan.dijelaskan_pada),
        "keputusan": keberatan.keputusan,
        "predikat_lama": predikat(keberatan.predikat_lama),
        "rating_hasil_baru": optional_rating(keberatan.rating_hasil_baru),
        "rating_perilaku_baru": optional_rating(keberatan.rating_perilaku_baru),
        "predikat_baru": predikat(keberatan.predikat_baru) if keberatan.predikat_baru else None,
        "diputuskan_oleh": keberatan.diputuskan_label,
        "diputuskan_pada": encoded(keberatan.diputuskan_pada),
        "may_explain": False,
        "may_decide": False,
        "may_withdraw": False,
    }
    return {**body, **overrides}


def filed(agency: Any, alasan: str = "Target saya tercapai seluruhnya") -> tuple[Penilaian, Any]:
    """Bagian SDM finalised and Siti's objection filed."""
    _periode, siti, _budi = finalise_bagian(agency)
    keberatan = services.keberatan_file(
        aktor=aktor_for(agency.pegawai), penilaian=siti, alasan=alasan
    )
    return siti, keberatan


def explained(agency: Any) -> tuple[Penilaian, Keberatan]:
    siti, keberatan = filed(agency)
    services.keberatan_explain(
        aktor=aktor_for(agency.penilai),
        keberatan=keberatan,
        penjelasan="Dua laporan terlambat diserahkan.",
    )
    return siti, Keberatan.objects.get(pk=keberatan.pk)


# --- Waiting for me --------------------------------------------------------------------------

INBOX = {"pegawai", "penilai", "outsider", "admin", "superuser"}


def inbox_row(keberatan: Keberatan, siti: Penilaian) -> dict[str, Any]:
    keberatan = Keberatan.objects.get(pk=keberatan.pk)
    return {
        "id": keberatan.pk,
        "status": status(keberatan.status),
        "alasan": keberatan.alasan,
        "diajukan_pada": encoded(keberatan.diajukan_pada),
        "penilaian_id": siti.pk,
        "pegawai": person_ref(siti.pegawai),
        "periode": period_body(siti.periode),
        "predikat_lama": predikat("BAIK"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_inbox_matrix_filed(agency, client_for, role):
    siti, keberatan = filed(agency)
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/keberatan")
    assert penilaian_state() == before
    # Employees (appraisers, superiors) and admin kepegawaian have an inbox; others do not.
    assert response.status_code == status_for(role, INBOX, set())
    if response.status_code != 200:
        return
    # Filed: it waits for Budi's explanation only.
    expected = [inbox_row(keberatan, siti)] if role == "penilai" else []
    assert response.json() == expected


@pytest.mark.parametrize("role", sorted(INBOX))
def test_inbox_after_explanation_waits_for_hr(agency, client_for, role):
    siti, keberatan = explained(agency)
    body = client_for(role).get(f"{BASE}/keberatan").json()
    # The admin kepegawaian of the unit decides, and so may the superuser (any unit).
    expected = [inbox_row(keberatan, siti)] if role in {"admin", "superuser"} else []
    assert body == expected
    if expected:
        assert body[0]["status"] == status("DIJELASKAN")


@pytest.mark.parametrize("kodes", [("TW1",), ("TW1", "TW2", "TW3")])
def test_inbox_query_count_is_flat(agency, client_for, django_assert_num_queries, kodes):
    for kode in kodes:
        _periode, siti, _budi = finalise_bagian(agency, kode)
        services.keberatan_file(aktor=aktor_for(agency.pegawai), penilaian=siti, alasan="x")
    client = client_for("penilai")
    # Session, user, the scope (roles, employee record, appraisees); the objections with their
    # assessment, employee and period.
    with django_assert_num_queries(6):
        response = client.get(f"{BASE}/keberatan")
    assert [row["periode"]["kode"] for row in response.json()] == list(kodes)


# --- Filing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_file_matrix(agency, client_for, role):
    _periode, siti, _budi = finalise_bagian(agency)
    before = penilaian_state()
    response = send(
        client_for(role), "post", f"{BASE}/{siti.pk}/keberatan", {"alasan": "  Tidak adil  "}
    )
    # Only Siti objects to her assessment; its other readers are refused.
    assert response.status_code == status_for(role, {"pegawai"}, READERS, 201)
    if response.status_code != 201:
        assert penilaian_state() == before
        return
    keberatan = Keberatan.objects.get()
    assert (keberatan.penilaian_id, keberatan.status, keberatan.alasan) == (
        siti.pk,
        "DIAJUKAN",
        "Tidak adil",
    )
    assert response.json() == {
        **objection_body(keberatan, may_withdraw=True),
        "penilaian": summary_body(siti),
    }
    # Budi is told to explain.
    told = Notifikasi.objects.filter(penerima=agency.penilai.pengguna, kunci__startswith="keb")
    assert list(told.values_list("judul", "tautan")) == [
        (f"Keberatan atas penilaian {siti.periode.nama} 2026", f"/penilaian/{siti.pk}/")
    ]


def test_file_refusals(agency, client_for):
    periode = open_period("TW2")
    draft = rate_siti(agency, periode)
    _periode, siti, _budi = finalise_bagian(agency)
    client = client_for("pegawai")
    url = f"{BASE}/{siti.pk}/keberatan"
    before = penilaian_state()
    # Her draft she does not read; an empty reason is refused.
    assert send(client, "post", f"{BASE}/{draft.pk}/keberatan", {"alasan": "x"}).status_code == 404
    assert send(client, "post", url, {"alasan": " "}).json() == refusal(
        "__all__", "Tuliskan alasan keberatan."
    )
    assert send(client, "post", url, {}).status_code == 422
    assert penilaian_state() == before
    # Past the window: 14 days after the finalisation day.
    finalised_on = timezone.now() - datetime.timedelta(days=15)
    Penilaian.objects.filter(pk=siti.pk).update(ditetapkan_pada=finalised_on)
    before = penilaian_state()
    deadline = timezone.localdate(finalised_on) + datetime.timedelta(days=14)
    assert send(client, "post", url, {"alasan": "x"}).json() == refusal(
        "__all__", f"Batas waktu keberatan (14 hari) berakhir pada {format_date(deadline)}."
    )
    assert penilaian_state() == before
    detail = client.get(f"{BASE}/{siti.pk}").json()
    assert (detail["batas_keberatan"], detail["may_object"]) == (deadline.isoformat(), False)
    # On the last day it is still open; once filed, never again.
    Penilaian.objects.filter(pk=siti.pk).update(
        ditetapkan_pada=timezone.now() - datetime.timedelta(days=14)
    )
    assert send(client, "post", url, {"alasan": "x"}).status_code == 201
    before = penilaian_state()
    assert send(client, "post", url, {"alasan": "lagi"}).json() == refusal(
        "__all__", "Keberatan atas penilaian ini sudah pernah diajukan."
    )
    assert penilaian_state() == before


def test_assessment_detail_shows_the_objection_by_role(agency, client_for):
    siti, keberatan = filed(agency)
    own = client_for("pegawai").get(f"{BASE}/{siti.pk}").json()
    assert own == assessment_body(
        siti,
        batas_keberatan=deadline_of(siti).isoformat(),
        may_object=False,
        keberatan=objection_body(keberatan, may_withdraw=True),
    )
    appraiser = client_for("penilai").get(f"{BASE}/{siti.pk}").json()
    assert appraiser["keberatan"] == objection_body(keberatan, may_explain=True)
    # HR decides only after the explanation.
    assert client_for("admin").get(f"{BASE}/{siti.pk}").json()["keberatan"] == objection_body(
        keberatan
    )


# --- Explaining ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_explain_matrix(agency, client_for, role):
    siti, keberatan = filed(agency)
    before = penilaian_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/keberatan/{keberatan.pk}/jelaskan",
        {"penjelasan": "Dua laporan terlambat diserahkan."},
    )
    # Only Budi, who rated her, explains.
    assert response.status_code == status_for(role, {"penilai"}, READERS)
    if response.status_code != 200:
        assert penilaian_state() == before
        return
    keberatan = Keberatan.objects.get(pk=keberatan.pk)
    assert (keberatan.status, keberatan.penjelasan, keberatan.dijelaskan_label) == (
        "DIJELASKAN",
        "Dua laporan terlambat diserahkan.",
        label_of(agency.penilai),
    )
    # He may rewrite it until the decision.
    assert response.json() == {
        **objection_body(keberatan, may_explain=True),
        "penilaian": summary_body(siti),
    }


def test_explain_refusals(agency, client_for):
    _siti, keberatan = filed(agency)
    client = client_for("penilai")
    url = f"{BASE}/keberatan/{keberatan.pk}/jelaskan"
    before = penilaian_state()
    assert send(client, "post", url, {"penjelasan": "  "}).json() == refusal(
        "penjelasan", "Tuliskan penjelasan atas keberatan."
    )
    assert (
        send(client, "post", f"{BASE}/keberatan/999999/jelaskan", {"penjelasan": "x"}).status_code
        == 404
    )
    assert penilaian_state() == before
    services.keberatan_withdraw(aktor=aktor_for(agency.pegawai), keberatan=keberatan)
    before = penilaian_state()
    assert send(client, "post", url, {"penjelasan": "x"}).json() == refusal(
        "__all__", "Keberatan berstatus Ditarik; tindakan ini tidak dapat dilakukan."
    )
    assert penilaian_state() == before


# --- Deciding --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_decide_matrix(agency, client_for, role):
    siti, keberatan = explained(agency)
    before = penilaian_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/keberatan/{keberatan.pk}/putuskan",
        {"diterima": False, "keputusan": "Penilaian sudah sesuai bukti."},
    )
    # Budi has no superior: HR of Bagian SDM decides (the admin of Biro Umum, the superuser).
    assert response.status_code == status_for(role, {"admin", "superuser"}, READERS)
    if response.status_code != 200:
        assert penilaian_state() == before
        return
    keberatan = Keberatan.objects.get(pk=keberatan.pk)
    assert (keberatan.status, keberatan.keputusan, keberatan.diputuskan_label) == (
        "DITOLAK",
        "Penilaian sudah sesuai bukti.",
        user_label(agency.user(role)),
    )
    assert response.json() == {**objection_body(keberatan), "penilaian": summary_body(siti)}
    assert Penilaian.objects.get(pk=siti.pk).predikat == "BAIK"


def test_decide_refusals(agency, client_for):
    _siti, keberatan = filed(agency)
    client = client_for("admin")
    url = f"{BASE}/keberatan/{keberatan.pk}/putuskan"
    before = penilaian_state()
    assert send(client, "post", url, {"diterima": False, "keputusan": "x"}).json() == refusal(
        "__all__", "Keberatan diputuskan setelah pejabat penilai memberi penjelasan."
    )
    assert penilaian_state() == before
    services.keberatan_explain(
        aktor=aktor_for(agency.penilai), keberatan=keberatan, penjelasan="Sesuai bukti."
    )
    before = penilaian_state()
    assert send(client, "post", url, {"diterima": False, "keputusan": " "}).json() == refusal(
        "keputusan", "Tuliskan keputusan dan pertimbangannya."
    )
    assert send(client, "post", url, {"diterima": True, "keputusan": "Diterima"}).json() == (
        refusal("rating_hasil", NO_RATING)
    )
    same = {
        "diterima": True,
        "keputusan": "Diterima",
        "rating_hasil": "SESUAI",
        "rating_perilaku": "DI_ATAS",
    }
    assert send(client, "post", url, same).json() == refusal(
        "__all__", "Keberatan yang diterima mengubah rating; jika rating tetap, tolak keberatan."
    )
    assert send(client, "post", url, {"keputusan": "x"}).status_code == 422
    assert penilaian_state() == before


def test_upheld_objection_outside_the_curve_is_refused():
    """In a finalised group of 11 within the curve of Baik (3 Sangat Baik, 7 Baik, 1 Butuh
    Perbaikan), upholding an objection that turns one Sangat Baik into Baik makes 8 Baik, more
    than 70% of 11 (7): refused, nothing changes."""
    penetapan, unit, kepala, members, _periode = finalised_group(10)
    owner = members[0]  # Sangat Baik, with an account
    penilaian = Penilaian.objects.get(pegawai=owner)
    keberatan = services.keberatan_file(aktor=aktor_for(owner), penilaian=penilaian, alasan="x")
    services.keberatan_explain(aktor=aktor_for(kepala), keberatan=keberatan, penjelasan="y")
    superuser = Client()
    superuser.force_login(PenggunaFactory(is_superuser=True))
    before = penilaian_state()
    response = send(
        superuser,
        "post",
        f"{BASE}/keberatan/{keberatan.pk}/putuskan",
        {
            "diterima": True,
            "keputusan": "Turunkan",
            "rating_hasil": "SESUAI",
            "rating_perilaku": "SESUAI",
        },
    )
    assert response.json() == refusal(
        "__all__",
        f"Dengan rating ini distribusi predikat kelompok {unit.nama} keluar dari kurva (Baik "
        "paling banyak 70%). Pilih rating lain atau minta penetapan kelompok dibuka kembali.",
    )
    assert penilaian_state() == before
    assert Penetapan.objects.get(pk=penetapan.pk).jumlah == {
        **NO_PREDIKAT,
        "SANGAT_BAIK": 3,
        "BAIK": 7,
        "BUTUH_PERBAIKAN": 1,
    }


# --- Withdrawing -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_matrix(agency, client_for, role):
    siti, keberatan = filed(agency)
    before = penilaian_state()
    response = client_for(role).post(f"{BASE}/keberatan/{keberatan.pk}/tarik")
    assert response.status_code == status_for(role, {"pegawai"}, READERS)
    if response.status_code != 200:
        assert penilaian_state() == before
        return
    keberatan = Keberatan.objects.get(pk=keberatan.pk)
    assert keberatan.status == "DITARIK"
    assert response.json() == {**objection_body(keberatan), "penilaian": summary_body(siti)}


def test_withdraw_refused_once_decided(agency, client_for):
    _siti, keberatan = explained(agency)
    services.keberatan_decide(
        aktor=Aktor.of_user(agency.admin), keberatan=keberatan, diterima=False, keputusan="Tetap"
    )
    before = penilaian_state()
    response = client_for("pegawai").post(f"{BASE}/keberatan/{keberatan.pk}/tarik")
    assert response.json() == refusal(
        "__all__", "Keberatan berstatus Ditolak; tindakan ini tidak dapat dilakukan."
    )
    assert penilaian_state() == before


# --- The whole flow --------------------------------------------------------------------------


def test_full_flow_upheld_changes_the_predikat(agency, client_for):
    _periode, siti, _budi = finalise_bagian(agency)
    siti_client, budi, admin = client_for("pegawai"), client_for("penilai"), client_for("admin")

    response = send(siti_client, "post", f"{BASE}/{siti.pk}/keberatan", {"alasan": "Tidak adil"})
    keberatan_id = response.json()["id"]
    assert response.status_code == 201
    assert [row["id"] for row in budi.get(f"{BASE}/keberatan").json()] == [keberatan_id]

    response = send(
        budi,
        "post",
        f"{BASE}/keberatan/{keberatan_id}/jelaskan",
        {"penjelasan": "Perilaku kerja sudah di atas ekspektasi."},
    )
    assert response.json()["status"] == status("DIJELASKAN")
    assert budi.get(f"{BASE}/keberatan").json() == []
    assert [row["id"] for row in admin.get(f"{BASE}/keberatan").json()] == [keberatan_id]

    response = send(
        admin,
        "post",
        f"{BASE}/keberatan/{keberatan_id}/putuskan",
        {
            "diterima": True,
            "keputusan": "Hasil kerja melampaui target.",
            "rating_hasil": "Di Atas Ekspektasi",
            "rating_perilaku": "DI_ATAS",
        },
    )
    assert response.status_code == 200
    keberatan = Keberatan.objects.get(pk=keberatan_id)
    siti = Penilaian.objects.get(pk=siti.pk)
    assert response.json() == {
        **objection_body(keberatan),
        "penilaian": summary_body(siti),
    }
    assert (response.json()["predikat_lama"], response.json()["predikat_baru"]) == (
        predikat("BAIK"),
        predikat("SANGAT_BAIK"),
    )
    assert (response.json()["rating_hasil_baru"], response.json()["rating_perilaku_baru"]) == (
        rating("DI_ATAS"),
        rating("DI_ATAS"),
    )
    assert admin.get(f"{BASE}/keberatan").json() == []

    # Siti reads the new predikat with its explanation and the decided objection.
    detail = siti_client.get(f"{BASE}/{siti.pk}").json()
    assert detail == assessment_body(
        siti,
        batas_keberatan=deadline_of(siti).isoformat(),
        keberatan=objection_body(keberatan),
    )
    assert (detail["status"]["kode"], detail["predikat"], detail["penjelasan"]) == (
        "FINAL",
        predikat("SANGAT_BAIK"),
        explanation("DI_ATAS", "DI_ATAS", "SANGAT_BAIK"),
    )
    assert detail["keberatan"]["keputusan"] == "Hasil kerja melampaui target."
    assert detail["keberatan"]["dijelaskan_oleh"] == label_of(agency.penilai)
    assert detail["keberatan"]["diputuskan_oleh"] == user_label(agency.admin)
    # The group's finalisation counts the new predikat and records the change.
    curve = admin.get(f"{BASE}/kurva/{agency.bagian.pk}/{siti.periode_id}").json()
    assert curve["is_final"] is True
    assert curve["penetapan"]["jumlah"] == {**NO_PREDIKAT, "SANGAT_BAIK": 2}
    assert [(s["aksi"]["kode"], s["alasan"]) for s in curve["penetapan"]["riwayat"]] == [
        ("TETAPKAN", ""),
        ("KEBERATAN", "Hasil kerja melampaui target."),
    ]
    assert siti_client.get(f"{BASE}/saya").json()[0]["keberatan"] == status("DITERIMA")


def test_the_appraisers_superior_decides(agency, client_for):
    """When Budi has a superior (Kepala Biro Umum, an employee with an account), the superior
    decides Siti's objection, not HR."""
    atasan = pegawai_with_account(nama="Rudi Hartono", unit=agency.biro)
    agency.penilai.penilai = atasan
    agency.penilai.save(update_fields=["penilai"])
    siti, keberatan = explained(agency)
    assert Keberatan.objects.get(pk=keberatan.pk).atasan_id == atasan.pk
    rudi = Client()
    rudi.force_login(atasan.pengguna)
    assert [row["id"] for row in rudi.get(f"{BASE}/keberatan").json()] == [keberatan.pk]
    assert client_for("admin").get(f"{BASE}/keberatan").json() == []
    detail = rudi.get(f"{BASE}/{siti.pk}").json()
    assert detail["keberatan"] == objection_body(
        keberatan, atasan=person_ref(atasan), may_decide=True
    )
    url = f"{BASE}/keberatan/{keberatan.pk}/putuskan"
    payload = {"diterima": False, "keputusan": "Sudah sesuai."}
    before = penilaian_state()
    assert send(client_for("admin"), "post", url, payload).status_code == 403
    assert penilaian_state() == before
    response = send(rudi, "post", url, payload)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["diputuskan_oleh"]) == (
        status("DITOLAK"),
        label_of(atasan),
    )
