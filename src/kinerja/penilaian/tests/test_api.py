"""Assessment API: organisation ratings, the appraiser's list, the rating form, rating an
employee (predikat with its explanation), one assessment, the employee's own; the OpenAPI
paths. The helpers here are shared by the other test_api_*.py modules.

In the `agency` fixture Budi (`penilai`) heads Bagian SDM and appraises Siti (`pegawai`); the
admin and the pimpinan are above Bagian SDM (Biro Umum); the outsider works in Biro Lain.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.utils import timezone

from kinerja.aturan.enums import Predikat
from kinerja.aturan.models import SetAturan
from kinerja.audit.models import Entri
from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import UnitFactory, pegawai_with_account
from kinerja.penilaian import services
from kinerja.penilaian.models import (
    Keberatan,
    KinerjaOrganisasi,
    Penetapan,
    Penilaian,
    RiwayatPenetapan,
)
from kinerja.penilaian.tests.factories import SYSTEM, aktor_for, open_period, org_rating, rate
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.tests.factories import report_for, upload
from kinerja.skp.tests.factories import approved_plan

pytestmark = pytest.mark.django_db
BASE = "/api/v1/penilaian"
RATING = {
    "DI_ATAS": "Di Atas Ekspektasi",
    "SESUAI": "Sesuai Ekspektasi",
    "DI_BAWAH": "Di Bawah Ekspektasi",
}
PREDIKAT = {
    "SANGAT_BAIK": "Sangat Baik",
    "BAIK": "Baik",
    "BUTUH_PERBAIKAN": "Butuh Perbaikan",
    "KURANG": "Kurang/Misconduct",
    "SANGAT_KURANG": "Sangat Kurang",
}
NO_PREDIKAT = dict.fromkeys(PREDIKAT, 0)
STATUS_PENILAIAN = {"DRAF": "Draf", "FINAL": "Ditetapkan"}
STATUS_PERIODE = {"DRAF": "Draf", "DIBUKA": "Dibuka", "DITUTUP": "Ditutup", "DIKUNCI": "Dikunci"}
BERAKHLAK = [
    ("BERORIENTASI_PELAYANAN", "Berorientasi Pelayanan"),
    ("AKUNTABEL", "Akuntabel"),
    ("KOMPETEN", "Kompeten"),
    ("HARMONIS", "Harmonis"),
    ("LOYAL", "Loyal"),
    ("ADAPTIF", "Adaptif"),
    ("KOLABORATIF", "Kolaboratif"),
]
RULE_SET = "Set aturan bawaan versi 1 (berlaku mulai 1 Januari 2023)"
NO_RATING = "Pilih salah satu: Di Atas, Sesuai atau Di Bawah Ekspektasi."


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


def refusal(field: str, *messages: str) -> dict[str, Any]:
    """The exact body of a 422 naming one field."""
    return {
        "detail": [{"loc": ["body", field], "msg": message} for message in messages],
        "errors": {field: list(messages)},
    }


def pilihan(kode: str, label: str) -> dict[str, str]:
    return {"kode": kode, "label": label}


def rating(kode: str) -> dict[str, str]:
    return pilihan(kode, RATING[kode])


def predikat(kode: str) -> dict[str, str]:
    return pilihan(kode, PREDIKAT[kode])


def status_penilaian(kode: str) -> dict[str, str]:
    return pilihan(kode, STATUS_PENILAIAN[kode])


def label_of(pegawai: Pegawai) -> str:
    """How the audit trail names an employee acting (`Aktor.label`)."""
    return f"{pegawai.nama} ({pegawai.nip})"


def user_label(user: Any) -> str:
    """How the audit trail names a user acting (`Aktor.label`)."""
    return f"{user.nama} ({user.nip})"


def unit_ref(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def person(pegawai: Pegawai) -> dict[str, Any]:
    """An employee as the API answers it (with unit and position)."""
    pegawai = Pegawai.objects.select_related("unit", "jabatan").get(pk=pegawai.pk)
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "unit": unit_ref(pegawai.unit),
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": pilihan("PELAKSANA", "Pelaksana"),
    }


def person_ref(pegawai: Pegawai) -> dict[str, Any]:
    return {"id": pegawai.pk, "nip": pegawai.nip, "nama": pegawai.nama}


def snapshot(pegawai: Pegawai) -> dict[str, Any]:
    """An employee as frozen in an assessment's `identitas`."""
    pegawai = Pegawai.objects.select_related("unit", "jabatan").get(pk=pegawai.pk)
    return {
        "id": pegawai.pk,
        "nama": pegawai.nama,
        "nip": pegawai.nip,
        "golongan": "III/a",
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": "PELAKSANA",
        "unit_kode": pegawai.unit.kode,
        "unit_nama": pegawai.unit.nama,
    }


