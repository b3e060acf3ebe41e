from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi.models import Pegawai, Unit
from kinerja.skp import rules
from kinerja.skp.enums import AksiSkp, Aspek, JenisRhk, Pendekatan, Perspektif, StatusSkp


class SasaranOrganisasi(models.Model):
    """A goal of a unit's Perjanjian Kinerja for a year, from which a JPT's RHKs derive."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="sasaran_organisasi")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    kode = models.CharField(_("kode"), max_length=30)
    uraian = models.TextField(_("sasaran strategis"))
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran organisasi")
        verbose_name_plural = _("sasaran organisasi")
        ordering = ["unit", "tahun", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "tahun", "kode"], name="sasaran_unique_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class IndikatorOrganisasi(models.Model):
    """An indicator of an organisation goal, with its target."""

    sasaran = models.ForeignKey(
        SasaranOrganisasi, on_delete=models.CASCADE, related_name="indikator"
    )
    uraian = models.TextField(_("indikator kinerja"))
    target = models.CharField(_("target"), max_length=100)
    satuan = models.CharField(_("satuan"), max_length=50, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator sasaran organisasi")
        verbose_name_plural = _("indikator sasaran organisasi")
        ordering = ["sasaran", "urutan", "pk"]

    def __str__(self) -> str:
        return self.uraian


class Skp(models.Model):
    """One employee's performance plan for a year.

    `identitas` is the snapshot of the employee, unit, position, appraiser and the appraiser's
    superior taken at approval (empty until the first approval); `revisi` counts revisions.
    """

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    pendekatan = models.CharField(
        _("pendekatan"),
        max_length=12,
        choices=Pendekatan.choices(),
        default=Pendekatan.KUANTITATIF.value,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StatusSkp.choices(), default=StatusSkp.DRAF.value
    )
    revisi = models.PositiveSmallIntegerField(_("revisi"), default=1)
    catatan_penilai = models.TextField(_("catatan pejabat penilai"), blank=True)
    alasan_revisi = models.TextField(_("alasan revisi"), blank=True)
    dukungan_sumber_daya = models.TextField(_("dukungan sumber daya"), blank=True)
    skema_pertanggungjawaban = models.TextField(_("skema pertanggungjawaban"), blank=True)
    konsekuensi = models.TextField(_("konsekuensi"), blank=True)
    identitas = models.JSONField(_("identitas saat disetujui"), default=dict, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit saat disetujui"),
    )
    penilai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pejabat penilai saat disetujui"),
    )
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tahun"], name="skp_one_per_year"),
        ]
        indexes = [models.Index(fields=["tahun", "status"], name="skp_tahun_status_idx")]

    def __str__(self) -> str:
        return f"SKP {self.tahun} {self.pegawai_id and self.pegawai.nama}"

    @property
    def status_enum(self) -> StatusSkp:
        return StatusSkp(self.status)

    @property
    def is_editable(self) -> bool:
        return rules.is_editable(self.status)


class Rhk(models.Model):
    """A planned result (Rencana Hasil Kerja) of an SKP."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhk")
    kode = models.CharField(_("kode RHK"), max_length=30)
    jenis = models.CharField(
        _("jenis"), max_length=10, choices=JenisRhk.choices(), default=JenisRhk.UTAMA.value
    )
    uraian = models.TextField(_("rencana hasil kerja"))
    rhk_atasan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intervensi",
        verbose_name=_("RHK pimpinan yang diintervensi"),
    )
    perspektif = models.CharField(
        _("perspektif"), max_length=20, choices=Perspektif.choices(), blank=True
    )
    sasaran = models.ForeignKey(
        SasaranOrganisasi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rhk",
        verbose_name=_("sasaran organisasi"),
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("RHK")
        verbose_name_plural = _("RHK")
        ordering = ["skp", "jenis", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "kode"], name="rhk_unique_kode"),
            models.CheckConstraint(
                condition=~Q(rhk_atasan=models.F("pk")), name="rhk_not_own_atasan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class Indikator(models.Model):
    """An individual performance indicator (IKI) of an RHK for one aspect, with its target:
    a value and unit (kuantitatif) or a narrative (kualitatif)."""

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="indikator")
    aspek = models.CharField(
        _("aspek"), max_length=10, choices=Aspek.choices(), default=Aspek.KUANTITAS.value
    )
    uraian = models.TextField(_("indikator kinerja individu"))
    target_nilai = models.DecimalField(
        _("target"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_satuan = models.CharField(_("satuan"), max_length=50, blank=True)
    target_narasi = models.TextField(_("target (naratif)"), blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["rhk", "urutan", "pk"]

    def __str__(self) -> str:
        return self.uraian

    def target_text(self, pendekatan: str) -> str:
        return rules.target_text(
            pendekatan, self.target_nilai, self.target_satuan, self.target_narasi
        )


class EkspektasiPerilaku(models.Model):
    """The leader's specific expectation (ekspektasi khusus pimpinan) for one BerAKHLAK value."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="ekspektasi")
    nilai = models.CharField(_("nilai BerAKHLAK"), max_length=32)
    ekspektasi = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)

    class Meta:
        verbose_name = _("ekspektasi perilaku")
        verbose_name_plural = _("ekspektasi perilaku")
        constraints = [
            models.UniqueConstraint(fields=["skp", "nilai"], name="ekspektasi_unique_nilai"),
        ]

    def __str__(self) -> str:
        return f"{self.nilai}: {self.ekspektasi}"


class RiwayatSkp(models.Model):
    """One step of an SKP's workflow: who did what, with the note or reason."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="riwayat")
    revisi = models.PositiveSmallIntegerField(_("revisi"))
    aksi = models.CharField(_("tindakan"), max_length=14, choices=AksiSkp.choices())
    status = models.CharField(_("status setelahnya"), max_length=12, choices=StatusSkp.choices())
    catatan = models.TextField(_("catatan"), blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat SKP")
        verbose_name_plural = _("riwayat SKP")
        ordering = ["skp", "-pada", "-pk"]

    def __str__(self) -> str:
        return f"{self.skp_id} {self.aksi}"


class RevisiSkp(models.Model):
    """An approved revision of an SKP, frozen as the document it was (readable forever)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="revisi_tersimpan")
    nomor = models.PositiveSmallIntegerField(_("revisi"))
    dokumen = models.JSONField(_("dokumen"))
    disetujui_pada = models.DateTimeField(_("disetujui pada"))
    disetujui_oleh_label = models.CharField(_("disetujui oleh"), max_length=255)

    class Meta:
        verbose_name = _("revisi SKP")
        verbose_name_plural = _("revisi SKP")
        ordering = ["skp", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "nomor"], name="revisi_skp_unique_nomor"),
        ]

    def __str__(self) -> str:
        return f"{self.skp_id} rev. {self.nomor}"
