"""The monitoring figures, precomputed by a refresh (`services.monitoring_refresh`) so that the
dashboards read a handful of small rows whatever the agency's size.

- `Pembaruan`: one refresh run, with the projection model estimated from the agency's history
  and its backtest against the naive forecast.
- `RingkasanUnit`: the counts of a unit's subtree (and of its direct members) for a period and a
  jenis jabatan ("" = all): cycle progress, evidence, ratings, predikat distribution, trends,
  early warnings, the curve check of the unit's own group.
- `ProfilPegawai`: one employee's predikat series, trend, projection and early warning.
- `ProyeksiUnit`: a unit subtree's projected distribution for the next period.
- `SebaranPenilai`, `KasusKontradiksi`, `KecepatanVerifikasi`: the rater analytics (finalised
  predikat per appraiser and unit, the ratings contradicting the evidence verdicts, each
  appraiser's verification turnaround), read per subtree or appraiser and compared at display.
- `RingkasanBukti`, `BuktiSama`, `TandaBukti`: the evidence integrity report (evidence per unit
  and period, the files and links several employees submitted in a year, each flagged item).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import Predikat, Tren
from kinerja.core.enums import LabeledEnum
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.realisasi.enums import JenisSinyal
from kinerja.realisasi.models import BuktiDukung


class StatusPembaruan(LabeledEnum):
    BERJALAN = "BERJALAN", _("Berjalan")
    SELESAI = "SELESAI", _("Selesai")
    GAGAL = "GAGAL", _("Gagal")


class Pembaruan(models.Model):
    """One refresh of the monitoring figures. `model` keeps the projection model (the chosen
    conditioning, transition counts) and `uji_balik` its backtest per period."""

    status = models.CharField(
        _("status"),
        max_length=8,
        choices=StatusPembaruan.choices(),
        default=StatusPembaruan.BERJALAN.value,
    )
    dimulai_pada = models.DateTimeField(_("dimulai pada"), auto_now_add=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    sebab = models.CharField(_("sebab"), max_length=255, blank=True)
    jumlah_pegawai = models.PositiveIntegerField(_("jumlah pegawai"), default=0)
    jumlah_unit = models.PositiveIntegerField(_("jumlah unit"), default=0)
    model = models.JSONField(_("model proyeksi"), default=dict, blank=True)
    uji_balik = models.JSONField(_("uji balik"), default=dict, blank=True)
    pesan = models.TextField(_("pesan"), blank=True)

    class Meta:
        verbose_name = _("pembaruan data pemantauan")
        verbose_name_plural = _("pembaruan data pemantauan")
        ordering = ["-dimulai_pada", "-pk"]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"


class RingkasanUnit(models.Model):
    """The counts of a unit for a period and a jenis jabatan ("" = every jenis): `jumlah` over
    the unit's whole subtree, `langsung` over its direct members only (both with the keys of
    `rules.ringkasan.COUNT_KEYS`), `kurva` the curve check of the unit's own group."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=16, choices=JenisJabatan.choices(), blank=True
    )
    jalur = models.CharField(max_length=1000)
    jumlah = models.JSONField(_("jumlah (subpohon)"), default=dict)
    langsung = models.JSONField(_("jumlah (anggota langsung)"), default=dict)
    kurva = models.JSONField(_("kurva"), default=dict, blank=True)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("ringkasan unit")
        verbose_name_plural = _("ringkasan unit")
        ordering = ["jalur", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "periode", "jenis_jabatan"], name="ringkasan_unit_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["periode", "jenis_jabatan", "jalur"], name="ringkasan_periode_idx")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.periode_id}/{self.jenis_jabatan or '*'}"


RISIKO_URUT = Coalesce(F("risiko"), Value(Decimal("-1")))
"""The risk as a sort key: a profile without a projection (no risk) after every risk. SQLite
indexes take no NULLS LAST, so the index and the warning list sort on this expression."""