def period_body(periode: Periode) -> dict[str, Any]:
    periode = Periode.objects.select_related("tahun").get(pk=periode.pk)
    return {
        "id": periode.pk,
        "tahun": periode.tahun.tahun,
        "kode": periode.kode,
        "nama": periode.nama,
        "status": pilihan(periode.status, STATUS_PERIODE[periode.status]),
        "mulai": periode.mulai.isoformat(),
        "selesai": periode.selesai.isoformat(),
    }


def rule_set_ref() -> dict[str, Any]:
    found = SetAturan.objects.get(kode="bawaan", versi=1)
    return {"id": found.pk, "kode": "bawaan", "versi": 1, "nama": found.nama}


def summary_body(penilaian: Penilaian) -> dict[str, Any]:
    penilaian = Penilaian.objects.get(pk=penilaian.pk)
    return {
        "id": penilaian.pk,
        "status": status_penilaian(penilaian.status),
        "rating_hasil": rating(penilaian.rating_hasil),
        "rating_perilaku": rating(penilaian.rating_perilaku),
        "predikat": predikat(penilaian.predikat),
        "dinilai_pada": encoded(penilaian.dinilai_pada),
        "ditetapkan_pada": encoded(penilaian.ditetapkan_pada),
    }


def explanation(hasil: str, perilaku: str, result: str) -> dict[str, Any]:
    """The explanation of a predikat by the default quadrant."""
    values = {
        "hasil": RATING[hasil].lower(),
        "perilaku": RATING[perilaku].lower(),
        "predikat": PREDIKAT[result],
    }
    return {
        "ringkasan": "Predikat {predikat} karena hasil kerja {hasil} dan perilaku kerja "
        "{perilaku}.".format(**values),
        "set_aturan": RULE_SET,
        "set_aturan_kode": "bawaan",
        "set_aturan_versi": 1,
        "masukan": [
            {"nama": "Rating hasil kerja", "nilai": RATING[hasil]},
            {"nama": "Rating perilaku kerja", "nilai": RATING[perilaku]},
        ],
        "langkah": [
            "Kuadran predikat: baris hasil kerja {hasil}, kolom perilaku kerja {perilaku} "
            "memberikan predikat {predikat}.".format(**values),
            "Tidak ada pembobotan: kedua rating digabungkan melalui kuadran.",
        ],
    }


def _rows(model: Any, *fields: str) -> list[tuple[Any, ...]]:
    return [
        tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict) else v for v in row)
        for row in model.objects.order_by("pk").values_list("pk", *fields)
    ]


def penilaian_state() -> dict[str, list[tuple[Any, ...]]]:
    """Everything a refused act must leave as it was (compare before and after)."""
    return {
        "organisasi": _rows(
            KinerjaOrganisasi, "unit_id", "periode_id", "predikat", "alasan", "atas_nama"
        ),
        "penilaian": _rows(
            Penilaian,
            "pegawai_id",
            "periode_id",
            "rating_hasil",
            "rating_perilaku",
            "rating_rhk",
            "rating_nilai",
            "predikat",
            "status",
            "catatan",
            "penetapan_id",
            "ditetapkan_pada",
        ),
        "penetapan": _rows(Penetapan, "unit_id", "periode_id", "status", "jumlah"),
        "riwayat": _rows(RiwayatPenetapan, "penetapan_id", "aksi", "alasan"),
        "keberatan": _rows(
            Keberatan, "penilaian_id", "status", "penjelasan", "keputusan", "predikat_baru"
        ),
        "notifikasi": _rows(Notifikasi, "penerima_id", "kunci"),
        "pekerjaan": _rows(Pekerjaan, "jenis"),
        "audit": list(Entri.objects.order_by("urutan").values_list("urutan", "hash")),
    }


def deadline_of(penilaian: Penilaian) -> datetime.date:
    """The last day to object: 14 days (the default rule set) after the local finalisation day."""
    assert penilaian.ditetapkan_pada is not None
    return timezone.localdate(penilaian.ditetapkan_pada) + datetime.timedelta(days=14)


def rate_siti(agency: Any, periode: Periode, hasil: str = "SESUAI", perilaku: str = "DI_ATAS"):
    """Budi rates Siti (Baik by default)."""
    return services.penilaian_save(
        aktor=aktor_for(agency.penilai),
        pegawai=agency.pegawai,
        periode=periode,
        rating_hasil=hasil,
        rating_perilaku=perilaku,
    )


def finalise_bagian(agency: Any, kode: str = "TW1") -> tuple[Periode, Penilaian, Penilaian]:
    """Bagian SDM (Budi and Siti, too small to judge) rated Baik and finalised by Budi:
    (period, Siti's assessment, Budi's)."""
    periode = open_period(kode)
    org_rating(agency.bagian, periode)
    siti = rate_siti(agency, periode)
    budi = rate(agency.penilai, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    services.penetapan_finalise(
        aktor=aktor_for(agency.penilai), unit=agency.bagian, periode=periode
    )
    return periode, Penilaian.objects.get(pk=siti.pk), Penilaian.objects.get(pk=budi.pk)


# --- Organisation ratings --------------------------------------------------------------------

HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}


