"""The appraiser's pages: the list of appraisees of a period (permission matrix, rows, the
default period, links to the curve groups, pinned query count), the rating form (matrix for GET
and POST, suggestions from realisation and evidence, read-only for readers, locked periods and
finalised assessments, the annual pre-fill, refusals that save nothing) and the live preview of
the predikat."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.penilaian.models import Penilaian
from kinerja.penilaian.tests.factories import finalised_group, org_rating, rate
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.realisasi.tests.factories import link, open_period, report_for, upload
from kinerja.skp import services as skp_services
from kinerja.skp.enums import Aspek, JenisRhk
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan, plan_with_rhk

pytestmark = pytest.mark.django_db

READERS = {"admin", "pimpinan", "auditor", "superuser"}
NOT_RATER = "Hanya pejabat penilai pegawai ini yang dapat mengisi penilaian."
LOCKED = "Periode sudah dikunci; penilaian tidak dapat diubah."
FINAL = (
    "Predikat sudah ditetapkan; perubahan hanya melalui keberatan atau setelah penetapan "
    "dibuka kembali."
)
BAIK = "Predikat Baik karena hasil kerja sesuai ekspektasi dan perilaku kerja sesuai ekspektasi."
VALUES = (
    "BERORIENTASI_PELAYANAN",
    "AKUNTABEL",
    "KOMPETEN",
    "HARMONIS",
    "LOYAL",
    "ADAPTIF",
    "KOLABORATIF",
)
LIST_QUERIES = 11
FORM_QUERIES = 17


def assert_login_redirect(response: Any) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response: Any) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages._queued_messages]


def text(response: Any) -> str:
    """The page's text without tags, whitespace collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(body.split())


def by_testid(response: Any, name: str) -> str:
    """The text of the first element with this data-testid (tags removed)."""
    html = response.content.decode()
    match = re.search(rf'<(\w+)[^>]*data-testid="{re.escape(name)}"[^>]*>(.*?)</\1>', html, re.S)
    assert match is not None, name
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())


def form_url(pegawai: Pegawai, periode: Periode) -> str:
    return reverse("penilaian:nilai", args=[pegawai.pk, periode.pk])


def preview_url(pegawai: Pegawai, periode: Periode) -> str:
    return reverse("penilaian:pratinjau", args=[pegawai.pk, periode.pk])


def list_url(periode: Periode | None = None) -> str:
    url = reverse("penilaian:daftar")
    return f"{url}?periode={periode.pk}" if periode else url


def state() -> list[tuple[Any, ...]]:
    return list(
        Penilaian.objects.order_by("pk").values_list(
            "pk",
            "pegawai_id",
            "periode_id",
            "rating_hasil",
            "rating_perilaku",
            "predikat",
            "catatan",
            "status",
            "rating_rhk",
            "rating_nilai",
        )
    )


@pytest.fixture
def periode(agency) -> Periode:
    return open_period("TW1")


@pytest.fixture
def leader_rhk(agency) -> Rhk:
    """Budi's approved plan: his appraisees' RHKs support its RHK."""
    _skp, rhk = approved_plan(agency.penilai, uraian="Terkelolanya kepegawaian", kode="A-1")
    return rhk


def two_rhk_plan(pegawai: Pegawai, leader_rhk: Rhk) -> Skp:
    """An approved plan: RHK-01 (main, 12 laporan) and RHK-02 (additional, 10 dokumen)."""
    skp, _rhk = plan_with_rhk(pegawai, rhk_atasan=leader_rhk, kode="RHK-01")
    aktor = aktor_for(pegawai)
    extra = skp_services.rhk_create(
        aktor=aktor,
        skp=skp,
        uraian="Terselenggaranya arsip kepegawaian",
        jenis=JenisRhk.TAMBAHAN.value,
        kode="RHK-02",
        rhk_atasan_id=leader_rhk.pk,
    )
    skp_services.indikator_create(
        aktor=aktor,
        rhk=extra,
        aspek=Aspek.KUALITAS.value,
        uraian="Dokumen arsip yang tertata",
        target_nilai="10",
        target_satuan="dokumen",
    )
    skp_services.skp_submit(aktor=aktor, skp=skp)
    return skp_services.skp_approve(aktor=SYSTEM, skp=skp)


