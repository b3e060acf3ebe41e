from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class Entri(models.Model):
    """One audit entry. Append-only: each entry carries the hash of the previous one."""

    urutan = models.PositiveBigIntegerField(_("urutan"), unique=True)
    waktu = models.DateTimeField(_("waktu"), db_index=True)
    aktor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    aktor_label = models.CharField(_("pelaku"), max_length=255)
    alamat_ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    aksi = models.CharField(_("aksi"), max_length=64, db_index=True)
    objek_tipe = models.CharField(_("jenis objek"), max_length=64)
    objek_id = models.CharField(_("ID objek"), max_length=64)
    objek_label = models.CharField(_("objek"), max_length=255)
    sebelum = models.JSONField(_("sebelum"), null=True, blank=True)
    sesudah = models.JSONField(_("sesudah"), null=True, blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    hash_sebelumnya = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("entri audit")
        verbose_name_plural = _("entri audit")
        ordering = ["-urutan"]
        indexes = [models.Index(fields=["objek_tipe", "objek_id"], name="audit_objek_idx")]

    def __str__(self) -> str:
        return f"#{self.urutan} {self.aksi} {self.objek_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")


class Rantai(models.Model):
    """The head of the hash chain (a single row), locked by each writer."""

    urutan_terakhir = models.PositiveBigIntegerField(default=0)
    hash_terakhir = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("kepala rantai audit")

    def __str__(self) -> str:
        return f"#{self.urutan_terakhir} {self.hash_terakhir[:12]}"
