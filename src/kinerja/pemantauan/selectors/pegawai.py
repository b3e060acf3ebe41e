"""One employee's dashboard ("Dasbor saya", and the same page of a person for their appraiser
and HR readers), in a fixed number of queries whatever the number of periods or months:

- the stored profile of the last refresh (`ProfilPegawai`): the periodic and annual predikat
  series as line charts with their trends and explanations, the projection of the next period
  (probabilities, the observations it rests on, why) and the early warning with its reasons;
- live: the SKP progress of the current year (the plan's status; per period the report's status
  and its evidence by verdict, the assessment's status and predikat), the pending actions with a
  link each, the allowance of the current and previous year (the stored `Tukin` rows, as HR
  computed them; shown only to the employee and HR readers of their unit, as on the allowance
  pages) and the credit points (angka kredit) per year for a functional employee.

The number of queries does not depend on the number of periods, reports, evidence or months;
the credit points (`angka_kredit.selectors.credit_history`) read the rule set in effect at the
end of each year with points, so a functional employee's page costs one query more per such
year.

The current year is the year of the default monitoring period (the latest periodic period that
has begun), or the calendar year when no period has started yet."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.angka_kredit import selectors as kredit_selectors
from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat, Tren
from kinerja.core.formatting import MONTHS, format_date, format_number, format_rupiah
from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import Pegawai
from kinerja.pemantauan.models import Pembaruan, ProfilPegawai
from kinerja.pemantauan.rules import grafik
from kinerja.pemantauan.rules import peringatan as warning_rules
from kinerja.pemantauan.rules import proyeksi as model_rules
from kinerja.pemantauan.selectors import baca
from kinerja.penilaian import rules as penilaian_rules
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode
from kinerja.periode.rules import TAHUNAN
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import Laporan
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Skp
from kinerja.tukin import selectors as tukin_selectors

KEBERATAN_HARI_MAKSIMUM = 90
"""The longest objection window a rule set may set (`aturan.rules.isi`): older finalised
assessments cannot be objected to any more, whatever their rule set."""
LEBAR_TUKIN = 800
"""The allowance charts are wider than the default so that twelve rupiah labels fit."""


def sees_allowance(scope: Lingkup, pegawai: Pegawai) -> bool:
    """The allowance is shown to the employee and to HR readers of their unit, as on the
    allowance pages (`tukin.access`): an appraiser does not read their appraisees' pay."""
    return pegawai.pk == scope.pegawai_id or scope.reads_path(pegawai.unit.jalur)


# --- The stored profile ----------------------------------------------------------------------


@dataclass(frozen=True)
class TitikSeri:
    label: str
    predikat: Predikat


@dataclass(frozen=True)
class Seri:
    """A predikat series (`nama` periodik or tahunan) with its chart and trend."""

    nama: str
    titik: tuple[TitikSeri, ...]
    garis: grafik.Garis
    tren: Tren
    ringkasan: str
    langkah: tuple[str, ...]
    selisih: str | None

    @property
    def judul(self) -> str:
        return _("Predikat periodik") if self.nama == "periodik" else _("Predikat tahunan")

    @property
    def nama_grafik(self) -> str:
        """The chart's `data-grafik` name."""
        return f"predikat-{self.nama}"


@dataclass(frozen=True)
class Peluang:
    predikat: Predikat
    nilai: Decimal
    persen: str


@dataclass(frozen=True)
class Proyeksi:
    """The projection of the next periodic predikat: from the last assessed period `dasar`,
    the probability of each predikat, the observations it rests on and why."""

    dasar: str
    terpilih: Predikat
    peluang: tuple[Peluang, ...]
    observasi: int
    sumber: str
    dipakai: bool
    kondisi: str
    kondisi_label: str
    risiko: str
    alasan: tuple[str, ...]

    @property
    def naif(self) -> bool:
        return self.sumber == "NAIF"