def realised(pegawai: Pegawai, periode: Periode, leader_rhk: Rhk) -> Laporan:
    """Siti's report: RHK-01 13 of 12 (accepted evidence), RHK-02 8 of 10 (one item rejected,
    one returned), feedback on Akuntabel."""
    skp = two_rhk_plan(pegawai, leader_rhk)
    laporan, _skp, _rhk = report_for(pegawai, periode)
    main, extra = Rhk.objects.filter(skp=skp).order_by("kode")
    owner = aktor_for(pegawai)
    for rhk, nilai in ((main, "13"), (extra, "8")):
        realisasi_services.realisasi_save(
            aktor=owner, laporan=laporan, indikator=rhk.indikator.get(), nilai=nilai
        )
    accepted = upload(laporan, main, name="laporan-1.pdf")
    rejected = upload(laporan, extra, name="arsip.pdf")
    returned = link(laporan, extra)
    laporan = realisasi_services.laporan_submit(aktor=owner, laporan=laporan)
    budi = aktor_for(pegawai.penilai)
    realisasi_services.bukti_verdict(aktor=budi, bukti=accepted, status="DITERIMA")
    realisasi_services.bukti_verdict(
        aktor=budi, bukti=rejected, status="DITOLAK", catatan="Bukan dokumen arsip."
    )
    realisasi_services.bukti_verdict(
        aktor=budi, bukti=returned, status="PERLU_PERBAIKAN", catatan="Tautan tidak bisa dibuka."
    )
    realisasi_services.umpan_balik_save(
        aktor=budi, laporan=laporan, nilai="AKUNTABEL", isi="Laporan selalu diserahkan tepat waktu."
    )
    return laporan


def all_ratings(hasil: str = "SESUAI", perilaku: str = "SESUAI", **extra: str) -> dict[str, str]:
    return {"rating_hasil": hasil, "rating_perilaku": perilaku, **extra}


# --- The list of appraisees ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix(agency, client_for, periode, role):
    before = state()
    response = client_for(role).get(list_url(periode))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        # No employee record: no appraisees of their own.
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert response.context["nav_section"] == "penilaian"
        names = [row.data.pegawai.nama for row in response.context["rows"]]
        assert names == (["Siti Aminah"] if role == "penilai" else [])
    assert state() == before


def test_list_rows(agency, client_for, periode, leader_rhk):
    realised(agency.pegawai, periode, leader_rhk)
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, Predikat.BAIK)
    agus = PegawaiFactory(nama="Agus Salim", unit=agency.bagian, penilai=agency.penilai)
    response = client_for("penilai").get(list_url(periode))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.data.pegawai.nama for row in rows] == ["Agus Salim", "Siti Aminah"]
    assert by_testid(response, "periode") == "Triwulan I 2026 Dibuka"
    siti = agency.pegawai
    assert by_testid(response, f"dinilai-{siti.pk}") == (
        f"Siti Aminah {siti.nip} {siti.jabatan.nama} Bagian SDM Disetujui Perlu perbaikan "
        "Sesuai Ekspektasi Sesuai Ekspektasi Baik Draf Nilai"
    )
    assert by_testid(response, f"dinilai-{agus.pk}") == (
        f"Agus Salim {agus.nip} {agus.jabatan.nama} Bagian SDM Belum disetujui "
        "Belum ada laporan — — — Belum dinilai Nilai"
    )
    html = response.content.decode()
    assert f'href="{form_url(siti, periode)}"' in html
    kurva = reverse("penilaian:kurva_detail", args=[agency.bagian.pk, periode.pk])
    assert by_testid(response, "kelompok") == "Monitoring kurva kelompok: Bagian SDM"
    assert f'href="{kurva}"' in html
    assert [unit.nama for unit in response.context["kelompok"]] == ["Bagian SDM"]


def test_list_group_is_the_nearest_rated_unit(agency, client_for, periode):
    """Only Biro Umum has an organisation rating: Siti (in Bagian SDM) belongs to its group."""
    org_rating(agency.biro, periode)
    response = client_for("penilai").get(list_url(periode))
    assert response.context["rows"][0].kelompok == agency.biro
    assert by_testid(response, "kelompok") == "Monitoring kurva kelompok: Biro Umum"


