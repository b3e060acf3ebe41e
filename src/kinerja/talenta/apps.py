from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentaConfig(AppConfig):
    name = "kinerja.talenta"
    label = "talenta"
    verbose_name = _("Talenta dan merit")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels

        register_action_labels(
            {
                "potensi.save": _("Potensi pegawai dicatat"),
                "potensi.delete": _("Potensi pegawai dihapus"),
                "potensi.import": _("Potensi diimpor"),
                "rencana_perbaikan.create": _("Rencana perbaikan kinerja dibuat"),
                "rencana_perbaikan.note": _("Catatan rencana perbaikan ditambahkan"),
                "rencana_perbaikan.close": _("Rencana perbaikan kinerja ditutup"),
                "rencana_perbaikan.cancel": _("Rencana perbaikan kinerja dibatalkan"),
            }
        )
