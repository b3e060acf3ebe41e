"""Rule sets: versioned data with a legal basis, an effective date and a scope."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.aturan import rules
from kinerja.aturan.enums import StatusSetAturan


class SetAturan(models.Model):
    """One version of a rule set. Versions of one rule set share `kode`; `isi` is the content
    (see `rules.isi`). Only a draft is edited; an active version is frozen and copied to change."""

    kode = models.SlugField(_("kode"), max_length=50)
    versi = models.PositiveIntegerField(_("versi"))
    nama = models.CharField(_("nama"), max_length=200)
    dasar_hukum = models.TextField(_("dasar hukum"))
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    unit = models.ForeignKey(
        "organisasi.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lingkup unit"),
        help_text=_("Kosong: berlaku untuk seluruh instansi."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusSetAturan.choices(), default="DRAF"
    )
    isi = models.JSONField(_("isi"))
    catatan = models.TextField(_("catatan perubahan"), blank=True)
    disalin_dari = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disalin dari"),
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diaktifkan_pada = models.DateTimeField(_("diaktifkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("set aturan")
        verbose_name_plural = _("set aturan")
        ordering = ["kode", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["kode", "versi"], name="setaturan_kode_versi_unik"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in StatusSetAturan]),
                name="setaturan_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="DRAF") | Q(diaktifkan_pada__isnull=False),
                name="setaturan_aktif_has_waktu",
            ),
        ]
        indexes = [models.Index(fields=["status", "berlaku_mulai"], name="setaturan_status_idx")]

    def __str__(self) -> str:
        return f"{self.nama} v{self.versi}"

    @property
    def status_enum(self) -> StatusSetAturan:
        return StatusSetAturan(self.status)

    @property
    def is_editable(self) -> bool:
        return rules.is_editable(self.status_enum)

    def acuan(self) -> rules.Acuan:
        return rules.Acuan(self.kode, self.versi, self.nama, self.berlaku_mulai)

    def aturan(self) -> rules.IsiAturan:
        """The parsed content, labelled with this version (the same content is parsed once per
        process, and read once per instance)."""
        cached = getattr(self, "_parsed", None)
        if cached is None:
            cached = rules.isi_parse_once(self.isi, self.acuan())
            self._parsed = cached
        return cached
