from django.apps import AppConfig
from django.db.models.signals import post_migrate
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
        post_migrate.connect(_statistics_targets, sender=self)


def _statistics_targets(**kwargs: object) -> None:
    """The stored tables' planner statistics settings (`services.STATISTICS_TARGET`), kept by
    every migrate: a column setting is not a model field, so no migration carries it."""
    from kinerja.pemantauan.services import statistics_targets_set

    statistics_targets_set(using=str(kwargs.get("using", "default")))
