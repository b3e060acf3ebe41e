"""The SKP workflow through its services: submit, return with a note, resubmit, approve (with the
snapshot of the people and the frozen revision), revise, withdraw; what is refused in each
state, the deadlines, and the appraiser's plan approved first. Every step leaves its history row
and audit entry; every refusal changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Max

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import JabatanFactory, pegawai_with_account
from kinerja.periode.models import TahunKinerja
from kinerja.periode.services import tahun_update
from kinerja.skp import selectors, services
from kinerja.skp.models import Indikator, RevisiSkp, Rhk, RiwayatSkp, Skp
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan, open_year, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

SUBMITTED = "SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."
APPROVED = "SKP sudah disetujui; buka revisi untuk mengubahnya."
SUBMIT_DEADLINE = (
    "Batas pengajuan SKP tahun 2026 telah lewat pada 31 Januari 2026; minta admin kepegawaian "
    "memperpanjang batas pengajuan."
)
APPROVAL_DEADLINE = (
    "Batas persetujuan SKP telah lewat pada 14 Februari 2026; minta admin kepegawaian "
    "memperpanjang batas persetujuan."
)


def appraiser_first(nama: str) -> str:
    return (
        f"SKP pejabat penilai Anda ({nama}) untuk tahun 2026 belum disetujui; SKP Anda dapat "
        "diajukan setelah itu."
    )


def refused(call, expected):
    before = skp_state()
    with pytest.raises(ValidationError) as caught:
        call()
    if isinstance(expected, dict):
        assert caught.value.message_dict == expected
    else:
        assert caught.value.messages == expected
    assert skp_state() == before


def audit_mark() -> int:
    return Entri.objects.aggregate(top=Max("urutan"))["top"] or 0


def entries_since(mark: int) -> list[tuple]:
    return [
        (e.aksi, e.objek_id, e.sebelum, e.sesudah, e.keterangan)
        for e in Entri.objects.filter(urutan__gt=mark).order_by("urutan")
    ]


def history(skp: Skp) -> list[tuple]:
    return list(
        RiwayatSkp.objects.filter(skp=skp)
        .order_by("pk")
        .values_list("revisi", "aksi", "status", "catatan", "oleh_label")
    )


def reload(skp: Skp) -> Skp:
    return Skp.objects.select_related("pegawai").get(pk=skp.pk)


def person(pegawai: Pegawai, nama: str, unit_kode: str, unit_nama: str, jenis: str) -> dict:
    """The snapshot of one person: names and units written out, generated values read."""
    return {
        "id": pegawai.pk,
        "nama": nama,
        "nip": pegawai.nip,
        "golongan": "III/a",
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": jenis,
        "unit_kode": unit_kode,
        "unit_nama": unit_nama,
    }


@pytest.fixture
def year():
    return open_year()


@pytest.fixture
def chain(agency, year):
    """Siti → Budi → Rina (a JPT of biro without an appraiser): Rina's plan approved by HR,
    Budi's approved by Rina, Siti's draft cascading from Budi's RHK."""
    rina = pegawai_with_account(
        nama="Rina Kusuma",
        unit=agency.biro,
        jabatan=JabatanFactory(nama="Kepala Biro Umum", jenis_jabatan="JPT"),
    )
    Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=rina)
    budi = Pegawai.objects.get(pk=agency.penilai.pk)
    _, rina_rhk = approved_plan(rina, perspektif="PENERIMA_LAYANAN", kode="IKU-1")
    _, budi_rhk = approved_plan(budi, approver=aktor_for(rina), rhk_atasan=rina_rhk)
    skp, rhk = plan_with_rhk(agency.pegawai, rhk_atasan=budi_rhk)
    return rina, budi, skp, rhk


# --- The whole cycle -------------------------------------------------------------------------