class ProfilPegawai(models.Model):
    """One employee's predikat series (periodic and annual, oldest first: `[{"periode_id",
    "label", "predikat"}]`), their trends, the projection of the next periodic predikat (the
    probabilities, the most likely, and `proyeksi_dasar`: how it was derived) and the early
    warning with its reasons (`[{"kode", "nilai"}]`, rendered by `rules.peringatan`). `nama` is
    the employee's name at the refresh: the lists' order."""

    pegawai = models.OneToOneField(Pegawai, on_delete=models.CASCADE, related_name="+")
    nama = models.CharField(_("nama"), max_length=255, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    jalur = models.CharField(max_length=1000)
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=16, choices=JenisJabatan.choices(), blank=True
    )
    penilai = models.ForeignKey(
        Pegawai, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seri_periodik = models.JSONField(_("predikat periodik"), default=list, blank=True)
    seri_tahunan = models.JSONField(_("predikat tahunan"), default=list, blank=True)
    tren_periodik = models.CharField(
        _("tren periodik"),
        max_length=16,
        choices=Tren.choices(),
        default=Tren.BELUM_CUKUP_DATA.value,
    )
    tren_tahunan = models.CharField(
        _("tren tahunan"),
        max_length=16,
        choices=Tren.choices(),
        default=Tren.BELUM_CUKUP_DATA.value,
    )
    lama_periodik = models.PositiveSmallIntegerField(_("lama predikat terakhir"), default=0)
    penjelasan_tren = models.JSONField(_("penjelasan tren"), default=dict, blank=True)
    proyeksi = models.CharField(
        _("proyeksi predikat"), max_length=16, choices=Predikat.choices(), blank=True
    )
    peluang = models.JSONField(_("peluang per predikat"), default=dict, blank=True)
    proyeksi_dasar = models.JSONField(_("dasar proyeksi"), default=dict, blank=True)
    risiko = models.DecimalField(
        _("peluang Butuh Perbaikan atau lebih rendah"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
    )
    peringatan = models.BooleanField(_("peringatan dini"), default=False)
    alasan_peringatan = models.JSONField(_("alasan peringatan"), default=list, blank=True)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("profil kinerja pegawai")
        verbose_name_plural = _("profil kinerja pegawai")
        ordering = ["jalur", "pegawai"]
        indexes = [
            # Subtree filters are `jalur LIKE 'prefix%'`: on PostgreSQL only the pattern
            # operator class serves them whatever the database collation.
            models.Index(
                fields=["jalur"], name="profil_jalur_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["tren_periodik", "jalur"],
                name="profil_tren_idx",
                opclasses=["varchar_ops", "varchar_pattern_ops"],
            ),
            models.Index(
                fields=["tren_tahunan", "jalur"],
                name="profil_tren_tahunan_idx",
                opclasses=["varchar_ops", "varchar_pattern_ops"],
            ),
            # The lists by name (the name stored at the refresh) at the root of a large
            # agency.
            models.Index(fields=["nama", "pegawai"], name="profil_nama_idx"),
            models.Index(fields=["tren_periodik", "nama", "pegawai"], name="profil_tren_nama_idx"),
            models.Index(
                fields=["tren_tahunan", "nama", "pegawai"], name="profil_tren_tahunan_nama_idx"
            ),
            models.Index(
                fields=["peringatan", "jalur"],
                name="profil_peringatan_idx",
                opclasses=["bool_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["penilai"], name="profil_penilai_idx"),
            # The warning list (`WARNING_ORDER`): the riskiest first, then by name, read in
            # index order.
            models.Index(
                RISIKO_URUT.desc(),
                F("nama"),
                F("pegawai"),
                name="profil_peringatan_urut_idx",
                condition=Q(peringatan=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id}: {self.tren_periodik}"


class ProyeksiUnit(models.Model):
    """A unit subtree's current outlook (jenis jabatan "" = all): the projected distribution for
    the period after `periode_dasar` (expected count per predikat, `rentang`: `{predikat: [low,
    high]}`, over `anggota` projected members), how many members are naik / stagnan / turun
    (`tren`, `tren_tahunan`) and how many are warned (`peringatan`)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=16, choices=JenisJabatan.choices(), blank=True
    )
    jalur = models.CharField(max_length=1000)
    periode_dasar = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    anggota = models.PositiveIntegerField(_("anggota diproyeksikan"), default=0)
    harapan = models.JSONField(_("jumlah harapan"), default=dict)
    rentang = models.JSONField(_("rentang"), default=dict)
    tren = models.JSONField(_("jumlah per tren periodik"), default=dict)
    tren_tahunan = models.JSONField(_("jumlah per tren tahunan"), default=dict)
    peringatan = models.PositiveIntegerField(_("jumlah peringatan dini"), default=0)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("proyeksi unit")
        verbose_name_plural = _("proyeksi unit")
        ordering = ["jalur"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "jenis_jabatan"], name="proyeksi_unit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.jenis_jabatan or '*'}"


# --- Rater analytics --------------------------------------------------------------------------

PREDIKAT_FIELDS = {predikat: predikat.value.lower() for predikat in Predikat}
"""The count column of each predikat in `SebaranPenilai` and `SebaranPenilaiUnit`."""
PREDIKAT_COUNTS = (*PREDIKAT_FIELDS.values(), "kontradiksi")
"""Every count column of `JumlahPredikat`."""
EVIDENCE_COUNTS = ("bukti", "berkas_sama", "tautan_sama", "terlambat")
"""Every count column of `JumlahBukti`."""


class JumlahPredikat(models.Model):
    """A count per predikat of finalised assessments, and how many contradict the evidence."""

    sangat_baik = models.PositiveIntegerField(_("Sangat Baik"), default=0)
    baik = models.PositiveIntegerField(_("Baik"), default=0)
    butuh_perbaikan = models.PositiveIntegerField(_("Butuh Perbaikan"), default=0)
    kurang = models.PositiveIntegerField(_("Kurang/Misconduct"), default=0)
    sangat_kurang = models.PositiveIntegerField(_("Sangat Kurang"), default=0)
    kontradiksi = models.PositiveIntegerField(_("kontradiksi"), default=0)

    class Meta:
        abstract = True


class SebaranPenilai(JumlahPredikat):
    """The finalised assessments of a period given by one appraiser (`penilai` None: those
    without an appraiser) to employees of one unit (the unit frozen on the assessment) of one
    jenis jabatan: a count per predikat and how many contradict the evidence verdicts. A
    subtree's or an appraiser's distribution is a sum of these rows. `penilai_nama` is the
    appraiser's name at the refresh: the list's order, summed without joins."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    penilai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    penilai_nama = models.CharField(_("nama penilai"), max_length=255, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    jalur = models.CharField(max_length=1000)
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=16, choices=JenisJabatan.choices(), blank=True
    )
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("sebaran predikat per penilai")
        verbose_name_plural = _("sebaran predikat per penilai")
        ordering = ["periode", "jalur"]
        indexes = [
            models.Index(
                fields=["periode", "jalur"],
                name="sebaran_periode_jalur_idx",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["penilai", "periode"], name="sebaran_penilai_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.periode_id}/{self.penilai_id}/{self.unit_id}"


class SebaranPenilaiUnit(JumlahPredikat):
    """The `SebaranPenilai` rows of a period summed per appraiser (`penilai` None: the
    subtree's total, every assessment with an appraiser or without) over a unit's subtree
    (`jalur` the unit's path; "" the whole agency), for one jenis jabatan ("" every jenis).
    Stored by the refresh, so that a subtree's appraisers are read a page at a time in name
    order, and its distribution in one row, without grouping however large the subtree."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    jalur = models.CharField(max_length=1000, blank=True)
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=16, choices=JenisJabatan.choices(), blank=True
    )
    penilai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    penilai_nama = models.CharField(_("nama penilai"), max_length=255, blank=True)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("sebaran predikat per penilai dan unit")
        verbose_name_plural = _("sebaran predikat per penilai dan unit")
        ordering = ["periode", "jalur", "jenis_jabatan", "penilai_nama", "penilai"]
        indexes = [
            models.Index(
                fields=["periode", "jalur", "jenis_jabatan", "penilai_nama", "penilai"],
                name="sebaran_unit_urut_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.periode_id}/{self.jalur}/{self.jenis_jabatan}/{self.penilai_id}"


class KasusKontradiksi(models.Model):
    """A finalised assessment of a period whose result rating (Di Atas or Di Bawah) contradicts
    the employee's evidence verdicts (counted per status): the reason is worded at display by
    `rules.analitik.contradiction`."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    penilai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    jalur = models.CharField(max_length=1000)
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=16, choices=JenisJabatan.choices(), blank=True
    )
    rating_hasil = models.CharField(_("rating hasil kerja"), max_length=16)
    menunggu = models.PositiveIntegerField(_("menunggu"), default=0)
    diterima = models.PositiveIntegerField(_("diterima"), default=0)
    perlu_perbaikan = models.PositiveIntegerField(_("perlu perbaikan"), default=0)
    ditolak = models.PositiveIntegerField(_("ditolak"), default=0)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("kontradiksi penilaian")
        verbose_name_plural = _("kontradiksi penilaian")
        ordering = ["periode", "penilai", "pegawai"]
        indexes = [models.Index(fields=["penilai", "periode"], name="kontradiksi_penilai_idx")]

    def __str__(self) -> str:
        return f"{self.periode_id}/{self.penilai_id}/{self.pegawai_id}"


class KecepatanVerifikasi(models.Model):
    """An appraiser's verification turnaround for a period's evidence (the whole year's for
    the annual period): items verified, median and mean days, and the submitted items of their
    appraisees still waiting after the verification deadline on the day of the refresh."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    penilai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    jumlah = models.PositiveIntegerField(_("bukti diverifikasi"), default=0)
    median_hari = models.DecimalField(
        _("median hari"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    rata_rata_hari = models.DecimalField(
        _("rata-rata hari"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    menunggu_lewat_batas = models.PositiveIntegerField(_("menunggu lewat batas"), default=0)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("kecepatan verifikasi")
        verbose_name_plural = _("kecepatan verifikasi")
        ordering = ["periode", "penilai"]
        constraints = [
            models.UniqueConstraint(
                fields=["penilai", "periode"], name="kecepatan_verifikasi_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.periode_id}/{self.penilai_id}"


# --- Evidence integrity -----------------------------------------------------------------------


class JumlahBukti(models.Model):
    """Evidence items, those whose file or link other employees also submitted in the year,
    and late uploads."""

    bukti = models.PositiveIntegerField(_("bukti dukung"), default=0)
    berkas_sama = models.PositiveIntegerField(_("berkas sama"), default=0)
    tautan_sama = models.PositiveIntegerField(_("tautan sama"), default=0)
    terlambat = models.PositiveIntegerField(_("terlambat"), default=0)

    class Meta:
        abstract = True


class RingkasanBukti(JumlahBukti):
    """The evidence of a period of the employees whose current unit is `unit`: items, items
    whose file or link other employees also submitted in the year, and late uploads."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    jalur = models.CharField(max_length=1000)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("ringkasan bukti dukung")
        verbose_name_plural = _("ringkasan bukti dukung")
        ordering = ["jalur", "periode"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "periode"], name="ringkasan_bukti_unique"),
        ]
        indexes = [
            models.Index(
                fields=["periode", "jalur"],
                name="ringkasan_bukti_jalur_idx",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
            # The report's page in path order, read in index order at the root of a large
            # agency (the index above finds a small subtree's rows).
            models.Index(fields=["periode", "jalur"], name="ringkasan_bukti_urut_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.periode_id}"


class RingkasanBuktiTahun(JumlahBukti):
    """The `RingkasanBukti` rows of a unit summed over the periods of a performance year: the
    year's report reads a unit per row, in path order, without grouping."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    tahun = models.ForeignKey(TahunKinerja, on_delete=models.CASCADE, related_name="+")
    jalur = models.CharField(max_length=1000)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("ringkasan bukti dukung setahun")
        verbose_name_plural = _("ringkasan bukti dukung setahun")
        ordering = ["jalur", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "tahun"], name="ringkasan_bukti_tahun_unique"),
        ]
        indexes = [
            models.Index(
                fields=["tahun", "jalur"],
                name="ringkasan_bukti_tahun_idx",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["tahun", "jalur"], name="ringkasan_bukti_tahun_urut_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.tahun_id}"


class BuktiSama(models.Model):
    """A file (SHA-256, `jenis` BERKAS_PEGAWAI_LAIN) or a link (its normalised key,
    TAUTAN_BERSAMA) submitted by more than one employee in a performance year."""

    tahun = models.ForeignKey(TahunKinerja, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=24, choices=JenisSinyal.choices())
    kunci = models.CharField(_("kunci"), max_length=1000)
    jumlah_pegawai = models.PositiveIntegerField(_("jumlah pegawai"))
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("bukti sama")
        verbose_name_plural = _("bukti sama")
        ordering = ["tahun", "jenis", "-jumlah_pegawai", "kunci"]
        indexes = [models.Index(fields=["tahun", "jenis"], name="bukti_sama_tahun_idx")]

    def __str__(self) -> str:
        return f"{self.tahun_id}/{self.jenis}/{self.kunci[:20]}"


class BuktiSamaUnit(models.Model):
    """A `BuktiSama` group as the report of a unit subtree (`jalur`) lists it: used by an
    employee of the subtree in the year (`periode` None) or in a period, with how many of the
    subtree's employees used it in the year (`pegawai`) and their uses (`pemakaian`, in the
    period when given). `urutan`: the group's place in the subtree's list (the year's, or the
    period's, groups of its `jenis`: the most employees first, then by key), 1 to the list's
    length, so a page of the list is an index range and its last number the list's count."""

    kelompok = models.ForeignKey(BuktiSama, on_delete=models.CASCADE, related_name="+")
    tahun = models.ForeignKey(TahunKinerja, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=24, choices=JenisSinyal.choices())
    periode = models.ForeignKey(
        Periode, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    jalur = models.CharField(max_length=1000)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    pegawai = models.PositiveIntegerField(_("pegawai di unit"), default=0)
    pemakaian = models.PositiveIntegerField(_("pemakaian"), default=0)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("bukti sama per unit")
        verbose_name_plural = _("bukti sama per unit")
        ordering = ["jalur", "tahun", "jenis", "urutan"]
        indexes = [
            models.Index(
                fields=["jalur", "tahun", "jenis", "periode", "urutan"],
                name="bukti_sama_unit_idx",
            ),
            # The year's rows in order: `periode IS NULL` is no equality to the planner, so
            # the index above cannot give them by `urutan`.
            models.Index(
                fields=["jalur", "tahun", "jenis", "urutan"],
                name="bukti_sama_unit_tahun_idx",
                condition=Q(periode__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jalur}/{self.kelompok_id}/{self.periode_id or '*'}"


class TandaBukti(models.Model):
    """An evidence item flagged by the integrity report: part of a `BuktiSama` group or
    uploaded late (`jenis` TERLAMBAT), with its employee's current unit path at the refresh and
    its place in the report's order (`urutan`: unit path, employee name, NIP, upload time)."""

    bukti = models.ForeignKey(BuktiDukung, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=24, choices=JenisSinyal.choices())
    kelompok = models.ForeignKey(
        BuktiSama, on_delete=models.CASCADE, null=True, blank=True, related_name="pemakaian"
    )
    tahun = models.ForeignKey(TahunKinerja, on_delete=models.CASCADE, related_name="+")
    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="+")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    jalur = models.CharField(max_length=1000)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"))

    class Meta:
        verbose_name = _("tanda bukti dukung")
        verbose_name_plural = _("tanda bukti dukung")
        ordering = ["urutan"]
        indexes = [
            models.Index(
                fields=["tahun", "jenis", "jalur"],
                name="tanda_bukti_jalur_idx",
                opclasses=["int8_ops", "varchar_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["tahun", "jenis", "urutan"], name="tanda_bukti_urutan_idx"),
            models.Index(fields=["kelompok", "jalur"], name="tanda_bukti_kelompok_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.jenis}/{self.bukti_id}"
