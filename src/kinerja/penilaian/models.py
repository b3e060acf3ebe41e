"""The assessment: organisation ratings, employees' ratings and predikat, the finalisation of a
curve group (penetapan) and objections (keberatan)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Rating
from kinerja.aturan.models import SetAturan
from kinerja.organisasi.models import Jabatan, Pegawai, Unit
from kinerja.penilaian.enums import AksiPenetapan, StatusKeberatan, StatusPenetapan, StatusPenilaian
from kinerja.periode.models import Periode
from kinerja.skp.models import Skp


class KinerjaOrganisasi(models.Model):
    """The unit's organisation rating (capaian kinerja organisasi) for a period, set by the
    leader above the unit or by HR on the leader's behalf (`atas_nama`). It fixes the curve of
    the unit's group."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="kinerja_organisasi")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="+")
    predikat = models.CharField(
        _("capaian kinerja organisasi"), max_length=16, choices=PredikatOrganisasi.choices()
    )
    alasan = models.TextField(_("alasan"))
    atas_nama = models.BooleanField(_("ditetapkan admin atas nama pimpinan"), default=False)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("capaian kinerja organisasi")
        verbose_name_plural = _("capaian kinerja organisasi")
        ordering = ["periode", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "periode"], name="kinerja_organisasi_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.periode_id}: {self.predikat}"

    @property
    def predikat_enum(self) -> PredikatOrganisasi:
        return PredikatOrganisasi(self.predikat)


class Penetapan(models.Model):
    """The finalisation of a curve group (the unit with an organisation rating) for a period:
    the "Format Penetapan Predikat Kinerja". Reopening keeps the row (status DIBUKA) and its
    history."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="penetapan")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=StatusPenetapan.choices())
    predikat_organisasi = models.CharField(
        _("capaian kinerja organisasi"), max_length=16, choices=PredikatOrganisasi.choices()
    )
    set_aturan = models.ForeignKey(
        SetAturan, on_delete=models.PROTECT, related_name="+", verbose_name=_("set aturan")
    )
    jumlah = models.JSONField(_("jumlah per predikat"), default=dict)
    penanda_tangan = models.JSONField(_("pimpinan penanda tangan"), default=dict, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ditetapkan_label = models.CharField(_("ditetapkan oleh"), max_length=255)
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"))

    class Meta:
        verbose_name = _("penetapan predikat kinerja")
        verbose_name_plural = _("penetapan predikat kinerja")
        ordering = ["periode", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "periode"], name="penetapan_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.periode_id}: {self.status}"

    @property
    def is_final(self) -> bool:
        return self.status == StatusPenetapan.DITETAPKAN


class RiwayatPenetapan(models.Model):
    """Every finalisation, reopening (with its reason) and change by an objection of a group."""

    penetapan = models.ForeignKey(Penetapan, on_delete=models.CASCADE, related_name="riwayat")
    aksi = models.CharField(_("tindakan"), max_length=12, choices=AksiPenetapan.choices())
    alasan = models.TextField(_("alasan"), blank=True)
    jumlah = models.JSONField(_("jumlah per predikat"), default=dict)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oleh_label = models.CharField(_("oleh"), max_length=255)
    pada = models.DateTimeField(_("pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat penetapan")
        verbose_name_plural = _("riwayat penetapan")
        ordering = ["penetapan", "pk"]

    def __str__(self) -> str:
        return f"{self.penetapan_id} {self.aksi}"


class Penilaian(models.Model):
    """An employee's assessment for a period (quarter, month or TAHUNAN): the result and the
    behaviour rating, the predikat from the quadrant of `set_aturan`, notes. While a draft, the
    unit, position, appraiser and `identitas` follow the employee; at finalisation they are
    frozen together with `masukan` (what the ratings were based on)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penilaian")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="penilaian")
    skp = models.ForeignKey(
        Skp, on_delete=models.PROTECT, null=True, blank=True, related_name="penilaian"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    penilai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    atasan_penilai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rating_hasil = models.CharField(_("rating hasil kerja"), max_length=8, choices=Rating.choices())
    rating_perilaku = models.CharField(
        _("rating perilaku kerja"), max_length=8, choices=Rating.choices()
    )
    rating_rhk = models.JSONField(_("rating per RHK"), default=dict, blank=True)
    rating_nilai = models.JSONField(_("rating per nilai BerAKHLAK"), default=dict, blank=True)
    predikat = models.CharField(_("predikat kinerja"), max_length=16, choices=Predikat.choices())
    set_aturan = models.ForeignKey(
        SetAturan, on_delete=models.PROTECT, related_name="+", verbose_name=_("set aturan")
    )
    catatan = models.TextField(_("catatan dan rekomendasi"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=StatusPenilaian.choices(),
        default=StatusPenilaian.DRAF.value,
    )
    penetapan = models.ForeignKey(
        Penetapan, on_delete=models.PROTECT, null=True, blank=True, related_name="penilaian"
    )
    identitas = models.JSONField(_("identitas"), default=dict, blank=True)
    masukan = models.JSONField(_("dasar penilaian"), default=dict, blank=True)
    dinilai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dinilai_label = models.CharField(_("dinilai oleh"), max_length=255)
    dinilai_pada = models.DateTimeField(_("dinilai pada"), auto_now=True)
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("penilaian kinerja")
        verbose_name_plural = _("penilaian kinerja")
        ordering = ["periode", "pegawai"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "periode"], name="penilaian_unique"),
        ]
        indexes = [models.Index(fields=["periode", "status"], name="penilaian_periode_status_idx")]

    def __str__(self) -> str:
        return f"{self.pegawai_id}/{self.periode_id}: {self.predikat}"

    @property
    def is_final(self) -> bool:
        return self.status == StatusPenilaian.FINAL

    @property
    def predikat_enum(self) -> Predikat:
        return Predikat(self.predikat)


