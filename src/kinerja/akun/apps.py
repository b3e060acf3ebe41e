from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AkunConfig(AppConfig):
    name = "kinerja.akun"
    label = "akun"
    verbose_name = _("Akun")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels

        register_action_labels(
            {
                "pengguna.activate": _("Akun diaktifkan"),
                "pengguna.email": _("Alamat surel diubah"),
            }
        )
