"""Loading the demo agency: its rows through the importer, then its login accounts and roles,
then its performance plans of the current year taken through their workflow, then the
realisation and evidence of the year's quarters (imported through the `realisasi` sheet, then
uploaded, submitted, verified and commented on through the realisation services).

Idempotent: the importer upserts by natural key, accounts and roles are created only when missing,
a password changed by its user is never reset, a plan already past draft is left as it is, and a
report that exists already (made by an earlier load, or by a user trying the demo) is never
touched again.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.akun.models import Pengguna
from kinerja.aturan import services as aturan_services
from kinerja.aturan.models import SetAturan
from kinerja.audit.services import Aktor, audit_record
from kinerja.demo import generator
from kinerja.demo.generator import AkunDemo
from kinerja.jobs.progress import Progress
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi import services as organisasi_services
from kinerja.organisasi.models import Pegawai, Peran, Unit
from kinerja.periode import services as periode_services
from kinerja.periode.enums import JenisPeriode, StatusPeriode
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.pertukaran import readers
from kinerja.pertukaran import services as pertukaran_services
from kinerja.pertukaran.services import ImportResult
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.models import (
    BuktiDukung,
    Laporan,
    Realisasi,
    RiwayatBukti,
    RiwayatLaporan,
    UmpanBalik,
)
from kinerja.skp import services as skp_services
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Rhk, Skp

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
    realisasi: ImportResult | None = None
    """What the `realisasi` sheet did (None when no report was left to make)."""

    @property
    def akun_dibuat(self) -> int:
        return sum(1 for item in self.akun if item.dibuat)


@transaction.atomic
def demo_load(
    *,
    progress: Progress,
    seed: int = generator.DEFAULT_SEED,
    today: datetime.date | None = None,
) -> HasilDemo:
    """Import the demo agency with its plans of the current year, make sure its accounts and
    roles exist, take the plans through their workflow, then fill the realisation of the year's
    quarters up to `today` (default: the real day; the demo's content depends on it only).

    One transaction: nothing is written unless everything is. Raises the importer's
    ImportRejected (with its report) if the rows are refused.
    """
    today = today or timezone.localdate()
    tahun = today.year
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
    realisasi = _realisasi_run(
        aktor=aktor,
        demo=generator.realisasi_plans(agency, rencana, today, seed),
        progress=progress,
        today=today,
    )
    return HasilDemo(laporan=laporan, akun=akun, tahun=tahun, realisasi=realisasi)


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


# --- Realisation and evidence -----------------------------------------------------------------

EXTENSION = datetime.timedelta(days=365)
"""How far ahead a past quarter's deadlines are set while the demo acts on its reports."""


@dataclass(frozen=True)
class _Waktu:
    """When a group of past reports was filled, submitted and verified (each round), and when
    a returned item was fixed."""

    unggah: datetime.datetime
    ajukan: tuple[datetime.datetime, ...]
    verifikasi: tuple[datetime.datetime, ...]
    ganti: datetime.datetime | None = None


def _realisasi_run(
    *, aktor: Aktor, demo: generator.RealisasiDemo, progress: Progress, today: datetime.date
) -> ImportResult | None:
    """Fill the reports of the demo's quarters that do not exist yet: import their realisation
    and links (the `realisasi` sheet), upload their files, submit them, and for past quarters
    verify them (a few items returned, fixed and accepted) with some feedback.

    A past quarter's deadlines are behind us, so its reports would be locked: the demo opens the
    quarter, sets its deadlines a year ahead while it acts, then restores them and moves the
    timestamps of what it did back into the quarter's own window (filled before the quarter
    ended, submitted before the realisation deadline, verified before the verification one), so
    that no item looks late. Then every past quarter but the latest is closed: HR closes a
    quarter once its verification and rating are over; the latest stays open, locked by its
    passed verification deadline, until HR closes it (and can still unlock a person or a unit
    with a reason). The current quarter keeps its default deadlines and stays open.

    Skipped for a year divided into months (the demo plans quarters only)."""
    year = TahunKinerja.objects.get(tahun=demo.tahun)
    if year.jenis_periode != JenisPeriode.TRIWULAN:
        return None
    periods = {item.kode: item for item in Periode.objects.filter(tahun=year)}
    plans = {
        skp.pegawai.nip: skp
        for skp in Skp.objects.filter(tahun=demo.tahun, disetujui_pada__isnull=False)
        .select_related("pegawai", "pegawai__pengguna", "pegawai__penilai__pengguna")
        .order_by("pk")
    }
    made = set(
        Laporan.objects.filter(skp__tahun=demo.tahun).values_list(
            "skp__pegawai__nip", "periode__kode"
        )
    )
    usable = {
        kode
        for kode, periode in periods.items()
        if periode.status in (StatusPeriode.DRAF, StatusPeriode.DIBUKA)
    }
    todo = [
        item
        for item in demo.laporan
        if item.nip in plans and item.periode in usable and (item.nip, item.periode) not in made
    ]
    if not todo:
        return None
    wanted = [kode for kode in (*demo.lalu, demo.kini) if any(i.periode == kode for i in todo)]
    opened, saved = _periods_prepare(
        aktor=aktor, periods=[periods[kode] for kode in wanted], today=today
    )
    keys = {(item.nip, item.periode) for item in todo}
    rows = [row for row in demo.rows if (row["nip"], row["periode"]) in keys]
    result = pertukaran_services.import_run(
        aktor=aktor,
        source=readers.MemorySource(cast(dict[str, list[dict[str, object]]], {"realisasi": rows})),
        progress=progress,
    )
    reports = {
        (laporan.skp.pegawai.nip, laporan.periode.kode): laporan
        for laporan in Laporan.objects.filter(
            skp__tahun=demo.tahun, periode__kode__in=wanted
        ).select_related("skp__pegawai", "periode")
    }
    rhk = {(item.skp_id, item.kode): item for item in Rhk.objects.filter(skp__tahun=demo.tahun)}
    progress.start(len(todo), _("Memproses realisasi demo"))
    for item in todo:
        _report_act(
            aktor=aktor,
            item=item,
            laporan=reports[(item.nip, item.periode)],
            skp=plans[item.nip],
            rhk=rhk,
        )
        progress.advance()
    for kode in wanted:
        if kode in demo.lalu:
            _backdate(
                periods[kode],
                [
                    (reports[(item.nip, kode)].pk, item.kembali is not None)
                    for item in todo
                    if item.periode == kode
                ],
            )
    closing = [kode for kode in demo.lalu[:-1] if kode in opened]
    _periods_finish(aktor=aktor, periods=periods, saved=saved, closing=closing)
    return result


def _periods_prepare(
    *, aktor: Aktor, periods: list[Periode], today: datetime.date
) -> tuple[list[str], dict[str, tuple[datetime.date, datetime.date, datetime.date]]]:
    """Open the quarters still in draft, and give those whose verification deadline has passed
    (by the demo's day, or the real one when later) deadlines a year ahead; returns the quarters
    opened and the deadlines to restore."""
    today = max(today, timezone.localdate())
    opened: list[str] = []
    saved: dict[str, tuple[datetime.date, datetime.date, datetime.date]] = {}
    for periode in periods:
        if periode.status == StatusPeriode.DRAF:
            periode_services.periode_transition(aktor=aktor, periode=periode, aksi="open")
            opened.append(periode.kode)
        if periode.batas_verifikasi < today:
            saved[periode.kode] = (
                periode.batas_realisasi,
                periode.batas_verifikasi,
                periode.batas_penilaian,
            )
            ahead = today + EXTENSION
            periode_services.periode_update(
                aktor=aktor,
                periode=periode,
                batas_realisasi=ahead,
                batas_verifikasi=ahead,
                batas_penilaian=ahead,
            )
    return opened, saved


def _periods_finish(
    *,
    aktor: Aktor,
    periods: dict[str, Periode],
    saved: dict[str, tuple[datetime.date, datetime.date, datetime.date]],
    closing: Iterable[str],
) -> None:
    """Restore the deadlines, then close the past quarters (all but the latest)."""
    for kode, (realisasi, verifikasi, penilaian) in saved.items():
        periode_services.periode_update(
            aktor=aktor,
            periode=periods[kode],
            batas_realisasi=realisasi,
            batas_verifikasi=verifikasi,
            batas_penilaian=penilaian,
        )
    for kode in closing:
        periode_services.periode_transition(
            aktor=aktor,
            periode=periods[kode],
            aksi="close",
            alasan=_("Verifikasi bukti dukung dan penilaian triwulan ini telah selesai."),
        )


def _report_act(
    *,
    aktor: Aktor,
    item: generator.LaporanDemo,
    laporan: Laporan,
    skp: Skp,
    rhk: dict[tuple[int, str], Rhk],
) -> None:
    """Upload the report's files, submit it, and for a past quarter verify it: an item returned
    in the first round is fixed and resubmitted, then everything is accepted and the appraiser
    writes the feedback (the system for the agency head, who has no appraiser)."""
    owner = skp.pegawai
    actor = _actor_of(owner)
    decider = _actor_of(owner.penilai) if owner.penilai else aktor
    for berkas in item.berkas:
        realisasi_services.bukti_add_file(
            aktor=actor,
            laporan=laporan,
            rhk=rhk[(skp.pk, berkas.rhk_kode)],
            fileobj=io.BytesIO(berkas.isi),
            nama_berkas=berkas.nama,
            uraian=berkas.uraian,
        )
    if item.status == "DRAF":
        return
    realisasi_services.laporan_submit(aktor=actor, laporan=laporan)
    if item.status == "DIAJUKAN":
        return
    if item.kembali is not None:
        _return_and_fix(
            kembali=item.kembali,
            laporan=laporan,
            rhk=rhk[(skp.pk, item.kembali.rhk_kode)],
            owner=actor,
            decider=decider,
        )
    realisasi_services.bukti_accept_all(aktor=decider, laporan=laporan)
    for kode, isi in item.umpan_balik:
        realisasi_services.umpan_balik_save(
            aktor=decider, laporan=laporan, isi=isi, rhk=rhk[(skp.pk, kode)]
        )
    for nilai, isi in item.perilaku:
        realisasi_services.umpan_balik_save(aktor=decider, laporan=laporan, isi=isi, nilai=nilai)


def _return_and_fix(
    *,
    kembali: generator.KembaliDemo,
    laporan: Laporan,
    rhk: Rhk,
    owner: Aktor,
    decider: Aktor,
) -> None:
    """The first round: one item returned (the rest accepted); the owner fixes it (a new
    description, or a new file) and submits again."""
    items = BuktiDukung.objects.filter(laporan=laporan, rhk=rhk)
    if kembali.berkas is not None:
        target = items.get(sha256=hashlib.sha256(kembali.berkas.isi).hexdigest())
    else:
        target = items.get(tautan=kembali.tautan)
    realisasi_services.bukti_verdict(
        aktor=decider, bukti=target, status=kembali.status, catatan=kembali.catatan
    )
    if Laporan.objects.filter(pk=laporan.pk, status="DIAJUKAN").exists():
        realisasi_services.bukti_accept_all(aktor=decider, laporan=laporan)
    perbaikan = kembali.perbaikan
    realisasi_services.bukti_replace(
        aktor=owner,
        bukti=target,
        uraian=kembali.uraian,
        fileobj=io.BytesIO(perbaikan.isi) if perbaikan else None,
        nama_berkas=perbaikan.nama if perbaikan else "",
    )
    realisasi_services.laporan_submit(aktor=owner, laporan=laporan)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _backdate(periode: Periode, reports: list[tuple[int, bool]]) -> None:
    """Move what the demo did for a past quarter's reports back into the quarter's window (the
    quarter ends on day E; the default deadlines are E+5 for realisation, E+10 for verification).
    Four groups fill their reports E-6, E-4, E-2 or E, submit E+1 or E+2 and are verified E+6
    or E+7; the reports with a returned item are filled E-3, submitted E+1, returned E+3, fixed
    and resubmitted E+4, accepted E+7. The notifications of those days are marked read."""
    end = periode.selesai
    days = datetime.timedelta
    groups: dict[int, list[int]] = defaultdict(list)
    for index, (laporan_id, returned) in enumerate(reports):
        groups[4 if returned else index % 4].append(laporan_id)
    for group, ids in sorted(groups.items()):
        if group == 4:
            waktu = _Waktu(
                unggah=_at(end - days(3), 10),
                ajukan=(_at(end + days(1), 14), _at(end + days(4), 15)),
                verifikasi=(_at(end + days(3), 9, 30), _at(end + days(7), 9, 30)),
                ganti=_at(end + days(4), 11),
            )
        else:
            waktu = _Waktu(
                unggah=_at(end - days(6 - 2 * group), 10),
                ajukan=(_at(end + days(1 + group % 2), 14),),
                verifikasi=(_at(end + days(6 + group % 2), 9, 30),),
            )
        _backdate_group(ids, waktu)


def _backdate_group(ids: list[int], waktu: _Waktu) -> None:
    submitted, verified = waktu.ajukan[-1], waktu.verifikasi[-1]
    Laporan.objects.filter(pk__in=ids).update(
        dibuat_pada=waktu.unggah,
        diubah_pada=verified,
        diajukan_pada=submitted,
        selesai_pada=verified,
    )
    Realisasi.objects.filter(laporan_id__in=ids).update(diubah_pada=waktu.unggah)
    BuktiDukung.objects.filter(laporan_id__in=ids).update(
        diunggah_pada=waktu.unggah, diverifikasi_pada=verified
    )
    items = RiwayatBukti.objects.filter(bukti__laporan_id__in=ids)
    items.filter(aksi__in=("UNGGAH", "TAUTAN")).update(pada=waktu.unggah)
    steps = RiwayatLaporan.objects.filter(laporan_id__in=ids)
    for putaran, moment in enumerate(waktu.ajukan, 1):
        steps.filter(aksi="AJUKAN", putaran=putaran).update(pada=moment)
    for putaran, moment in enumerate(waktu.verifikasi, 1):
        steps.filter(aksi="VERIFIKASI", putaran=putaran).update(pada=moment)
        items.filter(aksi="VERIFIKASI", putaran=putaran).update(pada=moment)
    if waktu.ganti is not None:
        items.filter(aksi="GANTI").update(pada=waktu.ganti)
        BuktiDukung.objects.filter(laporan_id__in=ids, riwayat__aksi="GANTI").update(
            diunggah_pada=waktu.ganti
        )
    UmpanBalik.objects.filter(laporan_id__in=ids).update(diubah_pada=verified)
    links = [reverse("realisasi:detail", args=[laporan_id]) for laporan_id in ids]
    notices = Notifikasi.objects.filter(tautan__in=links)
    notices.filter(kunci__contains=":ajukan:").update(dibuat_pada=submitted, dibaca_pada=verified)
    notices.exclude(kunci__contains=":ajukan:").update(dibuat_pada=verified, dibaca_pada=verified)


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
