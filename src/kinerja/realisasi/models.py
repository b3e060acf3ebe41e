from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi.models import Pegawai, Unit
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import JenisBukti, StatusBukti, StatusLaporan, TipeBerkas
from kinerja.skp.models import Indikator, Rhk, Skp


class Laporan(models.Model):
    """An employee's report for one period: realisation per indicator, evidence per RHK, the
    appraiser's verdicts and feedback. `putaran` counts submissions (rounds of verification)."""

    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="laporan")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="laporan")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=StatusLaporan.choices(),
        default=StatusLaporan.DRAF.value,
    )
    putaran = models.PositiveSmallIntegerField(_("putaran"), default=0)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai diverifikasi pada"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("laporan realisasi")
        verbose_name_plural = _("laporan realisasi")
        ordering = ["periode", "skp"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "periode"], name="laporan_one_per_period"),
        ]
        indexes = [models.Index(fields=["periode", "status"], name="laporan_periode_status_idx")]

    def __str__(self) -> str:
        return f"{self.periode_id}/{self.skp_id}"


class Realisasi(models.Model):
    """What was achieved against one indicator in the period: a value or a narrative."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="realisasi")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="realisasi")
    nilai = models.DecimalField(
        _("realisasi"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    narasi = models.TextField(_("realisasi (naratif)"), blank=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [
            models.UniqueConstraint(fields=["laporan", "indikator"], name="realisasi_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id}: {self.nilai if self.nilai is not None else self.narasi}"


def evidence_path(instance: BuktiDukung, filename: str) -> str:
    """Files live under bukti/<period id>/<report id>/ with a random prefix (never guessable)."""
    folder = f"bukti/{instance.laporan.periode_id}/{instance.laporan_id}"
    return f"{folder}/{secrets.token_hex(8)}-{filename}"


class BuktiDukung(models.Model):
    """An evidence item for an RHK in a period: an uploaded file or an http(s) link."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="bukti")
    rhk = models.ForeignKey(Rhk, on_delete=models.PROTECT, related_name="bukti")
    jenis = models.CharField(_("jenis"), max_length=8, choices=JenisBukti.choices())
    uraian = models.CharField(_("keterangan"), max_length=500)
    berkas = models.FileField(_("berkas"), upload_to=evidence_path, max_length=500, blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255, blank=True)
    tipe_berkas = models.CharField(
        _("tipe berkas"), max_length=8, choices=TipeBerkas.choices(), blank=True
    )
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    tautan = models.URLField(_("tautan"), max_length=1000, blank=True)
    tautan_kunci = models.CharField(max_length=1000, blank=True, db_index=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=StatusBukti.choices(),
        default=StatusBukti.MENUNGGU.value,
    )
    catatan = models.TextField(_("catatan verifikasi"), blank=True)
    putaran = models.PositiveSmallIntegerField(_("putaran"), default=0)
    diunggah_pada = models.DateTimeField(_("diunggah pada"))
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["laporan", "rhk", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(jenis=JenisBukti.BERKAS.value) & ~Q(berkas="") & Q(tautan=""))
                | (Q(jenis=JenisBukti.TAUTAN.value) & Q(berkas="") & ~Q(tautan="")),
                name="bukti_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.nama_berkas or self.tautan


class RiwayatBukti(models.Model):
    """One step of an evidence item's history: uploaded, replaced, verified (every round)."""

    bukti = models.ForeignKey(BuktiDukung, on_delete=models.CASCADE, related_name="riwayat")
    putaran = models.PositiveSmallIntegerField(_("putaran"))
    aksi = models.CharField(_("tindakan"), max_length=16)
    status = models.CharField(_("status"), max_length=16, choices=StatusBukti.choices())
    catatan = models.TextField(_("catatan"), blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=500, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat bukti dukung")
        verbose_name_plural = _("riwayat bukti dukung")
        ordering = ["bukti", "pk"]

    def __str__(self) -> str:
        return f"{self.bukti_id} {self.aksi} {self.status}"


class RiwayatLaporan(models.Model):
    """One step of a report's workflow: submitted, verified, returned, unlocked."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="riwayat")
    putaran = models.PositiveSmallIntegerField(_("putaran"))
    aksi = models.CharField(_("tindakan"), max_length=16)
    status = models.CharField(
        _("status setelahnya"), max_length=16, choices=StatusLaporan.choices()
    )
    catatan = models.TextField(_("catatan"), blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")
        ordering = ["laporan", "pk"]

    def __str__(self) -> str:
        return f"{self.laporan_id} {self.aksi}"


class UmpanBalik(models.Model):
    """The appraiser's continuous feedback in a period: on one RHK, or on one BerAKHLAK value."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="umpan_balik")
    rhk = models.ForeignKey(Rhk, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    nilai = models.CharField(_("nilai BerAKHLAK"), max_length=32, blank=True)
    isi = models.TextField(_("umpan balik"))
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "rhk"], condition=Q(rhk__isnull=False), name="umpan_balik_rhk"
            ),
            models.UniqueConstraint(
                fields=["laporan", "nilai"], condition=~Q(nilai=""), name="umpan_balik_nilai"
            ),
            models.CheckConstraint(
                condition=(Q(rhk__isnull=False) & Q(nilai=""))
                | (Q(rhk__isnull=True) & ~Q(nilai="")),
                name="umpan_balik_rhk_or_nilai",
            ),
        ]

    def __str__(self) -> str:
        return self.isi[:50]


class BukaKunci(models.Model):
    """HR lets one person, or a unit subtree, act on a period after its lock, until a day."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="buka_kunci")
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sampai = models.DateField(_("berlaku sampai"))
    alasan = models.TextField(_("alasan"))
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pembukaan kunci")
        verbose_name_plural = _("pembukaan kunci")
        ordering = ["-pada"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pegawai__isnull=False, unit__isnull=True)
                | Q(pegawai__isnull=True, unit__isnull=False),
                name="buka_kunci_person_or_unit",
            ),
        ]

    def __str__(self) -> str:
        target = self.pegawai_id or self.unit_id
        return f"{self.periode_id}: {target} \N{RIGHTWARDS ARROW} {self.sampai}"
