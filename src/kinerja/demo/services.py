"""Loading the demo agency: its rows through the importer, then its login accounts and roles,
then its performance plans of the current year taken through their workflow, then the
realisation and evidence of the year's quarters (imported through the `realisasi` sheet, then
uploaded, submitted, verified and commented on through the realisation services), then the
assessment of those quarters (organisation ratings, ratings by the appraisers, finalised curve
groups and objections, through the assessment services; planned in `demo.penilaian`, each
employee's predikat continuing their quarterly series by `demo.hasil.quarter_plan`). Before
those, the outcomes planned in `demo.hasil`: the annual and quarterly history of the two
previous years and the potential (`kinerja_organisasi`, `penilaian` and `potensi` sheets), then
the attendance of the year's past months (`kehadiran` sheet, which stores their allowances),
once the demo's rule set with the full allowance table is active; then the improvement plans
(talent services). Last, the monitoring figures are refreshed (`pemantauan`), so that its
dashboards show the loaded agency at once.

Idempotent: the importer upserts by natural key, accounts and roles are created only when missing,
a password changed by its user is never reset, a plan already past draft is left as it is, and a
report that exists already (made by an earlier load, or by a user trying the demo) is never
touched again, nor is a quarter that has an organisation rating or an assessment already; an
improvement plan is created only when the employee has none with the same start.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import random
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
from kinerja.aturan.enums import Predikat, PredikatOrganisasi
from kinerja.aturan.models import SetAturan
from kinerja.aturan.rules import IsiAturan, RuleError
from kinerja.aturan.selectors import rule_set_for
from kinerja.audit.services import Aktor, audit_record
from kinerja.core.formatting import format_date
from kinerja.demo import generator
from kinerja.demo import hasil as hasil_demo
from kinerja.demo import penilaian as rencana_penilaian
from kinerja.demo.generator import AkunDemo
from kinerja.jobs.progress import Progress
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi import services as organisasi_services
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Peran, Unit
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.services import monitoring_refresh
from kinerja.penilaian import access as penilaian_access
from kinerja.penilaian import rules as penilaian_rules
from kinerja.penilaian import selectors as penilaian_selectors
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.enums import AksiPenetapan, StatusKeberatan, StatusPenilaian
from kinerja.penilaian.models import (
    Keberatan,
    KinerjaOrganisasi,
    Penetapan,
    Penilaian,
    RiwayatPenetapan,
)
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
from kinerja.skp.enums import JenisRhk, StatusSkp
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.selectors import berakhlak_codes
from kinerja.talenta import services as talenta_services
from kinerja.talenta.enums import StatusPerbaikan
from kinerja.talenta.models import CatatanPerbaikan, RencanaPerbaikan

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
    penilaian: int = 0
    """How many assessments the load wrote (0 when every quarter was rated already)."""
    riwayat: ImportResult | None = None
    """What the history sheets did (`kinerja_organisasi`, `penilaian` and `potensi` of the two
    previous years and this one)."""
    kehadiran: ImportResult | None = None
    """What the `kehadiran` sheet did (None in January: no month is over yet)."""
    perbaikan: int = 0
    """How many improvement plans the load created."""
    pembaruan: Pembaruan | None = None
    """The refresh of the monitoring figures that ended the load."""

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
    roles exist, take the plans through their workflow, fill the realisation of the year's
    quarters up to `today` (default: the real day; the demo's content depends on it only), then
    rate them (organisation ratings, employees' ratings, finalised groups and objections). The
    annual and quarterly history of the two previous years, the potential, the attendance (and
    allowances) of the months before `today` and the improvement plans are loaded after the rule
    set. Last, the monitoring figures are refreshed.

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
        berlaku_mulai=today,
    )
    akun = _accounts_ensure(aktor=aktor, akun=agency.akun)
    _rule_set_ensure(aktor=aktor)
    riwayat = hasil_demo.history_plans(agency, tahun, seed, _isi())
    _history_periods_open(aktor=aktor, riwayat=riwayat)
    sejarah = _import(aktor=aktor, rows=riwayat.rows, progress=progress, today=today)
    _history_backdate(riwayat)
    kehadiran = hasil_demo.attendance_rows(agency, today, seed)
    absensi = None
    if kehadiran.rows:
        absensi = _import(
            aktor=aktor, rows={"kehadiran": kehadiran.rows}, progress=progress, today=today
        )
    perbaikan = _improvement_run(riwayat=riwayat, agency=agency)
    _workflow_run(aktor=aktor, rencana=rencana, progress=progress)
    realisasi = _realisasi_run(
        aktor=aktor,
        demo=generator.realisasi_plans(agency, rencana, today, seed),
        progress=progress,
        today=today,
    )
    penilaian = _penilaian_run(
        agency=agency, riwayat=riwayat, seed=seed, today=today, progress=progress
    )
    pembaruan = monitoring_refresh(aktor=aktor, sebab=_("Demo dimuat"), progress=progress)
    return HasilDemo(
        laporan=laporan,
        akun=akun,
        tahun=tahun,
        realisasi=realisasi,
        penilaian=penilaian,
        riwayat=sejarah,
        kehadiran=absensi,
        perbaikan=perbaikan,
        pembaruan=pembaruan,
    )


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


# --- Assessment -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pelaku:
    """Who acts in the assessment besides the appraisers: HR (the demo admin: rates the agency
    head, sets organisation ratings on the leader's behalf), the demo pimpinan (sets those of
    the units below its own), and the NIPs of the demo accounts."""

    hr: Aktor
    pimpinan: Pengguna | None
    nip: dict[str, str]


@dataclass
class _Kelompok:
    """A curve group rated by this load in one quarter."""

    unit: Unit
    index: int
    organisasi: KinerjaOrganisasi
    penilaian: list[int]
    """The assessments written, in the order of the group's members."""
    penetapan: Penetapan | None = None


