"""HR's monitoring of a period (permission matrix, exact numbers per unit for a constructed
agency, drill-down, the subtree of an admin, the list of who has not submitted and when it is
late, the period's unlocks, pinned query count) and the unlock page (permission matrices, a
person and a unit unlocked, refusals with their exact messages that change nothing, and a locked
report that can be edited again afterwards)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory, PenggunaFactory, give_role
from kinerja.periode.models import Periode
from kinerja.realisasi import services
from kinerja.realisasi.models import BukaKunci, Laporan, Realisasi
from kinerja.realisasi.tests.factories import link, open_period, report_for, upload
from kinerja.realisasi.tests.helpers import realisasi_state
from kinerja.skp.models import Indikator
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan

pytestmark = pytest.mark.django_db

READERS = {"admin", "pimpinan", "auditor", "superuser"}
UNLOCKERS = {"admin", "superuser"}
MONITORING_QUERIES = 11
MONITORING_UNIT_QUERIES = 15
TODAY = timezone.localdate()
WEEK = TODAY + datetime.timedelta(days=7)
LOCK_MESSAGE = (
    "Batas verifikasi periode ini telah lewat pada 20 Oktober 2026; minta admin kepegawaian "
    "membuka kuncinya."
)


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response) -> list[str]:
    """The messages this request added (earlier ones may still wait in the client's cookie)."""
    return [str(message) for message in response.wsgi_request._messages._queued_messages]


def url(name: str = "realisasi:monitoring", **query: Any) -> str:
    text = "&".join(f"{key}={value}" for key, value in query.items())
    return f"{reverse(name)}?{text}" if text else reverse(name)


def numbers(response) -> list[tuple]:
    """Each row: unit code, own employees only?, employees with an approved plan, submitted,
    done, not submitted, items waiting / accepted / to correct / rejected."""
    return [
        (
            row.unit.kode,
            row.langsung,
            row.pegawai,
            row.diajukan,
            row.selesai,
            row.belum_mengajukan,
            row.bukti["MENUNGGU"],
            row.bukti["DITERIMA"],
            row.bukti["PERLU_PERBAIKAN"],
            row.bukti["DITOLAK"],
        )
        for row in response.context["rows"]
    ]


def late(response) -> list[str]:
    return [pegawai.nama for pegawai in response.context["employees"]]


@dataclass
class Periods:
    tw3: Periode
    tw4: Periode


@pytest.fixture
def periods(agency) -> Periods:
    """The test agency in TW4 2026 (open, deadlines far ahead) and TW3 2026 (past its
    deadlines: realisation 10 October, verification 20 October):

    root (SET): Sekretaris — no plan
    biro (BU): Kepala — TW4 done (1 item accepted)
    bagian (BU-SDM): Budi — TW4 not started, TW3 done; Siti — TW4 submitted (1 item returned,
      1 waiting); Rina — TW4 draft with 1 item; Tono — no plan
    lain (BL): Joko — TW4 needs correction (1 rejected, 1 accepted); Wati — nothing;
      Purna (inactive) — TW4 submitted, not counted
    """
    tw4 = open_period()
    tw3 = open_period("TW3")
    PegawaiFactory(nama="Sekretaris", unit=agency.root)
    kepala = PegawaiFactory(nama="Kepala", unit=agency.biro)
    _skp, leader_rhk = approved_plan(agency.penilai)
    rina = PegawaiFactory(nama="Rina", unit=agency.bagian)
    PegawaiFactory(nama="Tono", unit=agency.bagian)
    wati = PegawaiFactory(nama="Wati", unit=agency.lain)
    purna = PegawaiFactory(nama="Purna", unit=agency.lain)
    for pegawai in (kepala, agency.outsider, wati, rina, purna):
        approved_plan(pegawai)

    def submitted(pegawai: Pegawai, periode: Periode, links: int = 0, **plan: Any) -> Laporan:
        laporan, _skp, rhk = report_for(pegawai, periode, **plan)
        upload(laporan, rhk)
        for number in range(links):
            link(laporan, rhk, f"https://drive.example.go.id/{pegawai.pk}/{number}")
        return services.laporan_submit(aktor=aktor_for(pegawai), laporan=laporan)

    services.bukti_accept_all(aktor=SYSTEM, laporan=submitted(kepala, tw4))
    siti = submitted(agency.pegawai, tw4, links=1, rhk_atasan=leader_rhk)
    returned = siti.bukti.order_by("pk").first()
    services.bukti_verdict(
        aktor=aktor_for(agency.penilai), bukti=returned, status="PERLU_PERBAIKAN", catatan="Ulang."
    )
    draft, _skp, rhk = report_for(rina, tw4)
    upload(draft, rhk)
    joko = submitted(agency.outsider, tw4, links=1)
    rejected, accepted = list(joko.bukti.order_by("pk"))
    services.bukti_verdict(aktor=SYSTEM, bukti=rejected, status="DITOLAK", catatan="Bukan bukti.")
    services.bukti_verdict(aktor=SYSTEM, bukti=accepted, status="DITERIMA")
    submitted(purna, tw4)
    Pegawai.objects.filter(pk=purna.pk).update(aktif=False)
    services.bukti_accept_all(aktor=SYSTEM, laporan=submitted(agency.penilai, tw3))
    Periode.objects.filter(pk=tw3.pk).update(
        batas_realisasi=datetime.date(2026, 10, 10), batas_verifikasi=datetime.date(2026, 10, 20)
    )
    return Periods(Periode.objects.get(pk=tw3.pk), tw4)


# --- Monitoring ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_monitoring_matrix(agency, client_for, periods, role):
    before = realisasi_state()
    response = client_for(role).get(reverse("realisasi:monitoring"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        assert response.context["nav_section"] == "pemantauan"
        assert response.context["periode"] == periods.tw4
        top = "BU" if role in {"admin", "pimpinan"} else "SET"
        assert [row.unit.kode for row in response.context["rows"]] == [top]
        assert "employees" not in response.context
        page = response.content.decode()
        assert ('data-testid="buka-kunci-tautan"' in page) is (role in UNLOCKERS)
    else:
        assert response.status_code == 404
    assert realisasi_state() == before


def test_numbers_of_the_agency_and_its_drill_down(agency, client_for, periods):
    client = client_for("auditor")
    top = client.get(reverse("realisasi:monitoring"))
    assert numbers(top) == [("SET", False, 6, 3, 1, 3, 1, 2, 1, 1)]
    page = top.content.decode()
    assert "Pemantauan realisasi Triwulan IV-Akhir 2026" in page
    assert "Pilih unit untuk melihat sub-unitnya" in page
    monitoring_root = url(periode=periods.tw4.pk, unit=agency.root.pk).replace("&", "&amp;")
    assert f'<a href="{monitoring_root}">Sekretariat Badan</a>' in page

    root = client.get(url(periode=periods.tw4.pk, unit=agency.root.pk))
    assert numbers(root) == [
        ("SET", True, 0, 0, 0, 0, 0, 0, 0, 0),
        ("BL", False, 2, 1, 0, 1, 0, 1, 0, 1),
        ("BU", False, 4, 2, 1, 2, 1, 1, 1, 0),
    ]
    assert late(root) == ["Wati", "Budi Santoso", "Rina"]
    assert root.context["page_obj"].paginator.count == 3
    assert root.context["terlambat"] is False
    html = root.content.decode()
    assert "Sekretariat Badan (pegawai langsung)" in html
    assert html.count('<span class="badge warn">Belum mengajukan</span>') == 3
    assert "Terlambat" not in html

    biro = client.get(url(periode=periods.tw4.pk, unit=agency.biro.pk))
    assert numbers(biro) == [
        ("BU", True, 1, 1, 1, 0, 0, 1, 0, 0),
        ("BU-SDM", False, 3, 1, 0, 2, 1, 0, 1, 0),
    ]
    assert late(biro) == ["Budi Santoso", "Rina"]
    crumbs = biro.content.decode()
    assert f'&amp;unit={agency.root.pk}">Sekretariat Badan</a>' in crumbs

    bagian = client.get(url(periode=periods.tw4.pk, unit=agency.bagian.pk))
    assert numbers(bagian) == [("BU-SDM", True, 3, 1, 0, 2, 1, 0, 1, 0)]


def test_a_past_period_marks_who_is_late(agency, client_for, periods):
    client = client_for("superuser")
    top = client.get(url(periode=periods.tw3.pk))
    assert top.context["periode"] == periods.tw3
    assert numbers(top) == [("SET", False, 6, 1, 1, 5, 0, 1, 0, 0)]
    assert "telah lewat" in top.content.decode()
    bagian = client.get(url(periode=periods.tw3.pk, unit=agency.bagian.pk))
    assert bagian.context["terlambat"] is True
    assert late(bagian) == ["Rina", "Siti Aminah"]
    html = bagian.content.decode()
    assert html.count('<span class="badge bad">Terlambat</span>') == 2
    assert "batas realisasi 10 Oktober 2026 telah lewat" in html
    unlock_siti = url("realisasi:unlock", periode=periods.tw3.pk, nip=agency.pegawai.nip)
    assert f'<a href="{unlock_siti.replace("&", "&amp;")}">Buka kunci</a>' in html


def test_an_admin_sees_only_their_subtree(agency, client_for, periods):
    client = client_for("admin")
    top = client.get(reverse("realisasi:monitoring"))
    assert numbers(top) == [("BU", False, 4, 2, 1, 2, 1, 1, 1, 0)]
    assert client.get(url(unit=agency.lain.pk)).status_code == 404
    assert client.get(url(unit=agency.root.pk)).status_code == 404
    biro = client.get(url(unit=agency.biro.pk))
    assert biro.context["induk_terbaca"] is False
    assert late(biro) == ["Budi Santoso", "Rina"]


def test_period_choices_and_a_bad_period(agency, client_for, periods):
    client = client_for("auditor")
    response = client.get(url(periode="abc", unit="x"))
    assert response.status_code == 200
    assert response.context["periode"] == periods.tw4
    assert response.context["unit"] is None
    assert [label for _value, label in response.context["form"].fields["periode"].choices] == [
        "Triwulan IV-Akhir 2026",
        "Triwulan III 2026",
    ]


def test_monitoring_without_any_open_period(agency, client_for):
    response = client_for("auditor").get(reverse("realisasi:monitoring"))
    assert response.status_code == 200
    assert response.context["periode"] is None
    assert "Belum ada periode yang dibuka." in response.content.decode()


def test_the_period_unlocks_are_listed(agency, client_for, periods):
    unlock = services.buka_kunci_create(
        aktor=aktor_for(agency.penilai),
        periode=periods.tw3,
        pegawai=agency.pegawai,
        sampai=WEEK,
        alasan="Sakit saat batas realisasi.",
    )
    other = services.buka_kunci_create(
        aktor=SYSTEM,
        periode=periods.tw3,
        unit=agency.lain,
        sampai=TODAY,
        alasan="Gangguan jaringan.",
    )
    services.buka_kunci_create(
        aktor=SYSTEM,
        periode=periods.tw4,
        unit=agency.bagian,
        sampai=TODAY,
        alasan="Periode lain.",
    )
    auditor = client_for("auditor").get(url(periode=periods.tw3.pk))
    assert auditor.context["buka_kunci"] == [other, unlock]
    html = auditor.content.decode()
    assert "Unit Biro Lain beserta sub-unitnya" in html
    assert "Sakit saat batas realisasi." in html
    assert format_date(WEEK) in html
    assert f"Budi Santoso ({agency.penilai.nip})" in html
    admin = client_for("admin").get(url(periode=periods.tw3.pk))
    assert admin.context["buka_kunci"] == [unlock]
    empty = client_for("admin").get(url(periode=periods.tw4.pk, unit=agency.bagian.pk))
    assert [item.alasan for item in empty.context["buka_kunci"]] == ["Periode lain."]


def populate(agency, periode: Periode, count: int) -> None:
    for number in range(count):
        pegawai = PegawaiFactory(nama=f"Pegawai {number:02d}", unit=agency.bagian)
        laporan, _skp, rhk = report_for(pegawai, periode)
        if number % 2:
            upload(laporan, rhk)
            services.laporan_submit(aktor=SYSTEM, laporan=laporan)
        services.buka_kunci_create(
            aktor=SYSTEM, periode=periode, pegawai=pegawai, sampai=TODAY, alasan="Tes."
        )


@pytest.mark.parametrize("count", [2, 10])
def test_monitoring_query_count_is_flat(agency, django_assert_num_queries, count):
    periode = open_period()
    populate(agency, periode, count)
    client = Client()
    client.force_login(agency.superuser)
    with django_assert_num_queries(MONITORING_QUERIES):
        top = client.get(reverse("realisasi:monitoring"))
    assert top.context["rows"][0].pegawai == count
    with django_assert_num_queries(MONITORING_UNIT_QUERIES):
        response = client.get(url(unit=agency.bagian.pk))
    assert response.context["page_obj"].paginator.count == count // 2
    assert len(response.context["buka_kunci"]) == count


# --- Unlocking -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_unlock_page_matrix(agency, client_for, periods, role):
    response = client_for(role).get(url("realisasi:unlock", periode=periods.tw3.pk))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in UNLOCKERS:
        assert response.status_code == 200
        assert response.context["nav_section"] == "pemantauan"
        form = response.context["form"]
        assert form["sampai"].value() == WEEK
        assert form["periode"].value() == str(periods.tw3.pk)
        html = response.content.decode()
        assert f'name="sampai" value="{WEEK:%Y-%m-%d}"' in html
        assert f'<option value="{periods.tw3.pk}" selected>Triwulan III 2026</option>' in html
        units = [unit.kode for unit in form.fields["unit"].queryset]
        assert units == (["BU", "BU-SDM"] if role == "admin" else ["SET", "BU", "BU-SDM", "BL"])
    elif role in READERS:
        assert response.status_code == 403
    else:
        assert response.status_code == 404


def unlock_data(periode: Periode, **changes: Any) -> dict[str, Any]:
    data = {"periode": periode.pk, "sampai": f"{WEEK:%Y-%m-%d}", "alasan": "Sakit saat batas."}
    return data | changes


@pytest.mark.parametrize("role", ROLES)
def test_unlock_post_matrix(agency, client_for, periods, role):
    before = realisasi_state()
    response = client_for(role).post(
        reverse("realisasi:unlock"), unlock_data(periods.tw3, nip=agency.pegawai.nip)
    )
    if role in UNLOCKERS:
        assert response.status_code == 302
        assert response.url == url(periode=periods.tw3.pk, unit=agency.bagian.pk)
        assert list(BukaKunci.objects.values_list("pegawai_id", "unit_id", "sampai", "alasan")) == [
            (agency.pegawai.pk, None, WEEK, "Sakit saat batas.")
        ]
        assert sent_messages(response) == [
            f"Kunci Triwulan III dibuka untuk Siti Aminah sampai {format_date(WEEK)}."
        ]
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    assert realisasi_state() == before


def locked_draft(pegawai: Pegawai, periods: Periods, **plan: Any) -> tuple[Laporan, Indikator]:
    """A TW3 draft report opened while TW3 was open, now past its verification deadline."""
    Periode.objects.filter(pk=periods.tw3.pk).update(batas_verifikasi=datetime.date(2099, 1, 1))
    laporan, _skp, rhk = report_for(pegawai, periods.tw3, **plan)
    Periode.objects.filter(pk=periods.tw3.pk).update(batas_verifikasi=datetime.date(2026, 10, 20))
    return Laporan.objects.get(pk=laporan.pk), rhk.indikator.get()


def record(pegawai: Pegawai, laporan: Laporan, indikator: Indikator, nilai: str) -> Realisasi:
    return services.realisasi_save(
        aktor=aktor_for(pegawai), laporan=laporan, indikator=indikator, nilai=nilai
    )


def test_unlocking_a_person_lets_them_edit_the_locked_report(agency, client_for, periods):
    laporan, indikator = locked_draft(agency.pegawai, periods)
    with pytest.raises(ValidationError) as refused:
        record(agency.pegawai, laporan, indikator, "10")
    assert refused.value.messages == [LOCK_MESSAGE]
    response = client_for("admin").post(
        reverse("realisasi:unlock"), unlock_data(periods.tw3, nip=f" {agency.pegawai.nip} ")
    )
    assert response.status_code == 302
    assert record(agency.pegawai, laporan, indikator, "10,5").nilai == Decimal("10.5")
    # Only that person: Rina in the same unit stays locked.
    rina = Pegawai.objects.get(nama="Rina")
    other, other_indikator = locked_draft(rina, periods)
    with pytest.raises(ValidationError):
        record(rina, other, other_indikator, "3")


def test_unlocking_a_unit_covers_its_subtree(agency, client_for, periods):
    rina = Pegawai.objects.get(nama="Rina")
    laporan, indikator = locked_draft(rina, periods)
    response = client_for("admin").post(
        reverse("realisasi:unlock"), unlock_data(periods.tw3, unit=agency.biro.pk)
    )
    assert response.status_code == 302
    assert response.url == url(periode=periods.tw3.pk, unit=agency.biro.pk)
    assert sent_messages(response) == [
        f"Kunci Triwulan III dibuka untuk Biro Umum sampai {format_date(WEEK)}."
    ]
    assert list(BukaKunci.objects.values_list("pegawai_id", "unit_id", "oleh_label")) == [
        (None, agency.biro.pk, "Admin Biro Umum (" + agency.admin.nip + ")")
    ]
    assert record(rina, laporan, indikator, "7").nilai == Decimal("7")


YESTERDAY = TODAY - datetime.timedelta(days=1)
NOT_A_CHOICE = (
    "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
)
REFUSALS = {
    "no reason": ({"alasan": "  "}, "alasan", "Tuliskan alasan membuka kunci."),
    "past day": (
        {"sampai": f"{YESTERDAY:%Y-%m-%d}"},
        "sampai",
        "Tanggal berakhir tidak boleh sebelum hari ini.",
    ),
    "no day": ({"sampai": ""}, "sampai", "Tanggal wajib diisi."),
    "no period": ({"periode": ""}, "periode", "Bidang ini tidak boleh kosong."),
    "annual period": ({"periode": "TAHUNAN"}, "periode", "NOT_A_PERIOD"),
    "neither": ({"nip": ""}, "__all__", "Pilih satu pegawai atau satu unit."),
    "both": ({"unit": "bagian"}, "__all__", "Pilih satu pegawai atau satu unit."),
    "unknown NIP": (
        {"nip": "199001012015011001"},
        "nip",
        "Tidak ada pegawai dengan NIP 199001012015011001 dalam lingkup Anda.",
    ),
    "unit outside": ({"nip": "", "unit": "lain"}, "unit", NOT_A_CHOICE),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_unlock_refusals_change_nothing(agency, client_for, periods, case):
    changes, field, message = REFUSALS[case]
    if "unit" in changes:
        changes = changes | {"unit": getattr(agency, changes["unit"]).pk}
    if changes.get("periode") == "TAHUNAN":
        annual = Periode.objects.get(kode="TAHUNAN").pk
        changes = changes | {"periode": annual}
        message = NOT_A_CHOICE.replace("Pilihan tersebut", str(annual))
    data = unlock_data(periods.tw3, nip=agency.pegawai.nip) | changes
    before = realisasi_state()
    response = client_for("admin").post(reverse("realisasi:unlock"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert f"<li>{message}</li>" in response.content.decode()
    assert realisasi_state() == before


def test_an_admin_cannot_unlock_outside_their_subtree(agency, client_for, periods):
    before = realisasi_state()
    response = client_for("admin").post(
        reverse("realisasi:unlock"), unlock_data(periods.tw3, nip=agency.outsider.nip)
    )
    assert response.context["form"].errors == {
        "nip": [f"Tidak ada pegawai dengan NIP {agency.outsider.nip} dalam lingkup Anda."]
    }
    # An admin of the biro who also appraises someone elsewhere reads that person, but may not
    # unlock them: 403.
    appraiser = PegawaiFactory(nama="Admin Penilai", unit=agency.biro)
    appraiser.pengguna = PenggunaFactory(nama="Admin Penilai")
    appraiser.save()
    give_role(appraiser.pengguna, JenisPeran.ADMIN_KEPEGAWAIAN, agency.biro)
    Pegawai.objects.filter(pk=agency.outsider.pk).update(penilai=appraiser)
    client = Client()
    client.force_login(appraiser.pengguna)
    forbidden = client.post(
        reverse("realisasi:unlock"), unlock_data(periods.tw3, nip=agency.outsider.nip)
    )
    assert forbidden.status_code == 403
    assert realisasi_state() == before