def test_list_without_groups(agency, client_for, periode):
    response = client_for("penilai").get(list_url(periode))
    assert response.context["kelompok"] == []
    assert 'data-testid="kelompok"' not in response.content.decode()


def test_list_link_says_lihat_when_the_period_is_locked(agency, client_for, periode):
    rate(agency.pegawai, periode, Predikat.BAIK)
    lock(periode)
    response = client_for("penilai").get(list_url(periode))
    assert response.context["rows"][0].terbuka is False
    assert by_testid(response, "tautan") == "Lihat"
    assert by_testid(response, "periode") == "Triwulan I 2026 Dikunci"


def test_list_default_period(agency, client_for, monkeypatch):
    """The open period holding today; else the newest non-draft one; draft periods are not
    offered and an unknown one falls back to the default."""
    tw1, tw2 = open_period("TW1"), open_period("TW2")
    client = client_for("penilai")
    monkeypatch.setattr("kinerja.penilaian.views.penilai._today", lambda: datetime.date(2026, 2, 9))
    response = client.get(list_url())
    assert response.context["periode"] == tw1
    options = [label for _value, label in response.context["form"].fields["periode"].choices]
    assert options == ["Triwulan II 2026", "Triwulan I 2026"]
    monkeypatch.setattr("kinerja.penilaian.views.penilai._today", lambda: datetime.date(2026, 8, 1))
    assert client.get(list_url()).context["periode"] == tw2
    tw3 = Periode.objects.get(tahun__tahun=2026, kode="TW3")
    assert client.get(f"{list_url()}?periode={tw3.pk}").context["periode"] == tw2
    assert client.get(list_url(tw1)).context["periode"] == tw1


def test_list_without_open_periods(agency, client_for):
    response = client_for("penilai").get(list_url())
    assert response.context["periode"] is None
    assert by_testid(response, "tanpa-periode") == "Belum ada periode kinerja yang dibuka."


def lock(periode: Periode) -> Periode:
    periode = periode_transition(aktor=SYSTEM, periode=periode, aksi="close", alasan="Selesai")
    return periode_transition(aktor=SYSTEM, periode=periode, aksi="lock", alasan="Final")


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_flat(agency, periode, leader_rhk, django_assert_num_queries, count):
    org_rating(agency.bagian, periode)
    people = [agency.pegawai] + [
        PegawaiFactory(nama=f"Bawahan {n}", unit=agency.bagian, penilai=agency.penilai)
        for n in range(count - 1)
    ]
    for pegawai in people:
        report_for(pegawai, periode, rhk_atasan=leader_rhk)
        rate(pegawai, periode, Predikat.BAIK)
    client = Client()
    client.force_login(agency.penilai.pengguna)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(list_url(periode))
    assert len(response.context["rows"]) == count


# --- The rating form: who may see and save it -------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_form_matrix(agency, client_for, periode, role):
    before = state()
    response = client_for(role).get(form_url(agency.pegawai, periode))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "outsider"}:
        assert response.status_code == 404
    elif role == "penilai":
        assert response.status_code == 200
        assert response.context["editable"] is True
        assert response.context["nav_section"] == "penilaian"
        assert 'name="rating_hasil"' in response.content.decode()
    else:
        assert response.status_code == 200
        assert response.context["editable"] is False
        assert response.context["alasan"] == [NOT_RATER]
        assert by_testid(response, "hanya-baca") == NOT_RATER
        assert 'name="rating_hasil"' not in response.content.decode()
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_save_matrix(agency, client_for, periode, role):
    before = state()
    data = all_ratings(catatan="Pertahankan kinerja.", nilai_AKUNTABEL="DI_ATAS")
    response = client_for(role).post(form_url(agency.pegawai, periode), data)
    if role == "penilai":
        assert response.status_code == 302
        assert response.url == list_url(periode)
        saved = Penilaian.objects.get()
        assert (saved.pegawai, saved.periode_id) == (agency.pegawai, periode.pk)
        assert (saved.rating_hasil, saved.rating_perilaku, saved.predikat) == (
            "SESUAI",
            "SESUAI",
            "BAIK",
        )
        assert (saved.status, saved.catatan) == ("DRAF", "Pertahankan kinerja.")
        assert (saved.rating_rhk, saved.rating_nilai) == ({}, {"AKUNTABEL": "DI_ATAS"})
        assert saved.dinilai_oleh_id == agency.penilai.pengguna_id
        assert sent_messages(response) == [
            "Penilaian Siti Aminah Triwulan I 2026 disimpan. Predikat: Baik."
        ]
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "outsider"}:
        assert response.status_code == 404
    else:
        assert response.status_code == 403
    assert state() == before
    assert Penilaian.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_preview_matrix(agency, client_for, periode, role):
    before = state()
    response = client_for(role).post(preview_url(agency.pegawai, periode), all_ratings())
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "outsider"}:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert by_testid(response, "predikat-nilai") == "Baik"
    assert state() == before


