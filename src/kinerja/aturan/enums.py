"""Enumerations of the rule engine (pure: usable from rules and from every app)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class Rating(LabeledEnum):
    """The 3-level scale of the result rating and of the behaviour rating."""

    DI_ATAS = "DI_ATAS", _("Di Atas Ekspektasi")
    SESUAI = "SESUAI", _("Sesuai Ekspektasi")
    DI_BAWAH = "DI_BAWAH", _("Di Bawah Ekspektasi")


class Predikat(LabeledEnum):
    """The employee's final rating category, best first."""

    SANGAT_BAIK = "SANGAT_BAIK", _("Sangat Baik")
    BAIK = "BAIK", _("Baik")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Butuh Perbaikan")
    KURANG = "KURANG", _("Kurang/Misconduct")
    SANGAT_KURANG = "SANGAT_KURANG", _("Sangat Kurang")

    @property
    def score(self) -> int:
        """5 for Sangat Baik down to 1 for Sangat Kurang (for trends)."""
        return len(PREDIKAT_ORDER) - PREDIKAT_ORDER.index(self)

    @classmethod
    def parse(cls, text: str) -> "Predikat | None":
        """Also accepts the aliases "Cukup" (Butuh Perbaikan) and "Kurang" / "Misconduct"."""
        aliases = {"cukup": cls.BUTUH_PERBAIKAN, "misconduct": cls.KURANG, "kurang": cls.KURANG}
        wanted = " ".join(str(text).replace("_", " ").split()).casefold()
        return aliases.get(wanted) or super().parse(text)


PREDIKAT_ORDER: tuple[Predikat, ...] = tuple(Predikat)


class PredikatOrganisasi(LabeledEnum):
    """The organisation's performance rating (capaian kinerja organisasi)."""

    ISTIMEWA = "ISTIMEWA", _("Istimewa")
    BAIK = "BAIK", _("Baik")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Butuh Perbaikan")
    KURANG = "KURANG", _("Kurang")
    SANGAT_KURANG = "SANGAT_KURANG", _("Sangat Kurang")


class Potensi(LabeledEnum):
    RENDAH = "RENDAH", _("Rendah")
    MENENGAH = "MENENGAH", _("Menengah")
    TINGGI = "TINGGI", _("Tinggi")


class Tren(LabeledEnum):
    NAIK = "NAIK", _("Naik")
    STAGNAN = "STAGNAN", _("Stagnan")
    TURUN = "TURUN", _("Turun")
    BELUM_CUKUP_DATA = "BELUM_CUKUP_DATA", _("Belum cukup data")


class JenisBatasan(LabeledEnum):
    """The kinds of constraint a distribution curve is made of."""

    TERBANYAK = "TERBANYAK", _("Kelompok terbanyak")
    MAKSIMUM_PERSEN = "MAKSIMUM_PERSEN", _("Paling banyak (persen)")
    MINIMUM_PERSEN = "MINIMUM_PERSEN", _("Paling sedikit (persen)")
    MINIMUM_ORANG = "MINIMUM_ORANG", _("Paling sedikit (orang)")


class StatusSetAturan(LabeledEnum):
    DRAF = "DRAF", _("Draf")
    AKTIF = "AKTIF", _("Aktif")
    NONAKTIF = "NONAKTIF", _("Nonaktif")


class SanksiKehadiran(LabeledEnum):
    """Discipline sanctions for cumulative days absent without reason (PP 94/2021)."""

    TEGURAN_LISAN = "TEGURAN_LISAN", _("Teguran lisan")
    TEGURAN_TERTULIS = "TEGURAN_TERTULIS", _("Teguran tertulis")
    PERNYATAAN_TIDAK_PUAS = "PERNYATAAN_TIDAK_PUAS", _("Pernyataan tidak puas secara tertulis")
    POTONG_TUKIN_6_BULAN = "POTONG_TUKIN_6_BULAN", _("Pemotongan tukin 25% selama 6 bulan")
    POTONG_TUKIN_9_BULAN = "POTONG_TUKIN_9_BULAN", _("Pemotongan tukin 25% selama 9 bulan")
    POTONG_TUKIN_12_BULAN = "POTONG_TUKIN_12_BULAN", _("Pemotongan tukin 25% selama 12 bulan")
    PENURUNAN_JABATAN = "PENURUNAN_JABATAN", _("Penurunan jabatan setingkat lebih rendah 12 bulan")
    PEMBEBASAN_JABATAN = (
        "PEMBEBASAN_JABATAN",
        _("Pembebasan dari jabatan menjadi pelaksana 12 bulan"),
    )
    PEMBERHENTIAN = "PEMBERHENTIAN", _("Pemberhentian dengan hormat tidak atas permintaan sendiri")
