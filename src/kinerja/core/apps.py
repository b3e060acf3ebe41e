from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kinerja.core"
    label = "core"