def test_preview_is_post_only(agency, client_for, periode):
    response = client_for("penilai").get(preview_url(agency.pegawai, periode))
    assert response.status_code == 405


def test_unknown_employee_or_period(agency, client_for, periode):
    client = client_for("penilai")
    missing = Pegawai(pk=agency.pegawai.pk + 1000)
    assert client.get(form_url(missing, periode)).status_code == 404
    gone = Periode(pk=periode.pk + 1000)
    assert client.get(form_url(agency.pegawai, gone)).status_code == 404
    assert client.post(form_url(agency.pegawai, gone), all_ratings()).status_code == 404
    assert Penilaian.objects.count() == 0


# --- The rating form: content and suggestions -------------------------------------------------


def test_form_shows_realisation_evidence_and_suggestions(agency, client_for, periode, leader_rhk):
    realised(agency.pegawai, periode, leader_rhk)
    response = client_for("penilai").get(form_url(agency.pegawai, periode))
    assert response.status_code == 200
    html = response.content.decode()
    groups = re.findall(r'<tbody data-testid="rhk" data-kode="([^"]+)">(.*?)</tbody>', html, re.S)
    assert [kode for kode, _body in groups] == ["RHK-01", "RHK-02"]
    main = " ".join(re.sub(r"<[^>]+>", " ", groups[0][1]).split())
    extra = " ".join(re.sub(r"<[^>]+>", " ", groups[1][1]).split())
    assert main.startswith(
        "RHK-01 Tersusunnya laporan kinerja Utama "
        "Kuantitas Jumlah laporan yang tersusun 12 laporan 13 laporan 108,33% "
        "Bukti dukung: Diterima 1 · Perlu Perbaikan 0 · Ditolak 0 · Menunggu verifikasi 0 "
        "Saran: Di Atas Ekspektasi (capaian melampaui target (108,33%)) Rating RHK RHK-01"
    )
    assert extra.startswith(
        "RHK-02 Terselenggaranya arsip kepegawaian Tambahan "
        "Kualitas Dokumen arsip yang tertata 10 dokumen 8 dokumen 80,00% "
        "Bukti dukung: Diterima 0 · Perlu Perbaikan 1 · Ditolak 1 · Menunggu verifikasi 0 "
        "Saran: Di Bawah Ekspektasi (semua bukti dukung yang dinilai ditolak) Rating RHK RHK-02"
    )
    form = response.context["form"]
    # Nothing saved yet: each RHK starts at its suggestion, the overall result at the overall
    # suggestion; behaviour has nothing to judge.
    assert form["rhk_RHK-01"].value() == "DI_ATAS"
    assert form["rhk_RHK-02"].value() == "DI_BAWAH"
    assert form["rating_hasil"].value() == "SESUAI"
    assert form["rating_perilaku"].value() == ""
    assert [form[f"nilai_{kode}"].value() for kode in VALUES] == [""] * 7
    assert by_testid(response, "saran-hasil") == (
        "Saran: Sesuai Ekspektasi (sebagian besar atau seluruhnya sesuai ekspektasi)"
    )
    assert (
        by_testid(response, "saran-perilaku") == "Saran: belum ada (belum ada yang dapat dinilai)"
    )
    rows = re.findall(r'<tr data-testid="nilai" data-nilai="(\w+)">(.*?)</tr>', html, re.S)
    assert [kode for kode, _row in rows] == list(VALUES)
    feedback = {kode: " ".join(re.sub(r"<[^>]+>", " ", row).split()) for kode, row in rows}
    assert feedback["AKUNTABEL"].startswith("Akuntabel Laporan selalu diserahkan tepat waktu.")
    assert feedback["LOYAL"].startswith("Loyal Belum ada umpan balik.")
    assert by_testid(response, "predikat-kurang") == "Rating perilaku kerja belum dipilih."
    assert 'data-testid="tanpa-skp"' not in html
    assert (
        f'hx-post="{preview_url(agency.pegawai, periode)}" hx-trigger="change" '
        'hx-target="#predikat" hx-swap="outerHTML"'
    ) in html


