from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TukinConfig(AppConfig):
    name = "kinerja.tukin"
    label = "tukin"
    verbose_name = _("Tunjangan kinerja")
