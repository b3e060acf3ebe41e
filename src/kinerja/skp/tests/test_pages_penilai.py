"""The appraiser's pages: the inbox of the appraisees' plans (permission matrix, order, counts,
filters, pinned query count) and the decisions approve / return (permission matrix, notes,
messages, where they lead back to, refusals that change nothing)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.periode.models import TahunKinerja
from kinerja.periode.services import tahun_update
from kinerja.skp import services
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import (
    SYSTEM,
    TAHUN,
    aktor_for,
    approved_plan,
    open_year,
    plan_with_rhk,
)
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

INBOX_QUERIES = 9


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def names(response) -> list[str]:
    return [row.pegawai.nama for row in response.context["rows"]]


def submitted_plan(pegawai: Pegawai, leader_rhk: Rhk, **kwargs) -> Skp:
    skp, _rhk = plan_with_rhk(pegawai, rhk_atasan=leader_rhk, **kwargs)
    return services.skp_submit(aktor=aktor_for(pegawai), skp=skp)


@pytest.fixture
def leader_rhk(agency) -> Rhk:
    """The year is opened and the appraiser's plan approved (so appraisees may submit)."""
    open_year()
    _skp, rhk = approved_plan(agency.penilai, uraian="Terkelolanya kepegawaian biro", kode="A-1")
    return rhk


@pytest.fixture
def siti_submitted(agency, leader_rhk) -> Skp:
    return submitted_plan(agency.pegawai, leader_rhk)


def appraisee(agency, nama: str) -> Pegawai:
    return PegawaiFactory(nama=nama, unit=agency.bagian, penilai=agency.penilai)


# --- The inbox -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_inbox_matrix(agency, client_for, siti_submitted, role):
    before = skp_state()
    response = client_for(role).get(reverse("skp:subordinates"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai", "outsider"}:
        assert response.status_code == 200
        assert names(response) == (["Siti Aminah"] if role == "penilai" else [])
        assert response.context["nav_section"] == "skp-bawahan"
        assert response.context["tahun"] == TAHUN
    else:
        assert response.status_code == 404
    assert skp_state() == before


def test_inbox_lists_submitted_first_oldest_first_with_counts(agency, client_for, leader_rhk):
    siti = services.skp_submit(
        aktor=aktor_for(agency.pegawai), skp=plan_with_rhk(agency.pegawai, rhk_atasan=leader_rhk)[0]
    )
    agus = submitted_plan(appraisee(agency, "Agus Salim"), leader_rhk)
    plan_with_rhk(appraisee(agency, "Bambang Pamungkas"), rhk_atasan=leader_rhk)
    appraisee(agency, "Citra Kirana")
    dewi = submitted_plan(appraisee(agency, "Dewi Sartika"), leader_rhk)
    services.skp_return(aktor=aktor_for(agency.penilai), skp=dewi, catatan="Perbaiki target.")
    eko = submitted_plan(appraisee(agency, "Eko Prasetyo"), leader_rhk)
    services.skp_approve(aktor=aktor_for(agency.penilai), skp=eko)
    early = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 30))
    Skp.objects.filter(pk=agus.pk).update(diajukan_pada=early)
    Skp.objects.filter(pk=siti.pk).update(diajukan_pada=early + datetime.timedelta(days=2))

    client = client_for("penilai")
    response = client.get(reverse("skp:subordinates"), {"tahun": TAHUN})
    assert response.status_code == 200
    assert names(response) == [
        "Agus Salim",
        "Siti Aminah",
        "Bambang Pamungkas",
        "Citra Kirana",
        "Dewi Sartika",
        "Eko Prasetyo",
    ]
    assert [(c.kode, c.label, c.jumlah) for c in response.context["counts"]] == [
        ("DIAJUKAN", "Diajukan", 2),
        ("DIKEMBALIKAN", "Dikembalikan", 1),
        ("DRAF", "Draf", 1),
        ("DISETUJUI", "Disetujui", 1),
        ("TANPA_SKP", "Belum ada SKP", 1),
    ]
    assert response.context["jumlah_semua"] == 6
    page = response.content.decode()
    assert "5 Januari 2026 09.30" in page
    assert "7 Januari 2026 09.30" in page
    assert page.count('data-testid="setujui-') == 2
    assert f'data-testid="setujui-{agus.pk}"' in page
    assert f'data-testid="setujui-{siti.pk}"' in page
    assert f'href="{reverse("skp:detail", args=[eko.pk])}">Buka SKP</a>' in page
    assert f'href="{reverse("skp:detail", args=[agus.pk])}">Periksa SKP</a>' in page
    assert "Belum menyusun SKP" in page

    without = client.get(reverse("skp:subordinates"), {"tahun": TAHUN, "status": "TANPA_SKP"})
    assert names(without) == ["Citra Kirana"]
    waiting = client.get(reverse("skp:subordinates"), {"tahun": TAHUN, "status": "DIAJUKAN"})
    assert names(waiting) == ["Agus Salim", "Siti Aminah"]
    assert [c.jumlah for c in waiting.context["counts"]] == [2, 1, 1, 1, 1]
    returned = client.get(reverse("skp:subordinates"), {"tahun": TAHUN, "status": "DIKEMBALIKAN"})
    assert names(returned) == ["Dewi Sartika"]