def _penilaian_run(
    *,
    agency: generator.DemoAgency,
    riwayat: hasil_demo.RiwayatDemo,
    seed: int,
    today: datetime.date,
    progress: Progress,
) -> int:
    """Rate the quarters of the year that have begun and that nobody has rated yet (no
    organisation rating, no assessment). Every curve group gets its organisation rating
    (`demo.penilaian`); each member's predikat continues their series from the quarter before
    toward their home level (`demo.hasil.quarter_plan`; the demo pegawai's as fixed by
    `demo.hasil.current_fixed`). In a quarter whose rating deadline has passed, every member is
    rated by their appraiser, each group is finalised by its head, then the dates are moved back
    before the deadline, so that its objection window is behind us. In a quarter still being
    rated, some members are rated (drafts) and nothing is finalised.

    On the latest finalised quarter whose objection could be decided before `today`, the demo
    pegawai objects (explained by her appraiser, decided by his superior, the demo penilai:
    upheld when the group still complies) and an appraisee of the demo penilai objects too,
    still waiting for the penilai's explanation. Returns how many assessments were written."""
    tahun = riwayat.tahun
    year = TahunKinerja.objects.get(tahun=tahun)
    if year.jenis_periode != JenisPeriode.TRIWULAN:
        return 0
    quarters = _quarters_to_rate(year, today)
    if not quarters:
        return 0
    codes = rencana_penilaian.group_codes(
        (row["kode"] for row in agency.rows["unit"]), generator.ROOT_KODE
    )
    units = {unit.kode: unit for unit in Unit.objects.filter(kode__in=codes)}
    groups = [units[kode] for kode in codes if kode in units]
    pelaku = _pelaku(agency)
    people = {row["nip"]: row for row in agency.rows["pegawai"]}
    objector_group = rencana_penilaian.group_of(
        people[pelaku.nip["pegawai"]]["unit_kode"], [unit.kode for unit in groups]
    )
    finished = [(p.kode, p.batas_penilaian) for p in quarters if p.batas_penilaian < today]
    objection_kode = None
    if objector_group is not None:
        objection_kode = rencana_penilaian.objection_quarter(
            finished, [unit.kode for unit in groups].index(objector_group), today
        )
    parts = _rhk_parts(tahun)
    fixed = hasil_demo.current_fixed(agency)
    written = 0
    for periode in quarters:
        final = periode.batas_penilaian < today
        done = _quarter_rate(
            periode=periode,
            groups=groups,
            pelaku=pelaku,
            parts=parts,
            final=final,
            seed=seed,
            progress=progress,
            rumah=riwayat.rumah,
            fixed=fixed.get(periode.kode, {}),
        )
        written += sum(len(item.penilaian) for item in done)
        if not final:
            continue
        objections = []
        if periode.kode == objection_kode:
            objections = _objections_run(periode=periode, pelaku=pelaku)
        _quarter_backdate(periode, done, objections)
    return written