def organisation_body(item: KinerjaOrganisasi, may_edit: bool) -> dict[str, Any]:
    item = KinerjaOrganisasi.objects.select_related("unit").get(pk=item.pk)
    return {
        "unit": unit_ref(item.unit),
        "periode_id": item.periode_id,
        "predikat": pilihan(item.predikat, {"BAIK": "Baik", "ISTIMEWA": "Istimewa"}[item.predikat]),
        "alasan": item.alasan,
        "atas_nama": item.atas_nama,
        "oleh": item.oleh_label,
        "diubah_pada": encoded(item.diubah_pada),
        "may_edit": may_edit,
    }


@pytest.mark.parametrize("role", ROLES)
def test_organisation_list_matrix(agency, client_for, role):
    periode = open_period("TW1")
    bagian = org_rating(agency.bagian, periode)
    lain = org_rating(agency.lain, periode)
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/organisasi", {"periode_id": periode.pk})
    assert penilaian_state() == before
    # HR readers list the ratings of the units they read; nobody else lists any.
    assert response.status_code == status_for(role, HR_READERS, set())
    if response.status_code != 200:
        return
    expected = {
        # Admin of Biro Umum sets Bagian SDM's on the leader's behalf; the pimpinan of Biro Umum
        # leads above it; the auditor only reads; the superuser manages everything.
        "admin": [organisation_body(bagian, True)],
        "pimpinan": [organisation_body(bagian, True)],
        "auditor": [organisation_body(bagian, False), organisation_body(lain, False)],
        "superuser": [organisation_body(bagian, True), organisation_body(lain, True)],
    }[role]
    assert response.json() == expected


@pytest.mark.parametrize("units", [1, 4])
def test_organisation_list_query_count_is_flat(
    agency, client_for, django_assert_num_queries, units
):
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    for _index in range(units - 1):
        org_rating(UnitFactory(induk=agency.bagian), periode)
    client = client_for("admin")
    # Session, user, the scope (roles, employee record), the period, the ratings.
    with django_assert_num_queries(6):
        response = client.get(f"{BASE}/organisasi", {"periode_id": periode.pk})
    assert len(response.json()) == units


def test_organisation_list_unknown_period_is_404(agency, client_for):
    assert client_for("admin").get(f"{BASE}/organisasi", {"periode_id": 999999}).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_organisation_rate_matrix(agency, client_for, role):
    periode = open_period("TW1")
    before = penilaian_state()
    response = send(
        client_for(role),
        "put",
        f"{BASE}/organisasi/{agency.bagian.pk}/{periode.pk}",
        {"predikat": "Istimewa", "alasan": "  Semua sasaran unit tercapai  "},
    )
    # The leader above Bagian SDM (pimpinan of Biro Umum) sets it; the admin kepegawaian and the
    # superuser on the leader's behalf; the auditor reads the unit but may not (403).
    assert response.status_code == status_for(role, {"pimpinan", "admin", "superuser"}, {"auditor"})
    if response.status_code != 200:
        assert penilaian_state() == before
        return
    saved = KinerjaOrganisasi.objects.get()
    assert (saved.unit, saved.periode, saved.predikat, saved.alasan, saved.atas_nama) == (
        agency.bagian,
        periode,
        "ISTIMEWA",
        "Semua sasaran unit tercapai",
        role != "pimpinan",
    )
    assert saved.oleh_label == user_label(agency.user(role))
    assert response.json() == organisation_body(saved, True)
    entry = Entri.objects.get(aksi="kinerjaorganisasi.save")
    assert entry.sesudah == {
        "predikat": "ISTIMEWA",
        "alasan": "Semua sasaran unit tercapai",
        "atas_nama": role != "pimpinan",
    }


