from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi.enums import (
    JenisJabatan,
    JenisPengecualian,
    JenisPeran,
    Jenjang,
    StatusKepegawaian,
)


class Unit(models.Model):
    """An organisation unit.

    `jalur` is the materialised path of ids ("/1/4/9/") for subtree reads.
    """

    kode = models.CharField(_("kode"), max_length=50, unique=True)
    nama = models.CharField(_("nama"), max_length=255)
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak",
        verbose_name=_("unit induk"),
    )
    jalur = models.CharField(max_length=1000, db_index=True, editable=False)
    kedalaman = models.PositiveSmallIntegerField(default=0, editable=False)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit organisasi")
        verbose_name_plural = _("unit organisasi")
        ordering = ["jalur"]

    def __str__(self) -> str:
        return f"{self.kode} \N{EN DASH} {self.nama}"


class Jabatan(models.Model):
    """A position: its name, kind, functional level and grade (kelas jabatan)."""

    nama = models.CharField(_("nama jabatan"), max_length=255)
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=16, choices=JenisJabatan.choices()
    )
    jenjang = models.CharField(_("jenjang"), max_length=16, choices=Jenjang.choices(), blank=True)
    kelas_jabatan = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["nama"]
        indexes = [models.Index(fields=["nama", "jenis_jabatan"], name="jabatan_nama_jenis_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kelas_jabatan__isnull=True)
                | Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="jabatan_kelas_1_17",
            ),
            models.CheckConstraint(
                condition=~Q(jenis_jabatan=JenisJabatan.FUNGSIONAL.value) | ~Q(jenjang=""),
                name="jabatan_fungsional_has_jenjang",
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class Pegawai(models.Model):
    """An employee (ASN). `penilai` is the current appraiser; `RiwayatPenilai` keeps the history."""

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    nama = models.CharField(_("nama"), max_length=200, db_index=True)
    status_kepegawaian = models.CharField(
        _("status kepegawaian"),
        max_length=4,
        choices=StatusKepegawaian.choices(),
        default=StatusKepegawaian.PNS.value,
    )
    golongan = models.CharField(_("golongan"), max_length=8, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="pegawai", verbose_name=_("unit")
    )
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, related_name="pegawai", verbose_name=_("jabatan")
    )
    penilai = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dinilai",
        verbose_name=_("pejabat penilai"),
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pegawai",
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama", "nip"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(penilai=models.F("pk")), name="pegawai_not_own_penilai"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nip})"


class RiwayatPenilai(models.Model):
    """Who appraised an employee from `mulai` until `sampai` (exclusive; open while null)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="riwayat_penilai")
    penilai = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pejabat penilai"),
    )
    mulai = models.DateField(_("berlaku mulai"))
    sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)
    alasan = models.CharField(_("alasan"), max_length=255, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat pejabat penilai")
        verbose_name_plural = _("riwayat pejabat penilai")
        ordering = ["pegawai", "-mulai", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=Q(sampai__isnull=True),
                name="riwayat_penilai_one_open",
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.mulai}\N{EN DASH}{self.sampai or ''}"
        return f"{self.pegawai_id} \N{RIGHTWARDS ARROW} {self.penilai_id} ({period})"


class RiwayatJabatan(models.Model):
    """The unit and position an employee held from `mulai` until `sampai` (open while null)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="riwayat_jabatan")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    mulai = models.DateField(_("berlaku mulai"))
    sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["pegawai", "-mulai", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=Q(sampai__isnull=True),
                name="riwayat_jabatan_one_open",
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.mulai}\N{EN DASH}{self.sampai or ''}"
        return f"{self.pegawai_id}: {self.unit_id}/{self.jabatan_id} ({period})"


class Pengecualian(models.Model):
    """A period in which the employee is excluded (pensiun, mutasi, cuti besar, …)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="pengecualian")
    jenis = models.CharField(_("keterangan"), max_length=40, choices=JenisPengecualian.choices())
    mulai = models.DateField(_("mulai"))
    sampai = models.DateField(_("sampai"), null=True, blank=True)
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("pengecualian")
        verbose_name_plural = _("pengecualian")
        ordering = ["pegawai", "-mulai"]
        indexes = [models.Index(fields=["pegawai", "sampai"], name="pengecualian_open_idx")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} ({self.mulai}\N{EN DASH}{self.sampai or ''})"


class Peran(models.Model):
    """A role given to a user: admin kepegawaian or pimpinan of a unit subtree, or auditor."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peran"
    )
    jenis = models.CharField(_("peran"), max_length=20, choices=JenisPeran.choices())
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="peran",
        verbose_name=_("unit"),
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peran")
        verbose_name_plural = _("peran")
        constraints = [
            models.UniqueConstraint(fields=["pengguna", "jenis", "unit"], name="peran_unique"),
            models.CheckConstraint(
                condition=Q(jenis=JenisPeran.AUDITOR.value) | Q(unit__isnull=False),
                name="peran_scoped_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.unit or ''}".strip()