def _quarters_to_rate(year: TahunKinerja, today: datetime.date) -> list[Periode]:
    """The quarters begun by `today`, open or closed, with no organisation rating and no
    assessment yet."""
    touched = set(
        KinerjaOrganisasi.objects.filter(periode__tahun=year).values_list("periode_id", flat=True)
    ) | set(Penilaian.objects.filter(periode__tahun=year).values_list("periode_id", flat=True))
    return [
        periode
        for periode in Periode.objects.filter(tahun=year).order_by("urutan")
        if not periode.is_annual
        and periode.mulai <= today
        and periode.status in (StatusPeriode.DIBUKA, StatusPeriode.DITUTUP)
        and periode.pk not in touched
    ]


def _pelaku(agency: generator.DemoAgency) -> _Pelaku:
    nip = {item.kunci: item.nip for item in agency.akun}
    users = {user.nip: user for user in Pengguna.objects.filter(nip__in=list(nip.values()))}
    return _Pelaku(
        hr=Aktor.of_user(users[nip["admin"]]), pimpinan=users.get(nip["pimpinan"]), nip=nip
    )


def _rhk_parts(tahun: int) -> dict[int, list[tuple[str, bool]]]:
    """The RHKs of each approved plan of the year by employee: (code, is main)."""
    parts: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for pegawai_id, kode, jenis in (
        Rhk.objects.filter(skp__tahun=tahun, skp__status=StatusSkp.DISETUJUI)
        .order_by("skp__pegawai_id", "kode")
        .values_list("skp__pegawai_id", "kode", "jenis")
    ):
        parts[pegawai_id].append((kode, jenis == JenisRhk.UTAMA))
    return parts


def _quarter_rate(
    *,
    periode: Periode,
    groups: list[Unit],
    pelaku: _Pelaku,
    parts: dict[int, list[tuple[str, bool]]],
    final: bool,
    seed: int,
    progress: Progress,
    rumah: dict[str, Predikat],
    fixed: dict[str, Predikat],
) -> list[_Kelompok]:
    """Set the organisation rating of every group, then rate the groups' members (all of them
    and finalise, or some as drafts): each continues from their predikat of the quarter before
    (`demo.hasil.quarter_plan`)."""
    tahun = periode.tahun.tahun
    ratings = rencana_penilaian.organisation_ratings(
        [unit.kode for unit in groups], generator.ROOT_KODE, periode.kode, seed
    )
    previous = _previous_predikat(periode)
    organisasi = {
        unit.kode: _organisation_rate(
            unit=unit, periode=periode, predikat=ratings[unit.kode], pelaku=pelaku
        )
        for unit in groups
    }
    members = {unit.kode: penilaian_selectors.member_employees(unit, periode) for unit in groups}
    progress.start(
        sum(len(found) for found in members.values()),
        _("Memproses penilaian demo %(periode)s") % {"periode": f"{periode.nama} {tahun}"},
    )
    done = []
    for index, unit in enumerate(groups):
        rng = random.Random(f"penilaian-{seed}-{periode.kode}-{unit.kode}")
        isi = penilaian_selectors.aturan_for(unit.jalur, periode).aturan()
        nips = [pegawai.nip for pegawai in members[unit.kode]]
        plan = hasil_demo.quarter_plan(
            nips, ratings[unit.kode], isi, rng, previous=previous, home=rumah, fixed=fixed
        )
        chosen = set(nips) if final else rencana_penilaian.rated_now(nips, rng)
        group = _Kelompok(unit, index, organisasi[unit.kode], [])
        for pegawai in _with_appraisers(members[unit.kode]):
            if pegawai.nip in chosen:
                group.penilaian.append(
                    _member_rate(
                        pegawai=pegawai,
                        periode=periode,
                        predikat=plan[pegawai.nip],
                        isi=isi,
                        parts=parts.get(pegawai.pk, []),
                        hr=pelaku.hr,
                        seed=seed,
                    ).pk
                )
            progress.advance()
        if final:
            head = penilaian_selectors.kepala_unit(unit)
            group.penetapan = penilaian_services.penetapan_finalise(
                aktor=_actor_of(head) if head else pelaku.hr, unit=unit, periode=periode
            )
        done.append(group)
    return done


