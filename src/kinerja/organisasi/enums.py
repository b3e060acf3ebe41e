"""Enumerations of the organisation domain (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class JenisJabatan(LabeledEnum):
    JPT = "JPT", _("JPT")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    PELAKSANA = "PELAKSANA", _("Pelaksana")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")


class Jenjang(LabeledEnum):
    AHLI_PERTAMA = "AHLI_PERTAMA", _("Ahli Pertama")
    AHLI_MUDA = "AHLI_MUDA", _("Ahli Muda")
    AHLI_MADYA = "AHLI_MADYA", _("Ahli Madya")
    AHLI_UTAMA = "AHLI_UTAMA", _("Ahli Utama")
    PEMULA = "PEMULA", _("Pemula")
    TERAMPIL = "TERAMPIL", _("Terampil")
    MAHIR = "MAHIR", _("Mahir")
    PENYELIA = "PENYELIA", _("Penyelia")


class StatusKepegawaian(LabeledEnum):
    PNS = "PNS", _("PNS")
    PPPK = "PPPK", _("PPPK")


class JenisPengecualian(LabeledEnum):
    """Why an employee is left out of assessments and recaps for a time."""

    PENSIUN = "PENSIUN", _("Pensiun")
    MUTASI = "MUTASI", _("Mutasi")
    CUTI_BESAR = "CUTI_BESAR", _("Cuti besar")
    CUTI_DI_LUAR_TANGGUNGAN_NEGARA = (
        "CUTI_DI_LUAR_TANGGUNGAN_NEGARA",
        _("Cuti di luar tanggungan negara"),
    )
    HUKUMAN_DISIPLIN = "HUKUMAN_DISIPLIN", _("Hukuman disiplin")
    TUGAS_BELAJAR = "TUGAS_BELAJAR", _("Tugas belajar")
    DIBERHENTIKAN_SEMENTARA = "DIBERHENTIKAN_SEMENTARA", _("Diberhentikan sementara")
    MENINGGAL_DUNIA = "MENINGGAL_DUNIA", _("Meninggal dunia")
    BERHENTI = "BERHENTI", _("Berhenti")


class JenisPeran(LabeledEnum):
    """Roles given explicitly.

    Every user is a pegawai; a pejabat penilai is whoever has appraisees.
    """

    ADMIN_KEPEGAWAIAN = "ADMIN_KEPEGAWAIAN", _("Admin kepegawaian")
    PIMPINAN = "PIMPINAN", _("Pimpinan unit")
    AUDITOR = "AUDITOR", _("Auditor")