@dataclass(frozen=True)
class Profil:
    periodik: Seri
    tahunan: Seri
    lama_periodik: int
    proyeksi: Proyeksi | None
    peringatan: bool
    alasan_peringatan: tuple[str, ...]
    diperbarui_pada: datetime.datetime

    @property
    def seri(self) -> tuple[Seri, Seri]:
        return (self.periodik, self.tahunan)


def _series(
    nama: str, stored: Sequence[Mapping[str, Any]], tren: str, explained: Mapping[str, Any]
) -> Seri:
    points = tuple(
        TitikSeri(
            str(item["label"]).removeprefix(f"{TAHUNAN} "),
            Predikat(item["predikat"]),
        )
        for item in stored
    )
    penjelasan = explained.get(nama) or {}
    return Seri(
        nama,
        points,
        grafik.predikat_line([(p.label, p.predikat) for p in points]),
        Tren(tren),
        str(penjelasan.get("ringkasan", "")),
        tuple(str(step) for step in penjelasan.get("langkah", [])),
        penjelasan.get("selisih"),
    )


def _projection(dasar: Mapping[str, Any]) -> Proyeksi | None:
    if not dasar:
        return None
    prediksi = model_rules.prediction_from_json(dasar)
    dipakai = bool(dasar.get("dipakai"))
    return Proyeksi(
        dasar=str(dasar.get("dasar", "")),
        terpilih=prediksi.terpilih,
        peluang=tuple(
            Peluang(
                p,
                prediksi.peluang.get(p, Decimal(0)),
                model_rules.percent(prediksi.peluang.get(p, Decimal(0))),
            )
            for p in PREDIKAT_ORDER
        ),
        observasi=prediksi.observasi,
        sumber=prediksi.sumber,
        dipakai=dipakai,
        kondisi=prediksi.kondisi,
        kondisi_label=model_rules.condition_label(prediksi.kondisi),
        risiko=model_rules.percent(prediksi.risiko),
        alasan=tuple(model_rules.explain(prediksi, dipakai=dipakai)),
    )


def profile_shown(profile: ProfilPegawai) -> Profil:
    """The stored profile as the dashboard shows it (no query)."""
    explained = profile.penjelasan_tren or {}
    return Profil(
        periodik=_series("periodik", profile.seri_periodik, profile.tren_periodik, explained),
        tahunan=_series("tahunan", profile.seri_tahunan, profile.tren_tahunan, explained),
        lama_periodik=profile.lama_periodik,
        proyeksi=_projection(profile.proyeksi_dasar or {}),
        peringatan=profile.peringatan,
        alasan_peringatan=tuple(warning_rules.reasons_text(profile.alasan_peringatan or [])),
        diperbarui_pada=profile.diperbarui_pada,
    )


# --- The SKP progress of the year (live) -----------------------------------------------------


@dataclass(frozen=True)
class JumlahBukti:
    diterima: int = 0
    perlu_perbaikan: int = 0
    ditolak: int = 0
    menunggu: int = 0

    @property
    def total(self) -> int:
        return self.diterima + self.perlu_perbaikan + self.ditolak + self.menunggu

    @property
    def dikembalikan(self) -> int:
        """To fix or replace: returned for correction or rejected."""
        return self.perlu_perbaikan + self.ditolak


@dataclass(frozen=True)
class BarisKemajuan:
    """A period of the year: its report (None: not started) with the evidence by verdict, and
    the assessment (None: not rated yet) with its predikat when the reader may see it (a draft's
    predikat is hidden from the employee, as on the assessment pages)."""

    periode: Periode
    laporan: Laporan | None
    bukti: JumlahBukti
    penilaian: Penilaian | None
    predikat: Predikat | None

    @property
    def nama(self) -> str:
        return f"{self.periode.nama} {self.periode.tahun.tahun}"


@dataclass(frozen=True)
class Kemajuan:
    tahun: int
    skp: Skp | None
    periode: tuple[BarisKemajuan, ...]