def test_form_without_approved_plan(agency, client_for, periode):
    response = client_for("penilai").get(form_url(agency.pegawai, periode))
    assert by_testid(response, "tanpa-skp") == (
        "Pegawai ini belum memiliki SKP tahun 2026 yang disetujui: tidak ada RHK untuk dinilai "
        "dan tidak ada saran rating hasil kerja. Rating hasil kerja tetap dapat dipilih."
    )
    assert 'data-testid="rhk-tabel"' not in response.content.decode()
    assert by_testid(response, "saran-hasil") == "Saran: belum ada (belum ada yang dapat dinilai)"
    assert by_testid(response, "predikat-kurang") == (
        "Rating hasil kerja belum dipilih. Rating perilaku kerja belum dipilih."
    )


def test_form_shows_the_saved_ratings(agency, client_for, periode, leader_rhk):
    realised(agency.pegawai, periode, leader_rhk)
    data = all_ratings(
        "DI_ATAS", "DI_ATAS", catatan="Tingkatkan arsip.", **{"rhk_RHK-02": "SESUAI"}
    )
    data.update({f"nilai_{kode}": "DI_ATAS" for kode in VALUES})
    client = client_for("penilai")
    assert client.post(form_url(agency.pegawai, periode), data).status_code == 302
    saved = Penilaian.objects.get()
    assert (saved.predikat, saved.rating_rhk) == ("SANGAT_BAIK", {"RHK-02": "SESUAI"})
    response = client.get(form_url(agency.pegawai, periode))
    form = response.context["form"]
    # RHK-01 left empty stays empty once saved (the suggestion only starts a new form).
    assert [form["rhk_RHK-01"].value(), form["rhk_RHK-02"].value()] == ["", "SESUAI"]
    assert (form["rating_hasil"].value(), form["rating_perilaku"].value()) == ("DI_ATAS", "DI_ATAS")
    assert form["catatan"].value() == "Tingkatkan arsip."
    assert by_testid(response, "predikat-nilai") == "Sangat Baik"
    assert by_testid(response, "status").startswith("Draf · dinilai Budi Santoso")
    # Readers see the saved values, read-only.
    admin = client_for("admin").get(form_url(agency.pegawai, periode))
    assert by_testid(admin, "rating-hasil") == "Di Atas Ekspektasi"
    assert by_testid(admin, "rating-perilaku") == "Di Atas Ekspektasi"
    assert by_testid(admin, "rating-rhk") == "—"
    assert by_testid(admin, "rating-nilai") == "Di Atas Ekspektasi"
    assert by_testid(admin, "catatan") == "Tingkatkan arsip."
    assert by_testid(admin, "predikat-nilai") == "Sangat Baik"


def test_reader_sees_unrated_employee(agency, client_for, periode):
    response = client_for("auditor").get(form_url(agency.pegawai, periode))
    assert by_testid(response, "rating-hasil") == "—"
    assert by_testid(response, "predikat-kurang") == "Pegawai ini belum dinilai pada periode ini."


# --- The rating form: refusals ---------------------------------------------------------------


def test_save_refused_by_the_form(agency, client_for, periode):
    response = client_for("penilai").post(
        form_url(agency.pegawai, periode),
        {"rating_hasil": "LUAR_BIASA", "nilai_AKUNTABEL": "DI_ATAS", "catatan": "Catatan"},
    )
    assert response.status_code == 200
    assert Penilaian.objects.count() == 0
    assert by_testid(response, "form-errors") == (
        "Rating hasil kerja: Pilih salah satu: Di Atas, Sesuai atau Di Bawah Ekspektasi. "
        "Rating perilaku kerja: Pilih rating perilaku kerja."
    )
    form = response.context["form"]
    assert (form["nilai_AKUNTABEL"].value(), form["catatan"].value()) == ("DI_ATAS", "Catatan")
    # The suggestion follows the posted value ratings.
    assert by_testid(response, "saran-perilaku") == (
        "Saran: Di Atas Ekspektasi (1 dari 1 nilai di atas ekspektasi (sebagian besar) dan tidak "
        "ada nilai di bawah ekspektasi)"
    )


