"""Loading the demo agency: its rows through the importer, then its login accounts and roles,
then its performance plans of the current year taken through their workflow.

Idempotent: the importer upserts by natural key, accounts and roles are created only when missing,
a password changed by its user is never reset, and a plan already past draft is left as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.akun.models import Pengguna
from kinerja.aturan import services as aturan_services
from kinerja.aturan.models import SetAturan
from kinerja.audit.services import Aktor, audit_record
from kinerja.demo import generator
from kinerja.demo.generator import AkunDemo
from kinerja.jobs.progress import Progress
from kinerja.organisasi import services as organisasi_services
from kinerja.organisasi.models import Pegawai, Peran, Unit
from kinerja.periode import services as periode_services
from kinerja.periode.models import TahunKinerja
from kinerja.pertukaran import readers
from kinerja.pertukaran import services as pertukaran_services
from kinerja.pertukaran.services import ImportResult
from kinerja.skp import services as skp_services
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Skp

AKTOR_DEMO = "demo"


@dataclass(frozen=True)
class AkunTerpasang:
    """A demo account as it is in the database after loading."""

    akun: AkunDemo
    dibuat: bool
    sandi_demo: bool
    """False when the user has changed the demo password since."""


@dataclass(frozen=True)
class HasilDemo:
    laporan: ImportResult
    """What the importer did, per sheet."""
    akun: tuple[AkunTerpasang, ...]
    tahun: int
    """The year of the demo plans."""

    @property
    def akun_dibuat(self) -> int:
        return sum(1 for item in self.akun if item.dibuat)


@transaction.atomic
def demo_load(*, progress: Progress, seed: int = generator.DEFAULT_SEED) -> HasilDemo:
    """Import the demo agency with its plans of the current year, make sure its accounts and
    roles exist, then take the plans through their workflow.

    One transaction: nothing is written unless everything is. Raises the importer's
    ImportRejected (with its report) if the rows are refused.
    """
    tahun = timezone.localdate().year
    agency = generator.generate(seed)
    rencana = generator.skp_plans(agency, tahun, seed)
    aktor = Aktor.system(AKTOR_DEMO)
    _year_ensure(aktor=aktor, tahun=tahun)
    rows = {**agency.rows, "skp": rencana.rows}
    laporan = pertukaran_services.import_run(
        aktor=aktor,
        source=readers.MemorySource(cast(dict[str, list[dict[str, object]]], rows)),
        progress=progress,
    )
    akun = _accounts_ensure(aktor=aktor, akun=agency.akun)
    _rule_set_ensure(aktor=aktor)
    _workflow_run(aktor=aktor, rencana=rencana, progress=progress)
    return HasilDemo(laporan=laporan, akun=akun, tahun=tahun)


def _deadline(tahun: int) -> datetime.date:
    """The demo's SKP deadline: HR has extended it to the end of the year, so that the demo's
    draft and returned plans can still be submitted and approved whenever it is loaded."""
    return datetime.date(tahun, 12, 31)


def _year_ensure(*, aktor: Aktor, tahun: int) -> None:
    """Open the year with the demo's deadlines, unless it is already open."""
    if not TahunKinerja.objects.filter(tahun=tahun).exists():
        periode_services.tahun_open(
            aktor=aktor,
            tahun=tahun,
            batas_pengajuan_skp=_deadline(tahun),
            batas_persetujuan_skp=_deadline(tahun),
        )


def _deadlines_extend(*, aktor: Aktor, tahun: int) -> None:
    """A year opened by someone else may have its deadlines behind it: extend them to the demo's
    (only when plans still have to be submitted)."""
    year = TahunKinerja.objects.get(tahun=tahun)
    today = timezone.localdate()
    if year.batas_pengajuan_skp >= today and year.batas_persetujuan_skp >= today:
        return
    periode_services.tahun_update(
        aktor=aktor,
        tahun=year,
        batas_pengajuan_skp=max(year.batas_pengajuan_skp, _deadline(tahun)),
        batas_persetujuan_skp=max(year.batas_persetujuan_skp, _deadline(tahun)),
        aspek_biaya=year.aspek_biaya,
    )


def _workflow_run(*, aktor: Aktor, rencana: generator.RencanaDemo, progress: Progress) -> None:
    """Bring each draft plan to its target status, top-down (an appraiser's plan is approved
    before the appraisees submit): submitted by its owner, then approved or returned by the
    appraiser (the agency head's plan, without an appraiser, by the system). Plans already past
    draft are left as they are."""
    plans = {
        skp.pegawai.nip: skp
        for skp in Skp.objects.filter(tahun=rencana.tahun, pegawai__nip__in=list(rencana.status))
        .select_related("pegawai", "pegawai__pengguna", "pegawai__penilai__pengguna")
        .order_by("pk")
    }
    todo = [
        nip
        for nip, target in rencana.status.items()
        if target != StatusSkp.DRAF and plans[nip].status == StatusSkp.DRAF
    ]
    if not todo:
        return
    _deadlines_extend(aktor=aktor, tahun=rencana.tahun)
    progress.start(len(todo), _("Memproses SKP demo"))
    for nip in todo:
        skp = plans[nip]
        owner = skp.pegawai
        decider = _actor_of(owner.penilai) if owner.penilai else aktor
        skp_services.skp_update(
            aktor=_actor_of(owner), skp=skp, pendekatan=skp.pendekatan, **generator.LAMPIRAN_DEMO
        )
        skp_services.ekspektasi_update(
            aktor=decider, skp=skp, ekspektasi=generator.ekspektasi_demo(nip), by_owner=False
        )
        skp_services.skp_submit(aktor=_actor_of(owner), skp=skp)
        if rencana.status[nip] == StatusSkp.DISETUJUI:
            skp_services.skp_approve(aktor=decider, skp=skp)
        elif rencana.status[nip] == StatusSkp.DIKEMBALIKAN:
            skp_services.skp_return(aktor=decider, skp=skp, catatan=rencana.catatan[nip])
        progress.advance()


