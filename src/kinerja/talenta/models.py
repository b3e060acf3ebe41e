"""Talent management: employees' potential per year (for the 9-box) and improvement plans with
their follow-up notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.organisasi.models import Pegawai
from kinerja.penilaian.models import Penilaian
from kinerja.talenta.enums import StatusPerbaikan, TindakLanjut


class Potensi(models.Model):
    """An employee's assessed potential (Rendah, Menengah, Tinggi) for a year."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="potensi")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    potensi = models.CharField(_("potensi"), max_length=8, choices=PotensiEnum.choices())
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dicatat_label = models.CharField(_("dicatat oleh"), max_length=255, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("potensi")
        verbose_name_plural = _("potensi")
        ordering = ["tahun", "pegawai"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun"], name="potensi_unique_tahun"),
        ]
        indexes = [models.Index(fields=["tahun"], name="potensi_tahun_idx")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: {self.potensi}"


class RencanaPerbaikan(models.Model):
    """A 6-month (by the rule set) plan for an employee who did not meet performance targets,
    started from the assessment that showed it, with its targets, its closing result and the
    follow-up decided when it was not met."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="rencana_perbaikan")
    penilaian = models.ForeignKey(
        Penilaian, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    sasaran = models.TextField(_("sasaran perbaikan"))
    pembimbing = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pembimbing"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=StatusPerbaikan.choices(),
        default=StatusPerbaikan.BERJALAN.value,
    )
    hasil = models.TextField(_("hasil evaluasi"), blank=True)
    tindak_lanjut = models.CharField(
        _("tindak lanjut"), max_length=20, choices=TindakLanjut.choices(), blank=True
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_label = models.CharField(_("dibuat oleh"), max_length=255)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ditutup_label = models.CharField(_("ditutup oleh"), max_length=255, blank=True)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True)

    class Meta:
        verbose_name = _("rencana perbaikan kinerja")
        verbose_name_plural = _("rencana perbaikan kinerja")
        ordering = ["-mulai", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=Q(status="BERJALAN"),
                name="rencana_perbaikan_one_running",
            ),
            models.CheckConstraint(
                condition=Q(selesai__gt=models.F("mulai")), name="rencana_perbaikan_ends_later"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.mulai}–{self.selesai} ({self.status})"


class CatatanPerbaikan(models.Model):
    """A follow-up note on a running improvement plan (a monitoring meeting, progress)."""

    rencana = models.ForeignKey(RencanaPerbaikan, on_delete=models.CASCADE, related_name="catatan")
    tanggal = models.DateField(_("tanggal"))
    isi = models.TextField(_("catatan"))
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("catatan perbaikan")
        verbose_name_plural = _("catatan perbaikan")
        ordering = ["rencana", "tanggal", "pk"]

    def __str__(self) -> str:
        return f"{self.rencana_id} {self.tanggal}"