def _previous_predikat(periode: Periode) -> dict[str, Predikat]:
    """Each employee's predikat (by NIP) in the quarter before this one: TW4 of the year before
    for TW1 (the history)."""
    index = hasil_demo.TRIWULAN.index(periode.kode)
    tahun = periode.tahun.tahun if index else periode.tahun.tahun - 1
    kode = hasil_demo.TRIWULAN[index - 1]
    return {
        nip: Predikat(predikat)
        for nip, predikat in Penilaian.objects.filter(
            periode__tahun__tahun=tahun, periode__kode=kode
        ).values_list("pegawai__nip", "predikat")
    }


def _organisation_rate(
    *, unit: Unit, periode: Periode, predikat: PredikatOrganisasi, pelaku: _Pelaku
) -> KinerjaOrganisasi:
    """Set by the demo pimpinan when it leads the unit's parent, else by HR on the leader's
    behalf."""
    tahun = periode.tahun.tahun
    leader = pelaku.pimpinan
    if leader is not None and penilaian_access.leads_above(scope_for(leader), unit):
        aktor, atas_nama = Aktor.of_user(leader), False
    else:
        aktor, atas_nama = pelaku.hr, True
    return penilaian_services.organisasi_rate(
        aktor=aktor,
        unit=unit,
        periode=periode,
        predikat=predikat,
        alasan=rencana_penilaian.organisation_reason(predikat, f"{periode.nama} {tahun}"),
        atas_nama=atas_nama,
    )


def _with_appraisers(members: list[Pegawai]) -> list[Pegawai]:
    """The members with their appraiser and the appraiser's account loaded (one query)."""
    appraisers = Pegawai.objects.select_related("pengguna").in_bulk(
        {pegawai.penilai_id for pegawai in members if pegawai.penilai_id}
    )
    for pegawai in members:
        if pegawai.penilai_id:
            pegawai.penilai = appraisers[pegawai.penilai_id]
    return members


def _member_rate(
    *,
    pegawai: Pegawai,
    periode: Periode,
    predikat: Predikat,
    isi: IsiAturan,
    parts: list[tuple[str, bool]],
    hr: Aktor,
    seed: int,
) -> Penilaian:
    """Rated by the appraiser (HR for the agency head), with the RHK and BerAKHLAK ratings."""
    rng = random.Random(f"penilaian-{seed}-{periode.kode}-{pegawai.nip}")
    hasil, perilaku = rencana_penilaian.ratings_of(isi, predikat)
    values = [(kode, True) for kode in berakhlak_codes()]
    return penilaian_services.penilaian_save(
        aktor=_actor_of(pegawai.penilai) if pegawai.penilai else hr,
        pegawai=pegawai,
        periode=periode,
        rating_hasil=hasil,
        rating_perilaku=perilaku,
        rating_rhk=rencana_penilaian.part_ratings(hasil, parts, rng),
        rating_nilai=rencana_penilaian.part_ratings(perilaku, values, rng),
        catatan=rencana_penilaian.CATATAN[predikat],
    )


def _objections_run(*, periode: Periode, pelaku: _Pelaku) -> list[tuple[Keberatan, bool]]:
    """The demo pegawai objects to her finalised assessment: explained by her appraiser,
    decided by his superior (`demo.penilaian.objection_decision`). An appraisee of the demo
    penilai without an account objects too (`demo.penilaian.waiting_objector`); the penilai has
    not explained yet. Returns the objections with whether each was decided."""
    found = []
    assessments = Penilaian.objects.filter(
        periode=periode, status=StatusPenilaian.FINAL
    ).select_related(
        "pegawai__pengguna", "penilai__pengguna", "atasan_penilai__pengguna", "penetapan"
    )
    own = assessments.filter(pegawai__nip=pelaku.nip["pegawai"]).first()
    if own is not None and own.penetapan is not None:
        found.append((_objection_decided(own, own.penetapan, pelaku.hr), True))
    candidates = {
        item.pegawai.nip: item
        for item in assessments.filter(
            penilai__nip=pelaku.nip["penilai"], pegawai__pengguna__isnull=True
        )
    }
    chosen = rencana_penilaian.waiting_objector(
        (nip, Predikat(item.predikat)) for nip, item in candidates.items()
    )
    if chosen is not None:
        waiting = candidates[chosen]
        keberatan = penilaian_services.keberatan_file(
            aktor=_actor_of(waiting.pegawai),
            penilaian=waiting,
            alasan=rencana_penilaian.ALASAN_MENUNGGU,
        )
        found.append((keberatan, False))
    return found


