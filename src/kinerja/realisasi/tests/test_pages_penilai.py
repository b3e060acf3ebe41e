"""The appraiser's verification: the inbox (permission matrix, order, counts, filters, pinned
query count), the verdict, accept-all and feedback actions (permission matrices, exact messages,
the report's status and the owner's notification, refusals that change nothing, where they lead
back to, HTMX fragments) and the partials the report page includes for the appraiser."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.periode.models import Periode
from kinerja.realisasi import services
from kinerja.realisasi.models import BuktiDukung, Laporan, RiwayatBukti, UmpanBalik
from kinerja.realisasi.tests.factories import link, open_period, report_for, upload
from kinerja.realisasi.tests.helpers import realisasi_state
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import aktor_for, approved_plan

pytestmark = pytest.mark.django_db

INBOX_QUERIES = 8
NOTE_REQUIRED = "Tuliskan catatan: apa yang perlu diperbaiki atau mengapa bukti ditolak."
NOT_WAITING = "Laporan ini tidak sedang menunggu verifikasi."


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response) -> list[str]:
    """The messages this request added (earlier ones may still wait in the client's cookie)."""
    return [str(message) for message in response.wsgi_request._messages._queued_messages]


def htmx(client: Client, url: str, data: dict[str, Any]):
    return client.post(url, data, headers={"HX-Request": "true"})


def refresh(item: Any) -> Any:
    return type(item).objects.get(pk=item.pk)


def detail(laporan: Laporan, anchor: str = "") -> str:
    url = reverse("realisasi:detail", args=[laporan.pk])
    return f"{url}#{anchor}" if anchor else url


@pytest.fixture
def periode(agency) -> Periode:
    return open_period()


@pytest.fixture
def leader_rhk(agency, periode) -> Rhk:
    """The appraiser's approved plan (the appraisees' RHKs support its RHK)."""
    _skp, rhk = approved_plan(agency.penilai, uraian="Terkelolanya kepegawaian", kode="A-1")
    return rhk


def submitted(pegawai: Pegawai, periode: Periode, leader_rhk: Rhk, items: int = 2) -> Laporan:
    """The employee's report with `items` evidence items (a PDF, then links), submitted."""
    laporan, _skp, rhk = report_for(pegawai, periode, rhk_atasan=leader_rhk)
    upload(laporan, rhk, name="laporan-kegiatan.pdf")
    for number in range(1, items):
        link(laporan, rhk, f"https://drive.example.go.id/{pegawai.pk}/{number}")
    return services.laporan_submit(aktor=aktor_for(pegawai), laporan=laporan)


@pytest.fixture
def siti(agency, periode, leader_rhk) -> Laporan:
    """Siti's report with a PDF and a link, submitted to Budi."""
    return submitted(agency.pegawai, periode, leader_rhk)


def items_of(laporan: Laporan) -> list[BuktiDukung]:
    return list(BuktiDukung.objects.filter(laporan=laporan).order_by("pk"))


def appraisee(agency, nama: str, unit=None) -> Pegawai:
    return PegawaiFactory(nama=nama, unit=unit or agency.bagian, penilai=agency.penilai)


# --- The inbox -------------------------------------------------------------------------------


def inbox_names(response) -> list[str]:
    return [row.laporan.skp.pegawai.nama for row in response.context["rows"]]


@pytest.mark.parametrize("role", ROLES)
def test_inbox_matrix(agency, client_for, siti, role):
    before = realisasi_state()
    response = client_for(role).get(reverse("realisasi:inbox"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai", "outsider"}:
        assert response.status_code == 200
        assert response.context["nav_section"] == "verifikasi"
        assert inbox_names(response) == (["Siti Aminah"] if role == "penilai" else [])
    else:
        # HR, the auditor and the superuser have no employee record: no inbox of their own.
        assert response.status_code == 404
    assert realisasi_state() == before


def test_inbox_order_counts_and_links(agency, client_for, periode, leader_rhk):
    siti = submitted(agency.pegawai, periode, leader_rhk, items=3)
    agus = submitted(appraisee(agency, "Agus Salim"), periode, leader_rhk)
    citra = submitted(appraisee(agency, "Citra Kirana"), periode, leader_rhk)
    dewi = submitted(appraisee(agency, "Dewi Sartika"), periode, leader_rhk)
    report_for(appraisee(agency, "Eko Draf"), periode, rhk_atasan=leader_rhk)
    other = PegawaiFactory(nama="Fajar Lain", unit=agency.bagian, penilai=agency.outsider)
    approved_plan(agency.outsider)
    submitted(other, periode, Rhk.objects.get(skp__pegawai=agency.outsider))
    budi = aktor_for(agency.penilai)
    first, second = items_of(citra)
    services.bukti_verdict(aktor=budi, bukti=first, status="DITERIMA")
    services.bukti_verdict(aktor=budi, bukti=second, status="DITOLAK", catatan="Bukan bukti.")
    services.bukti_accept_all(aktor=budi, laporan=dewi)
    services.bukti_verdict(aktor=budi, bukti=items_of(siti)[0], status="DITERIMA")
    early = timezone.make_aware(datetime.datetime(2026, 10, 5, 9, 30))
    Laporan.objects.filter(pk=agus.pk).update(diajukan_pada=early)
    Laporan.objects.filter(pk=siti.pk).update(diajukan_pada=early + datetime.timedelta(days=2))
    Laporan.objects.filter(pk=dewi.pk).update(diajukan_pada=early - datetime.timedelta(days=3))
    Laporan.objects.filter(pk=citra.pk).update(diajukan_pada=early - datetime.timedelta(days=1))

    response = client_for("penilai").get(reverse("realisasi:inbox"))
    assert response.status_code == 200
    rows = [
        (
            row.laporan.skp.pegawai.nama,
            row.laporan.status,
            row.laporan.putaran,
            row.menunggu,
            row.diterima,
            row.dikembalikan,
        )
        for row in response.context["rows"]
    ]
    assert rows == [
        ("Agus Salim", "DIAJUKAN", 1, 2, 0, 0),
        ("Siti Aminah", "DIAJUKAN", 1, 2, 1, 0),
        ("Dewi Sartika", "SELESAI", 1, 0, 2, 0),
        ("Citra Kirana", "PERLU_PERBAIKAN", 1, 0, 1, 1),
    ]
    page = response.content.decode()
    assert "5 Oktober 2026 09.30" in page
    assert "7 Oktober 2026 09.30" in page
    assert f'<a href="{detail(agus)}">Periksa bukti</a>' in page
    assert f'<a href="{detail(dewi)}">Buka laporan</a>' in page
    assert page.count(">Periksa bukti</a>") == 2
    assert page.count(">Buka laporan</a>") == 2
    done = f'<span class="badge ok" data-testid="status-laporan-{dewi.pk}">Selesai diverifikasi'
    assert f"{done}</span>" in page
    assert "Triwulan IV-Akhir 2026" in page


def test_inbox_filters(agency, client_for, periode, leader_rhk):
    seksi = UnitFactory(kode="BU-SDM-1", nama="Subbagian Mutasi", induk=agency.bagian)
    siti = submitted(agency.pegawai, periode, leader_rhk)
    hadi = submitted(appraisee(agency, "Hadi", unit=seksi), periode, leader_rhk)
    services.bukti_accept_all(aktor=aktor_for(agency.penilai), laporan=hadi)
    tw3 = open_period("TW3")
    earlier = submitted(agency.pegawai, tw3, leader_rhk)
    client = client_for("penilai")
    url = reverse("realisasi:inbox")

    everything = client.get(url)
    assert [row.laporan.pk for row in everything.context["rows"]] == [siti.pk, earlier.pk, hadi.pk]
    assert everything.context["filtered"] is False
    form = everything.context["form"]
    assert [str(label) for _value, label in form.fields["periode"].choices] == [
        "Semua periode",
        "Triwulan IV-Akhir 2026",
        "Triwulan III 2026",
    ]
    assert [label for _value, label in form.fields["unit"].choices] == [
        "Semua unit",
        "Bagian SDM",
        "Subbagian Mutasi",
    ]
    assert [str(label) for _value, label in form.fields["status"].choices] == [
        "Semua status",
        "Diajukan",
        "Perlu perbaikan",
        "Selesai diverifikasi",
    ]

    def rows(**query: Any) -> list[int]:
        response = client.get(url, query)
        assert response.context["filtered"] is True
        return [row.laporan.pk for row in response.context["rows"]]

    assert rows(periode=tw3.pk) == [earlier.pk]
    assert rows(periode=periode.pk) == [siti.pk, hadi.pk]
    assert rows(unit=seksi.pk) == [hadi.pk]
    assert rows(unit=agency.bagian.pk) == [siti.pk, earlier.pk, hadi.pk]
    assert rows(status="SELESAI") == [hadi.pk]
    assert rows(status="DIAJUKAN", periode=periode.pk) == [siti.pk]
    empty = client.get(url, {"status": "PERLU_PERBAIKAN"})
    assert "Tidak ada laporan yang sesuai dengan saringan ini." in empty.content.decode()
    # Values that are not choices are ignored: the whole inbox.
    bad = client.get(url, {"periode": "x", "unit": agency.lain.pk, "status": "DRAF"})
    assert [row.laporan.pk for row in bad.context["rows"]] == [siti.pk, earlier.pk, hadi.pk]
    assert bad.context["filtered"] is False


def test_inbox_without_reports(agency, client_for, periode, leader_rhk):
    report_for(agency.pegawai, periode, rhk_atasan=leader_rhk)
    response = client_for("penilai").get(reverse("realisasi:inbox"))
    assert response.context["rows"] == []
    assert "Belum ada laporan realisasi bawahan yang diajukan kepada Anda." in (
        response.content.decode()
    )


@pytest.mark.parametrize("count", [2, 12])
def test_inbox_query_count_is_flat(agency, periode, leader_rhk, django_assert_num_queries, count):
    for number in range(count):
        submitted(appraisee(agency, f"Bawahan {number:02d}"), periode, leader_rhk)
    client = Client()
    client.force_login(agency.penilai.pengguna)
    with django_assert_num_queries(INBOX_QUERIES):
        response = client.get(reverse("realisasi:inbox"))
    assert len(response.context["rows"]) == count


# --- Verdicts --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_verdict_matrix(agency, client_for, siti, role):
    pdf, _link = items_of(siti)
    before = realisasi_state()
    response = client_for(role).post(
        reverse("realisasi:verdict", args=[pdf.pk]),
        {"status": "PERLU_PERBAIKAN", "catatan": "Tanda tangan belum ada."},
    )
    if role == "penilai":
        assert response.status_code == 302
        assert response.url == detail(siti, f"verifikasi-{pdf.pk}")
        pdf = refresh(pdf)
        assert (pdf.status, pdf.catatan) == ("PERLU_PERBAIKAN", "Tanda tangan belum ada.")
        assert pdf.diverifikasi_oleh_id == agency.penilai.pengguna_id
        assert sent_messages(response) == ["Bukti “laporan-kegiatan.pdf” ditandai Perlu Perbaikan."]
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "outsider":
        assert response.status_code == 404
    else:
        # The owner, HR, the auditor and the superuser read the report but do not verify it.
        assert response.status_code == 403
    assert realisasi_state() == before


def test_actions_are_post_only_and_missing_is_404(agency, client_for, siti):
    pdf, _link = items_of(siti)
    client = client_for("penilai")
    before = realisasi_state()
    assert client.get(reverse("realisasi:verdict", args=[pdf.pk])).status_code == 405
    assert client.get(reverse("realisasi:accept-all", args=[siti.pk])).status_code == 405
    assert client.get(reverse("realisasi:feedback", args=[siti.pk])).status_code == 405
    missing = BuktiDukung.objects.order_by("-pk").first().pk + 1
    assert client.post(reverse("realisasi:verdict", args=[missing])).status_code == 404
    gone = Laporan.objects.order_by("-pk").first().pk + 1
    assert client.post(reverse("realisasi:accept-all", args=[gone])).status_code == 404
    assert client.post(reverse("realisasi:feedback", args=[gone])).status_code == 404
    assert realisasi_state() == before


@pytest.mark.parametrize("verdict", ["PERLU_PERBAIKAN", "DITOLAK"])
def test_a_verdict_other_than_acceptance_needs_a_note(agency, client_for, siti, verdict):
    pdf, _link = items_of(siti)
    before = realisasi_state()
    response = client_for("penilai").post(
        reverse("realisasi:verdict", args=[pdf.pk]), {"status": verdict, "catatan": "   "}
    )
    assert response.status_code == 302
    assert response.url == detail(siti, f"verifikasi-{pdf.pk}")
    assert sent_messages(response) == [NOTE_REQUIRED]
    assert realisasi_state() == before


def test_a_verdict_must_be_one_of_three(agency, client_for, siti):
    pdf, _link = items_of(siti)
    before = realisasi_state()
    client = client_for("penilai")
    for status in ("", "MENUNGGU", "DISETUJUI"):
        response = client.post(reverse("realisasi:verdict", args=[pdf.pk]), {"status": status})
        assert sent_messages(response) == [
            "Hasil verifikasi harus Diterima, Perlu Perbaikan, atau Ditolak."
        ]
    too_long = client.post(
        reverse("realisasi:verdict", args=[pdf.pk]), {"status": "DITOLAK", "catatan": "x" * 2001}
    )
    assert sent_messages(too_long) == [
        "Pastikan nilai ini mengandung paling banyak 2000 karakter (sekarang 2001 karakter)."
    ]
    assert realisasi_state() == before


def test_a_second_verdict_on_the_same_item_is_refused(agency, client_for, siti):
    pdf, _link = items_of(siti)
    client = client_for("penilai")
    url = reverse("realisasi:verdict", args=[pdf.pk])
    client.post(url, {"status": "DITERIMA"})
    before = realisasi_state()
    again = client.post(url, {"status": "DITOLAK", "catatan": "Berubah pikiran."})
    assert again.status_code == 302
    assert sent_messages(again) == ["Bukti ini sudah diverifikasi (Diterima)."]
    assert realisasi_state() == before
    assert list(RiwayatBukti.objects.filter(bukti=pdf).values_list("aksi", "status")) == [
        ("UNGGAH", "MENUNGGU"),
        ("VERIFIKASI", "DITERIMA"),
    ]


def test_verdicts_settle_the_report_and_notify_the_owner(agency, client_for, siti):
    pdf, tautan = items_of(siti)
    client = client_for("penilai")
    first = client.post(
        reverse("realisasi:verdict", args=[pdf.pk]),
        {"status": "PERLU_PERBAIKAN", "catatan": "Lampirkan daftar hadir."},
    )
    assert refresh(siti).status == "DIAJUKAN"
    assert sent_messages(first) == ["Bukti “laporan-kegiatan.pdf” ditandai Perlu Perbaikan."]
    assert not Notifikasi.objects.filter(penerima=agency.pegawai.pengguna).exists()
    last = client.post(reverse("realisasi:verdict", args=[tautan.pk]), {"status": "DITERIMA"})
    assert sent_messages(last) == [
        f"Bukti “{tautan.tautan}” ditandai Diterima.",
        "Laporan Siti Aminah Triwulan IV-Akhir kini berstatus Perlu perbaikan.",
    ]
    assert refresh(siti).status == "PERLU_PERBAIKAN"
    notices = Notifikasi.objects.filter(penerima=agency.pegawai.pengguna)
    assert list(notices.values_list("judul", "tautan")) == [
        ("Bukti dukung Triwulan IV-Akhir perlu diperbaiki", detail(siti))
    ]
    # Once the report is no longer waiting, any further verdict is refused.
    before = realisasi_state()
    late = client.post(reverse("realisasi:verdict", args=[pdf.pk]), {"status": "DITERIMA"})
    assert sent_messages(late) == [NOT_WAITING]
    assert realisasi_state() == before


def test_all_accepted_makes_the_report_done(agency, client_for, siti):
    client = client_for("penilai")
    for item in items_of(siti):
        client.post(reverse("realisasi:verdict", args=[item.pk]), {"status": "diterima"})
    laporan = refresh(siti)
    assert laporan.status == "SELESAI"
    assert laporan.selesai_pada is not None
    assert list(
        Notifikasi.objects.filter(penerima=agency.pegawai.pengguna).values_list("judul", "isi")
    ) == [
        (
            "Bukti dukung Triwulan IV-Akhir selesai diverifikasi",
            "Semua bukti dukung Anda diterima.",
        )
    ]


def test_verdict_goes_back_to_a_local_next_only(agency, client_for, siti):
    pdf, tautan = items_of(siti)
    client = client_for("penilai")
    inbox = f"{reverse('realisasi:inbox')}?status=DIAJUKAN"
    local = client.post(
        reverse("realisasi:verdict", args=[pdf.pk]), {"status": "DITERIMA", "next": inbox}
    )
    assert local.url == inbox
    outside = client.post(
        reverse("realisasi:verdict", args=[tautan.pk]),
        {"status": "DITERIMA", "next": "https://evil.example.com/"},
    )
    assert outside.url == detail(siti, f"verifikasi-{tautan.pk}")
    schemeless = client.post(
        reverse("realisasi:verdict", args=[tautan.pk]),
        {"status": "DITERIMA", "next": "//evil.example.com/"},
    )
    assert schemeless.url == detail(siti, f"verifikasi-{tautan.pk}")


def test_verdict_after_the_verification_deadline_is_refused(agency, client_for, siti, periode):
    pdf, _link = items_of(siti)
    Periode.objects.filter(pk=periode.pk).update(
        batas_realisasi=datetime.date(2026, 11, 10), batas_verifikasi=datetime.date(2026, 11, 20)
    )
    before = realisasi_state()
    response = client_for("penilai").post(
        reverse("realisasi:verdict", args=[pdf.pk]), {"status": "DITERIMA"}
    )
    assert sent_messages(response) == [
        "Batas verifikasi periode ini telah lewat pada 20 November 2026; minta admin "
        "kepegawaian membuka kuncinya."
    ]
    assert realisasi_state() == before


def test_htmx_verdict_renders_the_fragment_then_refreshes_when_settled(agency, client_for, siti):
    pdf, tautan = items_of(siti)
    client = client_for("penilai")
    refused = htmx(
        client, reverse("realisasi:verdict", args=[pdf.pk]), {"status": "DITOLAK", "catatan": ""}
    )
    assert refused.status_code == 200
    assert [t.name for t in refused.templates] == ["realisasi/_penilai_bukti.html"]
    html = refused.content.decode()
    assert f"<li>{NOTE_REQUIRED}</li>" in html
    assert f'data-testid="putusan-{pdf.pk}"' in html

    accepted = htmx(client, reverse("realisasi:verdict", args=[pdf.pk]), {"status": "DITERIMA"})
    html = accepted.content.decode()
    assert '<p class="message success" role="status">Bukti “laporan-kegiatan.pdf” ditandai ' in html
    assert f'data-testid="putusan-{pdf.pk}"' not in html
    assert f'id="verifikasi-{pdf.pk}"' in html
    assert sent_messages(accepted) == []

    last = htmx(client, reverse("realisasi:verdict", args=[tautan.pk]), {"status": "DITERIMA"})
    assert last.status_code == 200
    assert last.headers["HX-Refresh"] == "true"
    assert refresh(siti).status == "SELESAI"
    assert sent_messages(last) == [
        f"Bukti “{tautan.tautan}” ditandai Diterima.",
        "Laporan Siti Aminah Triwulan IV-Akhir kini berstatus Selesai diverifikasi.",
    ]


# --- Accept all ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_accept_all_matrix(agency, client_for, siti, role):
    before = realisasi_state()
    response = client_for(role).post(
        reverse("realisasi:accept-all", args=[siti.pk]), {"diperiksa": "1"}
    )
    if role == "penilai":
        assert response.status_code == 302
        assert response.url == detail(siti)
        assert [item.status for item in items_of(siti)] == ["DITERIMA", "DITERIMA"]
        assert refresh(siti).status == "SELESAI"
        assert sent_messages(response) == [
            "2 bukti dukung Siti Aminah diterima.",
            "Laporan Siti Aminah Triwulan IV-Akhir kini berstatus Selesai diverifikasi.",
        ]
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "outsider":
        assert response.status_code == 404
    else:
        assert response.status_code == 403
    assert realisasi_state() == before


def test_accept_all_needs_the_review_statement(agency, client_for, siti):
    before = realisasi_state()
    response = client_for("penilai").post(reverse("realisasi:accept-all", args=[siti.pk]))
    assert response.url == detail(siti, "terima-semua")
    assert sent_messages(response) == [
        "Centang pernyataan bahwa Anda telah memeriksa semua bukti dukung yang menunggu."
    ]
    assert realisasi_state() == before


def test_accept_all_keeps_the_verdicts_given(agency, client_for, siti):
    pdf, _link = items_of(siti)
    client = client_for("penilai")
    client.post(
        reverse("realisasi:verdict", args=[pdf.pk]), {"status": "DITOLAK", "catatan": "Palsu."}
    )
    response = client.post(reverse("realisasi:accept-all", args=[siti.pk]), {"diperiksa": "on"})
    assert sent_messages(response) == [
        "1 bukti dukung Siti Aminah diterima.",
        "Laporan Siti Aminah Triwulan IV-Akhir kini berstatus Perlu perbaikan.",
    ]
    assert [(item.status, item.catatan) for item in items_of(siti)] == [
        ("DITOLAK", "Palsu."),
        ("DITERIMA", ""),
    ]
    assert refresh(siti).status == "PERLU_PERBAIKAN"
    assert list(
        Notifikasi.objects.filter(penerima=agency.pegawai.pengguna).values_list("judul", flat=True)
    ) == ["Bukti dukung Triwulan IV-Akhir perlu diperbaiki"]
    before = realisasi_state()
    again = client.post(reverse("realisasi:accept-all", args=[siti.pk]), {"diperiksa": "on"})
    assert sent_messages(again) == [NOT_WAITING]
    assert realisasi_state() == before


def test_accept_all_of_a_draft_is_refused(agency, client_for, periode, leader_rhk):
    laporan, _skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=leader_rhk)
    upload(laporan, rhk)
    before = realisasi_state()
    response = client_for("penilai").post(
        reverse("realisasi:accept-all", args=[laporan.pk]),
        {"diperiksa": "on", "next": reverse("realisasi:inbox")},
    )
    assert response.url == reverse("realisasi:inbox")
    assert sent_messages(response) == [NOT_WAITING]
    assert realisasi_state() == before


# --- Feedback --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_feedback_matrix(agency, client_for, siti, role):
    rhk = Rhk.objects.get(skp=siti.skp)
    before = realisasi_state()
    response = client_for(role).post(
        reverse("realisasi:feedback", args=[siti.pk]),
        {"rhk": rhk.pk, "isi": "Pertahankan ketepatan waktu laporan."},
    )
    if role == "penilai":
        assert response.status_code == 302
        assert response.url == detail(siti, f"umpan-balik-rhk-{rhk.pk}")
        assert list(UmpanBalik.objects.values_list("laporan_id", "rhk_id", "nilai", "isi")) == [
            (siti.pk, rhk.pk, "", "Pertahankan ketepatan waktu laporan.")
        ]
        assert sent_messages(response) == ["Umpan balik disimpan."]
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "outsider":
        assert response.status_code == 404
    else:
        assert response.status_code == 403
    assert realisasi_state() == before


def test_feedback_on_an_rhk_created_updated_removed(agency, client_for, siti):
    rhk = Rhk.objects.get(skp=siti.skp)
    client = client_for("penilai")
    url = reverse("realisasi:feedback", args=[siti.pk])
    client.post(url, {"rhk": rhk.pk, "isi": "  Bagus.  "})
    assert list(UmpanBalik.objects.values_list("rhk_id", "isi", "oleh_label")) == [
        (rhk.pk, "Bagus.", f"Budi Santoso ({agency.penilai.nip})")
    ]
    client.post(url, {"rhk": rhk.pk, "isi": "Tingkatkan kualitas dokumentasi."})
    assert list(UmpanBalik.objects.values_list("rhk_id", "isi")) == [
        (rhk.pk, "Tingkatkan kualitas dokumentasi.")
    ]
    removed = client.post(url, {"rhk": rhk.pk, "isi": ""})
    assert sent_messages(removed) == ["Umpan balik dihapus."]
    assert not UmpanBalik.objects.exists()


def test_feedback_on_a_berakhlak_value(agency, client_for, siti):
    client = client_for("penilai")
    url = reverse("realisasi:feedback", args=[siti.pk])
    response = client.post(url, {"nilai": "KOMPETEN", "isi": "Ikuti pelatihan analisis data."})
    assert response.url == detail(siti, "umpan-balik-KOMPETEN")
    client.post(url, {"nilai": "AKUNTABEL", "isi": "Disiplin waktu sangat baik."})
    client.post(url, {"nilai": "KOMPETEN", "isi": "Ikuti pelatihan analisis data lanjutan."})
    assert sorted(UmpanBalik.objects.values_list("nilai", "isi")) == [
        ("AKUNTABEL", "Disiplin waktu sangat baik."),
        ("KOMPETEN", "Ikuti pelatihan analisis data lanjutan."),
    ]


def test_feedback_refusals_change_nothing(agency, client_for, siti, periode):
    _plan, other_rhk = approved_plan(agency.outsider)
    client = client_for("penilai")
    url = reverse("realisasi:feedback", args=[siti.pk])
    rhk = Rhk.objects.get(skp=siti.skp)
    before = realisasi_state()
    cases = [
        ({"nilai": "JUJUR", "isi": "Teks."}, "Nilai BerAKHLAK tidak dikenal: JUJUR."),
        ({"rhk": other_rhk.pk, "isi": "Teks."}, "RHK ini bukan bagian dari SKP laporan ini."),
        ({"isi": "Teks."}, "Umpan balik ditulis untuk satu RHK atau satu nilai BerAKHLAK."),
        (
            {"rhk": rhk.pk, "nilai": "KOMPETEN", "isi": "Teks."},
            "Umpan balik ditulis untuk satu RHK atau satu nilai BerAKHLAK.",
        ),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 302
        assert sent_messages(response) == [message]
    assert realisasi_state() == before


def test_htmx_feedback_renders_the_form_again(agency, client_for, siti):
    rhk = Rhk.objects.get(skp=siti.skp)
    client = client_for("penilai")
    url = reverse("realisasi:feedback", args=[siti.pk])
    saved = htmx(client, url, {"rhk": rhk.pk, "isi": "Lanjutkan."})
    html = saved.content.decode()
    assert [t.name for t in saved.templates] == ["realisasi/_penilai_umpan_balik.html"]
    assert '<p class="message success" role="status">Umpan balik disimpan.</p>' in html
    assert f'id="umpan-balik-rhk-{rhk.pk}"' in html
    assert ">Lanjutkan.</textarea>" in html
    assert "Ubah umpan balik Anda" in html
    assert sent_messages(saved) == []
    refused = htmx(client, url, {"nilai": "JUJUR", "isi": "Coba."})
    html = refused.content.decode()
    assert "<li>Nilai BerAKHLAK tidak dikenal: JUJUR.</li>" in html
    assert 'id="umpan-balik-JUJUR"' in html
    assert ">Coba.</textarea>" in html
    removed = htmx(client, url, {"rhk": rhk.pk, "isi": ""})
    html = removed.content.decode()
    assert "Umpan balik dihapus." in html
    assert "Tulis umpan balik" in html
    assert not UmpanBalik.objects.exists()


# --- The partials of the report page ---------------------------------------------------------


def partial(name: str, **context: Any) -> str:
    request = RequestFactory().get("/")
    return render_to_string(f"realisasi/{name}", context, request=request)


def test_partials_render_nothing_for_who_may_not_verify(agency, siti):
    pdf, _link = items_of(siti)
    rhk = Rhk.objects.get(skp=siti.skp)
    for may_verify in (False, None):
        assert partial("_penilai_bukti.html", bukti=pdf, laporan=siti, may_verify=may_verify) == ""
        assert partial("_penilai_laporan.html", laporan=siti, may_verify=may_verify) == ""
        assert (
            partial("_penilai_umpan_balik.html", laporan=siti, rhk=rhk, may_verify=may_verify) == ""
        )
        assert (
            partial(
                "_penilai_umpan_balik.html", laporan=siti, nilai="KOMPETEN", may_verify=may_verify
            )
            == ""
        )


def test_verdict_form_only_for_a_waiting_item_of_a_submitted_report(agency, siti):
    pdf, tautan = items_of(siti)
    html = partial("_penilai_bukti.html", bukti=pdf, laporan=siti, may_verify=True)
    assert f'action="{reverse("realisasi:verdict", args=[pdf.pk])}"' in html
    assert html.count('type="radio" name="status"') == 3
    for value in ("DITERIMA", "PERLU_PERBAIKAN", "DITOLAK"):
        assert f'value="{value}"' in html
    assert 'name="catatan"' in html
    services.bukti_verdict(aktor=aktor_for(agency.penilai), bukti=pdf, status="DITERIMA")
    html = partial("_penilai_bukti.html", bukti=refresh(pdf), laporan=siti, may_verify=True)
    assert "<form" not in html
    assert f'id="verifikasi-{pdf.pk}"' in html
    services.bukti_verdict(aktor=aktor_for(agency.penilai), bukti=tautan, status="DITERIMA")
    done = Laporan.objects.get(pk=siti.pk)
    html = partial("_penilai_bukti.html", bukti=refresh(tautan), laporan=done, may_verify=True)
    assert "<form" not in html


def test_accept_all_button_only_while_submitted(agency, siti):
    html = partial("_penilai_laporan.html", laporan=siti, may_verify=True)
    assert f'action="{reverse("realisasi:accept-all", args=[siti.pk])}"' in html
    assert 'type="checkbox" name="diperiksa"' in html
    assert "Saya telah memeriksa semua bukti dukung yang menunggu verifikasi." in html
    services.bukti_accept_all(aktor=aktor_for(agency.penilai), laporan=siti)
    assert partial("_penilai_laporan.html", laporan=refresh(siti), may_verify=True) == ""


def test_feedback_form_for_an_rhk_and_a_value(agency, siti):
    rhk = Rhk.objects.get(skp=siti.skp)
    action = f'action="{reverse("realisasi:feedback", args=[siti.pk])}"'
    html = partial("_penilai_umpan_balik.html", laporan=siti, rhk=rhk, may_verify=True)
    assert action in html
    assert f'<input type="hidden" name="rhk" value="{rhk.pk}">' in html
    assert 'name="nilai"' not in html
    assert "Tulis umpan balik" in html
    feedback = services.umpan_balik_save(
        aktor=aktor_for(agency.penilai), laporan=siti, nilai="ADAPTIF", isi="Cepat beradaptasi."
    )
    html = partial(
        "_penilai_umpan_balik.html",
        laporan=siti,
        nilai="ADAPTIF",
        umpan_balik=feedback,
        may_verify=True,
    )
    assert '<input type="hidden" name="nilai" value="ADAPTIF">' in html
    assert 'name="rhk"' not in html
    assert ">Cepat beradaptasi.</textarea>" in html
    assert "Ubah umpan balik Anda" in html


# --- On the report page ----------------------------------------------------------------------


def test_the_report_page_offers_the_controls_to_the_appraiser_only(agency, client_for, siti):
    pdf, tautan = items_of(siti)
    rhk = Rhk.objects.get(skp=siti.skp)
    for role in ("pegawai", "admin", "pimpinan", "auditor", "superuser"):
        html = client_for(role).get(detail(siti)).content.decode()
        assert 'data-testid="putusan-' not in html, role
        assert 'data-testid="terima-semua"' not in html, role
        assert 'data-testid="form-umpan-balik-' not in html, role
    html = client_for("penilai").get(detail(siti)).content.decode()
    assert f'data-testid="putusan-{pdf.pk}"' in html
    assert f'data-testid="putusan-{tautan.pk}"' in html
    assert 'data-testid="terima-semua"' in html
    assert f'data-testid="form-umpan-balik-rhk-{rhk.pk}"' in html
    assert html.count('data-testid="form-umpan-balik-') == 8


def test_a_verdict_from_the_report_page_and_back(agency, client_for, siti):
    pdf, tautan = items_of(siti)
    client = client_for("penilai")
    response = client.post(
        reverse("realisasi:verdict", args=[pdf.pk]),
        {"status": "PERLU_PERBAIKAN", "catatan": "Lampirkan notulen."},
        follow=True,
    )
    assert response.redirect_chain == [(detail(siti, f"verifikasi-{pdf.pk}"), 302)]
    html = response.content.decode()
    assert "Bukti “laporan-kegiatan.pdf” ditandai Perlu Perbaikan." in html
    assert f'data-testid="putusan-{pdf.pk}"' not in html
    assert f'data-testid="putusan-{tautan.pk}"' in html
    assert "Lampirkan notulen." in html
