"""The appraiser's team dashboard (`team_dashboard`, a fixed number of queries whatever the size
of the team):

1. the team's status for a period, LIVE: the current active direct appraisees (those excluded
   on the period's last day shown as excluded), per member the SKP of the period's year, the
   realisation report of the period, the evidence waiting for the appraiser's verdict (items
   `MENUNGGU` of a submitted report, waiting since its submission) and the assessment of the
   period (to give, draft or final, with its predikat); the totals of what waits for the
   appraiser (5 queries);
2. the team's distribution of predikat for the period (final and draft assessments of its
   members, from the same rows) and each curve group the team belongs to (the nearest unit up
   a member's path with an organisation rating for the period: live), with the curve verdict
   stored by the last monitoring refresh (`RingkasanUnit.kurva`) and whether the group is
   finalised (at most 3 queries);
3. each member's trend from the last refresh (`ProfilPegawai` of the appraiser's appraisees):
   the periodic series as a sparkline, the trend with its explanation, the projection and the
   early warning with its reasons (2 queries).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat, PredikatOrganisasi, Tren
from kinerja.aturan.rules import StatusKurva, curve_groups
from kinerja.core.enums import LabeledEnum
from kinerja.organisasi.enums import JenisPengecualian
from kinerja.organisasi.models import Pegawai, Pengecualian, Unit
from kinerja.pemantauan.models import Pembaruan, ProfilPegawai, RingkasanUnit
from kinerja.pemantauan.rules import grafik
from kinerja.pemantauan.rules.peringatan import reasons_text
from kinerja.pemantauan.rules.proyeksi import explain, percent, prediction_from_json
from kinerja.pemantauan.selectors import baca
from kinerja.penilaian.enums import StatusPenetapan, StatusPenilaian
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import Laporan
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Skp

# The sparkline: `grafik.predikat_line` drawn with a plot area of LEBAR_MINI x TINGGI_MINI,
# shown through a viewBox around the plot only (no axis labels).
LEBAR_MINI = 160
TINGGI_MINI = 48
TEPI_MINI = 6


class StatusNilai(LabeledEnum):
    """Where the member's assessment for the period stands."""

    BELUM = "BELUM", _("Belum dinilai")
    DRAF = "DRAF", _("Draf")
    FINAL = "FINAL", _("Ditetapkan")


# --- 1. The team's status ---------------------------------------------------------------------


@dataclass(frozen=True)
class BarisTim:
    """One member of the team for the period."""

    pegawai: Pegawai
    pengecualian: JenisPengecualian | None
    skp_id: int | None
    skp_status: StatusSkp | None
    laporan_id: int | None
    laporan_status: StatusLaporan | None
    bukti_menunggu: int
    menunggu_sejak: datetime.datetime | None
    lama_menunggu: int | None
    """Whole days the oldest waiting evidence has waited (None: nothing waits)."""
    penilaian_id: int | None
    status_nilai: StatusNilai
    predikat: Predikat | None

    @property
    def dikecualikan(self) -> bool:
        return self.pengecualian is not None

    @property
    def skp_menunggu(self) -> bool:
        """The plan waits for the appraiser's approval."""
        return self.skp_status == StatusSkp.DIAJUKAN

    @property
    def perlu_dinilai(self) -> bool:
        return not self.dikecualikan and self.status_nilai == StatusNilai.BELUM


@dataclass(frozen=True)
class TotalTim:
    anggota: int
    dikecualikan: int
    skp_menunggu: int
    bukti_menunggu: int
    belum_dinilai: int
    menunggu_sejak: datetime.datetime | None
    lama_menunggu: int | None


def _days_since(moment: datetime.datetime | None, now: datetime.datetime) -> int | None:
    if moment is None:
        return None
    return max(0, (now - moment).days)


def _exclusions(periode: Periode, ids: Sequence[int]) -> dict[int, JenisPengecualian]:
    """The exclusion in effect on the period's last day, per employee (as the curve counts)."""
    found = (
        Pengecualian.objects.filter(pegawai_id__in=ids, mulai__lte=periode.selesai)
        .filter(Q(sampai__isnull=True) | Q(sampai__gt=periode.selesai))
        .order_by("pegawai_id", "-mulai", "-pk")
        .values_list("pegawai_id", "jenis")
    )
    chosen: dict[int, JenisPengecualian] = {}
    for pegawai_id, jenis in found:
        chosen.setdefault(pegawai_id, JenisPengecualian(jenis))
    return chosen