def test_organisation_rate_changes_and_refusals(agency, client_for):
    periode = open_period("TW1")
    client = client_for("pimpinan")
    url = f"{BASE}/organisasi/{agency.bagian.pk}/{periode.pk}"
    assert send(client, "put", url, {"predikat": "BAIK", "alasan": "Baik"}).status_code == 200
    changed = send(client, "put", url, {"predikat": "ISTIMEWA", "alasan": "Naik"})
    assert (changed.json()["predikat"], changed.json()["alasan"]) == (
        pilihan("ISTIMEWA", "Istimewa"),
        "Naik",
    )
    assert KinerjaOrganisasi.objects.count() == 1
    before = penilaian_state()
    assert send(client, "put", url, {"predikat": "LUAR_BIASA", "alasan": "x"}).json() == refusal(
        "predikat", "Pilih capaian kinerja organisasi."
    )
    assert send(client, "put", url, {"predikat": "BAIK", "alasan": "  "}).json() == refusal(
        "alasan", "Tuliskan alasan singkat capaian kinerja organisasi."
    )
    draft = Periode.objects.get(tahun__tahun=2026, kode="TW2")
    draft_url = f"{BASE}/organisasi/{agency.bagian.pk}/{draft.pk}"
    assert send(client, "put", draft_url, {"predikat": "BAIK", "alasan": "x"}).json() == refusal(
        "__all__", "Periode belum dibuka."
    )
    # Unknown unit or period: 404; a unit the pimpinan does not read: 404.
    payload = {"predikat": "BAIK", "alasan": "x"}
    assert send(client, "put", f"{BASE}/organisasi/999999/{periode.pk}", payload).status_code == 404
    url_unknown = f"{BASE}/organisasi/{agency.bagian.pk}/999999"
    assert send(client, "put", url_unknown, payload).status_code == 404
    url_lain = f"{BASE}/organisasi/{agency.lain.pk}/{periode.pk}"
    assert send(client, "put", url_lain, payload).status_code == 404
    # A missing field is refused by the schema.
    assert send(client, "put", url, {"predikat": "BAIK"}).status_code == 422
    assert penilaian_state() == before


def test_organisation_rate_refused_once_finalised(agency, client_for):
    periode, _siti, _budi = finalise_bagian(agency)
    before = penilaian_state()
    response = send(
        client_for("pimpinan"),
        "put",
        f"{BASE}/organisasi/{agency.bagian.pk}/{periode.pk}",
        {"predikat": "ISTIMEWA", "alasan": "Naik"},
    )
    assert response.json() == refusal(
        "__all__",
        "Predikat kelompok unit ini sudah ditetapkan; buka kembali penetapan sebelum "
        "mengubah capaian kinerja organisasi.",
    )
    assert penilaian_state() == before


# --- The appraiser's list --------------------------------------------------------------------

EMPLOYEES = {"pegawai", "penilai", "outsider"}


@pytest.mark.parametrize("role", ROLES)
def test_appraisee_list_matrix(agency, client_for, role):
    periode = open_period("TW1")
    penilaian = rate_siti(agency, periode)
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/dinilai", {"periode_id": periode.pk})
    assert penilaian_state() == before
    # Everyone with an employee record has a list (usually empty); other accounts have none.
    assert response.status_code == status_for(role, EMPLOYEES, set())
    if response.status_code != 200:
        return
    expected = {
        "penilai": [
            {
                "pegawai": person(agency.pegawai),
                "penilaian": summary_body(penilaian),
                "skp_id": None,
                "laporan_status": None,
            }
        ],
        "pegawai": [],
        "outsider": [],
    }[role]
    assert response.json() == expected


def test_appraisee_list_with_plan_and_report(agency, client_for):
    periode = open_period("TW1")
    leader, leader_rhk = approved_plan(agency.penilai, kode="RHK-A")
    laporan, skp, _rhk = report_for(agency.pegawai, periode, rhk_atasan=leader_rhk)
    rina = pegawai_with_account(nama="Andi Rahman", unit=agency.bagian, penilai=agency.penilai)
    body = client_for("penilai").get(f"{BASE}/dinilai", {"periode_id": periode.pk}).json()
    # By name: Andi (no plan, not rated) before Siti (plan and a draft report).
    assert body == [
        {"pegawai": person(rina), "penilaian": None, "skp_id": None, "laporan_status": None},
        {
            "pegawai": person(agency.pegawai),
            "penilaian": None,
            "skp_id": skp.pk,
            "laporan_status": pilihan("DRAF", "Draf"),
        },
    ]
    assert laporan.skp_id == skp.pk
    assert leader.pk != skp.pk


@pytest.mark.parametrize("extra", [0, 4])
def test_appraisee_list_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    periode = open_period("TW1")
    rate_siti(agency, periode)
    for index in range(extra):
        colleague = pegawai_with_account(
            nama=f"Bawahan {index}", unit=agency.bagian, penilai=agency.penilai
        )
        rate(colleague, periode, Predikat.BAIK)
    client = client_for("penilai")
    # Session, user, the scope (roles, employee record, appraisees), the period; employees,
    # assessments, plans, reports.
    with django_assert_num_queries(10):
        response = client.get(f"{BASE}/dinilai", {"periode_id": periode.pk})
    assert len(response.json()) == 1 + extra


# --- The rating form -------------------------------------------------------------------------