class TestCycle:
    def test_submit_return_resubmit_approve(self, agency, chain):
        rina, budi, skp, rhk = chain
        owner, appraiser = aktor_for(agency.pegawai), aktor_for(budi)
        mark = audit_mark()

        services.skp_submit(aktor=owner, skp=skp)
        assert reload(skp).status == "DIAJUKAN"
        assert reload(skp).diajukan_pada is not None
        services.skp_return(aktor=appraiser, skp=skp, catatan=" Target terlalu rendah ")
        returned = reload(skp)
        assert (returned.status, returned.catatan_penilai) == (
            "DIKEMBALIKAN",
            "Target terlalu rendah",
        )
        services.indikator_update(
            aktor=owner,
            indikator=Indikator.objects.get(rhk=rhk),
            aspek="KUANTITAS",
            uraian="Jumlah laporan yang tersusun",
            target_nilai="24",
            target_satuan="laporan",
        )
        services.skp_submit(aktor=owner, skp=skp)
        approved = services.skp_approve(aktor=appraiser, skp=skp, catatan=" Disetujui ")

        stored = reload(skp)
        assert (stored.status, stored.revisi, stored.catatan_penilai) == (
            "DISETUJUI",
            1,
            "Disetujui",
        )
        assert (stored.unit_id, stored.penilai_id, stored.disetujui_oleh_id) == (
            agency.bagian.pk,
            budi.pk,
            budi.pengguna_id,
        )
        assert stored.disetujui_pada == approved.disetujui_pada
        assert stored.identitas == {
            "pegawai": person(agency.pegawai, "Siti Aminah", "BU-SDM", "Bagian SDM", "PELAKSANA"),
            "penilai": person(budi, "Budi Santoso", "BU-SDM", "Bagian SDM", "PELAKSANA"),
            "atasan_penilai": person(rina, "Rina Kusuma", "BU", "Biro Umum", "JPT"),
        }
        assert history(skp) == [
            (1, "DIBUAT", "DRAF", "", owner.label),
            (1, "DIAJUKAN", "DIAJUKAN", "", owner.label),
            (1, "DIKEMBALIKAN", "DIKEMBALIKAN", "Target terlalu rendah", appraiser.label),
            (1, "DIAJUKAN", "DIAJUKAN", "", owner.label),
            (1, "DISETUJUI", "DISETUJUI", "Disetujui", appraiser.label),
        ]
        steps = [entry for entry in entries_since(mark) if entry[0].startswith("skp.")]
        assert steps == [
            (
                "skp.submit",
                str(skp.pk),
                {"status": "DRAF"},
                {"status": "DIAJUKAN", "revisi": 1},
                "",
            ),
            (
                "skp.return",
                str(skp.pk),
                {"status": "DIAJUKAN"},
                {"status": "DIKEMBALIKAN", "revisi": 1},
                "Target terlalu rendah",
            ),
            (
                "skp.submit",
                str(skp.pk),
                {"status": "DIKEMBALIKAN"},
                {"status": "DIAJUKAN", "revisi": 1},
                "",
            ),
            (
                "skp.approve",
                str(skp.pk),
                {"status": "DIAJUKAN"},
                {"status": "DISETUJUI", "revisi": 1},
                "Disetujui",
            ),
        ]

    def test_approval_freezes_the_document(self, agency, chain):
        _rina, budi, skp, _rhk = chain
        services.skp_submit(aktor=aktor_for(agency.pegawai), skp=skp)
        services.skp_approve(aktor=aktor_for(budi), skp=skp)

        [revision] = RevisiSkp.objects.filter(skp=skp)
        stored = reload(skp)
        assert (revision.nomor, revision.disetujui_pada, revision.disetujui_oleh_label) == (
            1,
            stored.disetujui_pada,
            aktor_for(budi).label,
        )
        assert revision.dokumen == selectors.skp_document(stored)
        dokumen = revision.dokumen
        assert (dokumen["revisi"], dokumen["status"], dokumen["form"]) == (1, "DISETUJUI", "JA_JF")
        assert dokumen["penilai"]["nama"] == "Budi Santoso"
        assert dokumen["atasan_penilai"]["nama"] == "Rina Kusuma"
        assert [item["rhk_atasan"] for item in dokumen["rhk_utama"]] == [
            {"kode": "RHK-01", "uraian": "Tersusunnya laporan kinerja", "pemilik": "Budi Santoso"}
        ]

    def test_the_snapshot_keeps_the_people_as_they_were(self, agency, chain):
        _rina, budi, skp, _rhk = chain
        services.skp_submit(aktor=aktor_for(agency.pegawai), skp=skp)
        services.skp_approve(aktor=aktor_for(budi), skp=skp)
        frozen = reload(skp).identitas

        Pegawai.objects.filter(pk=agency.pegawai.pk).update(
            unit=agency.lain, penilai=agency.outsider, nama="Siti Aminah Lubis"
        )

        stored = reload(skp)
        assert (stored.identitas, stored.unit_id, stored.penilai_id) == (
            frozen,
            agency.bagian.pk,
            budi.pk,
        )
        assert selectors.identitas_of(stored) == frozen
        assert selectors.skp_document(stored)["pegawai"]["unit_kode"] == "BU-SDM"

    def test_a_plan_without_an_appraiser_goes_to_hr(self, agency, year):
        skp, _ = plan_with_rhk(agency.penilai)
        hr = Aktor.of_user(agency.admin, "10.0.0.2")  # the admin kepegawaian of biro
        services.skp_submit(aktor=aktor_for(agency.penilai), skp=skp)
        services.skp_approve(aktor=hr, skp=skp)
        stored = reload(skp)
        assert (stored.status, stored.penilai_id) == ("DISETUJUI", None)
        assert (stored.disetujui_oleh_id, history(skp)[-1][4]) == (agency.admin.pk, hr.label)
        assert stored.identitas["penilai"] is None
        assert stored.identitas["atasan_penilai"] is None

    def test_withdraw_before_the_decision(self, agency, chain):
        _, _, skp, _ = chain
        owner = aktor_for(agency.pegawai)
        services.skp_submit(aktor=owner, skp=skp)
        mark = audit_mark()

        services.skp_withdraw(aktor=owner, skp=skp)

        assert reload(skp).status == "DRAF"
        assert history(skp)[-1] == (1, "DITARIK", "DRAF", "", owner.label)
        assert entries_since(mark) == [
            (
                "skp.withdraw",
                str(skp.pk),
                {"status": "DIAJUKAN"},
                {"status": "DRAF", "revisi": 1},
                "",
            )
        ]
        rhk = services.rhk_create(aktor=owner, skp=skp, uraian="Bisa diubah lagi")
        assert rhk.kode == "RHK-02"