def _team_rows(penilai_id: int, periode: Periode, now: datetime.datetime) -> list[BarisTim]:
    """The members' rows, by name (5 queries)."""
    members = list(
        Pegawai.objects.filter(penilai_id=penilai_id, aktif=True)
        .select_related("unit", "jabatan")
        .order_by("nama", "nip")
    )
    ids = [p.pk for p in members]
    excluded = _exclusions(periode, ids)
    plans = {
        pegawai_id: (pk, status)
        for pegawai_id, pk, status in Skp.objects.filter(
            pegawai_id__in=ids, tahun=periode.tahun.tahun
        ).values_list("pegawai_id", "pk", "status")
    }
    reports = {
        row[0]: row[1:]
        for row in Laporan.objects.filter(periode=periode, skp__pegawai_id__in=ids)
        .annotate(menunggu=Count("bukti", filter=Q(bukti__status=StatusBukti.MENUNGGU)))
        .values_list("skp__pegawai_id", "pk", "status", "diajukan_pada", "menunggu")
    }
    assessments = {
        pegawai_id: (pk, status, predikat)
        for pegawai_id, pk, status, predikat in Penilaian.objects.filter(
            periode=periode, pegawai_id__in=ids
        ).values_list("pegawai_id", "pk", "status", "predikat")
    }
    rows = []
    for pegawai in members:
        skp_id, skp_status = plans.get(pegawai.pk, (None, None))
        laporan_id, laporan_status, diajukan, menunggu = reports.get(
            pegawai.pk, (None, None, None, 0)
        )
        # Only a submitted report's items wait for the appraiser; they wait since submission.
        waiting = menunggu if laporan_status == StatusLaporan.DIAJUKAN else 0
        since = diajukan if waiting else None
        penilaian_id, nilai_status, predikat = assessments.get(pegawai.pk, (None, None, None))
        rows.append(
            BarisTim(
                pegawai=pegawai,
                pengecualian=excluded.get(pegawai.pk),
                skp_id=skp_id,
                skp_status=StatusSkp(skp_status) if skp_status else None,
                laporan_id=laporan_id,
                laporan_status=StatusLaporan(laporan_status) if laporan_status else None,
                bukti_menunggu=waiting,
                menunggu_sejak=since,
                lama_menunggu=_days_since(since, now),
                penilaian_id=penilaian_id,
                status_nilai=(
                    StatusNilai.BELUM
                    if nilai_status is None
                    else StatusNilai.FINAL
                    if nilai_status == StatusPenilaian.FINAL
                    else StatusNilai.DRAF
                ),
                predikat=Predikat(predikat) if predikat else None,
            )
        )
    return rows


def _totals(rows: Sequence[BarisTim], now: datetime.datetime) -> TotalTim:
    waiting = [row.menunggu_sejak for row in rows if row.menunggu_sejak is not None]
    oldest = min(waiting) if waiting else None
    return TotalTim(
        anggota=len(rows),
        dikecualikan=sum(1 for row in rows if row.dikecualikan),
        skp_menunggu=sum(1 for row in rows if row.skp_menunggu),
        bukti_menunggu=sum(row.bukti_menunggu for row in rows),
        belum_dinilai=sum(1 for row in rows if row.perlu_dinilai),
        menunggu_sejak=oldest,
        lama_menunggu=_days_since(oldest, now),
    )


# --- 2. The distribution and the curve groups ----------------------------------------------------


@dataclass(frozen=True)
class SebaranPredikat:
    predikat: Predikat
    final: int
    draf: int

    @property
    def jumlah(self) -> int:
        return self.final + self.draf


