"""The employee's pages: "Penilaian Saya" (permission matrix, exact rows with the objection state
and deadline, pinned query count) and one assessment's page (permission matrix, drafts and
other people's assessments hidden from the employee, the snapshot identity, the group's
organisation rating and curve, the per-RHK and per-value basis, the predikat explanation and the
objection section as each role sees it)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser
from typing import Any, cast

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from kinerja.aturan.enums import Predikat, Rating
from kinerja.audit.models import Entri
from kinerja.conftest import ROLES
from kinerja.core.formatting import format_date
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.penilaian import services
from kinerja.penilaian.models import Keberatan, Penetapan, Penilaian, RiwayatPenetapan
from kinerja.penilaian.tests.factories import SYSTEM, aktor_for, open_period, org_rating, rate
from kinerja.periode.models import Periode
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.tests.factories import link, report_for
from kinerja.skp.tests.factories import approved_plan

pytestmark = pytest.mark.django_db

SAYA_QUERIES = 6


# --- Helpers shared with the objection tests ---------------------------------------------------


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


def texts(response: Any) -> list[str]:
    """The messages this request added."""
    storage = cast(Any, get_messages(response.wsgi_request))
    return [str(message) for message in storage._queued_messages]


def assert_login_redirect(response: Any) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def detail_url(penilaian: Penilaian | int) -> str:
    return reverse("penilaian:detail", args=[getattr(penilaian, "pk", penilaian)])


def penilaian_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row the assessment services write (a refused act leaves them as they were)."""

    def rows(model: Any, *fields: str) -> list[tuple[Any, ...]]:
        return list(model.objects.order_by("pk").values_list("pk", *fields))

    return {
        "penilaian": rows(
            Penilaian,
            "status",
            "rating_hasil",
            "rating_perilaku",
            "predikat",
            "penetapan_id",
            "ditetapkan_pada",
        ),
        "penetapan": rows(Penetapan, "status", "jumlah"),
        "riwayat": rows(RiwayatPenetapan, "aksi", "alasan"),
        "keberatan": rows(
            Keberatan,
            "status",
            "alasan",
            "penjelasan",
            "keputusan",
            "rating_hasil_baru",
            "rating_perilaku_baru",
            "predikat_baru",
        ),
        "audit": rows(Entri, "aksi"),
        "notifikasi": rows(Notifikasi, "penerima_id", "kunci"),
    }


def finalise_bagian(agency: Any, periode: Periode, siti: Predikat = Predikat.BAIK) -> Penilaian:
    """Bagian SDM (Budi and Siti: too small to judge) with organisation rating Baik, Siti rated
    `siti` (unless already rated), Budi Sangat Baik, finalised; Siti's assessment."""
    org_rating(agency.bagian, periode)
    if not Penilaian.objects.filter(pegawai=agency.pegawai, periode=periode).exists():
        rate(agency.pegawai, periode, siti)
    rate(agency.penilai, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=periode)
    return Penilaian.objects.get(pegawai=agency.pegawai, periode=periode)


def finalised_days_ago(penilaian: Penilaian, days: int) -> datetime.date:
    """Move the finalisation back; returns the objection deadline (14 days after it)."""
    when = timezone.now() - datetime.timedelta(days=days)
    Penilaian.objects.filter(pk=penilaian.pk).update(ditetapkan_pada=when)
    return timezone.localdate(when) + datetime.timedelta(days=14)


@pytest.fixture
def periode(agency: Any) -> Periode:
    return open_period("TW1")


@pytest.fixture
def siti(agency: Any, periode: Periode) -> Penilaian:
    """Siti's finalised assessment (Baik) for Triwulan I 2026, finalised three days ago."""
    penilaian = finalise_bagian(agency, periode)
    finalised_days_ago(penilaian, 3)
    return Penilaian.objects.get(pk=penilaian.pk)


