from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PemantauanConfig(AppConfig):
    name = "kinerja.pemantauan"
    label = "pemantauan"
    verbose_name = _("Pemantauan kinerja")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels
        from kinerja.pemantauan import jobs  # noqa: F401  (registers the refresh job)

        register_action_labels(
            {
                "pemantauan.start": _("Pembaruan data pemantauan dimulai"),
                "pemantauan.refresh": _("Data pemantauan diperbarui"),
            }
        )
