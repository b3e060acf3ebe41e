from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.periode import rules
from kinerja.periode.enums import JenisPeriode, StatusPeriode


class TahunKinerja(models.Model):
    """A performance year: how it is divided, the SKP deadlines and the aspects in use."""

    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    jenis_periode = models.CharField(
        _("jenis periode"),
        max_length=10,
        choices=JenisPeriode.choices(),
        default=JenisPeriode.TRIWULAN.value,
    )
    batas_pengajuan_skp = models.DateField(_("batas pengajuan SKP"))
    batas_persetujuan_skp = models.DateField(_("batas persetujuan SKP"))
    aspek_biaya = models.BooleanField(
        _("gunakan aspek Biaya"),
        default=False,
        help_text=_("Selain Kuantitas, Kualitas dan Waktu, IKI dapat memakai aspek Biaya."),
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tahun kinerja")
        verbose_name_plural = _("tahun kinerja")
        ordering = ["-tahun"]

    def __str__(self) -> str:
        return str(self.tahun)


class Periode(models.Model):
    """A period of a performance year (TW1–TW4, B01–B12, or TAHUNAN) with its deadlines."""

    tahun = models.ForeignKey(TahunKinerja, on_delete=models.CASCADE, related_name="periode")
    kode = models.CharField(_("kode"), max_length=8)
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    batas_realisasi = models.DateField(_("batas realisasi"))
    batas_verifikasi = models.DateField(_("batas verifikasi"))
    batas_penilaian = models.DateField(_("batas penilaian"))
    status = models.CharField(
        _("status"), max_length=8, choices=StatusPeriode.choices(), default=StatusPeriode.DRAF.value
    )
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("periode")
        verbose_name_plural = _("periode")
        ordering = ["tahun__tahun", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "kode"], name="periode_unique_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.tahun_id and self.tahun.tahun}"

    @property
    def nama(self) -> str:
        return rules.period_name(self.kode)

    @property
    def status_enum(self) -> StatusPeriode:
        return StatusPeriode(self.status)

    @property
    def is_annual(self) -> bool:
        return self.kode == rules.TAHUNAN


class RiwayatStatusPeriode(models.Model):
    """A change of a period's state, with who did it and why."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="riwayat_status")
    aksi = models.CharField(_("tindakan"), max_length=10)
    dari = models.CharField(_("dari"), max_length=8, choices=StatusPeriode.choices())
    ke = models.CharField(_("menjadi"), max_length=8, choices=StatusPeriode.choices())
    alasan = models.TextField(_("alasan"), blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat status periode")
        verbose_name_plural = _("riwayat status periode")
        ordering = ["periode", "-pada", "-pk"]

    def __str__(self) -> str:
        return f"{self.periode_id}: {self.dari} \N{RIGHTWARDS ARROW} {self.ke}"
