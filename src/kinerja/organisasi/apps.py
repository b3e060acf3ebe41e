from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisasiConfig(AppConfig):
    name = "kinerja.organisasi"
    label = "organisasi"
    verbose_name = _("Organisasi dan pegawai")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels

        register_action_labels(
            {
                "unit.activate": _("Unit diaktifkan"),
                "pegawai.pengecualian_end": _("Pengecualian pegawai diakhiri"),
            }
        )