# --- Revisions -------------------------------------------------------------------------------


class TestRevision:
    def test_a_revision_keeps_the_approved_one_readable_and_unchanged(self, agency, chain):
        _rina, budi, skp, rhk = chain
        owner, appraiser = aktor_for(agency.pegawai), aktor_for(budi)
        services.skp_submit(aktor=owner, skp=skp)
        services.skp_approve(aktor=appraiser, skp=skp)
        first = RevisiSkp.objects.get(skp=skp, nomor=1).dokumen
        mark = audit_mark()

        services.skp_revise(aktor=owner, skp=skp, alasan=" Perubahan tugas ")

        revised = reload(skp)
        assert (revised.status, revised.revisi, revised.alasan_revisi, revised.catatan_penilai) == (
            "DRAF",
            2,
            "Perubahan tugas",
            "",
        )
        assert entries_since(mark) == [
            (
                "skp.revise",
                str(skp.pk),
                {"status": "DISETUJUI"},
                {"status": "DRAF", "revisi": 2},
                "Perubahan tugas",
            )
        ]
        services.rhk_update(
            aktor=owner,
            rhk=rhk,
            uraian="Laporan kinerja triwulanan",
            jenis="UTAMA",
            kode="RHK-01",
            rhk_atasan_id=rhk.rhk_atasan_id,
        )
        services.rhk_delete(
            aktor=owner, rhk=services.rhk_create(aktor=owner, skp=skp, uraian="Sementara")
        )
        assert RevisiSkp.objects.get(skp=skp, nomor=1).dokumen == first
        assert selectors.skp_revision(skp, 1).dokumen["rhk_utama"][0]["uraian"] == (
            "Tersusunnya laporan kinerja"
        )

        services.skp_submit(aktor=owner, skp=skp)
        services.skp_approve(aktor=appraiser, skp=skp)

        assert [r.nomor for r in selectors.skp_revisions(skp)] == [2, 1]
        assert RevisiSkp.objects.get(skp=skp, nomor=1).dokumen == first
        second = RevisiSkp.objects.get(skp=skp, nomor=2).dokumen
        assert (second["revisi"], second["rhk_utama"][0]["uraian"]) == (
            2,
            "Laporan kinerja triwulanan",
        )
        assert [(row[0], row[1]) for row in history(skp)] == [
            (1, "DIBUAT"),
            (1, "DIAJUKAN"),
            (1, "DISETUJUI"),
            (2, "DIREVISI"),
            (2, "DIAJUKAN"),
            (2, "DISETUJUI"),
        ]

    def test_after_a_transfer_the_revision_must_cascade_from_the_new_appraiser(self, agency, chain):
        _rina, budi, skp, rhk = chain
        services.skp_submit(aktor=aktor_for(agency.pegawai), skp=skp)
        services.skp_approve(aktor=aktor_for(budi), skp=skp)
        Pegawai.objects.filter(pk=agency.pegawai.pk).update(
            unit=agency.lain, penilai=agency.outsider
        )
        _, joko_rhk = approved_plan(agency.outsider, kode="RHK-J")
        services.skp_revise(aktor=SYSTEM, skp=skp, alasan="Mutasi ke Biro Lain")

        assert services.submission_problems(reload(skp)) == [
            "RHK RHK-01 mengintervensi RHK yang bukan milik pejabat penilai Anda saat ini; "
            "pilih ulang RHK pimpinan."
        ]
        services.rhk_update(
            aktor=SYSTEM,
            rhk=rhk,
            uraian=rhk.uraian,
            jenis="UTAMA",
            kode="RHK-01",
            rhk_atasan_id=joko_rhk.pk,
        )
        services.skp_submit(aktor=SYSTEM, skp=skp)
        services.skp_approve(aktor=aktor_for(agency.outsider), skp=skp)

        stored = reload(skp)
        assert (stored.unit_id, stored.penilai_id) == (agency.lain.pk, agency.outsider.pk)
        assert stored.identitas["penilai"]["nama"] == "Joko Widodo"
        assert stored.identitas["atasan_penilai"] is None
        old = RevisiSkp.objects.get(skp=skp, nomor=1).dokumen
        assert (old["penilai"]["nama"], old["pegawai"]["unit_kode"]) == ("Budi Santoso", "BU-SDM")