RATERS_VIEW = {"penilai", "admin", "pimpinan", "auditor", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_form_matrix(agency, client_for, role):
    periode = open_period("TW1")
    rate_siti(agency, periode)
    before = penilaian_state()
    response = client_for(role).get(
        f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}/formulir"
    )
    assert penilaian_state() == before
    # Readers of Siti see her form; only her appraiser may edit it. Siti never sees her own.
    assert response.status_code == status_for(role, RATERS_VIEW, set())
    if response.status_code != 200:
        return
    body = response.json()
    assert (body["may_edit"], body["kunci"]) == (role == "penilai", None)
    assert (body["rating_hasil"], body["rating_perilaku"]) == (rating("SESUAI"), rating("DI_ATAS"))
    assert body["predikat"] == {
        "predikat": predikat("BAIK"),
        "penjelasan": explanation("SESUAI", "DI_ATAS", "BAIK"),
    }


def test_form_body_with_realisation_evidence_and_feedback(agency, client_for):
    """Realisation 10,5 of 12 laporan (87,5%) with accepted evidence suggests Di Bawah for the
    RHK and the result; feedback on Kompeten is shown; no behaviour rating yet."""
    periode = open_period("TW1")
    _leader, leader_rhk = approved_plan(agency.penilai, kode="RHK-A")
    laporan, skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=leader_rhk)
    indikator = rhk.indikator.get()
    siti, budi = aktor_for(agency.pegawai), aktor_for(agency.penilai)
    realisasi_services.realisasi_save(
        aktor=siti, laporan=laporan, indikator=indikator, nilai="10,5"
    )
    bukti = upload(laporan, rhk)
    realisasi_services.laporan_submit(aktor=siti, laporan=laporan)
    realisasi_services.bukti_verdict(aktor=budi, bukti=bukti, status="DITERIMA")
    realisasi_services.umpan_balik_save(
        aktor=budi, laporan=laporan, nilai="KOMPETEN", isi="Ikuti pelatihan."
    )

    response = client_for("penilai").get(
        f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}/formulir"
    )

    assert response.json() == {
        "pegawai": person(agency.pegawai),
        "periode": period_body(periode),
        "skp_id": skp.pk,
        "penilaian": None,
        "rhk": [
            {
                "id": rhk.pk,
                "kode": "RHK-01",
                "jenis": pilihan("UTAMA", "Utama"),
                "uraian": "Tersusunnya laporan kinerja",
                "indikator": [
                    {
                        "id": indikator.pk,
                        "aspek": pilihan("KUANTITAS", "Kuantitas"),
                        "uraian": "Jumlah laporan yang tersusun",
                        "target": "12 laporan",
                        "realisasi": "10,5 laporan",
                        "capaian": "87.5",
                    }
                ],
                "bukti": {"DITERIMA": 1},
                "saran": {
                    "rating": rating("DI_BAWAH"),
                    "alasan": "capaian di bawah target (87,50%)",
                },
                "rating": rating("DI_BAWAH"),
            }
        ],
        "perilaku": [
            {
                "kode": kode,
                "nama": nama,
                "umpan_balik": ["Ikuti pelatihan."] if kode == "KOMPETEN" else [],
                "rating": None,
            }
            for kode, nama in BERAKHLAK
        ],
        "saran_hasil": {
            "rating": rating("DI_BAWAH"),
            "alasan": "1 dari 1 di bawah ekspektasi (sebagian besar)",
        },
        "saran_perilaku": {"rating": None, "alasan": "belum ada yang dapat dinilai"},
        "rating_hasil": rating("DI_BAWAH"),
        "rating_perilaku": None,
        "catatan": "",
        "prefilled_from": None,
        "predikat": None,
        "may_edit": True,
        "kunci": None,
    }


