"""The monitoring figures, precomputed by a refresh (`services.monitoring_refresh`) so that the
dashboards read a handful of small rows whatever the agency's size.

- `Pembaruan`: one refresh run, with the projection model estimated from the agency's history
  and its backtest against the naive forecast.
- `RingkasanUnit`: the counts of a unit's subtree (and of its direct members) for a period and a
  jenis jabatan ("" = all): cycle progress, evidence, ratings, predikat distribution, trends,
  early warnings, the curve check of the unit's own group.
- `ProfilPegawai`: one employee's predikat series, trend, projection and early warning.
- `ProyeksiUnit`: a unit subtree's projected distribution for the next period.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import Predikat, Tren
from kinerja.core.enums import LabeledEnum
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.periode.models import Periode


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


class ProfilPegawai(models.Model):
    """One employee's predikat series (periodic and annual, oldest first: `[{"periode_id",
    "label", "predikat"}]`), their trends, the projection of the next periodic predikat (the
    probabilities, the most likely, and `proyeksi_dasar`: how it was derived) and the early
    warning with its reasons (`[{"kode", "nilai"}]`, rendered by `rules.peringatan`)."""

    pegawai = models.OneToOneField(Pegawai, on_delete=models.CASCADE, related_name="+")
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
            models.Index(
                fields=["peringatan", "jalur"],
                name="profil_peringatan_idx",
                opclasses=["bool_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["penilai"], name="profil_penilai_idx"),
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
