from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusPekerjaan(models.TextChoices):
    MENUNGGU = "MENUNGGU", _("Menunggu")
    BERJALAN = "BERJALAN", _("Berjalan")
    SELESAI = "SELESAI", _("Selesai")
    GAGAL = "GAGAL", _("Gagal")


class Pekerjaan(models.Model):
    """A long piece of work (import, recap, bulk documents) run outside the web request."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jenis = models.CharField(_("jenis"), max_length=64, db_index=True)
    judul = models.CharField(_("judul"), max_length=255)
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusPekerjaan.choices,
        default=StatusPekerjaan.MENUNGGU,
    )
    progres_selesai = models.PositiveIntegerField(_("selesai"), default=0)
    progres_total = models.PositiveIntegerField(_("total"), default=0)
    tahap = models.CharField(_("tahap"), max_length=255, blank=True)
    hasil = models.JSONField(_("hasil"), null=True, blank=True)
    galat = models.TextField(_("galat"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True, db_index=True)
    dimulai_pada = models.DateTimeField(_("dimulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return self.judul

    @property
    def is_finished(self) -> bool:
        return self.status in (StatusPekerjaan.SELESAI, StatusPekerjaan.GAGAL)
