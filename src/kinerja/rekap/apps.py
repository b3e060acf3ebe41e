from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RekapConfig(AppConfig):
    name = "kinerja.rekap"
    label = "rekap"
    verbose_name = _("Rekap kinerja")
