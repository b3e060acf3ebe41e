from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notifikasi(models.Model):
    """An in-app notification for one user (also sent by e-mail when the user has an address).

    `kunci` names what it is about (e.g. "laporan:12:kembali:2"), so a notice is never sent
    twice for the same event (reminders run again and again)."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi"
    )
    judul = models.CharField(_("judul"), max_length=255)
    isi = models.TextField(_("isi"), blank=True)
    tautan = models.CharField(_("tautan"), max_length=500, blank=True)
    kunci = models.CharField(max_length=200)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["penerima", "kunci"], name="notifikasi_once"),
        ]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"], name="notifikasi_unread_idx")]

    def __str__(self) -> str:
        return self.judul
