"""Enumerations of the assessment (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class StatusPenilaian(LabeledEnum):
    """An employee's assessment for a period: a draft until its curve group is finalised."""

    DRAF = "DRAF", _("Draf")
    FINAL = "FINAL", _("Ditetapkan")


class StatusPenetapan(LabeledEnum):
    """A curve group's finalisation (penetapan) for a period."""

    DITETAPKAN = "DITETAPKAN", _("Ditetapkan")
    DIBUKA = "DIBUKA", _("Dibuka kembali")


class StatusKeberatan(LabeledEnum):
    """An objection: filed, explained by the appraiser, then decided by the appraiser's
    superior (upheld with a changed rating, or rejected), or withdrawn by the employee."""

    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DIJELASKAN = "DIJELASKAN", _("Dijelaskan penilai")
    DITERIMA = "DITERIMA", _("Diterima")
    DITOLAK = "DITOLAK", _("Ditolak")
    DITARIK = "DITARIK", _("Ditarik")


class AksiKeberatan(LabeledEnum):
    JELASKAN = "JELASKAN", _("Beri penjelasan")
    TERIMA = "TERIMA", _("Terima keberatan")
    TOLAK = "TOLAK", _("Tolak keberatan")
    TARIK = "TARIK", _("Tarik keberatan")


class AksiPenetapan(LabeledEnum):
    TETAPKAN = "TETAPKAN", _("Ditetapkan")
    BUKA = "BUKA", _("Dibuka kembali")
    KEBERATAN = "KEBERATAN", _("Diubah karena keberatan")
    IMPOR = "IMPOR", _("Diimpor")