def _objection_decided(own: Penilaian, penetapan: Penetapan, hr: Aktor) -> Keberatan:
    others = [
        Predikat(value)
        for value in Penilaian.objects.filter(penetapan=penetapan)
        .exclude(pk=own.pk)
        .values_list("predikat", flat=True)
    ]
    decision = rencana_penilaian.objection_decision(
        own.set_aturan.aturan(),
        PredikatOrganisasi(penetapan.predikat_organisasi),
        others,
        Predikat(own.predikat),
    )
    keberatan = penilaian_services.keberatan_file(
        aktor=_actor_of(own.pegawai), penilaian=own, alasan=rencana_penilaian.ALASAN_KEBERATAN
    )
    keberatan = penilaian_services.keberatan_explain(
        aktor=_actor_of(own.penilai) if own.penilai else hr,
        keberatan=keberatan,
        penjelasan=rencana_penilaian.PENJELASAN_KEBERATAN,
    )
    return penilaian_services.keberatan_decide(
        aktor=_actor_of(own.atasan_penilai) if keberatan.atasan_id and own.atasan_penilai else hr,
        keberatan=keberatan,
        diterima=decision.diterima,
        keputusan=decision.keputusan,
        rating_hasil=decision.rating_hasil,
        rating_perilaku=decision.rating_perilaku,
    )