# --- Refusals --------------------------------------------------------------------------------


def edits(skp: Skp, rhk: Rhk):
    """Every edit of a plan's content, as calls."""
    indikator = Indikator.objects.get(rhk=rhk)
    return [
        lambda: services.skp_update(aktor=SYSTEM, skp=skp, pendekatan="KUALITATIF"),
        lambda: services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Baru"),
        lambda: services.rhk_update(aktor=SYSTEM, rhk=rhk, uraian="Ubah", jenis="UTAMA", kode=""),
        lambda: services.rhk_delete(aktor=SYSTEM, rhk=rhk),
        lambda: services.rhk_link(aktor=SYSTEM, rhk=rhk, rhk_atasan=None),
        lambda: services.indikator_create(
            aktor=SYSTEM,
            rhk=rhk,
            aspek="WAKTU",
            uraian="x",
            target_nilai="1",
            target_satuan="bulan",
        ),
        lambda: services.indikator_update(
            aktor=SYSTEM,
            indikator=indikator,
            aspek="WAKTU",
            uraian="x",
            target_nilai="1",
            target_satuan="bulan",
        ),
        lambda: services.indikator_delete(aktor=SYSTEM, indikator=indikator),
    ]


class TestRefusals:
    def test_no_edit_while_submitted(self, agency, chain):
        _, _, skp, rhk = chain
        services.skp_submit(aktor=SYSTEM, skp=skp)
        for call in edits(skp, rhk):
            refused(call, [SUBMITTED])

    def test_no_edit_once_approved(self, agency, chain):
        _, _budi, skp, rhk = chain
        services.skp_submit(aktor=SYSTEM, skp=skp)
        services.skp_approve(aktor=SYSTEM, skp=skp)
        for call in edits(skp, rhk):
            refused(call, [APPROVED])
        refused(
            lambda: services.ekspektasi_update(
                by_owner=False, aktor=SYSTEM, skp=skp, ekspektasi={"LOYAL": "x"}
            ),
            [APPROVED],
        )

    def test_the_appraiser_sets_expectations_while_submitted(self, agency, chain):
        _, budi, skp, _ = chain
        services.skp_submit(aktor=SYSTEM, skp=skp)
        services.ekspektasi_update(
            by_owner=False, aktor=aktor_for(budi), skp=skp, ekspektasi={"LOYAL": "Menjaga rahasia"}
        )
        assert selectors.ekspektasi_of(skp)[4]["ekspektasi"] == "Menjaga rahasia"

    @pytest.mark.parametrize(
        ("action", "expected"),
        [
            ("approve", "SKP berstatus draf tidak dapat disetujui; hanya SKP yang diajukan."),
            ("return", "SKP berstatus draf tidak dapat dikembalikan; hanya SKP yang diajukan."),
            ("withdraw", "Hanya SKP yang diajukan yang dapat ditarik kembali."),
            ("revise", "Revisi hanya dapat dibuka untuk SKP yang sudah disetujui."),
        ],
    )
    def test_a_draft_takes_only_a_submission(self, agency, chain, action, expected):
        _, _, skp, _ = chain
        call = {
            "approve": lambda: services.skp_approve(aktor=SYSTEM, skp=skp),
            "return": lambda: services.skp_return(aktor=SYSTEM, skp=skp, catatan="Perbaiki"),
            "withdraw": lambda: services.skp_withdraw(aktor=SYSTEM, skp=skp),
            "revise": lambda: services.skp_revise(aktor=SYSTEM, skp=skp, alasan="Mutasi"),
        }[action]
        refused(call, [expected])

    def test_a_submitted_or_approved_plan_is_not_submitted_again(self, agency, chain):
        _, _, skp, _ = chain
        services.skp_submit(aktor=SYSTEM, skp=skp)
        refused(
            lambda: services.skp_submit(aktor=SYSTEM, skp=skp),
            ["SKP berstatus diajukan tidak dapat diajukan."],
        )
        services.skp_approve(aktor=SYSTEM, skp=skp)
        for call, expected in (
            (
                lambda: services.skp_submit(aktor=SYSTEM, skp=skp),
                "SKP berstatus disetujui tidak dapat diajukan.",
            ),
            (
                lambda: services.skp_approve(aktor=SYSTEM, skp=skp),
                "SKP berstatus disetujui tidak dapat disetujui; hanya SKP yang diajukan.",
            ),
            (
                lambda: services.skp_return(aktor=SYSTEM, skp=skp, catatan="x"),
                "SKP berstatus disetujui tidak dapat dikembalikan; hanya SKP yang diajukan.",
            ),
            (
                lambda: services.skp_withdraw(aktor=SYSTEM, skp=skp),
                "Hanya SKP yang diajukan yang dapat ditarik kembali.",
            ),
        ):
            refused(call, [expected])

    def test_a_return_needs_a_note_and_a_revision_a_reason(self, agency, chain):
        _, _, skp, _ = chain
        services.skp_submit(aktor=SYSTEM, skp=skp)
        refused(
            lambda: services.skp_return(aktor=SYSTEM, skp=skp, catatan="  "),
            {"catatan": ["Tuliskan catatan: apa yang perlu diperbaiki."]},
        )
        services.skp_approve(aktor=SYSTEM, skp=skp)
        refused(
            lambda: services.skp_revise(aktor=SYSTEM, skp=skp, alasan=""),
            {"alasan": ["Tuliskan alasan revisi (mis. mutasi, perubahan tugas)."]},
        )

    def test_a_stale_instance_is_judged_by_the_stored_status(self, agency, chain):
        _, _, skp, _ = chain
        stale = Skp.objects.get(pk=skp.pk)
        services.skp_submit(aktor=SYSTEM, skp=skp)
        services.skp_approve(aktor=SYSTEM, skp=skp)
        assert stale.status == "DRAF"
        refused(lambda: services.rhk_create(aktor=SYSTEM, skp=stale, uraian="Baru"), [APPROVED])
        refused(
            lambda: services.skp_submit(aktor=SYSTEM, skp=stale),
            ["SKP berstatus disetujui tidak dapat diajukan."],
        )