@dataclass(frozen=True)
class Tindakan:
    """A pending action: what (`kode`), in words, and the page to do it (`url`, "" when the
    reader has no page for it)."""

    kode: str
    teks: str
    url: str


def current_year(choices: list[Periode] | None = None) -> int:
    """The year of the default monitoring period, or the calendar year."""
    periode = baca.default_period(baca.period_choices() if choices is None else choices)
    return periode.tahun.tahun if periode is not None else timezone.localdate().year


def _reports(pegawai_id: int, tahun: int) -> dict[int, Laporan]:
    """The year's reports with their evidence counted by verdict, in one query."""
    counts = {
        f"n_{status.value.lower()}": Count("bukti", filter=Q(bukti__status=status.value))
        for status in StatusBukti
    }
    return {
        item.periode_id: item
        for item in Laporan.objects.filter(
            skp__pegawai_id=pegawai_id, periode__tahun__tahun=tahun
        ).annotate(**counts)
    }


def _evidence(laporan: Laporan | None) -> JumlahBukti:
    if laporan is None:
        return JumlahBukti()
    return JumlahBukti(
        diterima=getattr(laporan, "n_diterima", 0),
        perlu_perbaikan=getattr(laporan, "n_perlu_perbaikan", 0),
        ditolak=getattr(laporan, "n_ditolak", 0),
        menunggu=getattr(laporan, "n_menunggu", 0),
    )


def _assessments(pegawai_id: int, tahun: int, now: datetime.datetime) -> list[Penilaian]:
    """The year's assessments and the finalised ones (any year) recent enough to be objected
    to, with their rule set and objection, in one query."""
    recent = Q(
        status=StatusPenilaian.FINAL.value,
        keberatan__isnull=True,
        ditetapkan_pada__gte=now - datetime.timedelta(days=KEBERATAN_HARI_MAKSIMUM + 1),
    )
    return list(
        Penilaian.objects.filter(pegawai_id=pegawai_id)
        .filter(Q(periode__tahun__tahun=tahun) | recent)
        .select_related("periode__tahun", "set_aturan", "keberatan")
        .order_by("periode__tahun__tahun", "periode__urutan")
    )


def objection_deadline(penilaian: Penilaian) -> datetime.date | None:
    """The last day to object to a finalised assessment (None for a draft)."""
    if penilaian.status != StatusPenilaian.FINAL or penilaian.ditetapkan_pada is None:
        return None
    return penilaian_rules.objection_deadline(
        timezone.localdate(penilaian.ditetapkan_pada),
        penilaian.set_aturan.aturan().keberatan_hari,
    )


def _progress(
    tahun: int,
    skp: Skp | None,
    periods: list[Periode],
    reports: dict[int, Laporan],
    assessments: list[Penilaian],
    *,
    drafts: bool,
) -> Kemajuan:
    by_period = {item.periode_id: item for item in assessments}
    rows = []
    for periode in periods:
        laporan = reports.get(periode.pk)
        nilai = by_period.get(periode.pk)
        shown = nilai is not None and (nilai.status == StatusPenilaian.FINAL or drafts)
        rows.append(
            BarisKemajuan(
                periode,
                laporan,
                _evidence(laporan),
                nilai,
                Predikat(nilai.predikat) if shown and nilai is not None else None,
            )
        )
    return Kemajuan(tahun, skp, tuple(rows))


def _url(name: str, *args: Any, query: str = "") -> str:
    return reverse(name, args=args) + (f"?{query}" if query else "")