def test_save_refused_in_a_locked_period(agency, client_for, periode):
    rate(agency.pegawai, periode, Predikat.BAIK)
    lock(periode)
    before = state()
    client = client_for("penilai")
    response = client.get(form_url(agency.pegawai, periode))
    assert response.context["editable"] is False
    assert by_testid(response, "hanya-baca") == LOCKED
    assert by_testid(response, "rating-hasil") == "Sesuai Ekspektasi"
    assert by_testid(response, "predikat-nilai") == "Baik"
    response = client.post(form_url(agency.pegawai, periode), all_ratings("DI_ATAS", "DI_ATAS"))
    assert response.status_code == 200
    assert response.context["alasan"] == [LOCKED]
    assert state() == before


def test_save_refused_once_finalised(agency):
    _penetapan, _unit, kepala, members, periode = finalised_group(size=2)
    client = Client()
    client.force_login(kepala.pengguna)
    before = state()
    response = client.get(form_url(members[0], periode))
    assert response.status_code == 200
    assert response.context["editable"] is False
    assert by_testid(response, "hanya-baca") == FINAL
    assert by_testid(response, "status").startswith("Ditetapkan")
    response = client.post(form_url(members[0], periode), all_ratings("DI_BAWAH", "DI_BAWAH"))
    assert response.status_code == 200
    assert response.context["alasan"] == [FINAL]
    assert state() == before
    response = client.get(list_url(periode))
    assert [row.terbuka for row in response.context["rows"]] == [False, False]
    assert by_testid(response, f"dinilai-{members[0].pk}").endswith("Ditetapkan Lihat")


def test_form_with_a_draft_period(agency, client_for, periode):
    draft = Periode.objects.select_related("tahun").get(tahun__tahun=2026, kode="TW2")
    assert draft.status == "DRAF"
    response = client_for("penilai").get(form_url(agency.pegawai, draft))
    assert by_testid(response, "hanya-baca") == "Periode belum dibuka; penilaian belum dapat diisi."
    response = client_for("penilai").post(form_url(agency.pegawai, draft), all_ratings())
    assert response.status_code == 200
    assert Penilaian.objects.count() == 0


# --- The annual form -------------------------------------------------------------------------


def test_annual_form_is_prefilled_from_the_latest_period(agency, client_for, periode):
    tw2 = open_period("TW2")
    client = client_for("penilai")
    client.post(form_url(agency.pegawai, periode), all_ratings("DI_BAWAH", "DI_BAWAH"))
    client.post(
        form_url(agency.pegawai, tw2),
        all_ratings("DI_ATAS", "SESUAI", nilai_ADAPTIF="DI_ATAS"),
    )
    tahunan = open_period("TAHUNAN")
    response = client.get(form_url(agency.pegawai, tahunan))
    assert by_testid(response, "diisi-awal") == (
        "Diisi awal dari penilaian Triwulan II; periksa dan sesuaikan sebelum menyimpan."
    )
    form = response.context["form"]
    assert (form["rating_hasil"].value(), form["rating_perilaku"].value()) == ("DI_ATAS", "SESUAI")
    assert form["nilai_ADAPTIF"].value() == "DI_ATAS"
    assert by_testid(response, "predikat-nilai") == "Baik"
    assert client.post(form_url(agency.pegawai, tahunan), all_ratings()).status_code == 302
    response = client.get(form_url(agency.pegawai, tahunan))
    assert 'data-testid="diisi-awal"' not in response.content.decode()
    assert Penilaian.objects.filter(periode=tahunan).get().predikat == "BAIK"


