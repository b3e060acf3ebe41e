"""Realisation API, the appraiser's side: the inbox, verdicts (also two in a row), accept-all,
continuous feedback; the whole flow submit → return one → replace → resubmit → accept all."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.conftest import ROLES
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.tests.factories import pegawai_with_account
from kinerja.realisasi.models import BuktiDukung, Laporan, UmpanBalik
from kinerja.realisasi.tests.factories import PDF_BYTES, PNG_BYTES, link, report_for, upload
from kinerja.realisasi.tests.helpers import realisasi_state, stored_files
from kinerja.realisasi.tests.test_api import (
    BASE,
    EMPLOYEES,
    LINK,
    NO_ITEMS,
    READERS,
    Setting,
    build,
    bukti_status,
    colleague,
    encoded,
    item_steps,
    label_of,
    laporan_status,
    period_body,
    person,
    post_file,
    refusal,
    report_steps,
    send,
    status_for,
    submit,
    verdict,
)
from kinerja.skp.tests.factories import aktor_for

pytestmark = pytest.mark.django_db
APPRAISER = {"penilai"}


def submitted_with_two_items(agency: Any) -> tuple[Setting, BuktiDukung, BuktiDukung]:
    setting = build(agency)
    berkas = upload(setting.laporan, setting.rhk)
    tautan = link(setting.laporan, setting.rhk)
    submit(setting.laporan)
    return setting, berkas, tautan


def inbox_row(laporan: Laporan, menunggu: int, diterima: int, dikembalikan: int) -> Any:
    laporan = Laporan.objects.select_related("skp__pegawai", "periode").get(pk=laporan.pk)
    return {
        "laporan": {
            "id": laporan.pk,
            "status": laporan_status(laporan.status),
            "putaran": laporan.putaran,
            "diajukan_pada": encoded(laporan.diajukan_pada),
            "selesai_pada": encoded(laporan.selesai_pada),
        },
        "pegawai": person(laporan.skp.pegawai),
        "periode": period_body(laporan.periode),
        "menunggu": menunggu,
        "diterima": diterima,
        "dikembalikan": dikembalikan,
    }


# --- Inbox -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_inbox_matrix(agency, client_for, role):
    setting, _berkas, _tautan = submitted_with_two_items(agency)
    before = realisasi_state()
    response = client_for(role).get(f"{BASE}/verifikasi")
    assert realisasi_state() == before
    # Every employee has an inbox (empty without appraisees); other accounts have none.
    assert response.status_code == status_for(role, EMPLOYEES, set())
    if response.status_code != 200:
        return
    expected = [inbox_row(setting.laporan, 2, 0, 0)] if role == "penilai" else []
    assert response.json() == expected


def test_inbox_order_and_filters(agency, client_for):
    setting, first, _tautan = submitted_with_two_items(agency)
    rina_report, rina_rhk = colleague(agency, setting)
    upload(rina_report, rina_rhk, PNG_BYTES, "foto.png")
    submit(rina_report)
    dewi_report, dewi_rhk = colleague(agency, setting, "Dewi Lestari")
    link(dewi_report, dewi_rhk)
    submit(dewi_report)
    verdict(agency, BuktiDukung.objects.get(laporan=dewi_report), "DITERIMA")
    andi_report, andi_rhk = colleague(agency, setting, "Andi Saputra")
    link(andi_report, andi_rhk)  # a draft: not in the inbox
    verdict(agency, first, "DITOLAK", "Bukan dokumen kegiatan ini")
    client = client_for("penilai")

    def names(**query: Any) -> list[str]:
        response = client.get(f"{BASE}/verifikasi", query)
        assert response.status_code == 200
        return [row["pegawai"]["nama"] for row in response.json()]

    # Waiting first, oldest submission first; done last.
    assert client.get(f"{BASE}/verifikasi").json() == [
        inbox_row(setting.laporan, 1, 0, 1),
        inbox_row(rina_report, 1, 0, 0),
        inbox_row(dewi_report, 0, 1, 0),
    ]
    assert names(status="SELESAI") == ["Dewi Lestari"]
    assert names(status="diajukan") == ["Siti Aminah", "Rina Marlina"]
    assert names(status="Perlu perbaikan") == []
    assert names(periode=setting.periode.pk) == ["Siti Aminah", "Rina Marlina", "Dewi Lestari"]
    assert names(unit=agency.biro.pk) == ["Siti Aminah", "Rina Marlina", "Dewi Lestari"]
    assert names(unit=agency.lain.pk) == []
    assert client.get(f"{BASE}/verifikasi", {"periode": 999999}).status_code == 404
    assert client.get(f"{BASE}/verifikasi", {"unit": 999999}).status_code == 404
    response = client.get(f"{BASE}/verifikasi", {"status": "DRAF"})
    assert response.json() == refusal(
        "status",
        "Status “DRAF” tidak dikenal; pilih salah satu: DIAJUKAN, PERLU_PERBAIKAN, SELESAI.",
    )


@pytest.mark.parametrize("extra", [0, 6])
def test_inbox_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    setting, _berkas, _tautan = submitted_with_two_items(agency)
    for index in range(extra):
        report, rhk = colleague(agency, setting, f"Bawahan {index:02d}")
        link(report, rhk, f"{LINK}/{index}")
        submit(report)
    client = client_for("penilai")
    # Session, user, the scope (roles, employee record, appraisees), the period, the reports
    # with their counts.
    with django_assert_num_queries(7):
        response = client.get(f"{BASE}/verifikasi", {"periode": setting.periode.pk})
    assert len(response.json()) == 1 + extra


# --- Verdicts --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_verdict_matrix(agency, client_for, role):
    setting, berkas, _tautan = submitted_with_two_items(agency)
    before = realisasi_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/bukti/{berkas.pk}/verifikasi",
        {"status": "PERLU_PERBAIKAN", "catatan": "Tanda tangan belum ada"},
    )
    # Only Siti's appraiser gives verdicts; her other readers are refused (403).
    assert response.status_code == status_for(role, APPRAISER, READERS)
    if response.status_code != 200:
        assert realisasi_state() == before
        return
    berkas.refresh_from_db()
    siti, budi = label_of(agency.pegawai), label_of(agency.penilai)
    assert response.json() == {
        "id": berkas.pk,
        "rhk_id": setting.rhk.pk,
        "jenis": {"kode": "BERKAS", "label": "Berkas"},
        "uraian": "Laporan kegiatan",
        "nama_berkas": "laporan.pdf",
        "tipe_berkas": {"kode": "PDF", "label": "PDF"},
        "ukuran": len(PDF_BYTES),
        "sha256": berkas.sha256,
        "tautan": "",
        "unduh": f"{BASE}/bukti/{berkas.pk}/unduh",
        "status": bukti_status("PERLU_PERBAIKAN"),
        "catatan": "Tanda tangan belum ada",
        "putaran": 1,
        "diunggah_pada": encoded(berkas.diunggah_pada),
        "diverifikasi_pada": encoded(berkas.diverifikasi_pada),
        "diverifikasi_oleh": "Budi Santoso",
        "may_edit": False,
        "sinyal": [],
        "riwayat": item_steps(
            berkas,
            (0, "UNGGAH", "MENUNGGU", "", "laporan.pdf", siti),
            (1, "VERIFIKASI", "PERLU_PERBAIKAN", "Tanda tangan belum ada", "laporan.pdf", budi),
        ),
    }
    # The other item still waits: the report stays submitted.
    assert setting.fresh().status == "DIAJUKAN"


def test_two_verdicts_in_a_row_on_one_item(agency, client_for):
    setting, berkas, tautan = submitted_with_two_items(agency)
    client = client_for("penilai")
    url = f"{BASE}/bukti/{berkas.pk}/verifikasi"
    first = send(client, "post", url, {"status": "DITERIMA", "catatan": ""})
    assert first.status_code == 200
    assert first.json()["status"] == bukti_status("DITERIMA")
    before = realisasi_state()
    second = send(client, "post", url, {"status": "DITOLAK", "catatan": "Salah unggah"})
    assert second.json() == refusal("__all__", "Bukti ini sudah diverifikasi (Diterima).")
    assert realisasi_state() == before
    # Once the last item is judged the report is done; a verdict then finds nothing waiting.
    send(client, "post", f"{BASE}/bukti/{tautan.pk}/verifikasi", {"status": "Diterima"})
    assert setting.fresh().status == "SELESAI"
    before = realisasi_state()
    third = send(client, "post", url, {"status": "DITOLAK", "catatan": "Salah unggah"})
    assert third.json() == refusal("__all__", "Laporan ini tidak sedang menunggu verifikasi.")
    assert realisasi_state() == before


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            {"status": "PERLU_PERBAIKAN", "catatan": "  "},
            "Tuliskan catatan: apa yang perlu diperbaiki atau mengapa bukti ditolak.",
        ),
        (
            {"status": "DITOLAK"},
            "Tuliskan catatan: apa yang perlu diperbaiki atau mengapa bukti ditolak.",
        ),
        ({"status": "BAGUS"}, "Hasil verifikasi harus Diterima, Perlu Perbaikan, atau Ditolak."),
        ({"status": "MENUNGGU"}, "Hasil verifikasi harus Diterima, Perlu Perbaikan, atau Ditolak."),
    ],
)
def test_verdict_refusals(agency, client_for, payload, message):
    _setting, berkas, _tautan = submitted_with_two_items(agency)
    before = realisasi_state()
    response = send(client_for("penilai"), "post", f"{BASE}/bukti/{berkas.pk}/verifikasi", payload)
    assert response.json() == refusal("__all__", message)
    assert realisasi_state() == before


def test_verdict_on_a_draft_is_refused(agency, client_for):
    setting = build(agency)
    berkas = upload(setting.laporan, setting.rhk)
    before = realisasi_state()
    response = send(
        client_for("penilai"),
        "post",
        f"{BASE}/bukti/{berkas.pk}/verifikasi",
        {"status": "DITERIMA"},
    )
    assert response.json() == refusal("__all__", "Laporan ini tidak sedang menunggu verifikasi.")
    response = send(client_for("penilai"), "post", f"{BASE}/{setting.laporan.pk}/terima-semua")
    assert response.json() == refusal("__all__", "Laporan ini tidak sedang menunggu verifikasi.")
    assert realisasi_state() == before


# --- Accept all ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_accept_all_matrix(agency, client_for, role):
    setting, berkas, _tautan = submitted_with_two_items(agency)
    verdict(agency, berkas, "DITERIMA")
    before = realisasi_state()
    response = send(client_for(role), "post", f"{BASE}/{setting.laporan.pk}/terima-semua")
    assert response.status_code == status_for(role, APPRAISER, READERS)
    if response.status_code != 200:
        assert realisasi_state() == before
        return
    body = response.json()
    laporan = setting.fresh()
    assert body["diterima"] == 1
    assert (body["laporan"]["status"], body["laporan"]["selesai_pada"]) == (
        laporan_status("SELESAI"),
        encoded(laporan.selesai_pada),
    )
    assert body["laporan"]["jumlah"] == {**NO_ITEMS, "DITERIMA": 2}
    assert (body["laporan"]["may_edit"], body["laporan"]["may_verify"]) == (False, False)
    assert body["laporan"]["riwayat"] == report_steps(
        laporan,
        (1, "VERIFIKASI", "SELESAI", label_of(agency.penilai)),
        (1, "AJUKAN", "DIAJUKAN", label_of(agency.pegawai)),
    )


# --- Feedback --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_feedback_matrix(agency, client_for, role):
    setting = build(agency)
    before = realisasi_state()
    response = send(
        client_for(role),
        "put",
        f"{BASE}/{setting.laporan.pk}/umpan-balik",
        {"rhk": setting.rhk.pk, "isi": " Pertahankan ketepatan waktu. "},
    )
    assert response.status_code == status_for(role, APPRAISER, READERS)
    if response.status_code != 200:
        assert realisasi_state() == before
        return
    saved = UmpanBalik.objects.get()
    assert response.json() == {
        "id": saved.pk,
        "rhk_id": setting.rhk.pk,
        "nilai": "",
        "isi": "Pertahankan ketepatan waktu.",
        "oleh": label_of(agency.penilai),
        "diubah_pada": encoded(saved.diubah_pada),
    }


def test_feedback_on_a_value_update_and_removal(agency, client_for):
    setting = build(agency)
    client = client_for("penilai")
    url = f"{BASE}/{setting.laporan.pk}/umpan-balik"
    first = send(client, "put", url, {"rhk": None, "nilai": "KOMPETEN", "isi": "Ikuti pelatihan."})
    second = send(client, "put", url, {"nilai": "KOMPETEN", "isi": "Bagikan ilmu ke tim."})
    assert first.json()["id"] == second.json()["id"]
    assert (second.json()["rhk_id"], second.json()["nilai"], second.json()["isi"]) == (
        None,
        "KOMPETEN",
        "Bagikan ilmu ke tim.",
    )
    detail = client_for("pegawai").get(f"{BASE}/{setting.laporan.pk}").json()
    assert [
        value["umpan_balik"]["isi"] for value in detail["perilaku"] if value["umpan_balik"]
    ] == ["Bagikan ilmu ke tim."]
    removed = send(client, "put", url, {"nilai": "KOMPETEN", "isi": ""})
    assert removed.status_code == 204
    assert removed.content == b""
    assert UmpanBalik.objects.count() == 0


def test_feedback_refusals(agency, client_for):
    setting = build(agency)
    _rina_report, rina_rhk = colleague(agency, setting)
    client = client_for("penilai")
    url = f"{BASE}/{setting.laporan.pk}/umpan-balik"
    before = realisasi_state()
    one_of = "Umpan balik ditulis untuk satu RHK atau satu nilai BerAKHLAK."
    both = {"rhk": setting.rhk.pk, "nilai": "KOMPETEN", "isi": "X"}
    assert send(client, "put", url, both).json() == refusal("__all__", one_of)
    assert send(client, "put", url, {"isi": "X"}).json() == refusal("__all__", one_of)
    assert send(client, "put", url, {"nilai": "JUJUR", "isi": "X"}).json() == refusal(
        "nilai", "Nilai BerAKHLAK tidak dikenal: JUJUR."
    )
    assert send(client, "put", url, {"rhk": rina_rhk.pk, "isi": "X"}).json() == refusal(
        "rhk", "RHK ini bukan bagian dari SKP laporan ini."
    )
    assert realisasi_state() == before


# --- The whole flow --------------------------------------------------------------------------


def test_submit_return_replace_resubmit_accept_all(
    agency, client_for, django_capture_on_commit_callbacks
):
    setting = build(agency)
    siti, budi = client_for("pegawai"), client_for("penilai")
    laporan = setting.laporan.pk
    siti_label, budi_label = label_of(agency.pegawai), label_of(agency.penilai)

    # Siti records realisation, uploads a file and adds a link, then submits.
    assert (
        send(
            siti, "put", f"{BASE}/{laporan}/realisasi/{setting.indikator.pk}", {"nilai": "12"}
        ).status_code
        == 200
    )
    berkas = post_file(siti, f"{BASE}/{laporan}/bukti/berkas", rhk=setting.rhk.pk, uraian="Notulen")
    assert berkas.status_code == 201
    tautan = send(siti, "post", f"{BASE}/{laporan}/bukti/tautan",
                  {"rhk": setting.rhk.pk, "uraian": "Foto", "tautan": LINK})  # fmt: skip
    assert tautan.status_code == 201
    berkas_id, tautan_id = berkas.json()["id"], tautan.json()["id"]
    submitted = send(siti, "post", f"{BASE}/{laporan}/ajukan")
    assert submitted.status_code == 200
    assert (submitted.json()["status"], submitted.json()["putaran"]) == (
        laporan_status("DIAJUKAN"),
        1,
    )
    assert list(Notifikasi.objects.values_list("penerima_id", "judul", "tautan")) == [
        (
            agency.penilai.pengguna_id,
            "Siti Aminah mengajukan realisasi Triwulan IV-Akhir",
            f"/realisasi/{laporan}/",
        )
    ]

    # Budi returns the file and accepts the rest.
    returned = send(budi, "post", f"{BASE}/bukti/{berkas_id}/verifikasi",
                    {"status": "PERLU_PERBAIKAN", "catatan": "Tanda tangan belum ada"})  # fmt: skip
    assert returned.status_code == 200
    accepted = send(budi, "post", f"{BASE}/{laporan}/terima-semua")
    assert accepted.json()["diterima"] == 1
    assert accepted.json()["laporan"]["status"] == laporan_status("PERLU_PERBAIKAN")
    assert Notifikasi.objects.filter(penerima=agency.pegawai.pengguna).get().judul == (
        "Bukti dukung Triwulan IV-Akhir perlu diperbaiki"
    )

    # Resubmitting before correcting the returned file is refused, naming it.
    before = realisasi_state()
    assert send(siti, "post", f"{BASE}/{laporan}/ajukan").json() == refusal(
        "__all__",
        "Bukti “laporan.pdf” (RHK RHK-01) dikembalikan: perbaiki atau hapus sebelum "
        "mengajukan kembali.",
    )
    assert realisasi_state() == before
    detail = siti.get(f"{BASE}/{laporan}").json()
    assert detail["may_edit"] is True
    assert [item["may_edit"] for item in detail["rhk"][0]["bukti"]] == [True, False]

    # Siti replaces the file and resubmits; Budi accepts all.
    with django_capture_on_commit_callbacks(execute=True):
        replaced = post_file(siti, f"{BASE}/bukti/{berkas_id}/berkas", PNG_BYTES, "notulen.png",
                             uraian="Notulen bertanda tangan")  # fmt: skip
    assert replaced.status_code == 200
    assert replaced.json()["status"] == bukti_status("MENUNGGU")
    resubmitted = send(siti, "post", f"{BASE}/{laporan}/ajukan")
    assert (resubmitted.json()["status"], resubmitted.json()["putaran"]) == (
        laporan_status("DIAJUKAN"),
        2,
    )
    assert budi.get(f"{BASE}/verifikasi").json()[0]["menunggu"] == 1
    done = send(budi, "post", f"{BASE}/{laporan}/terima-semua")
    assert done.json()["diterima"] == 1

    final = done.json()["laporan"]
    report = setting.fresh()
    assert (final["status"], final["putaran"]) == (laporan_status("SELESAI"), 2)
    assert final["jumlah"] == {**NO_ITEMS, "DITERIMA": 2}
    assert final["riwayat"] == report_steps(
        report,
        (2, "VERIFIKASI", "SELESAI", budi_label),
        (2, "AJUKAN", "DIAJUKAN", siti_label),
        (1, "VERIFIKASI", "PERLU_PERBAIKAN", budi_label),
        (1, "AJUKAN", "DIAJUKAN", siti_label),
    )
    items = {item["id"]: item for item in final["rhk"][0]["bukti"]}
    assert items[berkas_id]["riwayat"] == item_steps(
        BuktiDukung.objects.get(pk=berkas_id),
        (0, "UNGGAH", "MENUNGGU", "", "laporan.pdf", siti_label),
        (1, "VERIFIKASI", "PERLU_PERBAIKAN", "Tanda tangan belum ada", "laporan.pdf", budi_label),
        (1, "GANTI", "MENUNGGU", "", "notulen.png", siti_label),
        (2, "VERIFIKASI", "DITERIMA", "", "notulen.png", budi_label),
    )
    assert (items[berkas_id]["putaran"], items[tautan_id]["putaran"]) == (2, 1)
    assert items[tautan_id]["riwayat"] == item_steps(
        BuktiDukung.objects.get(pk=tautan_id),
        (0, "TAUTAN", "MENUNGGU", "", LINK, siti_label),
        (1, "VERIFIKASI", "DITERIMA", "", LINK, budi_label),
    )
    assert list(
        Notifikasi.objects.filter(penerima=agency.pegawai.pengguna)
        .order_by("pk")
        .values_list("judul", flat=True)
    ) == [
        "Bukti dukung Triwulan IV-Akhir perlu diperbaiki",
        "Bukti dukung Triwulan IV-Akhir selesai diverifikasi",
    ]
    assert Notifikasi.objects.filter(penerima=agency.penilai.pengguna).count() == 2
    assert len(stored_files()) == 1


def test_appraiser_without_employee_record_hr_verifies(agency, client_for):
    """An employee without an appraiser is verified by HR of their unit (here the admin of
    the biro); the superuser too."""
    setting = build(agency)
    lone = pegawai_with_account(nama="Tanpa Penilai", unit=agency.bagian)
    laporan, _skp, rhk = report_for(lone, setting.periode, rhk_atasan=None)
    berkas = upload(laporan, rhk)
    submit(laporan)
    for role, expected in [("penilai", 404), ("pimpinan", 403), ("admin", 200)]:
        response = send(
            client_for(role), "post", f"{BASE}/bukti/{berkas.pk}/verifikasi", {"status": "DITERIMA"}
        )
        assert response.status_code == expected, role
    assert Laporan.objects.get(pk=laporan.pk).status == "SELESAI"
    assert aktor_for(lone).label == label_of(lone)