def _plan_actions(kemajuan: Kemajuan, periods: list[Periode], sendiri: bool) -> list[Tindakan]:
    tahun, skp = kemajuan.tahun, kemajuan.skp
    own = _url("skp:mine", query=f"tahun={tahun}") if sendiri else ""
    values = {"tahun": tahun}
    if skp is None:
        if not periods:
            return []
        return [Tindakan("skp_belum", _("SKP tahun %(tahun)s belum dibuat.") % values, own)]
    url = own or _url("skp:detail", skp.pk)
    if skp.status == StatusSkp.DRAF:
        text = _("SKP tahun %(tahun)s belum diajukan kepada pejabat penilai.") % values
        return [Tindakan("skp_draf", text, url)]
    if skp.status == StatusSkp.DIKEMBALIKAN:
        text = _("SKP tahun %(tahun)s dikembalikan pejabat penilai untuk diperbaiki.") % values
        return [Tindakan("skp_dikembalikan", text, url)]
    return []


def _report_actions(kemajuan: Kemajuan, sendiri: bool, today: datetime.date) -> list[Tindakan]:
    skp = kemajuan.skp
    if skp is None or skp.disetujui_pada is None:
        return []
    found = []
    for row in kemajuan.periode:
        periode, laporan = row.periode, row.laporan
        if periode.kode == TAHUNAN:
            continue
        values = {"periode": row.nama}
        if laporan is not None:
            url = _url("realisasi:detail", laporan.pk)
        else:
            url = _url("realisasi:mine", query=f"tahun={kemajuan.tahun}") if sendiri else ""
        if laporan is not None and laporan.status == StatusLaporan.PERLU_PERBAIKAN:
            text = _("Laporan realisasi %(periode)s perlu perbaikan; ajukan kembali.") % values
            found.append(Tindakan("laporan_perbaikan", text, url))
            if row.bukti.dikembalikan:
                text = _(
                    "%(jumlah)s bukti dukung %(periode)s dikembalikan atau ditolak: perbaiki "
                    "atau ganti."
                ) % (values | {"jumlah": row.bukti.dikembalikan})
                found.append(Tindakan("bukti_perbaikan", text, url))
        elif (
            periode.status == StatusPeriode.DIBUKA
            and periode.mulai <= today
            and (laporan is None or laporan.status == StatusLaporan.DRAF)
        ):
            text = _(
                "Laporan realisasi %(periode)s belum diajukan (batas realisasi %(batas)s)."
            ) % (values | {"batas": format_date(periode.batas_realisasi)})
            found.append(Tindakan("laporan_belum", text, url))
    return found


def _objection_actions(assessments: list[Penilaian], today: datetime.date) -> list[Tindakan]:
    found = []
    for penilaian in assessments:
        deadline = objection_deadline(penilaian)
        if deadline is None or today > deadline or getattr(penilaian, "keberatan", None):
            continue
        values = {
            "periode": f"{penilaian.periode.nama} {penilaian.periode.tahun.tahun}",
            "predikat": Predikat(penilaian.predikat).label,
            "tanggal": format_date(deadline),
        }
        text = (
            _(
                "Predikat %(periode)s (%(predikat)s) telah ditetapkan; keberatan dapat diajukan "
                "sampai %(tanggal)s."
            )
            % values
        )
        found.append(Tindakan("keberatan", text, _url("penilaian:detail", penilaian.pk)))
    return found


# --- Allowance and credit points (live) ------------------------------------------------------


@dataclass(frozen=True)
class TahunTukin:
    """One year's stored allowance: the net amount of each month computed (None: not
    computed), the year's net total, and the chart of the months computed."""

    tahun: int
    netto: tuple[int | None, ...]
    jumlah_netto: int
    bulan_dihitung: int
    diagram: grafik.DiagramBatang

    @property
    def judul(self) -> str:
        return _("Tunjangan kinerja netto %(tahun)s") % {"tahun": self.tahun}

    @property
    def nama_grafik(self) -> str:
        """The chart's `data-grafik` name."""
        return f"tukin-{self.tahun}"


@dataclass(frozen=True)
class RiwayatTukin:
    tahun: tuple[TahunTukin, ...]
    """The current year, then the previous one."""

    @property
    def baris(self) -> list[tuple[str, list[int | None]]]:
        """The table: each month with its net amount per year (in the order of `tahun`)."""
        return [(MONTHS[index], [year.netto[index] for year in self.tahun]) for index in range(12)]