def _aware(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(moment)


def _quarter_backdate(
    periode: Periode, done: list[_Kelompok], objections: list[tuple[Keberatan, bool]]
) -> None:
    """Move what the demo did for a finalised quarter back before its rating deadline
    (`demo.penilaian.jadwal`): the organisation ratings, each member's rating, the finalisation
    and its notices (read the next morning, their objection deadline rewritten), then the
    objections (filed, explained and decided after the finalisation)."""
    schedules = {}
    for group in done:
        jadwal = rencana_penilaian.jadwal(periode.batas_penilaian, group.index)
        assert group.penetapan is not None
        schedules[group.penetapan.pk] = jadwal
        _group_backdate(group, group.penetapan, jadwal)
    for keberatan, decided in objections:
        penilaian = keberatan.penilaian
        assert penilaian.penetapan_id is not None
        _objection_backdate(
            keberatan,
            schedules[penilaian.penetapan_id],
            penetapan_id=penilaian.penetapan_id,
            decided=decided,
        )


def _group_backdate(
    group: _Kelompok, penetapan: Penetapan, jadwal: rencana_penilaian.Jadwal
) -> None:
    finalised = _aware(jadwal.ditetapkan)
    days = penetapan.set_aturan.aturan().keberatan_hari
    KinerjaOrganisasi.objects.filter(pk=group.organisasi.pk).update(
        diubah_pada=_aware(jadwal.organisasi)
    )
    for turn in range(rencana_penilaian.RATING_HARI):
        Penilaian.objects.filter(
            pk__in=group.penilaian[turn :: rencana_penilaian.RATING_HARI]
        ).update(dinilai_pada=_aware(jadwal.dinilai(turn)), ditetapkan_pada=finalised)
    Penetapan.objects.filter(pk=penetapan.pk).update(ditetapkan_pada=finalised)
    RiwayatPenetapan.objects.filter(penetapan=penetapan).update(pada=finalised)
    links = [reverse("penilaian:detail", args=[pk]) for pk in group.penilaian]
    notices = list(
        Notifikasi.objects.filter(tautan__in=links, kunci__startswith="penilaian-final-")
    )
    deadline = format_date(penilaian_rules.objection_deadline(finalised.date(), days))
    for notice in notices:
        sent = penilaian_rules.objection_deadline(timezone.localdate(notice.dibuat_pada), days)
        notice.isi = notice.isi.replace(format_date(sent), deadline)
        notice.dibuat_pada, notice.dibaca_pada = finalised, _aware(jadwal.dibaca())
    Notifikasi.objects.bulk_update(notices, ["isi", "dibuat_pada", "dibaca_pada"])


def _objection_backdate(
    keberatan: Keberatan, jadwal: rencana_penilaian.Jadwal, *, penetapan_id: int, decided: bool
) -> None:
    """A decided objection: filed, explained and decided (an upheld one with the changed
    assessment and the group's history); one waiting: filed. Each notice is read two hours
    after it was sent."""
    if decided:
        filed, explained, decision = (_aware(moment) for moment in jadwal.keberatan())
        Keberatan.objects.filter(pk=keberatan.pk).update(
            diajukan_pada=filed, dijelaskan_pada=explained, diputuskan_pada=decision
        )
        if keberatan.status == StatusKeberatan.DITERIMA:
            Penilaian.objects.filter(pk=keberatan.penilaian_id).update(dinilai_pada=decision)
        RiwayatPenetapan.objects.filter(
            penetapan_id=penetapan_id, aksi=AksiPenetapan.KEBERATAN.value
        ).update(pada=decision)
        steps = {"file": filed, "explain": explained, "decide": decision}
    else:
        filed = _aware(jadwal.menunggu())
        Keberatan.objects.filter(pk=keberatan.pk).update(diajukan_pada=filed)
        steps = {"file": filed}
    read = datetime.timedelta(hours=2)
    for step, moment in steps.items():
        Notifikasi.objects.filter(kunci=f"keberatan-{keberatan.pk}-{step}").update(
            dibuat_pada=moment, dibaca_pada=moment + read
        )


# --- Outcomes: history, potential, attendance, improvement plans ---------------------------------


def _isi() -> IsiAturan:
    """The content of the rule set the agency applies (the demo's version when loaded)."""
    root = Unit.objects.filter(kode=generator.ROOT_KODE).first()
    try:
        return rule_set_for(jalur=root.jalur if root else "", tanggal=timezone.localdate()).aturan()
    except RuleError:
        return hasil_demo.default_isi()


def _import(
    *,
    aktor: Aktor,
    rows: dict[str, list[dict[str, str]]],
    progress: Progress,
    today: datetime.date,
) -> ImportResult:
    return pertukaran_services.import_run(
        aktor=aktor,
        source=readers.MemorySource(cast(dict[str, list[dict[str, object]]], rows)),
        progress=progress,
        berlaku_mulai=today,
    )


def _history_periods_open(*, aktor: Aktor, riwayat: hasil_demo.RiwayatDemo) -> None:
    """Open the history years' periods still in draft (the import opens those of the years it
    creates; a database loaded by an earlier demo has its history quarters in draft)."""
    for periode in Periode.objects.filter(
        tahun__tahun__in=riwayat.years, status=StatusPeriode.DRAF
    ).order_by("tahun__tahun", "urutan"):
        periode_services.periode_transition(aktor=aktor, periode=periode, aksi="open")


def _history_backdate(riwayat: hasil_demo.RiwayatDemo) -> None:
    """Date the quarterly and annual assessments of the history years (imported now) on their
    rating deadline: the organisation ratings in the morning, the members' ratings and the
    finalisation in the afternoon. Only what this load wrote (still dated today) moves."""
    today = timezone.localdate()
    for periode in Periode.objects.filter(tahun__tahun__in=riwayat.years).order_by("pk"):
        day = periode.batas_penilaian
        morning, afternoon = _at(day, 9), _at(day, 15)
        KinerjaOrganisasi.objects.filter(periode=periode, diubah_pada__date__gte=today).update(
            diubah_pada=morning
        )
        Penilaian.objects.filter(periode=periode, dinilai_pada__date__gte=today).update(
            dinilai_pada=_at(day, 11)
        )
        Penilaian.objects.filter(periode=periode, ditetapkan_pada__date__gte=today).update(
            ditetapkan_pada=afternoon
        )
        Penetapan.objects.filter(periode=periode, ditetapkan_pada__date__gte=today).update(
            ditetapkan_pada=afternoon
        )
        RiwayatPenetapan.objects.filter(penetapan__periode=periode, pada__date__gte=today).update(
            pada=afternoon
        )
        _history_notices_backdate(periode, afternoon)


def _history_notices_backdate(periode: Periode, finalised: datetime.datetime) -> None:
    """The finalisation notices of a history year (sent to the demo accounts today): sent when
    the group was finalised, naming the objection deadline from then, read the next morning."""
    links = [
        reverse("penilaian:detail", args=[pk])
        for pk in Penilaian.objects.filter(periode=periode).values_list("pk", flat=True)
    ]
    notices = list(
        Notifikasi.objects.filter(
            tautan__in=links,
            kunci__startswith="penilaian-final-",
            dibuat_pada__date__gte=timezone.localdate(),
        )
    )
    if not notices:
        return
    days = rule_set_for(jalur="", tanggal=periode.selesai).aturan().keberatan_hari
    deadline = format_date(penilaian_rules.objection_deadline(finalised.date(), days))
    read = _at(finalised.date() + datetime.timedelta(days=1), 8, 30)
    for notice in notices:
        sent = penilaian_rules.objection_deadline(timezone.localdate(notice.dibuat_pada), days)
        notice.isi = notice.isi.replace(format_date(sent), deadline)
        notice.dibuat_pada, notice.dibaca_pada = finalised, read
    Notifikasi.objects.bulk_update(notices, ["isi", "dibuat_pada", "dibaca_pada"])


def _improvement_run(*, riwayat: hasil_demo.RiwayatDemo, agency: generator.DemoAgency) -> int:
    """Create the demo's improvement plans that do not exist yet (one per employee and start;
    none for an employee whose plan is running): by the appraiser when planned so, else by HR
    (the demo admin); each with its follow-up notes (those not after today), the one of the
    year before closed as met. Their dates are moved back to the days they happened. Returns
    how many plans were created."""
    nips = [item.nip for item in riwayat.perbaikan]
    people = {
        pegawai.nip: pegawai
        for pegawai in Pegawai.objects.filter(nip__in=nips).select_related("penilai__pengguna")
    }
    hr = _pelaku(agency).hr
    plans = RencanaPerbaikan.objects.filter(pegawai__nip__in=nips)
    made = set(plans.values_list("pegawai__nip", "mulai"))
    running = set(
        plans.filter(status=StatusPerbaikan.BERJALAN).values_list("pegawai__nip", flat=True)
    )
    assessments = {
        (item.pegawai.nip, item.periode.tahun.tahun): item
        for item in Penilaian.objects.filter(
            pegawai__nip__in=nips, periode__kode=hasil_demo.TAHUNAN
        ).select_related("pegawai", "periode__tahun")
    }
    created = 0
    for item in riwayat.perbaikan:
        pegawai = people.get(item.nip)
        if pegawai is None or (item.nip, item.mulai) in made or item.nip in running:
            continue
        appraiser = pegawai.penilai
        aktor = (
            _actor_of(appraiser)
            if appraiser is not None and item.pembuat_nip == appraiser.nip
            else hr
        )
        rencana = talenta_services.rencana_perbaikan_create(
            aktor=aktor,
            pegawai=pegawai,
            sasaran=item.sasaran,
            mulai=item.mulai,
            penilaian=assessments.get((item.nip, item.tahun_penilaian)),
            pembimbing=appraiser,
        )
        for tanggal, isi in item.catatan:
            if tanggal > timezone.localdate():
                continue
            catatan = talenta_services.rencana_perbaikan_note(
                aktor=aktor, rencana=rencana, tanggal=tanggal, isi=isi
            )
            CatatanPerbaikan.objects.filter(pk=catatan.pk).update(pada=_at(tanggal, 14))
        if item.selesai:
            talenta_services.rencana_perbaikan_close(
                aktor=hr,
                rencana=rencana,
                status=StatusPerbaikan.BERHASIL.value,
                hasil=hasil_demo.HASIL_BERHASIL,
            )
            rencana.refresh_from_db()
            RencanaPerbaikan.objects.filter(pk=rencana.pk).update(
                ditutup_pada=_at(rencana.selesai, 10)
            )
        RencanaPerbaikan.objects.filter(pk=rencana.pk).update(dibuat_pada=_at(item.mulai, 9))
        created += 1
    return created


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