def test_form_annual_prefilled_from_the_latest_period(agency, client_for):
    tw1 = open_period("TW1")
    tw2 = open_period("TW2")
    rate_siti(agency, tw1, "DI_BAWAH", "SESUAI")
    rate_siti(agency, tw2, "DI_ATAS", "DI_ATAS")
    annual = open_period("TAHUNAN")
    body = (
        client_for("penilai")
        .get(f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{annual.pk}/formulir")
        .json()
    )
    assert body["prefilled_from"] == period_body(tw2)
    assert (body["penilaian"], body["rating_hasil"], body["rating_perilaku"]) == (
        None,
        rating("DI_ATAS"),
        rating("DI_ATAS"),
    )
    assert body["predikat"]["predikat"] == predikat("SANGAT_BAIK")


def test_form_read_only_once_finalised(agency, client_for):
    periode, siti, _budi = finalise_bagian(agency)
    body = (
        client_for("penilai")
        .get(f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}/formulir")
        .json()
    )
    assert body["penilaian"] == summary_body(siti)
    assert (body["may_edit"], body["kunci"]) == (
        False,
        "Predikat sudah ditetapkan; perubahan hanya melalui keberatan atau setelah penetapan "
        "dibuka kembali.",
    )


# --- Rating ----------------------------------------------------------------------------------


def assessment_body(penilaian: Penilaian, **overrides: Any) -> dict[str, Any]:
    """Siti's assessment as GET /{id} answers it to a reader who may not object."""
    penilaian = Penilaian.objects.select_related("periode", "unit", "jabatan").get(pk=penilaian.pk)
    body = {
        "id": penilaian.pk,
        "pegawai": person(penilaian.pegawai),
        "periode": period_body(penilaian.periode),
        "unit": unit_ref(penilaian.unit),
        "jabatan": penilaian.jabatan.nama,
        "status": status_penilaian(penilaian.status),
        "identitas": penilaian.identitas,
        "rating_hasil": rating(penilaian.rating_hasil),
        "rating_perilaku": rating(penilaian.rating_perilaku),
        "rating_rhk": {},
        "rating_nilai": {},
        "predikat": predikat(penilaian.predikat),
        "penjelasan": explanation(
            penilaian.rating_hasil, penilaian.rating_perilaku, penilaian.predikat
        ),
        "set_aturan": rule_set_ref(),
        "catatan": penilaian.catatan,
        "masukan": penilaian.masukan,
        "dinilai_oleh": penilaian.dinilai_label,
        "dinilai_pada": encoded(penilaian.dinilai_pada),
        "ditetapkan_pada": encoded(penilaian.ditetapkan_pada),
        "penetapan_id": penilaian.penetapan_id,
        "batas_keberatan": None,
        "may_object": False,
        "keberatan": None,
    }
    return {**body, **overrides}


@pytest.mark.parametrize("role", ROLES)
def test_rate_matrix(agency, client_for, role):
    periode = open_period("TW1")
    before = penilaian_state()
    response = send(
        client_for(role),
        "put",
        f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}",
        {"rating_hasil": "SESUAI", "rating_perilaku": "Di Atas Ekspektasi"},
    )
    # Only Siti's appraiser rates her; her other readers (and Siti herself, who reads her own
    # record) are refused (403); the outsider does not read her (404).
    assert response.status_code == status_for(
        role, {"penilai"}, {"pegawai", "admin", "pimpinan", "auditor", "superuser"}
    )
    if response.status_code != 200:
        assert penilaian_state() == before
        return
    saved = Penilaian.objects.get()
    assert (saved.rating_hasil, saved.rating_perilaku, saved.predikat, saved.status) == (
        "SESUAI",
        "DI_ATAS",
        "BAIK",
        "DRAF",
    )
    assert response.json()["predikat"] == predikat("BAIK")


def test_rate_answers_the_assessment_with_its_explanation(agency, client_for):
    periode = open_period("TW1")
    _leader, leader_rhk = approved_plan(agency.penilai, kode="RHK-A")
    _laporan, skp, _rhk = report_for(agency.pegawai, periode, rhk_atasan=leader_rhk)
    response = send(
        client_for("penilai"),
        "put",
        f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}",
        {
            "rating_hasil": "DI_BAWAH",
            "rating_perilaku": "SESUAI",
            "rating_rhk": {"RHK-01": "Di Bawah Ekspektasi"},
            "rating_nilai": {"KOMPETEN": "DI_ATAS", "LOYAL": ""},
            "catatan": "  Perlu pendampingan penyusunan laporan.  ",
        },
    )
    assert response.status_code == 200
    saved = Penilaian.objects.get()
    assert (saved.rating_rhk, saved.rating_nilai, saved.catatan, saved.skp_id) == (
        {"RHK-01": "DI_BAWAH"},
        {"KOMPETEN": "DI_ATAS"},
        "Perlu pendampingan penyusunan laporan.",
        skp.pk,
    )
    assert saved.identitas == {
        "pegawai": snapshot(agency.pegawai),
        "penilai": snapshot(agency.penilai),
        "atasan_penilai": None,
    }
    assert response.json() == assessment_body(
        saved,
        rating_rhk={"RHK-01": rating("DI_BAWAH")},
        rating_nilai={"KOMPETEN": rating("DI_ATAS")},
    )
    body = response.json()
    assert body["predikat"] == predikat("BUTUH_PERBAIKAN")
    assert body["penjelasan"]["ringkasan"] == (
        "Predikat Butuh Perbaikan karena hasil kerja di bawah ekspektasi dan perilaku kerja "
        "sesuai ekspektasi."
    )
    assert body["dinilai_oleh"] == label_of(agency.penilai)
    assert body["masukan"]["rhk"][0]["rating"] == "DI_BAWAH"
    assert body["masukan"]["perilaku"][2] == {
        "kode": "KOMPETEN",
        "nama": "Kompeten",
        "rating": "DI_ATAS",
    }