def _actor_of(pegawai: Pegawai) -> Aktor:
    """The employee acting on their plan: their account when they have one, else their name."""
    if pegawai.pengguna is not None:
        return Aktor.of_user(pegawai.pengguna)
    return Aktor(pengguna_id=None, label=f"{pegawai.nama} ({pegawai.nip})")


def _rule_set_ensure(*, aktor: Aktor) -> None:
    """Give the demo agency a second version of the default rule set with a full allowance
    table, active from the default's date (it supersedes version 1). Skipped once the default
    has a later version."""
    default = SetAturan.objects.filter(kode=aturan_services.DEFAULT_KODE, versi=1).first()
    if default is None or SetAturan.objects.filter(kode=default.kode, versi__gt=1).exists():
        return
    version = aturan_services.rule_set_copy(
        aktor=aktor,
        sumber=default,
        catatan=_("Tabel besaran tunjangan kinerja contoh untuk instansi demo."),
    )
    tukin = {
        **default.isi["tukin"],
        "besaran": {str(k): v for k, v in generator.TUKIN_CONTOH.items()},
    }
    aturan_services.rule_set_section_update(
        aktor=aktor, set_aturan=version, bagian="tukin", data=tukin
    )
    aturan_services.rule_set_update(
        aktor=aktor,
        set_aturan=version,
        nama=default.nama,
        dasar_hukum=default.dasar_hukum + " " + _("Besaran tukin: Perpres 154/2015 (contoh)."),
        berlaku_mulai=default.berlaku_mulai,
        unit=None,
        catatan=version.catatan,
    )
    aturan_services.rule_set_activate(aktor=aktor, set_aturan=version)


@transaction.atomic
def _accounts_ensure(*, aktor: Aktor, akun: tuple[AkunDemo, ...]) -> tuple[AkunTerpasang, ...]:
    return tuple(_account_ensure(aktor=aktor, akun=item) for item in akun)


def _account_ensure(*, aktor: Aktor, akun: AkunDemo) -> AkunTerpasang:
    pengguna = Pengguna.objects.filter(nip=akun.nip).first()
    created = pengguna is None
    if pengguna is None:
        pengguna = Pengguna(
            nip=akun.nip, nama=akun.nama, is_superuser=akun.is_superuser, wajib_ganti_sandi=False
        )
        pengguna.set_password(generator.DEMO_PASSWORD)
        pengguna.save()
        audit_record(
            aktor=aktor,
            aksi="pengguna.create",
            objek=pengguna,
            sesudah={
                "nip": pengguna.nip,
                "nama": pengguna.nama,
                "is_active": pengguna.is_active,
                "wajib_ganti_sandi": pengguna.wajib_ganti_sandi,
                "is_superuser": pengguna.is_superuser,
            },
            keterangan=_("Akun demo"),
        )
    if akun.punya_pegawai:
        _pegawai_link(aktor=aktor, nip=akun.nip, pengguna=pengguna)
    if akun.jenis_peran:
        _role_ensure(
            aktor=aktor, pengguna=pengguna, jenis=akun.jenis_peran, unit_kode=akun.unit_kode
        )
    return AkunTerpasang(
        akun=akun, dibuat=created, sandi_demo=pengguna.check_password(generator.DEMO_PASSWORD)
    )


def _pegawai_link(*, aktor: Aktor, nip: str, pengguna: Pengguna) -> None:
    """Link the employee record to its account, unless it already has one."""
    pegawai = Pegawai.objects.select_for_update().filter(nip=nip, pengguna__isnull=True).first()
    if pegawai is None:
        return
    pegawai.pengguna = pengguna
    pegawai.save(update_fields=["pengguna", "diubah_pada"])
    audit_record(
        aktor=aktor,
        aksi="pegawai.update",
        objek=pegawai,
        sebelum={"pengguna": None},
        sesudah={"pengguna": str(pengguna)},
        keterangan=_("Akun demo dihubungkan"),
    )


def _role_ensure(*, aktor: Aktor, pengguna: Pengguna, jenis: str, unit_kode: str) -> None:
    unit = Unit.objects.get(kode=unit_kode) if unit_kode else None
    if not Peran.objects.filter(pengguna=pengguna, jenis=jenis, unit=unit).exists():
        organisasi_services.peran_grant(aktor=aktor, pengguna=pengguna, jenis=jenis, unit=unit)