# --- The preview -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        ("SESUAI", "SESUAI", "Baik"),
        ("DI_ATAS", "DI_ATAS", "Sangat Baik"),
        ("DI_ATAS", "DI_BAWAH", "Kurang/Misconduct"),
        ("DI_BAWAH", "SESUAI", "Butuh Perbaikan"),
        ("DI_BAWAH", "DI_BAWAH", "Sangat Kurang"),
    ],
)
def test_preview_predikat(agency, client_for, periode, hasil, perilaku, predikat):
    response = client_for("penilai").post(
        preview_url(agency.pegawai, periode), all_ratings(hasil, perilaku)
    )
    assert response.status_code == 200
    assert by_testid(response, "predikat-nilai") == predikat
    assert Penilaian.objects.count() == 0


def test_preview_explains_the_predikat(agency, client_for, periode):
    response = client_for("penilai").post(preview_url(agency.pegawai, periode), all_ratings())
    html = response.content.decode()
    assert html.startswith('<section class="panel" id="predikat"')
    assert BAIK in text(response)
    assert "Kuadran predikat: baris hasil kerja sesuai ekspektasi" in text(response)


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        ({"rating_hasil": "SESUAI"}, "Rating perilaku kerja belum dipilih."),
        ({"rating_perilaku": "SESUAI"}, "Rating hasil kerja belum dipilih."),
        (
            {"rating_hasil": "BAGUS", "rating_perilaku": ""},
            "Rating hasil kerja belum dipilih. Rating perilaku kerja belum dipilih.",
        ),
    ],
)
def test_preview_says_which_rating_is_missing(agency, client_for, periode, data, missing):
    response = client_for("penilai").post(preview_url(agency.pegawai, periode), data)
    assert response.status_code == 200
    assert by_testid(response, "predikat-kurang") == missing
    assert 'data-testid="predikat-nilai"' not in response.content.decode()


def test_preview_recomputes_the_suggestions(agency, client_for, periode, leader_rhk):
    realised(agency.pegawai, periode, leader_rhk)
    data = all_ratings(**{"rhk_RHK-01": "DI_ATAS", "rhk_RHK-02": "DI_ATAS"})
    data.update({f"nilai_{kode}": "DI_BAWAH" for kode in VALUES[:4]})
    data.update({f"nilai_{kode}": "SESUAI" for kode in VALUES[4:]})
    response = client_for("penilai").post(preview_url(agency.pegawai, periode), data)
    html = response.content.decode()
    assert '<p class="muted" id="saran-hasil" data-testid="saran-hasil" hx-swap-oob="true">' in html
    assert by_testid(response, "saran-hasil") == (
        "Saran: Di Atas Ekspektasi (2 dari 2 di atas ekspektasi (sebagian besar) dan tidak ada "
        "yang utama di bawah ekspektasi)"
    )
    assert by_testid(response, "saran-perilaku") == (
        "Saran: Di Bawah Ekspektasi (4 dari 7 di bawah ekspektasi (sebagian besar))"
    )
    assert by_testid(response, "predikat-nilai") == "Baik"
    assert BuktiDukung.objects.filter(status="DITERIMA").count() == 1
    assert Penilaian.objects.count() == 0


# --- Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 2])
def test_form_query_count_is_flat(agency, periode, leader_rhk, django_assert_num_queries, extra):
    skp, _rhk = plan_with_rhk(agency.pegawai, rhk_atasan=leader_rhk)
    aktor = aktor_for(agency.pegawai)
    for number in range(extra):
        rhk = skp_services.rhk_create(
            aktor=aktor, skp=skp, uraian=f"Hasil tambahan {number}", rhk_atasan_id=leader_rhk.pk
        )
        skp_services.indikator_create(
            aktor=aktor,
            rhk=rhk,
            aspek="KUANTITAS",
            uraian="Jumlah",
            target_nilai="4",
            target_satuan="kegiatan",
        )
    skp_services.skp_submit(aktor=aktor, skp=skp)
    skp_services.skp_approve(aktor=SYSTEM, skp=skp)
    laporan, _skp, _rhk = report_for(agency.pegawai, periode)
    for rhk in Rhk.objects.filter(skp=skp):
        upload(laporan, rhk)
    rate(agency.pegawai, periode, Predikat.BAIK)
    client = Client()
    client.force_login(agency.penilai.pengguna)
    with django_assert_num_queries(FORM_QUERIES):
        response = client.get(form_url(agency.pegawai, periode))
    assert len(response.context["form"].rhk_rows()) == 1 + extra