@pytest.mark.parametrize(
    ("hasil", "perilaku", "result"),
    [
        ("DI_ATAS", "DI_ATAS", "SANGAT_BAIK"),
        ("DI_ATAS", "SESUAI", "BAIK"),
        ("DI_ATAS", "DI_BAWAH", "KURANG"),
        ("SESUAI", "SESUAI", "BAIK"),
        ("SESUAI", "DI_BAWAH", "KURANG"),
        ("DI_BAWAH", "DI_ATAS", "BUTUH_PERBAIKAN"),
        ("DI_BAWAH", "DI_BAWAH", "SANGAT_KURANG"),
    ],
)
def test_rate_predikat_by_the_quadrant(agency, client_for, hasil, perilaku, result):
    periode = open_period("TW1")
    body = send(
        client_for("penilai"),
        "put",
        f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}",
        {"rating_hasil": hasil, "rating_perilaku": perilaku},
    ).json()
    assert (body["predikat"], body["penjelasan"]) == (
        predikat(result),
        explanation(hasil, perilaku, result),
    )


def test_rate_refusals(agency, client_for):
    periode = open_period("TW1")
    client = client_for("penilai")
    url = f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}"
    before = penilaian_state()
    assert send(client, "put", url, {"rating_hasil": "", "rating_perilaku": "SESUAI"}).json() == (
        refusal("rating_hasil", NO_RATING)
    )
    assert send(
        client, "put", url, {"rating_hasil": "SESUAI", "rating_perilaku": "Luar biasa"}
    ).json() == refusal("rating_perilaku", NO_RATING)
    assert send(
        client,
        "put",
        url,
        {"rating_hasil": "SESUAI", "rating_perilaku": "SESUAI", "rating_rhk": {"RHK-99": "SESUAI"}},
    ).json() == refusal("rating_rhk", "Kode tidak dikenal: RHK-99.")
    assert send(
        client,
        "put",
        url,
        {"rating_hasil": "SESUAI", "rating_perilaku": "SESUAI", "rating_nilai": {"JUJUR": "x"}},
    ).json() == refusal("rating_nilai", "Kode tidak dikenal: JUJUR.")
    # A missing field is refused by the schema; an unknown employee or period is 404.
    assert send(client, "put", url, {"rating_hasil": "SESUAI"}).status_code == 422
    payload = {"rating_hasil": "SESUAI", "rating_perilaku": "SESUAI"}
    unknown_period = f"{BASE}/pegawai/{agency.pegawai.pk}/periode/999999"
    assert send(client, "put", unknown_period, payload).status_code == 404
    assert (
        send(client, "put", f"{BASE}/pegawai/999999/periode/{periode.pk}", payload).status_code
        == 404
    )
    draft = Periode.objects.get(tahun__tahun=2026, kode="TW2")
    assert send(
        client, "put", f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{draft.pk}", payload
    ).json() == refusal("__all__", "Periode belum dibuka; penilaian belum dapat diisi.")
    assert penilaian_state() == before


def test_rate_refused_in_a_locked_period_and_once_finalised(agency, client_for):
    periode, _siti, _budi = finalise_bagian(agency)
    client = client_for("penilai")
    payload = {"rating_hasil": "DI_ATAS", "rating_perilaku": "DI_ATAS"}
    url = f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}"
    before = penilaian_state()
    assert send(client, "put", url, payload).json() == refusal(
        "__all__",
        "Predikat sudah ditetapkan; perubahan hanya melalui keberatan atau setelah penetapan "
        "dibuka kembali.",
    )
    assert penilaian_state() == before
    tw2 = open_period("TW2")
    for aksi in ("close", "lock"):
        tw2 = periode_transition(aktor=SYSTEM, periode=tw2, aksi=aksi, alasan="Akhir periode")
    before = penilaian_state()
    locked_url = f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{tw2.pk}"
    assert send(client, "put", locked_url, payload).json() == refusal(
        "__all__", "Periode sudah dikunci; penilaian tidak dapat diubah."
    )
    assert penilaian_state() == before


def test_hr_rates_an_employee_without_appraiser(agency, client_for):
    """Budi heads Bagian SDM and has no appraiser: HR of his unit rates him."""
    periode = open_period("TW1")
    url = f"{BASE}/pegawai/{agency.penilai.pk}/periode/{periode.pk}"
    payload = {"rating_hasil": "DI_ATAS", "rating_perilaku": "SESUAI"}
    assert send(client_for("pimpinan"), "put", url, payload).status_code == 403
    assert send(client_for("penilai"), "put", url, payload).status_code == 403
    response = send(client_for("admin"), "put", url, payload)
    assert response.status_code == 200
    assert response.json()["identitas"] == {
        "pegawai": snapshot(agency.penilai),
        "penilai": None,
        "atasan_penilai": None,
    }
    assert response.json()["dinilai_oleh"] == user_label(agency.admin)
    form = f"{url}/formulir"
    assert client_for("admin").get(form).json()["may_edit"] is True
    assert client_for("pimpinan").get(form).json()["may_edit"] is False


# --- One assessment --------------------------------------------------------------------------