def test_inbox_of_another_year_and_bad_filters(agency, client_for, siti_submitted):
    open_year(2027)
    client = client_for("penilai")
    other = client.get(reverse("skp:subordinates"), {"tahun": 2027})
    assert other.context["tahun"] == 2027
    assert [row.skp for row in other.context["rows"]] == [None]
    assert [c.jumlah for c in other.context["counts"]] == [0, 0, 0, 0, 1]
    assert other.context["years"] == [2027, 2026]
    bad = client.get(reverse("skp:subordinates"), {"tahun": "dua ribu", "status": "LAIN"})
    assert bad.status_code == 200
    assert bad.context["tahun"] == TAHUN
    assert bad.context["status"] == ""
    assert names(bad) == ["Siti Aminah"]


def test_inbox_for_an_employee_without_appraisees(agency, client_for, siti_submitted):
    response = client_for("pegawai").get(reverse("skp:subordinates"))
    assert response.context["rows"] == []
    assert "Saat ini tidak ada pegawai yang Anda nilai." in response.content.decode()
    filtered = client_for("penilai").get(reverse("skp:subordinates"), {"status": "DISETUJUI"})
    assert "Tidak ada bawahan dengan status ini." in filtered.content.decode()


def test_inbox_excludes_inactive_and_former_appraisees(agency, client_for, leader_rhk):
    PegawaiFactory(nama="Pensiunan", unit=agency.bagian, penilai=agency.penilai, aktif=False)
    PegawaiFactory(nama="Orang Lain", unit=agency.bagian, penilai=agency.outsider)
    response = client_for("penilai").get(reverse("skp:subordinates"))
    assert names(response) == ["Siti Aminah"]


def populate_inbox(agency, leader_rhk, count: int) -> None:
    for number in range(count):
        submitted_plan(appraisee(agency, f"Bawahan {number:03d}"), leader_rhk)


