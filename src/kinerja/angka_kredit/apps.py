from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AngkaKreditConfig(AppConfig):
    name = "kinerja.angka_kredit"
    label = "angka_kredit"
    verbose_name = _("Angka kredit")