# --- What blocks a submission ----------------------------------------------------------------


class TestSubmissionChecks:
    def test_the_appraisers_plan_must_be_approved_first(self, agency, year):
        skp = services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
        refused(
            lambda: services.skp_submit(aktor=SYSTEM, skp=skp),
            [
                appraiser_first("Budi Santoso"),
                "SKP harus memuat sekurang-kurangnya satu RHK utama.",
            ],
        )
        leader_plan, leader = plan_with_rhk(agency.penilai)
        services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Data SDM", rhk_atasan_id=leader.pk)
        services.indikator_create(
            aktor=SYSTEM,
            rhk=Rhk.objects.get(skp=skp),
            aspek="KUANTITAS",
            uraian="Data",
            target_nilai="100",
            target_satuan="%",
        )
        refused(
            lambda: services.skp_submit(aktor=SYSTEM, skp=skp), [appraiser_first("Budi Santoso")]
        )
        services.skp_submit(aktor=SYSTEM, skp=leader_plan)
        refused(
            lambda: services.skp_submit(aktor=SYSTEM, skp=skp), [appraiser_first("Budi Santoso")]
        )
        services.skp_approve(aktor=SYSTEM, skp=leader_plan)

        assert services.submission_problems(reload(skp)) == []
        services.skp_submit(aktor=SYSTEM, skp=skp)
        assert reload(skp).status == "DIAJUKAN"

    def test_every_problem_is_listed(self, agency, year):
        skp = services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
        services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Tanpa apa-apa", jenis="TAMBAHAN")
        expected = [
            appraiser_first("Budi Santoso"),
            "SKP harus memuat sekurang-kurangnya satu RHK utama.",
            "RHK RHK-01 belum memiliki indikator kinerja individu.",
            "RHK RHK-01 belum menyebutkan RHK pimpinan yang diintervensi.",
        ]
        assert services.submission_problems(skp) == expected
        refused(lambda: services.skp_submit(aktor=SYSTEM, skp=skp), expected)

    def test_an_aspect_switched_off_after_it_was_used(self, agency, year):
        tahun_update(
            aktor=SYSTEM,
            tahun=year,
            batas_pengajuan_skp=year.batas_pengajuan_skp,
            batas_persetujuan_skp=year.batas_persetujuan_skp,
            aspek_biaya=True,
        )
        skp, rhk = plan_with_rhk(agency.penilai)
        services.indikator_create(
            aktor=SYSTEM,
            rhk=rhk,
            aspek="BIAYA",
            uraian="Serapan",
            target_nilai="95",
            target_satuan="%",
        )
        tahun_update(
            aktor=SYSTEM,
            tahun=year,
            batas_pengajuan_skp=year.batas_pengajuan_skp,
            batas_persetujuan_skp=year.batas_persetujuan_skp,
            aspek_biaya=False,
        )
        refused(
            lambda: services.skp_submit(aktor=SYSTEM, skp=skp),
            ["RHK RHK-01 memakai aspek Biaya yang tidak berlaku tahun ini."],
        )

    def test_a_jpt_result_needs_a_perspektif(self, agency, year):
        head = pegawai_with_account(
            nama="Rina Kusuma", unit=agency.biro, jabatan=JabatanFactory(jenis_jabatan="JPT")
        )
        skp, rhk = plan_with_rhk(head)
        refused(
            lambda: services.skp_submit(aktor=SYSTEM, skp=skp),
            ["RHK RHK-01 belum memiliki perspektif."],
        )
        services.rhk_update(
            aktor=SYSTEM,
            rhk=rhk,
            uraian=rhk.uraian,
            jenis="UTAMA",
            kode="",
            perspektif="Perspektif Anggaran",
        )
        services.skp_submit(aktor=SYSTEM, skp=skp)
        assert reload(skp).status == "DIAJUKAN"

    def test_a_year_no_longer_opened(self, agency, year):
        skp, _ = plan_with_rhk(agency.penilai)
        TahunKinerja.objects.filter(pk=year.pk).delete()
        refused(
            lambda: services.skp_submit(aktor=SYSTEM, skp=skp),
            ["Tahun kinerja 2026 belum dibuka oleh admin kepegawaian."],
        )