# --- Penilaian Saya ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_saya_matrix(agency, client_for, siti, role):
    before = penilaian_state()
    response = client_for(role).get(reverse("penilaian:saya"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai", "outsider"}:
        assert response.status_code == 200
        assert response.context["nav_section"] == "penilaian_saya"
        names = [row.penilaian.pegawai.nama for row in response.context["rows"]]
        assert names == {"pegawai": ["Siti Aminah"], "penilai": ["Budi Santoso"]}.get(role, [])
    else:
        # HR, the leader, the auditor and the superuser have no employee record.
        assert response.status_code == 404
    assert penilaian_state() == before


def test_saya_rows_states_and_deadlines(agency, client_for, siti, periode):
    today = timezone.localdate()
    tw2 = finalise_bagian(agency, open_period("TW2"), Predikat.SANGAT_BAIK)
    services.keberatan_file(aktor=aktor_for(agency.pegawai), penilaian=tw2, alasan="Kurang adil")
    tw3 = finalise_bagian(agency, open_period("TW3"), Predikat.BUTUH_PERBAIKAN)
    passed = finalised_days_ago(tw3, 15)
    rate(agency.pegawai, open_period("TW4"), Predikat.BAIK)  # a draft: not shown

    response = client_for("pegawai").get(reverse("penilaian:saya"))

    assert [row.penilaian.pk for row in response.context["rows"]] == [tw3.pk, tw2.pk, siti.pk]
    assert by_testid(response, "periode") == [
        f"Triwulan III 2026 ditetapkan {format_date(today - datetime.timedelta(days=15))}",
        f"Triwulan II 2026 ditetapkan {format_date(today)}",
        f"Triwulan I 2026 ditetapkan {format_date(today - datetime.timedelta(days=3))}",
    ]
    assert by_testid(response, "unit") == ["Bagian SDM"] * 3
    assert by_testid(response, "rating-hasil") == [
        "Di Bawah Ekspektasi",
        "Di Atas Ekspektasi",
        "Sesuai Ekspektasi",
    ]
    assert by_testid(response, "rating-perilaku") == [
        "Sesuai Ekspektasi",
        "Di Atas Ekspektasi",
        "Sesuai Ekspektasi",
    ]
    assert by_testid(response, "predikat") == ["Butuh Perbaikan", "Sangat Baik", "Baik"]
    assert by_testid(response, "keberatan") == [
        f"Batas keberatan berakhir {format_date(passed)}",
        f"Diajukan diajukan {format_date(today)}",
        "Keberatan dapat diajukan sampai " + format_date(today + datetime.timedelta(days=11)),
    ]
    page = response.content.decode()
    for item in (tw3, tw2, siti):
        assert f'href="{detail_url(item)}" data-testid="rincian"' in page
        assert f'href="{reverse("penilaian:evaluasi_pdf", args=[item.pk])}"' in page


def test_saya_deadline_day_is_still_open(agency, client_for, siti):
    deadline = finalised_days_ago(siti, 14)
    assert deadline == timezone.localdate()
    response = client_for("pegawai").get(reverse("penilaian:saya"))
    assert by_testid(response, "keberatan") == [
        f"Keberatan dapat diajukan sampai {format_date(deadline)}"
    ]


def test_saya_empty(agency, client_for, periode):
    rate(agency.pegawai, periode, Predikat.BAIK)  # a draft only
    response = client_for("pegawai").get(reverse("penilaian:saya"))
    assert response.context["rows"] == []
    assert by_testid(response, "kosong") == ["Belum ada penilaian kinerja Anda yang ditetapkan."]


@pytest.mark.parametrize("periods", [1, 4])
def test_saya_query_count_is_fixed(agency, client_for, django_assert_num_queries, periods):
    for kode in ["TW1", "TW2", "TW3", "TW4"][:periods]:
        item = finalise_bagian(agency, open_period(kode))
        if kode in {"TW2", "TW4"}:
            services.keberatan_file(aktor=aktor_for(agency.pegawai), penilaian=item, alasan="X")
    client = client_for("pegawai")
    with django_assert_num_queries(SAYA_QUERIES):
        response = client.get(reverse("penilaian:saya"))
    assert len(response.context["rows"]) == periods


# --- One assessment ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix(agency, client_for, siti, role):
    before = penilaian_state()
    response = client_for(role).get(detail_url(siti))
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "outsider":
        assert response.status_code == 404
    else:
        # The employee, the appraiser, HR and the leader of Biro Umum, the auditor, superuser.
        assert response.status_code == 200
        assert response.context["penilaian"] == siti
        expected = {"pegawai": "penilaian_saya", "penilai": "penilaian"}.get(role, "kurva")
        assert response.context["nav_section"] == expected
    assert penilaian_state() == before


def test_detail_missing_is_404(agency, client_for, siti):
    assert client_for("superuser").get(detail_url(siti.pk + 1000)).status_code == 404


def test_employee_never_sees_own_draft_nor_another_assessment(agency, client_for, periode):
    draft = rate(agency.pegawai, periode, Predikat.BAIK)
    colleague = cast(
        Pegawai, PegawaiFactory(nama="Rina Lestari", unit=agency.bagian, penilai=agency.penilai)
    )
    other = rate(colleague, periode, Predikat.BAIK)
    assert client_for("pegawai").get(detail_url(draft)).status_code == 404
    assert client_for("pegawai").get(detail_url(other)).status_code == 404
    # The appraiser reads both drafts.
    assert client_for("penilai").get(detail_url(draft)).status_code == 200
    finalise_bagian(agency, periode)
    budi = Penilaian.objects.get(pegawai=agency.penilai, periode=periode)
    assert client_for("pegawai").get(detail_url(draft)).status_code == 200
    assert client_for("pegawai").get(detail_url(other)).status_code == 404
    assert client_for("pegawai").get(detail_url(budi)).status_code == 404


def basis_plan(agency: Any, periode: Periode) -> None:
    """Siti's approved plan with one RHK (target 12 reports), 15 reported, one piece of evidence
    accepted and one rejected; Budi's plan (his RHK supports nothing)."""
    _skp, leader = approved_plan(agency.penilai, kode="P-01", uraian="Terkelolanya kepegawaian")
    laporan, _skp, rhk = report_for(
        agency.pegawai, periode, rhk_atasan=leader, kode="S-01", uraian="Tersusunnya laporan"
    )
    budi, siti = aktor_for(agency.penilai), aktor_for(agency.pegawai)
    realisasi_services.realisasi_save(
        aktor=siti, laporan=laporan, indikator=rhk.indikator.get(), nilai="15"
    )
    first = link(laporan, rhk, "https://drive.example.go.id/1")
    second = link(laporan, rhk, "https://drive.example.go.id/2")
    realisasi_services.laporan_submit(aktor=siti, laporan=laporan)
    realisasi_services.bukti_verdict(aktor=budi, bukti=first, status="DITERIMA")
    realisasi_services.bukti_verdict(aktor=budi, bukti=second, status="DITOLAK", catatan="Kosong")


def test_detail_shows_snapshot_group_basis_and_predikat(agency, client_for, periode):
    basis_plan(agency, periode)
    services.penilaian_save(
        aktor=aktor_for(agency.penilai),
        pegawai=agency.pegawai,
        periode=periode,
        rating_hasil=Rating.DI_ATAS,
        rating_perilaku=Rating.SESUAI,
        rating_rhk={"S-01": "DI_ATAS"},
        rating_nilai={"AKUNTABEL": "DI_ATAS", "LOYAL": "DI_BAWAH"},
        catatan="Pertahankan ketelitian.\nIkuti pelatihan analisis data.",
    )
    penilaian = finalise_bagian(agency, periode)
    # Who was who is frozen: a later move of the employee does not change the page.
    agency.pegawai.unit = agency.lain
    agency.pegawai.save()

    response = client_for("auditor").get(detail_url(penilaian))

    assert response.status_code == 200
    assert by_testid(response, "status") == ["Ditetapkan"]
    assert by_testid(response, "periode") == ["Triwulan I 2026 (1 Januari 2026 – 31 Maret 2026)"]
    pegawai, penilai = agency.pegawai, agency.penilai
    assert by_testid(response, "orang-pegawai") == [
        f"Pegawai yang dinilai Siti Aminah {pegawai.nip} {pegawai.jabatan.nama} Bagian SDM"
    ]
    assert by_testid(response, "orang-penilai") == [
        f"Pejabat penilai Budi Santoso {penilai.nip} {penilai.jabatan.nama} Bagian SDM"
    ]
    assert by_testid(response, "orang-atasan-penilai") == ["Atasan pejabat penilai Tidak ada"]
    assert by_testid(response, "kelompok-unit") == ["Bagian SDM"]
    assert by_testid(response, "kelompok-organisasi") == ["Baik"]
    assert by_testid(response, "kepatuhan")[0].startswith(
        "Kelompok 2 orang terlalu kecil untuk dinilai terhadap kurva (paling sedikit 10 orang); "
        "tidak dianggap pelanggaran."
    )
    assert [(bar.label, bar.jumlah) for bar in response.context["batang"]] == [
        ("Sangat Baik", 1),
        ("Baik", 1),
        ("Butuh Perbaikan", 0),
        ("Kurang/Misconduct", 0),
        ("Sangat Kurang", 0),
    ]
    assert by_testid(response, "rhk-S-01") == [
        "S-01 Tersusunnya laporan Utama Kuantitas: Jumlah laporan yang tersusun — target 12 "
        "laporan, realisasi 15 laporan (capaian 125,00%) 1 diterima, 1 ditolak Di Atas Ekspektasi"
    ]
    assert by_testid(response, "rating-nilai") == [
        "—",
        "Di Atas Ekspektasi",
        "—",
        "—",
        "Di Bawah Ekspektasi",
        "—",
        "—",
    ]
    assert by_testid(response, "rating-hasil") == ["Di Atas Ekspektasi"]
    assert by_testid(response, "rating-perilaku") == ["Sesuai Ekspektasi"]
    assert by_testid(response, "predikat") == ["Baik"]
    page = response.content.decode()
    assert (
        "Predikat Baik karena hasil kerja di atas ekspektasi dan perilaku kerja sesuai "
        "ekspektasi." in page
    )
    assert by_testid(response, "catatan") == [
        "Pertahankan ketelitian. Ikuti pelatihan analisis data."
    ]
    assert "Pertahankan ketelitian.<br>Ikuti pelatihan analisis data." in page
    assert f'href="{reverse("penilaian:evaluasi_pdf", args=[penilaian.pk])}"' in page
    assert by_testid(response, "keberatan-kosong") == ["Tidak ada keberatan atas penilaian ini."]
    assert "<svg" in page


def test_detail_without_group_shows_no_curve(agency, client_for, periode):
    draft = rate(agency.pegawai, periode, Predikat.BAIK)
    response = client_for("penilai").get(detail_url(draft))
    assert response.status_code == 200
    assert response.context["kelompok"] is None
    assert by_testid(response, "kelompok") == []
    assert by_testid(response, "status") == ["Draf"]
    assert by_testid(response, "rhk-kosong") == ["Tidak ada RHK yang tercatat pada penilaian ini."]
    assert by_testid(response, "keberatan-kosong") == [
        "Keberatan dapat diajukan setelah predikat ditetapkan."
    ]
    assert by_testid(response, "form-ajukan") == []


def test_detail_objection_form_for_the_owner_within_the_window(agency, client_for, siti):
    today = timezone.localdate()
    response = client_for("pegawai").get(detail_url(siti))
    assert by_testid(response, "keberatan-batas") == [
        f"Keberatan dapat diajukan sampai {format_date(today + datetime.timedelta(days=11))}."
    ]
    assert len(by_testid(response, "form-ajukan")) == 1
    assert f'action="{reverse("penilaian:keberatan_ajukan", args=[siti.pk])}"' in (
        response.content.decode()
    )
    # Readers who are not the employee see no form.
    for role in ("penilai", "admin", "auditor", "superuser"):
        other = client_for(role).get(detail_url(siti))
        assert by_testid(other, "form-ajukan") == []
        assert by_testid(other, "keberatan-kosong") == ["Tidak ada keberatan atas penilaian ini."]


def test_detail_objection_window_passed(agency, client_for, siti):
    deadline = finalised_days_ago(siti, 15)
    response = client_for("pegawai").get(detail_url(siti))
    assert by_testid(response, "form-ajukan") == []
    assert by_testid(response, "keberatan-batas") == [
        f"Batas waktu keberatan berakhir pada {format_date(deadline)}; keberatan tidak dapat "
        "diajukan lagi."
    ]
