from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RealisasiConfig(AppConfig):
    name = "kinerja.realisasi"
    label = "realisasi"
    verbose_name = _("Realisasi dan bukti dukung")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels

        register_action_labels(
            {
                "laporan.create": _("Laporan realisasi dibuat"),
                "laporan.submit": _("Laporan realisasi diajukan"),
                "laporan.verify": _("Verifikasi laporan selesai"),
                "realisasi.update": _("Realisasi diisi"),
                "bukti.create": _("Bukti dukung ditambahkan"),
                "bukti.replace": _("Bukti dukung diganti"),
                "bukti.delete": _("Bukti dukung dihapus"),
                "bukti.verdict": _("Bukti dukung diverifikasi"),
                "umpanbalik.save": _("Umpan balik ditulis"),
                "bukakunci.create": _("Kunci periode dibuka"),
            }
        )