READERS = {"penilai", "admin", "pimpinan", "auditor", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix_draft(agency, client_for, role):
    periode = open_period("TW1")
    penilaian = rate_siti(agency, periode)
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/{penilaian.pk}")
    assert penilaian_state() == before
    # A draft is read by the appraiser and HR, leaders, auditor, superuser; not by Siti yet.
    assert response.status_code == status_for(role, READERS, set())
    if response.status_code == 200:
        assert response.json() == assessment_body(penilaian)


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix_finalised(agency, client_for, role):
    _periode, siti, _budi = finalise_bagian(agency)
    response = client_for(role).get(f"{BASE}/{siti.pk}")
    assert response.status_code == status_for(role, READERS | {"pegawai"}, set())
    if response.status_code != 200:
        return
    deadline = deadline_of(siti).isoformat()
    # Only Siti may object, within 14 days (the default rule set) of the finalisation.
    assert response.json() == assessment_body(
        siti, batas_keberatan=deadline, may_object=role == "pegawai"
    )
    assert response.json()["status"] == status_penilaian("FINAL")


def test_detail_unknown_is_404(agency, client_for):
    assert client_for("superuser").get(f"{BASE}/999999").status_code == 404


# --- My assessments --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_mine_matrix(agency, client_for, role):
    _periode, siti, budi = finalise_bagian(agency)
    open_period("TW2")
    rate_siti(agency, Periode.objects.get(tahun__tahun=2026, kode="TW2"))  # a draft: not listed
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/saya")
    assert penilaian_state() == before
    assert response.status_code == status_for(role, EMPLOYEES, set())
    if response.status_code != 200:
        return
    own = {"pegawai": [siti], "penilai": [budi], "outsider": []}[role]
    assert response.json() == [
        {
            "id": item.pk,
            "periode": period_body(item.periode),
            "unit": unit_ref(agency.bagian),
            "rating_hasil": rating(item.rating_hasil),
            "rating_perilaku": rating(item.rating_perilaku),
            "predikat": predikat(item.predikat),
            "ditetapkan_pada": encoded(item.ditetapkan_pada),
            "batas_keberatan": deadline_of(item).isoformat(),
            "keberatan": None,
        }
        for item in own
    ]


@pytest.mark.parametrize("kodes", [("TW1",), ("TW1", "TW2", "TW3")])
def test_mine_query_count_is_flat(agency, client_for, django_assert_num_queries, kodes):
    for kode in kodes:
        finalise_bagian(agency, kode)
    siti = Penilaian.objects.get(pegawai=agency.pegawai, periode__kode="TW1")
    services.keberatan_file(aktor=aktor_for(agency.pegawai), penilaian=siti, alasan="Tidak adil")
    client = client_for("pegawai")
    # Session, user, the scope (roles, employee record, appraisees); the assessments with their
    # period, unit, rule set and objection.
    with django_assert_num_queries(6):
        response = client.get(f"{BASE}/saya")
    body = response.json()
    # Newest period first; the objection's state is shown.
    assert [row["periode"]["kode"] for row in body] == list(reversed(kodes))
    assert body[-1]["keberatan"] == pilihan("DIAJUKAN", "Diajukan")


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_lists_the_assessment_paths(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {
        path: sorted(schema["paths"][path])
        for path in schema["paths"]
        if path.startswith(f"{BASE}/")
    }
    assert paths == {
        f"{BASE}/organisasi": ["get"],
        f"{BASE}/organisasi/{{unit_id}}/{{periode_id}}": ["put"],
        f"{BASE}/dinilai": ["get"],
        f"{BASE}/pegawai/{{pegawai_id}}/periode/{{periode_id}}/formulir": ["get"],
        f"{BASE}/pegawai/{{pegawai_id}}/periode/{{periode_id}}": ["put"],
        f"{BASE}/saya": ["get"],
        f"{BASE}/{{penilaian_id}}": ["get"],
        f"{BASE}/kurva": ["get"],
        f"{BASE}/kurva/{{unit_id}}/{{periode_id}}": ["get"],
        f"{BASE}/kurva/{{unit_id}}/{{periode_id}}/tetapkan": ["post"],
        f"{BASE}/kurva/{{unit_id}}/{{periode_id}}/buka": ["post"],
        f"{BASE}/keberatan": ["get"],
        f"{BASE}/{{penilaian_id}}/keberatan": ["post"],
        f"{BASE}/keberatan/{{keberatan_id}}/jelaskan": ["post"],
        f"{BASE}/keberatan/{{keberatan_id}}/putuskan": ["post"],
        f"{BASE}/keberatan/{{keberatan_id}}/tarik": ["post"],
        f"{BASE}/{{penilaian_id}}/evaluasi.pdf": ["get"],
        f"{BASE}/kurva/{{unit_id}}/{{periode_id}}/penetapan.pdf": ["get"],
        f"{BASE}/kurva/{{unit_id}}/{{periode_id}}/dokumen": ["post"],
    }
