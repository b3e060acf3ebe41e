"""The performance allowance (tunjangan kinerja): monthly attendance, the computed allowance of
each employee and month, and the recomputations that changed it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import Predikat
from kinerja.aturan.models import SetAturan
from kinerja.organisasi.models import Jabatan, Pegawai, Unit
from kinerja.tukin.enums import SebabPerhitungan


class Kehadiran(models.Model):
    """One employee's attendance counts for one month (the `kehadiran` sheet of the exchange
    format): late arrivals and early leaves per band of minutes, days without an attendance
    record, days absent without reason, days of "cuti alasan penting", and whether a moderate
    discipline sentence (hukuman disiplin sedang) runs this month."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="kehadiran")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    tl1 = models.PositiveSmallIntegerField("TL1", default=0)
    tl2 = models.PositiveSmallIntegerField("TL2", default=0)
    tl3 = models.PositiveSmallIntegerField("TL3", default=0)
    tl4 = models.PositiveSmallIntegerField("TL4", default=0)
    psw1 = models.PositiveSmallIntegerField("PSW1", default=0)
    psw2 = models.PositiveSmallIntegerField("PSW2", default=0)
    psw3 = models.PositiveSmallIntegerField("PSW3", default=0)
    psw4 = models.PositiveSmallIntegerField("PSW4", default=0)
    tanpa_rekaman = models.PositiveSmallIntegerField(
        _("tidak ada rekaman kehadiran (hari)"), default=0
    )
    tanpa_keterangan = models.PositiveSmallIntegerField(
        _("tidak masuk tanpa keterangan (hari)"), default=0
    )
    cuti_alasan_penting = models.PositiveSmallIntegerField(
        _("cuti alasan penting (hari)"), default=0
    )
    hukuman_disiplin_sedang = models.BooleanField(_("hukuman disiplin sedang"), default=False)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dicatat_label = models.CharField(_("dicatat oleh"), max_length=255, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["tahun", "bulan", "pegawai"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "bulan"], name="kehadiran_unique_bulan"
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1, bulan__lte=12), name="kehadiran_bulan_1_12"
            ),
        ]
        indexes = [models.Index(fields=["tahun", "bulan"], name="kehadiran_tahun_bulan_idx")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}-{self.bulan:02d}"


class Perhitungan(models.Model):
    """One recomputation of the allowance (a month, a unit subtree or the agency): who ran it,
    why, and how many rows it created, changed or left as they were."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sebab = models.CharField(_("sebab"), max_length=12, choices=SebabPerhitungan.choices())
    alasan = models.TextField(_("alasan"), blank=True)
    jumlah = models.JSONField(_("jumlah"), default=dict)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("perhitungan tukin")
        verbose_name_plural = _("perhitungan tukin")
        ordering = ["-pada", "-pk"]
        indexes = [models.Index(fields=["tahun", "bulan"], name="perhitungan_tahun_bulan_idx")]

    def __str__(self) -> str:
        return f"{self.tahun}-{self.bulan:02d} ({self.sebab})"


class Tukin(models.Model):
    """The allowance of one employee for one month as last computed: the position and grade of
    that month, the rule-set version, gross, every cut (`rincian`), the capped cut, the net and
    the explanation (`penjelasan`, the steps in words)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="tukin")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    kelas_jabatan = models.PositiveSmallIntegerField(_("kelas jabatan"))
    set_aturan = models.ForeignKey(SetAturan, on_delete=models.PROTECT, related_name="+")
    predikat_tahun_lalu = models.CharField(
        _("predikat tahun lalu"), max_length=16, choices=Predikat.choices(), blank=True
    )
    kehadiran_tercatat = models.BooleanField(_("kehadiran tercatat"), default=False)
    besaran = models.PositiveIntegerField(_("besaran kelas jabatan"))
    insentif = models.PositiveIntegerField(_("tambahan predikat Sangat Baik"), default=0)
    bruto = models.PositiveIntegerField(_("tukin bruto"))
    persen_potongan_dihitung = models.DecimalField(
        _("jumlah potongan (persen)"), max_digits=7, decimal_places=2
    )
    persen_potongan = models.DecimalField(_("potongan (persen)"), max_digits=5, decimal_places=2)
    potongan_rupiah = models.PositiveIntegerField(_("potongan (rupiah)"))
    netto = models.PositiveIntegerField(_("tukin netto"))
    rincian = models.JSONField(_("rincian potongan"), default=list)
    penjelasan = models.JSONField(_("penjelasan"), default=dict)
    perhitungan = models.ForeignKey(
        Perhitungan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dihitung_pada = models.DateTimeField(_("dihitung pada"), auto_now=True)

    class Meta:
        verbose_name = _("tunjangan kinerja")
        verbose_name_plural = _("tunjangan kinerja")
        ordering = ["tahun", "bulan", "pegawai"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun", "bulan"], name="tukin_unique_bulan"
            ),
        ]
        indexes = [
            models.Index(fields=["tahun", "bulan", "unit"], name="tukin_bulan_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}-{self.bulan:02d}: {self.netto}"


class PerubahanTukin(models.Model):
    """What one recomputation changed for one employee: the figures before and after and the
    causes (attendance corrected, another rule-set version, another grade…)."""

    perhitungan = models.ForeignKey(Perhitungan, on_delete=models.CASCADE, related_name="perubahan")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+")
    bruto_lama = models.PositiveIntegerField(null=True, blank=True)
    bruto_baru = models.PositiveIntegerField(null=True, blank=True)
    persen_lama = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    persen_baru = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    netto_lama = models.PositiveIntegerField(null=True, blank=True)
    netto_baru = models.PositiveIntegerField(null=True, blank=True)
    sebab = models.JSONField(_("sebab"), default=list)

    class Meta:
        verbose_name = _("perubahan tukin")
        verbose_name_plural = _("perubahan tukin")
        ordering = ["perhitungan", "pegawai"]

    def __str__(self) -> str:
        return f"{self.perhitungan_id}/{self.pegawai_id}: {self.netto_lama} → {self.netto_baru}"
