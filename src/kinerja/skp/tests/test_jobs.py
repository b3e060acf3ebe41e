"""The bulk documents: starting the `skp.dokumen` job and the job itself (one ZIP of the approved
plans' PDFs of a unit subtree, the employees skipped with their reason)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from kinerja.audit.services import Aktor
from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Peran
from kinerja.organisasi.tests.factories import PegawaiFactory, pegawai_with_account
from kinerja.skp import documents, jobs, services
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import aktor_for, approved_plan, open_year, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state
from kinerja.skp.tests.test_documents import pdf_text

pytestmark = pytest.mark.django_db

LEAD_RHK = "Terwujudnya layanan kepegawaian yang prima"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def start(self, total: int, stage: str = "") -> None:
        self.calls.append(("start", total, stage))

    def advance(self, amount: int = 1) -> None:
        self.calls.append(("advance", amount))


@dataclass
class Built:
    lead: Skp
    lead_rhk: Rhk
    own: Skp
    draft_owner: Pegawai
    without_plan: Pegawai
    outsider_plan: Skp


def build_unit(agency) -> Built:
    """Biro Umum: Budi and Siti (bagian) approved, Rina (biro) in draft, Agus (bagian) without
    a plan, an inactive employee; Joko (Biro Lain, outside) approved."""
    open_year()
    lead, lead_rhk = approved_plan(agency.penilai, uraian=LEAD_RHK)
    own, _ = approved_plan(agency.pegawai, approver=aktor_for(agency.penilai), rhk_atasan=lead_rhk)
    rina = pegawai_with_account(nama="Rina Lestari", unit=agency.biro, penilai=agency.penilai)
    plan_with_rhk(rina, rhk_atasan=lead_rhk)
    agus = pegawai_with_account(nama="Agus Salim", unit=agency.bagian, penilai=agency.penilai)
    PegawaiFactory(nama="Pensiunan Bagian", unit=agency.bagian, aktif=False)
    outsider_plan, _ = approved_plan(agency.outsider)
    return Built(lead, lead_rhk, own, rina, agus, outsider_plan)


def members(stored: str) -> dict[str, str]:
    with default_storage.open(stored, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
        return {name: pdf_text(archive.read(name)) for name in archive.namelist()}


def submit(agency, role_user, unit, django_capture_on_commit_callbacks) -> Pekerjaan:
    with django_capture_on_commit_callbacks(execute=True):
        job = documents.bulk_documents_submit(
            aktor=Aktor.of_user(role_user, "10.0.0.9"),
            scope=scope_for(role_user),
            unit=unit,
            tahun=2026,
        )
    job.refresh_from_db()
    return job


def test_the_kind_is_registered_with_its_result_template():
    kind = registry.kind("skp.dokumen")
    assert (kind.handler, kind.result_template) == (
        jobs.bulk_documents,
        "skp/dokumen_hasil.html",
    )


def test_admin_gets_one_zip_of_the_approved_plans_of_the_subtree(
    agency, media, django_capture_on_commit_callbacks
):
    built = build_unit(agency)
    job = submit(agency, agency.admin, agency.biro, django_capture_on_commit_callbacks)

    assert job.status == StatusPekerjaan.SELESAI, job.galat
    assert job.judul == "Dokumen SKP Biro Umum tahun 2026"
    assert job.dibuat_oleh_id == agency.admin.pk
    assert job.parameter == {
        "unit_id": agency.biro.pk,
        "tahun": 2026,
        "pengguna_id": agency.admin.pk,
        "pekerjaan_id": str(job.pk),
    }
    assert (job.progres_selesai, job.progres_total, job.tahap) == (2, 2, "Membuat dokumen SKP")
    assert job.hasil == {
        "berkas": f"dokumen/{job.pk}/SKP-BU-2026.zip",
        "nama_berkas": "SKP-BU-2026.zip",
        "unit": "BU \N{EN DASH} Biro Umum",
        "tahun": 2026,
        "jumlah": 2,
        "dilewati": [
            {
                "nip": built.draft_owner.nip,
                "nama": "Rina Lestari",
                "alasan": "SKP berstatus draf, belum disetujui.",
            },
            {
                "nip": built.without_plan.nip,
                "nama": "Agus Salim",
                "alasan": "Belum ada SKP tahun 2026.",
            },
        ],
    }
    documents_in_zip = members(job.hasil["berkas"])
    budi = f"SKP-2026-{agency.penilai.nip}-Budi_Santoso.pdf"
    siti = f"SKP-2026-{agency.pegawai.nip}-Siti_Aminah.pdf"
    assert sorted(documents_in_zip) == sorted([budi, siti])
    for name, person in ((budi, agency.penilai), (siti, agency.pegawai)):
        text = documents_in_zip[name]
        assert text.startswith("SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF")
        assert f"1 NAMA {person.nama} 1 NAMA" in text
        assert f"2 NIP {person.nip} 2 NIP" in text
        assert "DRAF" not in text
    assert f"1 {LEAD_RHK} Tersusunnya laporan kinerja" in documents_in_zip[siti]


def test_pimpinan_and_auditor_get_the_plans_of_their_scope(
    agency, media, django_capture_on_commit_callbacks
):
    build_unit(agency)
    pimpinan = submit(agency, agency.pimpinan, agency.biro, django_capture_on_commit_callbacks)
    auditor = submit(agency, agency.auditor, agency.root, django_capture_on_commit_callbacks)

    assert sorted(members(pimpinan.hasil["berkas"])) == sorted(
        [
            f"SKP-2026-{agency.penilai.nip}-Budi_Santoso.pdf",
            f"SKP-2026-{agency.pegawai.nip}-Siti_Aminah.pdf",
        ]
    )
    assert auditor.hasil["nama_berkas"] == "SKP-SET-2026.zip"
    assert auditor.hasil["jumlah"] == 3
    assert sorted(members(auditor.hasil["berkas"])) == sorted(
        [
            f"SKP-2026-{agency.penilai.nip}-Budi_Santoso.pdf",
            f"SKP-2026-{agency.pegawai.nip}-Siti_Aminah.pdf",
            f"SKP-2026-{agency.outsider.nip}-Joko_Widodo.pdf",
        ]
    )
    assert [row["nama"] for row in auditor.hasil["dilewati"]] == ["Rina Lestari", "Agus Salim"]


def test_the_zip_holds_the_approved_revision_as_frozen(
    agency, media, django_capture_on_commit_callbacks
):
    built = build_unit(agency)
    lead_aktor = aktor_for(agency.penilai)
    services.skp_revise(aktor=lead_aktor, skp=built.lead, alasan="Perubahan tugas")
    services.rhk_update(
        aktor=lead_aktor,
        rhk=Rhk.objects.get(pk=built.lead_rhk.pk),
        uraian="Uraian pimpinan yang baru",
        jenis=built.lead_rhk.jenis,
        kode=built.lead_rhk.kode,
    )

    job = submit(agency, agency.admin, agency.biro, django_capture_on_commit_callbacks)

    siti = f"SKP-2026-{agency.pegawai.nip}-Siti_Aminah.pdf"
    documents_in_zip = members(job.hasil["berkas"])
    assert list(documents_in_zip) == [siti]
    assert f"1 {LEAD_RHK} Tersusunnya laporan kinerja" in documents_in_zip[siti]
    assert "Uraian pimpinan yang baru" not in documents_in_zip[siti]
    assert job.hasil["dilewati"] == [
        {
            "nip": built.draft_owner.nip,
            "nama": "Rina Lestari",
            "alasan": "SKP berstatus draf, belum disetujui.",
        },
        {
            "nip": built.without_plan.nip,
            "nama": "Agus Salim",
            "alasan": "Belum ada SKP tahun 2026.",
        },
        {
            "nip": agency.penilai.nip,
            "nama": "Budi Santoso",
            "alasan": "SKP berstatus draf, belum disetujui.",
        },
    ]


def test_handler_reports_progress_per_document(agency, media):
    build_unit(agency)
    progress = Recorder()
    hasil = jobs.bulk_documents(
        {
            "unit_id": agency.bagian.pk,
            "tahun": 2026,
            "pengguna_id": agency.admin.pk,
            "pekerjaan_id": "a1b2",
        },
        progress,
    )
    assert progress.calls == [("start", 2, "Membuat dokumen SKP"), ("advance", 1), ("advance", 1)]
    assert hasil["berkas"] == "dokumen/a1b2/SKP-BU-SDM-2026.zip"
    assert hasil["jumlah"] == 2
    assert [row["nama"] for row in hasil["dilewati"]] == ["Agus Salim"]


# --- Refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "unit"),
    [("admin", "root"), ("admin", "lain"), ("pimpinan", "lain"), ("pegawai", "bagian")],
)
def test_a_unit_outside_the_scope_is_refused(agency, media, role, unit):
    build_unit(agency)
    before = skp_state()
    user = agency.user(role)
    with pytest.raises(ValidationError) as error:
        documents.bulk_documents_submit(
            aktor=Aktor.of_user(user), scope=scope_for(user), unit=getattr(agency, unit), tahun=2026
        )
    assert error.value.message_dict == {"unit": ["Unit ini di luar lingkup Anda."]}
    assert Pekerjaan.objects.count() == 0
    assert skp_state() == before


def test_nothing_to_generate_is_refused(agency, media):
    open_year()
    plan_with_rhk(agency.penilai)
    before = skp_state()
    with pytest.raises(ValidationError) as error:
        documents.bulk_documents_submit(
            aktor=Aktor.of_user(agency.admin),
            scope=scope_for(agency.admin),
            unit=agency.biro,
            tahun=2026,
        )
    assert error.value.messages == [
        "Belum ada SKP tahun 2026 yang disetujui di Biro Umum dan sub-unitnya; tidak ada "
        "dokumen untuk dibuat."
    ]
    assert Pekerjaan.objects.count() == 0
    assert skp_state() == before


def test_job_fails_when_its_creator_lost_the_scope(
    agency, media, django_capture_on_commit_callbacks
):
    build_unit(agency)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = documents.bulk_documents_submit(
            aktor=Aktor.of_user(agency.admin),
            scope=scope_for(agency.admin),
            unit=agency.biro,
            tahun=2026,
        )
    Peran.objects.filter(pengguna=agency.admin).delete()
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.status, job.galat, job.hasil) == (
        StatusPekerjaan.GAGAL,
        "Unit tidak ada atau di luar lingkup Anda.",
        {},
    )
    assert not default_storage.exists(f"dokumen/{job.pk}")


def test_job_fails_for_an_inactive_creator(agency, media):
    build_unit(agency)
    agency.admin.is_active = False
    agency.admin.save(update_fields=["is_active"])
    parameter = {"unit_id": agency.biro.pk, "tahun": 2026, "pengguna_id": agency.admin.pk}
    with pytest.raises(registry.JobFailed) as failure:
        jobs.bulk_documents(parameter, Recorder())
    assert str(failure.value) == "Pengguna yang memulai pekerjaan ini tidak ada atau nonaktif."


def test_job_fails_when_nothing_is_approved_any_more(agency, media):
    built = build_unit(agency)
    for plan in (built.lead, built.own):
        services.skp_revise(aktor=aktor_for(plan.pegawai), skp=plan, alasan="Mutasi")
    progress = Recorder()
    parameter = {"unit_id": agency.bagian.pk, "tahun": 2026, "pengguna_id": agency.admin.pk}
    with pytest.raises(registry.JobFailed) as failure:
        jobs.bulk_documents(parameter, progress)
    assert str(failure.value) == (
        "Belum ada SKP tahun 2026 yang disetujui di Bagian SDM dan sub-unitnya."
    )
    assert progress.calls == []
    assert not default_storage.exists("dokumen")
