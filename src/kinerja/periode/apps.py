from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodeConfig(AppConfig):
    name = "kinerja.periode"
    label = "periode"
    verbose_name = _("Periode kinerja")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels

        register_action_labels(
            {
                "tahunkinerja.open": _("Tahun kinerja dibuka"),
                "tahunkinerja.update": _("Pengaturan tahun kinerja diubah"),
                "periode.update": _("Batas waktu periode diubah"),
                "periode.open": _("Periode dibuka"),
                "periode.close": _("Periode ditutup"),
                "periode.reopen": _("Periode dibuka kembali"),
                "periode.lock": _("Periode dikunci"),
                "periode.unlock": _("Kunci periode dibuka"),
            }
        )
