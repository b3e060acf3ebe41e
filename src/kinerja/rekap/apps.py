from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RekapConfig(AppConfig):
    name = "kinerja.rekap"
    label = "rekap"
    verbose_name = _("Rekap kinerja")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels
        from kinerja.rekap import jobs  # noqa: F401  (registers the recap job)

        register_action_labels({"rekap.start": _("Rekap kinerja dibuat")})