@pytest.mark.parametrize("count", [3, 15])
def test_inbox_query_count_is_flat(agency, leader_rhk, django_assert_num_queries, count):
    populate_inbox(agency, leader_rhk, count)
    client = Client()
    client.force_login(agency.penilai.pengguna)
    with django_assert_num_queries(INBOX_QUERIES):
        response = client.get(reverse("skp:subordinates"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == count + 1


# --- Approve and return ----------------------------------------------------------------------

DECISIONS = [
    ("skp:approve", {"catatan": "Sudah sesuai."}, "DISETUJUI"),
    ("skp:return", {"catatan": "Lengkapi indikator kualitas."}, "DIKEMBALIKAN"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "data", "after"), DECISIONS)
def test_decision_matrix(agency, client_for, siti_submitted, role, name, data, after):
    url = reverse(name, args=[siti_submitted.pk])
    client = client_for(role)
    before = skp_state()
    response = client.post(url, data)
    siti_submitted.refresh_from_db()
    if role == "penilai":
        assert response.status_code == 302
        assert response.url == reverse("skp:detail", args=[siti_submitted.pk])
        assert siti_submitted.status == after
        assert siti_submitted.catatan_penilai == data["catatan"]
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "outsider":
        assert response.status_code == 404
    else:
        # The owner, HR, the leader and the superuser read the plan but do not decide on it.
        assert response.status_code == 403
    assert siti_submitted.status == "DIAJUKAN"
    assert skp_state() == before


@pytest.mark.parametrize(("name", "data", "after"), DECISIONS)
def test_decisions_are_post_only(agency, client_for, siti_submitted, name, data, after):
    before = skp_state()
    response = client_for("penilai").get(reverse(name, args=[siti_submitted.pk]), data)
    assert response.status_code == 405
    assert skp_state() == before


def test_decision_on_a_missing_plan_is_404(agency, client_for, siti_submitted):
    for name in ("skp:approve", "skp:return"):
        response = client_for("penilai").post(reverse(name, args=[siti_submitted.pk + 100]))
        assert response.status_code == 404


def test_approve_from_the_inbox_goes_back_to_it(agency, client_for, siti_submitted):
    client = client_for("penilai")
    inbox = f"{reverse('skp:subordinates')}?tahun={TAHUN}&status=DIAJUKAN"
    response = client.post(
        reverse("skp:approve", args=[siti_submitted.pk]), {"catatan": "", "next": inbox}
    )
    assert response.status_code == 302
    assert response.url == inbox
    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == ["SKP 2026 Siti Aminah disetujui."]
    assert names(page) == []
    siti_submitted.refresh_from_db()
    assert siti_submitted.status == "DISETUJUI"
    assert siti_submitted.catatan_penilai == ""
    assert siti_submitted.identitas["penilai"]["nama"] == "Budi Santoso"
    assert list(siti_submitted.riwayat.values_list("aksi", "oleh_label")) == [
        ("DISETUJUI", f"Budi Santoso ({agency.penilai.nip})"),
        ("DIAJUKAN", f"Siti Aminah ({agency.pegawai.nip})"),
        ("DIBUAT", f"Siti Aminah ({agency.pegawai.nip})"),
    ]


@pytest.mark.parametrize(
    "target",
    [
        "https://contoh.invalid/skp/",
        "//contoh.invalid/skp/",
        "javascript:alert(1)",
        "skp/bawahan/",
        "/\\contoh.invalid/",
    ],
)
def test_decision_never_leads_off_the_site(agency, client_for, siti_submitted, target):
    response = client_for("penilai").post(
        reverse("skp:return", args=[siti_submitted.pk]), {"catatan": "Perbaiki.", "next": target}
    )
    assert response.status_code == 302
    assert response.url == reverse("skp:detail", args=[siti_submitted.pk])


def test_return_needs_a_note_and_changes_nothing_without_one(agency, client_for, siti_submitted):
    before = skp_state()
    response = client_for("penilai").post(
        reverse("skp:return", args=[siti_submitted.pk]), {"catatan": "   "}
    )
    assert response.status_code == 302
    assert response.url == reverse("skp:detail", args=[siti_submitted.pk])
    assert sent_messages(response) == ["Tuliskan catatan: apa yang perlu diperbaiki."]
    assert skp_state() == before


def test_return_with_a_note(agency, client_for, siti_submitted):
    response = client_for("penilai").post(
        reverse("skp:return", args=[siti_submitted.pk]),
        {"catatan": "  Target kuantitas terlalu rendah.  "},
    )
    assert sent_messages(response) == [
        "SKP 2026 Siti Aminah dikembalikan dengan catatan untuk diperbaiki."
    ]
    siti_submitted.refresh_from_db()
    assert siti_submitted.status == "DIKEMBALIKAN"
    assert siti_submitted.catatan_penilai == "Target kuantitas terlalu rendah."
    assert siti_submitted.riwayat.first().catatan == "Target kuantitas terlalu rendah."


def test_a_second_decision_is_refused_and_changes_nothing(agency, client_for, siti_submitted):
    client = client_for("penilai")
    first = client.post(
        reverse("skp:approve", args=[siti_submitted.pk]),
        {"catatan": "Baik.", "next": reverse("skp:subordinates")},
    )
    assert [str(m) for m in client.get(first.url).context["messages"]] == [
        "SKP 2026 Siti Aminah disetujui."
    ]
    before = skp_state()
    again = client.post(reverse("skp:approve", args=[siti_submitted.pk]))
    assert sent_messages(again) == [
        "SKP berstatus disetujui tidak dapat disetujui; hanya SKP yang diajukan."
    ]
    back = client_for("penilai").post(
        reverse("skp:return", args=[siti_submitted.pk]), {"catatan": "Ubah."}
    )
    assert sent_messages(back) == [
        "SKP berstatus disetujui tidak dapat dikembalikan; hanya SKP yang diajukan."
    ]
    assert skp_state() == before


def test_approve_after_the_deadline_is_refused(agency, client_for, siti_submitted):
    tahun_update(
        aktor=SYSTEM,
        tahun=TahunKinerja.objects.get(tahun=TAHUN),
        batas_pengajuan_skp=datetime.date(2026, 1, 31),
        batas_persetujuan_skp=datetime.date(2026, 2, 14),
        aspek_biaya=False,
    )
    before = skp_state()
    response = client_for("penilai").post(reverse("skp:approve", args=[siti_submitted.pk]))
    assert sent_messages(response) == [
        "Batas persetujuan SKP telah lewat pada 14 Februari 2026; minta admin kepegawaian "
        "memperpanjang batas persetujuan."
    ]
    assert skp_state() == before


def test_an_overlong_note_is_refused(agency, client_for, siti_submitted):
    before = skp_state()
    response = client_for("penilai").post(
        reverse("skp:approve", args=[siti_submitted.pk]), {"catatan": "x" * 2001}
    )
    assert sent_messages(response) == [
        "Pastikan nilai ini mengandung paling banyak 2000 karakter (sekarang 2001 karakter)."
    ]
    assert skp_state() == before


def test_agency_head_without_appraiser_is_decided_by_hr(agency, client_for):
    """A plan of an employee without an appraiser in the product goes to the admin kepegawaian
    of their unit (the admin of biro for the head of bagian)."""
    open_year()
    skp, _rhk = plan_with_rhk(agency.penilai)
    services.skp_submit(aktor=aktor_for(agency.penilai), skp=skp)
    for role, status in (("pimpinan", 403), ("pegawai", 403), ("outsider", 404)):
        assert client_for(role).post(reverse("skp:approve", args=[skp.pk])).status_code == status
    response = client_for("admin").post(reverse("skp:approve", args=[skp.pk]))
    assert sent_messages(response) == ["SKP 2026 Budi Santoso disetujui."]
    skp.refresh_from_db()
    assert skp.status == "DISETUJUI"
