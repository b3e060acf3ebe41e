"""Realisation API, HR and documents: monitoring per unit, employees who have not submitted,
the lock after the verification deadline and unlocking it, the Umpan Balik PDF."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kinerja.conftest import ROLES
from kinerja.organisasi.models import Unit
from kinerja.periode.services import periode_update
from kinerja.realisasi.models import BukaKunci
from kinerja.realisasi.tests.factories import FAR, PNG_BYTES, link, upload
from kinerja.realisasi.tests.helpers import realisasi_state
from kinerja.realisasi.tests.test_api import (
    BASE,
    READERS,
    Setting,
    build,
    colleague,
    encoded,
    person,
    post_file,
    refusal,
    send,
    status_for,
    submit,
    verdict,
)
from kinerja.skp.tests.factories import SYSTEM

pytestmark = pytest.mark.django_db
HR = {"admin", "pimpinan", "auditor", "superuser"}
LOCKED = (
    "Batas verifikasi periode ini telah lewat pada 10 Oktober 2026; minta admin kepegawaian "
    "membuka kuncinya."
)


def unit_ref(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def items(**counts: int) -> dict[str, int]:
    return {"MENUNGGU": 0, "DITERIMA": 0, "PERLU_PERBAIKAN": 0, "DITOLAK": 0, **counts}


def monitored(agency: Any) -> Setting:
    """Siti submitted (one item accepted, one waiting); Rina opened her report but did not
    submit; Budi has an approved plan and no report."""
    setting = build(agency)
    berkas = upload(setting.laporan, setting.rhk)
    link(setting.laporan, setting.rhk)
    submit(setting.laporan)
    verdict(agency, berkas, "DITERIMA")
    colleague(agency, setting)
    return setting


def lock(setting: Setting) -> None:
    """The realisation and verification deadlines have passed."""
    periode_update(
        aktor=SYSTEM,
        periode=setting.periode,
        batas_realisasi=datetime.date(2026, 10, 5),
        batas_verifikasi=datetime.date(2026, 10, 10),
        batas_penilaian=FAR,
    )


# --- Monitoring ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_monitoring_matrix(agency, client_for, role):
    setting = monitored(agency)
    before = realisasi_state()
    response = client_for(role).get(f"{BASE}/pemantauan", {"periode": setting.periode.pk})
    assert realisasi_state() == before
    assert response.status_code == status_for(role, HR, set())
    if response.status_code != 200:
        return
    # HR and the leader of the biro see the biro; the auditor and the superuser the agency.
    top = agency.biro if role in ("admin", "pimpinan") else agency.root
    assert response.json() == [
        {
            "unit": unit_ref(top),
            "langsung": False,
            "pegawai": 3,
            "diajukan": 1,
            "selesai": 0,
            "belum_mengajukan": 2,
            "bukti": items(MENUNGGU=1, DITERIMA=1),
        }
    ]


def test_monitoring_below_a_unit(agency, client_for):
    setting = monitored(agency)
    client = client_for("superuser")
    query = {"periode": setting.periode.pk, "induk": agency.root.pk}
    empty = {"pegawai": 0, "diajukan": 0, "selesai": 0, "belum_mengajukan": 0, "bukti": items()}
    assert client.get(f"{BASE}/pemantauan", query).json() == [
        {"unit": unit_ref(agency.root), "langsung": True, **empty},
        {"unit": unit_ref(agency.lain), "langsung": False, **empty},
        {
            "unit": unit_ref(agency.biro),
            "langsung": False,
            "pegawai": 3,
            "diajukan": 1,
            "selesai": 0,
            "belum_mengajukan": 2,
            "bukti": items(MENUNGGU=1, DITERIMA=1),
        },
    ]
    # A unit the caller may not browse, and an unknown period, are 404.
    admin = client_for("admin")
    query_lain = {"periode": setting.periode.pk, "induk": agency.lain.pk}
    assert admin.get(f"{BASE}/pemantauan", query_lain).status_code == 404
    assert admin.get(f"{BASE}/pemantauan", {"periode": 999999}).status_code == 404


@pytest.mark.parametrize("extra", [0, 6])
def test_monitoring_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    setting = monitored(agency)
    for index in range(extra):
        report, rhk = colleague(agency, setting, f"Bawahan {index:02d}")
        upload(report, rhk, PNG_BYTES + bytes([index]), "foto.png")
        submit(report)
    client = client_for("admin")
    # Session, user, the scope (roles, employee record), the period; the units, plans per unit,
    # reports per unit and status, items per unit and status.
    with django_assert_num_queries(9):
        response = client.get(f"{BASE}/pemantauan", {"periode": setting.periode.pk})
    assert response.json()[0]["diajukan"] == 1 + extra


# --- Late employees --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_late_matrix(agency, client_for, role):
    setting = monitored(agency)
    before = realisasi_state()
    response = client_for(role).get(
        f"{BASE}/pemantauan/terlambat", {"periode": setting.periode.pk, "unit": agency.biro.pk}
    )
    assert realisasi_state() == before
    assert response.status_code == status_for(role, HR, set())
    if response.status_code != 200:
        return
    rina = setting.periode.laporan.exclude(pk=setting.laporan.pk).get().skp.pegawai
    assert response.json() == {
        "count": 2,
        "items": [
            {**person(agency.penilai), "penilai": None},
            {**person(rina), "penilai": "Budi Santoso"},
        ],
    }


def test_late_refusals(agency, client_for):
    setting = monitored(agency)
    admin = client_for("admin")
    url = f"{BASE}/pemantauan/terlambat"
    assert (
        admin.get(url, {"periode": setting.periode.pk, "unit": agency.lain.pk}).status_code == 404
    )
    assert admin.get(url, {"periode": 999999, "unit": agency.biro.pk}).status_code == 404
    response = client_for("superuser").get(
        url, {"periode": setting.periode.pk, "unit": agency.lain.pk}
    )
    assert response.json() == {"count": 0, "items": []}


# --- The lock and unlocking ------------------------------------------------------------------


def test_the_lock_stops_the_employee_and_the_appraiser(agency, client_for):
    setting = build(agency)
    berkas = upload(setting.laporan, setting.rhk)
    submit(setting.laporan)
    lock(setting)
    before = realisasi_state()
    verdict_response = send(
        client_for("penilai"),
        "post",
        f"{BASE}/bukti/{berkas.pk}/verifikasi",
        {"status": "DITERIMA"},
    )
    assert verdict_response.json() == refusal("__all__", LOCKED)
    feedback = send(
        client_for("penilai"),
        "put",
        f"{BASE}/{setting.laporan.pk}/umpan-balik",
        {"nilai": "KOMPETEN", "isi": "X"},
    )
    assert feedback.json() == refusal("__all__", LOCKED)
    assert realisasi_state() == before
    detail = client_for("penilai").get(f"{BASE}/{setting.laporan.pk}").json()
    assert (detail["kunci"], detail["may_verify"]) == (LOCKED, False)


@pytest.mark.parametrize("role", ROLES)
def test_unlock_matrix(agency, client_for, role):
    setting = build(agency)
    lock(setting)
    before = realisasi_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/buka-kunci",
        {
            "periode": setting.periode.pk,
            "pegawai": agency.pegawai.pk,
            "sampai": "2026-12-31",
            "alasan": " Sakit selama masa verifikasi ",
        },
    )
    # HR of the subtree and the superuser unlock; the leader and the auditor only read.
    assert response.status_code == status_for(role, {"admin", "superuser"}, HR, 201)
    if response.status_code != 201:
        assert realisasi_state() == before
        return
    found = BukaKunci.objects.get()
    user = agency.user(role)
    assert response.json() == {
        "id": found.pk,
        "periode_id": setting.periode.pk,
        "pegawai_id": agency.pegawai.pk,
        "unit_id": None,
        "sampai": "2026-12-31",
        "alasan": "Sakit selama masa verifikasi",
        "oleh": f"{user.nama} ({user.nip})",
        "pada": encoded(found.pada),
    }
    # Siti may act again.
    detail = client_for("pegawai").get(f"{BASE}/{setting.laporan.pk}").json()
    assert (detail["kunci"], detail["may_edit"]) == (None, True)
    response = post_file(
        client_for("pegawai"),
        f"{BASE}/{setting.laporan.pk}/bukti/berkas",
        rhk=setting.rhk.pk,
        uraian="Menyusul",
    )
    assert response.status_code == 201


def test_unlock_a_unit_lets_its_people_act(agency, client_for):
    setting = build(agency)
    berkas = upload(setting.laporan, setting.rhk)
    submit(setting.laporan)
    lock(setting)
    response = send(
        client_for("admin"),
        "post",
        f"{BASE}/buka-kunci",
        {"periode": setting.periode.pk, "unit": agency.bagian.pk, "sampai": "2026-12-31",
         "alasan": "Aplikasi sempat tidak dapat diakses"},
    )  # fmt: skip
    assert response.status_code == 201
    assert (response.json()["unit_id"], response.json()["pegawai_id"]) == (agency.bagian.pk, None)
    judged = send(
        client_for("penilai"),
        "post",
        f"{BASE}/bukti/{berkas.pk}/verifikasi",
        {"status": "DITERIMA"},
    )
    assert judged.status_code == 200


def test_unlock_refusals(agency, client_for):
    setting = build(agency)
    lock(setting)
    admin = client_for("admin")
    url = f"{BASE}/buka-kunci"
    base = {"periode": setting.periode.pk, "sampai": "2026-12-31", "alasan": "Sakit"}
    before = realisasi_state()
    one_of = refusal("__all__", "Pilih satu pegawai atau satu unit.")
    assert send(admin, "post", url, base).json() == one_of
    both = {**base, "pegawai": agency.pegawai.pk, "unit": agency.bagian.pk}
    assert send(admin, "post", url, both).json() == one_of
    no_reason = {**base, "pegawai": agency.pegawai.pk, "alasan": "  "}
    assert send(admin, "post", url, no_reason).json() == refusal(
        "alasan", "Tuliskan alasan membuka kunci."
    )
    past = {**base, "pegawai": agency.pegawai.pk, "sampai": "2026-01-01"}
    assert send(admin, "post", url, past).json() == refusal(
        "sampai", "Tanggal berakhir tidak boleh sebelum hari ini."
    )
    # Outside the admin's subtree (the outsider, the other biro) and unknown periods: 404.
    assert send(admin, "post", url, {**base, "pegawai": agency.outsider.pk}).status_code == 404
    assert send(admin, "post", url, {**base, "unit": agency.lain.pk}).status_code == 404
    assert (
        send(admin, "post", url, {**base, "periode": 999999, "unit": agency.bagian.pk}).status_code
        == 404
    )
    # The root unit is above the admin's subtree.
    assert send(admin, "post", url, {**base, "unit": agency.root.pk}).status_code == 404
    assert realisasi_state() == before


# --- The Umpan Balik document ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_feedback_pdf_matrix(agency, client_for, role):
    setting = build(agency)
    upload(setting.laporan, setting.rhk)
    before = realisasi_state()
    response = client_for(role).get(f"{BASE}/{setting.laporan.pk}/umpan-balik.pdf")
    assert realisasi_state() == before
    assert response.status_code == status_for(role, READERS, set())
    if response.status_code != 200:
        return
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    filename = f"UmpanBalik-2026-TW4-{agency.pegawai.nip}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
