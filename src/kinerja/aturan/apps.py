from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AturanConfig(AppConfig):
    name = "kinerja.aturan"
    label = "aturan"
    verbose_name = _("Set aturan")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels

        register_action_labels(
            {
                "setaturan.create": _("Set aturan dibuat"),
                "setaturan.copy": _("Versi set aturan dibuat"),
                "setaturan.update": _("Set aturan diubah"),
                "setaturan.activate": _("Set aturan diaktifkan"),
                "setaturan.deactivate": _("Set aturan dinonaktifkan"),
                "setaturan.delete": _("Draf set aturan dihapus"),
                "setaturan.import": _("Set aturan diimpor"),
            }
        )
        post_migrate.connect(_install_default, sender=self)


def _install_default(**kwargs: object) -> None:
    """Seed the shipped default rule set after migrating (see docs/decisions/0004)."""
    from kinerja.aturan.services import rule_set_install_default

    rule_set_install_default(using=str(kwargs.get("using", "default")))
