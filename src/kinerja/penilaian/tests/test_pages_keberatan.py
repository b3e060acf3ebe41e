"""Objections through the pages: the "Keberatan" page (permission matrix, what waits for whom,
the employee's own, pinned query count), the four actions (permission matrices, exact messages,
refusals that change nothing), the forms each role sees on the assessment's page, and the whole
flow: filed, explained, decided (upheld: the predikat changes; rejected: it stays), withdrawn,
the window passed, the curve still holding, the appraiser's superior deciding."""

from __future__ import annotations

import datetime
from typing import Any, cast

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory, pegawai_with_account
from kinerja.penilaian import services
from kinerja.penilaian.models import Keberatan, Penilaian
from kinerja.penilaian.tests.factories import (
    SYSTEM,
    aktor_for,
    finalised_group,
    open_period,
    org_rating,
    rate,
    rate_all,
)
from kinerja.penilaian.tests.test_pages_pegawai import (
    assert_login_redirect,
    by_testid,
    detail_url,
    finalise_bagian,
    finalised_days_ago,
    penilaian_state,
    texts,
)
from kinerja.periode.models import Periode

pytestmark = pytest.mark.django_db

KOTAK_QUERIES = {"penilai": 7, "pegawai": 7}
FILED = "Keberatan diajukan; pejabat penilai akan memberi penjelasan."
EXPLAINED = "Penjelasan disimpan; keberatan menunggu keputusan atasan pejabat penilai."
WITHDRAWN = "Keberatan ditarik."
ALASAN = "Target laporan sudah terlampaui; mohon ditinjau kembali."
PENJELASAN = "Rating hasil kerja mengikuti bukti dukung yang diterima."


@pytest.fixture
def periode(agency: Any) -> Periode:
    return open_period("TW1")


@pytest.fixture
def siti(agency: Any, periode: Periode) -> Penilaian:
    """Siti's finalised assessment (Baik), finalised three days ago. Budi, her appraiser, has
    no appraiser: HR of Biro Umum (admin) decides her objections."""
    penilaian = finalise_bagian(agency, periode)
    finalised_days_ago(penilaian, 3)
    return Penilaian.objects.get(pk=penilaian.pk)


def filed(penilaian: Penilaian, pegawai: Pegawai | None = None) -> Keberatan:
    return services.keberatan_file(
        aktor=aktor_for(pegawai) if pegawai else SYSTEM, penilaian=penilaian, alasan=ALASAN
    )


def explained(keberatan: Keberatan, penilai: Pegawai) -> Keberatan:
    return services.keberatan_explain(
        aktor=aktor_for(penilai), keberatan=keberatan, penjelasan=PENJELASAN
    )


def refresh(item: Any) -> Any:
    return type(item).objects.get(pk=item.pk)


def action_url(name: str, pk: int) -> str:
    return reverse(f"penilaian:keberatan_{name}", args=[pk])


def back_to(penilaian: Penilaian) -> str:
    return detail_url(penilaian) + "#keberatan"