@dataclass(frozen=True)
class KelompokTim:
    """A curve group the team belongs to in the period: its unit, organisation rating, how
    many of the team are in it, whether it is finalised, and the curve verdict of the last
    refresh (`diperbarui_pada` None: not refreshed since the organisation rating was set)."""

    unit: Unit
    predikat_organisasi: PredikatOrganisasi
    anggota_tim: int
    ditetapkan: bool
    sesuai: bool | None
    diperbarui_pada: datetime.datetime | None

    @property
    def tersimpan(self) -> bool:
        return self.diperbarui_pada is not None

    @property
    def kesesuaian_kode(self) -> str:
        if not self.tersimpan:
            return "BELUM_DIPERBARUI"
        if self.sesuai is None:
            return StatusKurva.TERLALU_KECIL
        return StatusKurva.SESUAI if self.sesuai else StatusKurva.TIDAK_SESUAI

    @property
    def kesesuaian(self) -> str:
        return {
            "BELUM_DIPERBARUI": gettext("Belum diperbarui"),
            StatusKurva.TERLALU_KECIL: gettext("Terlalu kecil untuk dinilai"),
            StatusKurva.SESUAI: pgettext("kurva", "Sesuai"),
            StatusKurva.TIDAK_SESUAI: pgettext("kurva", "Tidak sesuai"),
        }[self.kesesuaian_kode]


def _distribution(rows: Sequence[BarisTim]) -> list[SebaranPredikat]:
    final: dict[Predikat, int] = defaultdict(int)
    draft: dict[Predikat, int] = defaultdict(int)
    for row in rows:
        if row.predikat is None:
            continue
        into = final if row.status_nilai == StatusNilai.FINAL else draft
        into[row.predikat] += 1
    return [SebaranPredikat(p, final[p], draft[p]) for p in PREDIKAT_ORDER]


def distribution_chart(sebaran: Sequence[SebaranPredikat]) -> grafik.DiagramBatang:
    """One bar per predikat: the team's final and draft assessments together."""
    return grafik.bar_chart([(str(s.predikat.label), s.jumlah, str(s.jumlah)) for s in sebaran])


def _ancestors(jalur: str) -> list[str]:
    """The materialised paths of a unit and every unit above it ("/1/4/" -> "/1/", "/1/4/")."""
    parts = [part for part in jalur.split("/") if part]
    return ["/" + "/".join(parts[:depth]) + "/" for depth in range(1, len(parts) + 1)]


def _groups(periode: Periode, rows: Sequence[BarisTim]) -> tuple[list[KelompokTim], int]:
    """The curve groups of the team's (not excluded) members and how many members are in no
    rated unit (1 query, 3 when the team is in a group). Only the organisation ratings of the
    units above the members are read."""
    counted = [(row.pegawai.pk, row.pegawai.unit.jalur) for row in rows if not row.dikecualikan]
    above = sorted({path for _pk, jalur in counted for path in _ancestors(jalur)})
    ratings = {
        item.unit.jalur: item
        for item in KinerjaOrganisasi.objects.filter(
            periode=periode, unit__jalur__in=above
        ).select_related("unit")
    }
    grouped = curve_groups(ratings, counted)
    outside = len(grouped.pop(None, []))
    if not grouped:
        return [], outside
    chosen = [ratings[jalur] for jalur in sorted(j for j in grouped if j is not None)]
    unit_ids = [item.unit_id for item in chosen]
    final = set(
        Penetapan.objects.filter(
            periode=periode, unit_id__in=unit_ids, status=StatusPenetapan.DITETAPKAN
        ).values_list("unit_id", flat=True)
    )
    stored: dict[int, tuple[dict[str, Any], datetime.datetime | None]] = {
        unit_id: (kurva, when)
        for unit_id, kurva, when in RingkasanUnit.objects.filter(
            periode=periode, jenis_jabatan="", unit_id__in=unit_ids
        ).values_list("unit_id", "kurva", "diperbarui_pada")
    }
    groups = []
    for item in chosen:
        kurva, when = stored.get(item.unit_id, ({}, None))
        current = bool(kurva) and kurva.get("predikat_organisasi") == item.predikat
        groups.append(
            KelompokTim(
                unit=item.unit,
                predikat_organisasi=item.predikat_enum,
                anggota_tim=len(grouped[item.unit.jalur]),
                ditetapkan=item.unit_id in final,
                sesuai=kurva.get("sesuai") if current else None,
                diperbarui_pada=when if current else None,
            )
        )
    return groups, outside


# --- 3. Trends -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GarisMini:
    """A sparkline: the line chart's geometry shown through a viewBox (`x`, `y`, `lebar`,
    `tinggi`) around its plot, which spans `kiri`..`kanan` across."""

    garis: grafik.Garis
    x: int
    y: int
    lebar: int
    tinggi: int

    @property
    def kiri(self) -> int:
        return self.x + TEPI_MINI

    @property
    def kanan(self) -> int:
        return self.x + self.lebar - TEPI_MINI