class Keberatan(models.Model):
    """An objection to a finalised assessment: the employee's reasons, the appraiser's
    explanation and the decision of the appraiser's superior (`atasan`)."""

    penilaian = models.OneToOneField(Penilaian, on_delete=models.PROTECT, related_name="keberatan")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatusKeberatan.choices(),
        default=StatusKeberatan.DIAJUKAN.value,
    )
    alasan = models.TextField(_("keberatan"))
    diajukan_pada = models.DateTimeField(_("diajukan pada"), auto_now_add=True)
    atasan = models.ForeignKey(
        Pegawai,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("atasan pejabat penilai"),
    )
    penjelasan = models.TextField(_("penjelasan pejabat penilai"), blank=True)
    dijelaskan_label = models.CharField(_("dijelaskan oleh"), max_length=255, blank=True)
    dijelaskan_pada = models.DateTimeField(_("dijelaskan pada"), null=True, blank=True)
    keputusan = models.TextField(_("keputusan atasan pejabat penilai"), blank=True)
    predikat_lama = models.CharField(
        _("predikat semula"), max_length=16, choices=Predikat.choices()
    )
    rating_hasil_baru = models.CharField(
        _("rating hasil kerja baru"), max_length=8, choices=Rating.choices(), blank=True
    )
    rating_perilaku_baru = models.CharField(
        _("rating perilaku kerja baru"), max_length=8, choices=Rating.choices(), blank=True
    )
    predikat_baru = models.CharField(
        _("predikat baru"), max_length=16, choices=Predikat.choices(), blank=True
    )
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    diputuskan_label = models.CharField(_("diputuskan oleh"), max_length=255, blank=True)
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-diajukan_pada"]

    def __str__(self) -> str:
        return f"{self.penilaian_id}: {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status in (StatusKeberatan.DIAJUKAN, StatusKeberatan.DIJELASKAN)