# --- Deadlines -------------------------------------------------------------------------------


@pytest.fixture
def deadlines(agency):
    """A year whose SKPs are due by 31 January and approved by 14 February 2026."""
    return open_year(
        batas_pengajuan_skp=datetime.date(2026, 1, 31),
        batas_persetujuan_skp=datetime.date(2026, 2, 14),
    )


def on(monkeypatch, day: datetime.date) -> None:
    monkeypatch.setattr(services, "_today", lambda: day)


class TestDeadlines:
    def test_submission_until_the_deadline_day(self, agency, deadlines, monkeypatch):
        skp, _ = plan_with_rhk(agency.penilai)
        on(monkeypatch, datetime.date(2026, 2, 1))
        refused(lambda: services.skp_submit(aktor=SYSTEM, skp=skp), [SUBMIT_DEADLINE])
        on(monkeypatch, datetime.date(2026, 1, 31))
        services.skp_submit(aktor=SYSTEM, skp=skp)
        assert reload(skp).status == "DIAJUKAN"

    def test_submission_after_the_deadline_on_the_real_calendar(self, agency, deadlines):
        skp, _ = plan_with_rhk(agency.penilai)
        refused(lambda: services.skp_submit(aktor=SYSTEM, skp=skp), [SUBMIT_DEADLINE])

    def test_approval_until_its_deadline_day(self, agency, deadlines, monkeypatch):
        skp, _ = plan_with_rhk(agency.penilai)
        on(monkeypatch, datetime.date(2026, 1, 20))
        services.skp_submit(aktor=SYSTEM, skp=skp)
        on(monkeypatch, datetime.date(2026, 2, 15))
        refused(lambda: services.skp_approve(aktor=SYSTEM, skp=skp), [APPROVAL_DEADLINE])
        # Returning is not bound by the deadline; a returned plan cannot be resubmitted late.
        services.skp_return(aktor=SYSTEM, skp=skp, catatan="Perbaiki")
        refused(lambda: services.skp_submit(aktor=SYSTEM, skp=skp), [SUBMIT_DEADLINE])
        on(monkeypatch, datetime.date(2026, 1, 31))
        services.skp_submit(aktor=SYSTEM, skp=skp)
        on(monkeypatch, datetime.date(2026, 2, 14))
        services.skp_approve(aktor=SYSTEM, skp=skp)
        assert reload(skp).status == "DISETUJUI"

    def test_a_later_revision_has_no_deadline(self, agency, deadlines, monkeypatch):
        skp, _ = plan_with_rhk(agency.penilai)
        on(monkeypatch, datetime.date(2026, 1, 10))
        services.skp_submit(aktor=SYSTEM, skp=skp)
        services.skp_approve(aktor=SYSTEM, skp=skp)
        on(monkeypatch, datetime.date(2026, 7, 1))
        services.skp_revise(aktor=SYSTEM, skp=skp, alasan="Mutasi")
        services.skp_submit(aktor=SYSTEM, skp=skp)
        services.skp_approve(aktor=SYSTEM, skp=skp)
        assert (reload(skp).status, reload(skp).revisi) == ("DISETUJUI", 2)

    def test_an_extended_deadline_lets_the_plan_through(self, agency, deadlines):
        skp, _ = plan_with_rhk(agency.penilai)
        refused(lambda: services.skp_submit(aktor=SYSTEM, skp=skp), [SUBMIT_DEADLINE])
        tahun_update(
            aktor=SYSTEM,
            tahun=deadlines,
            batas_pengajuan_skp=datetime.date(2099, 1, 31),
            batas_persetujuan_skp=datetime.date(2099, 2, 14),
            aspek_biaya=False,
        )
        services.skp_submit(aktor=SYSTEM, skp=skp)
        services.skp_approve(aktor=SYSTEM, skp=skp)
        assert reload(skp).status == "DISETUJUI"

    def test_the_approval_date_is_the_local_day(self, agency, year, monkeypatch):
        skp, _ = plan_with_rhk(agency.penilai)
        services.skp_submit(aktor=SYSTEM, skp=skp)
        # 20:30 UTC on 1 March is 03:30 on 2 March in Jakarta.
        late = datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC)
        monkeypatch.setattr("django.utils.timezone.now", lambda: late)
        services.skp_approve(aktor=SYSTEM, skp=skp)
        assert RevisiSkp.objects.get(skp=skp).dokumen["disetujui_pada"] == "2026-03-02"
        assert selectors.skp_document(reload(skp))["disetujui_pada"] == "2026-03-02"