def sparkline(points: Sequence[tuple[str, Predikat | None]]) -> GarisMini:
    width = grafik.KIRI + LEBAR_MINI + grafik.KANAN_GARIS
    height = grafik.ATAS + TINGGI_MINI + grafik.BAWAH
    garis = grafik.predikat_line(points, width=width, height=height)
    return GarisMini(
        garis,
        grafik.KIRI - TEPI_MINI,
        grafik.ATAS - TEPI_MINI,
        LEBAR_MINI + 2 * TEPI_MINI,
        TINGGI_MINI + 2 * TEPI_MINI,
    )


@dataclass(frozen=True)
class TrenAnggota:
    """One member's trend, projection and early warning as of the last refresh."""

    pegawai: Pegawai
    seri: list[tuple[str, Predikat]]
    garis: GarisMini
    tren: Tren
    tren_tahunan: Tren
    penjelasan: str
    langkah: list[str]
    proyeksi: Predikat | None
    peluang: str
    risiko: str
    penjelasan_proyeksi: list[str]
    peringatan: bool
    alasan: list[str]


def _series(stored: Sequence[dict[str, Any]]) -> list[tuple[str, Predikat]]:
    return [(str(point["label"]), Predikat(point["predikat"])) for point in stored]


def trend_of(profil: ProfilPegawai) -> TrenAnggota:
    seri = _series(profil.seri_periodik)
    dasar = profil.proyeksi_dasar or {}
    prediksi = prediction_from_json(dasar) if dasar.get("peluang") else None
    proyeksi = Predikat(profil.proyeksi) if profil.proyeksi else None
    periodik = (profil.penjelasan_tren or {}).get("periodik") or {}
    return TrenAnggota(
        pegawai=profil.pegawai,
        seri=seri,
        garis=sparkline(seri),
        tren=Tren(profil.tren_periodik),
        tren_tahunan=Tren(profil.tren_tahunan),
        penjelasan=str(periodik.get("ringkasan", "")),
        langkah=[str(step) for step in periodik.get("langkah", [])],
        proyeksi=proyeksi,
        peluang=(
            percent(Decimal(profil.peluang[proyeksi.value]))
            if proyeksi and proyeksi.value in (profil.peluang or {})
            else ""
        ),
        risiko=percent(profil.risiko) if profil.risiko is not None else "",
        penjelasan_proyeksi=(
            explain(prediksi, dipakai=bool(dasar.get("dipakai"))) if prediksi else []
        ),
        peringatan=profil.peringatan,
        alasan=reasons_text(profil.alasan_peringatan or []) if profil.peringatan else [],
    )


# --- The dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DasborTim:
    periode: Periode
    baris: list[BarisTim]
    total: TotalTim
    sebaran: list[SebaranPredikat]
    grafik: grafik.DiagramBatang
    kelompok: list[KelompokTim]
    tanpa_kelompok: int
    pembaruan: Pembaruan | None
    tren: list[TrenAnggota]

    @property
    def sebaran_final(self) -> int:
        return sum(item.final for item in self.sebaran)

    @property
    def sebaran_draf(self) -> int:
        return sum(item.draf for item in self.sebaran)


def team_dashboard(penilai_id: int, periode: Periode) -> DasborTim:
    """The appraiser's team dashboard for the period (at most 10 queries)."""
    now = timezone.now()
    rows = _team_rows(penilai_id, periode, now)
    sebaran = _distribution(rows)
    groups, outside = _groups(periode, rows)
    pembaruan = baca.latest_refresh()
    profiles = baca.team_profiles(penilai_id).select_related("pegawai__unit")
    trends = [trend_of(p) for p in profiles] if pembaruan else []
    return DasborTim(
        periode=periode,
        baris=rows,
        total=_totals(rows, now),
        sebaran=sebaran,
        grafik=distribution_chart(sebaran),
        kelompok=groups,
        tanpa_kelompok=outside,
        pembaruan=pembaruan,
        tren=trends,
    )


def period_chosen(periode_id: int | None) -> tuple[list[Periode], Periode | None, bool]:
    """The period choices (started periods, newest first), the one asked for or the default,
    and whether the one asked for was unknown (1 query)."""
    choices = baca.period_choices()
    if periode_id is not None:
        for periode in choices:
            if periode.pk == periode_id:
                return choices, periode, False
    return choices, baca.default_period(choices), periode_id is not None