# --- The objections page -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_kotak_matrix(agency, client_for, siti, role):
    keberatan = filed(siti, agency.pegawai)
    before = penilaian_state()
    response = client_for(role).get(reverse("penilaian:keberatan"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pimpinan", "auditor"}:
        # Neither an employee record nor HR.
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert response.context["nav_section"] == "keberatan"
        waiting = [row.keberatan for row in response.context["menunggu"]]
        assert waiting == ([keberatan] if role == "penilai" else [])
        own = [p.pk for p in response.context["milik"]]
        assert own == ([siti.pk] if role == "pegawai" else [])
    assert penilaian_state() == before


def test_kotak_shows_what_waits_for_whom(agency, client_for, siti):
    keberatan = filed(siti, agency.pegawai)
    today = timezone.localdate()
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    Keberatan.objects.filter(pk=keberatan.pk).update(diajukan_pada=ten_days_ago)

    budi = client_for("penilai").get(reverse("penilaian:keberatan"))
    assert by_testid(budi, f"menunggu-{keberatan.pk}") == [
        f"Siti Aminah {agency.pegawai.nip} Triwulan I 2026 Diajukan Penjelasan Anda "
        f"{format_date(today - datetime.timedelta(days=10))} · 10 hari Beri penjelasan"
    ]
    assert f'href="{back_to(siti)}"' in budi.content.decode()
    assert by_testid(budi, "milik-kosong") == ["Anda belum pernah mengajukan keberatan."]
    hr = client_for("admin").get(reverse("penilaian:keberatan"))
    assert by_testid(hr, "menunggu-kosong") == ["Tidak ada keberatan yang menunggu tindakan Anda."]
    assert by_testid(hr, "milik-kosong") == []  # HR has no objections of their own

    explained(keberatan, agency.penilai)
    budi = client_for("penilai").get(reverse("penilaian:keberatan"))
    assert budi.context["menunggu"] == []
    hr = client_for("admin").get(reverse("penilaian:keberatan"))
    assert by_testid(hr, f"menunggu-{keberatan.pk}") == [
        f"Siti Aminah {agency.pegawai.nip} Triwulan I 2026 Dijelaskan penilai Keputusan Anda "
        f"{format_date(today)} · 0 hari Putuskan"
    ]
    siti_page = client_for("pegawai").get(reverse("penilaian:keberatan"))
    assert siti_page.context["menunggu"] == []
    row = by_testid(siti_page, f"milik-{keberatan.pk}")[0]
    assert row.startswith("Triwulan I 2026 Dijelaskan penilai ")
    assert row.endswith(" Baik Lihat")


@pytest.mark.parametrize("size", [1, 3])
def test_kotak_query_count_is_fixed(agency, client_for, django_assert_num_queries, size):
    colleagues = [
        cast(Pegawai, PegawaiFactory(nama=f"Rekan {n}", unit=agency.bagian, penilai=agency.penilai))
        for n in range(size - 1)
    ]
    for kode in ["TW1", "TW2", "TW3"][:size]:
        periode = open_period(kode)
        for colleague in colleagues:
            rate(colleague, periode, Predikat.BAIK)
        siti = finalise_bagian(agency, periode)
        filed(siti, agency.pegawai)
        if kode == "TW1":
            for colleague in colleagues:
                filed(Penilaian.objects.get(pegawai=colleague, periode=periode))
    for role, expected in KOTAK_QUERIES.items():
        client = client_for(role)
        with django_assert_num_queries(expected):
            response = client.get(reverse("penilaian:keberatan"))
        if role == "penilai":  # Siti's objection of each period and her colleagues' of TW1
            assert len(response.context["menunggu"]) == 2 * size - 1
        else:
            assert len(response.context["milik"]) == size


# --- Filing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_ajukan_matrix(agency, client_for, siti, role):
    before = penilaian_state()
    response = client_for(role).post(action_url("ajukan", siti.pk), {"alasan": ALASAN})
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "pegawai":
        assert response.status_code == 302
        assert response.url == back_to(siti)
        assert texts(response) == [FILED]
        keberatan = Keberatan.objects.get(penilaian=siti)
        assert (keberatan.status, keberatan.alasan, keberatan.predikat_lama) == (
            "DIAJUKAN",
            ALASAN,
            "BAIK",
        )
        assert keberatan.atasan_id is None
        return
    else:
        # Readers of the assessment may not object for the employee; others cannot read it.
        assert response.status_code == (404 if role == "outsider" else 403)
    assert penilaian_state() == before


def test_ajukan_refusals_change_nothing(agency, client_for, siti, periode):
    client = client_for("pegawai")
    before = penilaian_state()
    response = client.post(action_url("ajukan", siti.pk), {"alasan": "   "})
    assert (response.url, texts(response)) == (back_to(siti), ["Tuliskan alasan keberatan."])
    response = client.post(action_url("ajukan", siti.pk), {"alasan": "x" * 5001})
    assert texts(response) == [
        "Alasan keberatan: Pastikan nilai ini mengandung paling banyak 5000 karakter "
        "(sekarang 5001 karakter)."
    ]
    assert client.get(action_url("ajukan", siti.pk)).status_code == 405
    assert penilaian_state() == before
    # Her own draft is not hers to read yet: 404.
    draft = rate(agency.pegawai, open_period("TW2"), Predikat.BAIK)
    assert client.post(action_url("ajukan", draft.pk), {"alasan": ALASAN}).status_code == 404
    # Once filed (and even withdrawn) an objection cannot be filed again.
    client.post(action_url("ajukan", siti.pk), {"alasan": ALASAN})
    keberatan = Keberatan.objects.get(penilaian=siti)
    client.post(action_url("tarik", keberatan.pk))
    before = penilaian_state()
    response = client.post(action_url("ajukan", siti.pk), {"alasan": ALASAN})
    assert texts(response) == ["Keberatan atas penilaian ini sudah pernah diajukan."]
    assert penilaian_state() == before


def test_ajukan_after_the_deadline_is_refused(agency, client_for, siti):
    deadline = finalised_days_ago(siti, 15)
    before = penilaian_state()
    response = client_for("pegawai").post(action_url("ajukan", siti.pk), {"alasan": ALASAN})
    assert response.url == back_to(siti)
    assert texts(response) == [
        f"Batas waktu keberatan (14 hari) berakhir pada {format_date(deadline)}."
    ]
    assert penilaian_state() == before
    page = client_for("pegawai").get(detail_url(siti))
    assert by_testid(page, "form-ajukan") == []


def test_ajukan_on_the_last_day_is_accepted(agency, client_for, siti):
    finalised_days_ago(siti, 14)
    response = client_for("pegawai").post(action_url("ajukan", siti.pk), {"alasan": ALASAN})
    assert texts(response) == [FILED]
    assert Keberatan.objects.get(penilaian=siti).status == "DIAJUKAN"


# --- Explaining, deciding, withdrawing: who may ------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_jelaskan_matrix(agency, client_for, siti, role):
    keberatan = filed(siti, agency.pegawai)
    before = penilaian_state()
    response = client_for(role).post(
        action_url("jelaskan", keberatan.pk), {"penjelasan": PENJELASAN}
    )
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "penilai":
        assert (response.status_code, response.url) == (302, back_to(siti))
        assert texts(response) == [EXPLAINED]
        keberatan = refresh(keberatan)
        assert (keberatan.status, keberatan.penjelasan) == ("DIJELASKAN", PENJELASAN)
        assert keberatan.dijelaskan_label == f"Budi Santoso ({agency.penilai.nip})"
        return
    else:
        assert response.status_code == (404 if role == "outsider" else 403)
    assert penilaian_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_putuskan_matrix(agency, client_for, siti, role):
    keberatan = explained(filed(siti, agency.pegawai), agency.penilai)
    before = penilaian_state()
    data = {"putusan": "DITOLAK", "keputusan": "Rating sudah sesuai bukti."}
    response = client_for(role).post(action_url("putuskan", keberatan.pk), data)
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"admin", "superuser"}:
        # Budi has no appraiser: HR of the unit (and the superuser) decide.
        assert (response.status_code, response.url) == (302, back_to(siti))
        assert texts(response) == ["Keberatan ditolak; predikat tetap Baik."]
        assert refresh(keberatan).status == "DITOLAK"
        return
    else:
        assert response.status_code == (404 if role == "outsider" else 403)
    assert penilaian_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_tarik_matrix(agency, client_for, siti, role):
    keberatan = filed(siti, agency.pegawai)
    before = penilaian_state()
    response = client_for(role).post(action_url("tarik", keberatan.pk))
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "pegawai":
        assert (response.status_code, response.url) == (302, back_to(siti))
        assert texts(response) == [WITHDRAWN]
        assert refresh(keberatan).status == "DITARIK"
        return
    else:
        assert response.status_code == (404 if role == "outsider" else 403)
    assert penilaian_state() == before


def test_actions_on_missing_objection_are_404_and_get_is_405(agency, client_for, siti):
    keberatan = filed(siti, agency.pegawai)
    for name in ("jelaskan", "putuskan", "tarik"):
        assert client_for("superuser").post(action_url(name, keberatan.pk + 99)).status_code == 404
    assert client_for("superuser").post(action_url("ajukan", siti.pk + 99)).status_code == 404
    assert client_for("penilai").get(action_url("jelaskan", keberatan.pk)).status_code == 405
    assert client_for("admin").get(action_url("putuskan", keberatan.pk)).status_code == 405
    assert client_for("pegawai").get(action_url("tarik", keberatan.pk)).status_code == 405


# --- Forms by role and state -------------------------------------------------------------------


FORMS = ("form-ajukan", "form-jelaskan", "form-putuskan", "form-tarik")


def forms_seen(client: Any, penilaian: Penilaian) -> list[str]:
    response = client.get(detail_url(penilaian))
    assert response.status_code == 200
    return [name for name in FORMS if by_testid(response, name)]


def test_forms_each_role_sees(agency, client_for, siti):
    def seen() -> dict[str, list[str]]:
        roles = ("pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser")
        return {role: forms_seen(client_for(role), siti) for role in roles}

    nothing: dict[str, list[str]] = {"penilai": [], "admin": [], "pimpinan": []}
    assert seen() == {"pegawai": ["form-ajukan"], **nothing, "auditor": [], "superuser": []}
    keberatan = filed(siti, agency.pegawai)
    assert seen() == {
        "pegawai": ["form-tarik"],
        "penilai": ["form-jelaskan"],
        "admin": [],
        "pimpinan": [],
        "auditor": [],
        "superuser": [],
    }
    explained(keberatan, agency.penilai)
    assert seen() == {
        "pegawai": ["form-tarik"],
        "penilai": ["form-jelaskan"],
        "admin": ["form-putuskan"],
        "pimpinan": [],
        "auditor": [],
        "superuser": ["form-putuskan"],
    }
    services.keberatan_decide(
        aktor=SYSTEM, keberatan=keberatan, diterima=False, keputusan="Sudah sesuai."
    )
    assert all(forms == [] for forms in seen().values())


# --- The whole flow ----------------------------------------------------------------------------


def test_flow_upheld_changes_the_predikat(agency, client_for, siti):
    siti_client, budi, hr = client_for("pegawai"), client_for("penilai"), client_for("admin")
    response = siti_client.post(action_url("ajukan", siti.pk), {"alasan": ALASAN})
    assert texts(response) == [FILED]
    keberatan = Keberatan.objects.get(penilaian=siti)

    page = budi.get(detail_url(siti))
    assert by_testid(page, "keberatan-status") == ["Diajukan"]
    assert by_testid(page, "keberatan-alasan") == [ALASAN]
    assert by_testid(page, "keberatan-penjelasan") == ["Belum ada penjelasan."]
    assert by_testid(page, "keberatan-keputusan") == ["Belum diputuskan."]

    # Deciding before the appraiser explains is refused.
    early = {"putusan": "DITERIMA", "keputusan": "Diterima.", "rating_hasil": "DI_ATAS"}
    response = hr.post(action_url("putuskan", keberatan.pk), early)
    assert texts(response) == ["Keberatan diputuskan setelah pejabat penilai memberi penjelasan."]

    response = budi.post(action_url("jelaskan", keberatan.pk), {"penjelasan": "  "})
    assert texts(response) == ["Tuliskan penjelasan atas keberatan."]
    response = budi.post(action_url("jelaskan", keberatan.pk), {"penjelasan": PENJELASAN})
    assert texts(response) == [EXPLAINED]

    before = penilaian_state()
    for data, message in (
        ({"keputusan": "Tanpa pilihan."}, "Keputusan: Pilih terima atau tolak keberatan."),
        (
            {"putusan": "DITERIMA", "keputusan": "Diterima.", "rating_hasil": "DI_ATAS"},
            "Pilih salah satu: Di Atas, Sesuai atau Di Bawah Ekspektasi.",
        ),
        (
            {"putusan": "DITERIMA", "rating_hasil": "DI_ATAS", "rating_perilaku": "DI_ATAS"},
            "Tuliskan keputusan dan pertimbangannya.",
        ),
        (
            {
                "putusan": "DITERIMA",
                "keputusan": "Diterima.",
                "rating_hasil": "SESUAI",
                "rating_perilaku": "SESUAI",
            },
            "Keberatan yang diterima mengubah rating; jika rating tetap, tolak keberatan.",
        ),
    ):
        response = hr.post(action_url("putuskan", keberatan.pk), data)
        assert (response.url, texts(response)) == (back_to(siti), [message])
    assert penilaian_state() == before

    decision = {
        "putusan": "DITERIMA",
        "keputusan": "Capaian melampaui target; rating dinaikkan.",
        "rating_hasil": "DI_ATAS",
        "rating_perilaku": "DI_ATAS",
    }
    response = hr.post(action_url("putuskan", keberatan.pk), decision)
    assert texts(response) == ["Keberatan diterima; predikat menjadi Sangat Baik."]
    siti = refresh(siti)
    assert (siti.rating_hasil, siti.rating_perilaku, siti.predikat) == (
        "DI_ATAS",
        "DI_ATAS",
        "SANGAT_BAIK",
    )

    page = siti_client.get(detail_url(siti))
    assert by_testid(page, "keberatan-status") == ["Diterima"]
    assert by_testid(page, "keberatan-predikat") == [
        "Baik → Sangat Baik (hasil kerja Di Atas Ekspektasi, perilaku kerja Di Atas Ekspektasi)"
    ]
    assert by_testid(page, "keberatan-penjelasan")[0].startswith(PENJELASAN)
    assert by_testid(page, "keberatan-keputusan")[0].startswith(
        "Capaian melampaui target; rating dinaikkan. Admin Biro Umum"
    )
    assert by_testid(page, "predikat") == ["Sangat Baik"]
    assert by_testid(page, "rating-hasil") == ["Di Atas Ekspektasi"]
    assert (
        "Predikat Sangat Baik karena hasil kerja di atas ekspektasi dan perilaku kerja di atas "
        "ekspektasi." in page.content.decode()
    )
    assert [(bar.label, bar.jumlah) for bar in page.context["batang"]][:2] == [
        ("Sangat Baik", 2),
        ("Baik", 0),
    ]
    assert [
        row.penilaian.predikat for row in siti_client.get(reverse("penilaian:saya")).context["rows"]
    ] == ["SANGAT_BAIK"]
    # Decided: nothing more to do, and a second decision is refused.
    before = penilaian_state()
    response = hr.post(action_url("putuskan", keberatan.pk), decision)
    assert texts(response) == ["Keberatan berstatus Diterima; tindakan ini tidak dapat dilakukan."]
    response = siti_client.post(action_url("tarik", keberatan.pk))
    assert texts(response) == ["Keberatan berstatus Diterima; tindakan ini tidak dapat dilakukan."]
    assert penilaian_state() == before


def test_flow_rejected_keeps_the_predikat(agency, client_for, siti):
    client_for("pegawai").post(action_url("ajukan", siti.pk), {"alasan": ALASAN})
    keberatan = Keberatan.objects.get(penilaian=siti)
    client_for("penilai").post(action_url("jelaskan", keberatan.pk), {"penjelasan": PENJELASAN})
    decision = {
        "putusan": "DITOLAK",
        "keputusan": "Rating sudah sesuai bukti.",
        "rating_hasil": "DI_ATAS",
        "rating_perilaku": "DI_ATAS",
    }
    response = client_for("superuser").post(action_url("putuskan", keberatan.pk), decision)
    assert texts(response) == ["Keberatan ditolak; predikat tetap Baik."]
    assert (refresh(siti).predikat, refresh(keberatan).predikat_baru) == ("BAIK", "")
    page = client_for("pegawai").get(detail_url(siti))
    assert by_testid(page, "keberatan-status") == ["Ditolak"]
    assert by_testid(page, "keberatan-predikat") == ["Tidak berubah: Baik"]
    assert by_testid(page, "predikat") == ["Baik"]


def test_flow_withdrawn(agency, client_for, siti):
    client_for("pegawai").post(action_url("ajukan", siti.pk), {"alasan": ALASAN})
    keberatan = Keberatan.objects.get(penilaian=siti)
    response = client_for("pegawai").post(action_url("tarik", keberatan.pk))
    assert texts(response) == [WITHDRAWN]
    page = client_for("penilai").get(detail_url(siti))
    assert by_testid(page, "keberatan-status") == ["Ditarik"]
    assert by_testid(page, "keberatan-keputusan") == ["Keberatan ditarik oleh pegawai."]
    assert [name for name in FORMS if by_testid(page, name)] == []
    before = penilaian_state()
    response = client_for("penilai").post(
        action_url("jelaskan", keberatan.pk), {"penjelasan": PENJELASAN}
    )
    assert texts(response) == ["Keberatan berstatus Ditarik; tindakan ini tidak dapat dilakukan."]
    assert penilaian_state() == before


def test_upheld_objection_must_keep_the_curve(agency, client_for):
    """A group of 11 under Biro Umum rated within the curve of Baik (7 Baik, the most 70%
    allows); upholding the only Butuh Perbaikan to Baik would make 8 Baik and leave nobody low:
    refused, nothing changes."""
    _penetapan, unit, kepala, members, _periode = finalised_group(10, induk=agency.biro)
    low = Penilaian.objects.get(pegawai=members[9])
    assert low.predikat == "BUTUH_PERBAIKAN"
    keberatan = explained(filed(low), kepala)
    before = penilaian_state()
    decision = {
        "putusan": "DITERIMA",
        "keputusan": "Diterima.",
        "rating_hasil": "SESUAI",
        "rating_perilaku": "SESUAI",
    }
    response = client_for("admin").post(action_url("putuskan", keberatan.pk), decision)
    assert response.url == back_to(low)
    assert texts(response) == [
        f"Dengan rating ini distribusi predikat kelompok {unit.nama} keluar dari kurva "
        "(Baik paling banyak 70%; Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang). "
        "Pilih rating lain atau minta penetapan kelompok dibuka kembali."
    ]
    assert penilaian_state() == before


def test_the_appraisers_superior_decides(agency, client_for):
    """An appraiser with an appraiser of their own: that superior decides, not the appraiser
    and not HR."""
    periode = open_period("TW2")
    unit = cast(Unit, UnitFactory(nama="Bagian Keuangan", induk=agency.biro))
    atasan = pegawai_with_account(nama="Dewi Atasan", unit=agency.biro)
    kepala = pegawai_with_account(nama="Kepala Keuangan", unit=unit, penilai=atasan)
    staff = [pegawai_with_account(unit=unit, penilai=kepala) for _ in range(2)]
    org_rating(unit, periode)
    rate_all(staff, periode, [Predikat.BAIK, Predikat.BUTUH_PERBAIKAN])
    rate(kepala, periode, Predikat.BAIK)
    services.penetapan_finalise(aktor=aktor_for(kepala), unit=unit, periode=periode)
    penilaian = Penilaian.objects.get(pegawai=staff[1], periode=periode)
    assert penilaian.identitas["atasan_penilai"]["nama"] == "Dewi Atasan"

    def client(pegawai: Pegawai) -> Client:
        made = Client()
        assert pegawai.pengguna is not None
        made.force_login(pegawai.pengguna)
        return made

    response = client(staff[1]).post(action_url("ajukan", penilaian.pk), {"alasan": ALASAN})
    assert texts(response) == [FILED]
    keberatan = Keberatan.objects.get(penilaian=penilaian)
    assert keberatan.atasan_id == atasan.pk
    explain = {"penjelasan": PENJELASAN}
    assert client(atasan).post(action_url("jelaskan", keberatan.pk), explain).status_code == 403
    assert client(staff[0]).post(action_url("jelaskan", keberatan.pk), explain).status_code == 404
    assert texts(client(kepala).post(action_url("jelaskan", keberatan.pk), explain)) == [EXPLAINED]
    waiting = client(atasan).get(reverse("penilaian:keberatan"))
    assert [row.keberatan for row in waiting.context["menunggu"]] == [keberatan]
    decision = {
        "putusan": "DITERIMA",
        "keputusan": "Diterima.",
        "rating_hasil": "SESUAI",
        "rating_perilaku": "SESUAI",
    }
    before = penilaian_state()
    for other in (client(kepala), client_for("admin")):
        assert other.post(action_url("putuskan", keberatan.pk), decision).status_code == 403
    assert penilaian_state() == before
    assert forms_seen(client(atasan), penilaian) == ["form-putuskan"]
    response = client(atasan).post(action_url("putuskan", keberatan.pk), decision)
    assert texts(response) == ["Keberatan diterima; predikat menjadi Baik."]
    assert refresh(penilaian).predikat == "BAIK"
    assert by_testid(client(staff[1]).get(detail_url(penilaian)), "keberatan-predikat") == [
        "Butuh Perbaikan → Baik (hasil kerja Sesuai Ekspektasi, perilaku kerja Sesuai Ekspektasi)"
    ]
