from django.apps import AppConfig


class PertukaranConfig(AppConfig):
    name = "kinerja.pertukaran"
    label = "pertukaran"