def _short_month(bulan: int) -> str:
    return MONTHS[bulan - 1][:3]


def allowance_history(pegawai: Pegawai, tahun: int) -> RiwayatTukin:
    """The stored allowance of `tahun` and the year before (one query per year)."""
    years = []
    for year in (tahun, tahun - 1):
        data = tukin_selectors.tukin_year(pegawai, year)
        netto = tuple(row.netto if row is not None else None for _b, _l, row in data.bulan)
        bars = [
            (_short_month(bulan), row.netto, format_rupiah(row.netto))
            for bulan, _label, row in data.bulan
            if row is not None
        ]
        years.append(
            TahunTukin(
                year,
                netto,
                data.jumlah.netto,
                data.jumlah.baris,
                grafik.bar_chart(bars, width=LEBAR_TUKIN),
            )
        )
    return RiwayatTukin(tuple(years))


@dataclass(frozen=True)
class RiwayatAngkaKredit:
    riwayat: kredit_selectors.RiwayatKredit
    tahun: tuple[kredit_selectors.TahunKredit, ...]
    """The years with points, oldest first."""
    diagram: grafik.DiagramBatang


def credit_points(
    pegawai: Pegawai, *, drafts: bool, today: datetime.date
) -> RiwayatAngkaKredit | None:
    """The credit points per year (angka_kredit's `credit_history`); None for an employee who
    neither holds a functional position nor has earned points."""
    riwayat = kredit_selectors.credit_history(pegawai, drafts=drafts, today=today)
    years = tuple(sorted((y for y in riwayat.tahun if y.total is not None), key=lambda y: y.tahun))
    if not riwayat.fungsional and not years:
        return None
    bars = [(str(y.tahun), y.total or Decimal(0), format_number(y.total or 0, 2)) for y in years]
    return RiwayatAngkaKredit(riwayat, years, grafik.bar_chart(bars))


# --- The whole dashboard ---------------------------------------------------------------------


@dataclass(frozen=True)
class Dasbor:
    pegawai: Pegawai
    sendiri: bool
    pembaruan: Pembaruan | None
    profil: Profil | None
    kemajuan: Kemajuan
    tindakan: tuple[Tindakan, ...]
    tukin: RiwayatTukin | None
    """None: not shown to this reader."""
    angka_kredit: RiwayatAngkaKredit | None


def dashboard(pegawai: Pegawai, scope: Lingkup) -> Dasbor:
    """Everything the dashboard shows of `pegawai` (fetched through `access`, with unit and
    position) to the reader of `scope`; a fixed number of queries."""
    now = timezone.now()
    today = timezone.localdate()
    sendiri = pegawai.pk == scope.pegawai_id
    pembaruan = baca.latest_refresh()
    stored = baca.profile_of(pegawai.pk) if pembaruan is not None else None
    tahun = current_year()
    periods = list(
        Periode.objects.filter(tahun__tahun=tahun).select_related("tahun").order_by("urutan")
    )
    skp = Skp.objects.filter(pegawai_id=pegawai.pk, tahun=tahun).first()
    reports = _reports(pegawai.pk, tahun)
    assessments = _assessments(pegawai.pk, tahun, now)
    kemajuan = _progress(tahun, skp, periods, reports, assessments, drafts=not sendiri)
    tindakan = (
        _plan_actions(kemajuan, periods, sendiri)
        + _report_actions(kemajuan, sendiri, today)
        + _objection_actions(assessments, today)
    )
    return Dasbor(
        pegawai=pegawai,
        sendiri=sendiri,
        pembaruan=pembaruan,
        profil=profile_shown(stored) if stored is not None else None,
        kemajuan=kemajuan,
        tindakan=tuple(tindakan),
        tukin=allowance_history(pegawai, tahun) if sees_allowance(scope, pegawai) else None,
        angka_kredit=credit_points(pegawai, drafts=not sendiri, today=today),
    )
