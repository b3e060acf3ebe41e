from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TukinConfig(AppConfig):
    name = "kinerja.tukin"
    label = "tukin"
    verbose_name = _("Tunjangan kinerja")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels
        from kinerja.tukin import jobs  # noqa: F401  (registers the recomputation job)

        register_action_labels(
            {
                "kehadiran.save": _("Data kehadiran disimpan"),
                "kehadiran.import": _("Kehadiran diimpor"),
                "tukin.recompute": _("Tunjangan kinerja dihitung ulang"),
            }
        )