class TestApprovalOfAPlanThatNoLongerHolds:
    """The owner's appraiser changed after submission: the links point to the former
    appraiser's RHKs, so the new appraiser returns the plan instead of approving it."""

    def test_approval_is_refused_and_returning_it_works(self, agency):
        open_year()
        _, lead_rhk = approved_plan(agency.penilai)
        skp, _ = plan_with_rhk(agency.pegawai, rhk_atasan=lead_rhk)
        services.skp_submit(aktor=aktor_for(agency.pegawai), skp=skp)
        new_lead = pegawai_with_account(nama="Dewi Lestari", unit=agency.bagian)
        approved_plan(new_lead)
        Pegawai.objects.filter(pk=agency.pegawai.pk).update(penilai=new_lead)
        skp.pegawai.refresh_from_db()
        before = skp_state()
        with pytest.raises(ValidationError) as refusal:
            services.skp_approve(aktor=aktor_for(new_lead), skp=skp)
        assert refusal.value.messages == [
            "SKP ini tidak dapat disetujui dan perlu dikembalikan untuk diperbaiki: RHK RHK-01 "
            "mengintervensi RHK yang bukan milik pejabat penilai Anda saat ini; pilih ulang RHK "
            "pimpinan."
        ]
        assert skp_state() == before
        returned = services.skp_return(aktor=aktor_for(new_lead), skp=skp, catatan="Pilih ulang")
        assert returned.status == "DIKEMBALIKAN"
