from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PertukaranConfig(AppConfig):
    name = "kinerja.pertukaran"
    label = "pertukaran"
    verbose_name = _("Pertukaran data (impor)")

    def ready(self) -> None:
        from kinerja.jobs import registry
        from kinerja.pertukaran.selectors import IMPORT_JOB_KIND
        from kinerja.pertukaran.services import import_job_handle

        registry.register(IMPORT_JOB_KIND, result_template="pertukaran/_hasil_impor.html")(
            import_job_handle
        )
