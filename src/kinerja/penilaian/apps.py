from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenilaianConfig(AppConfig):
    name = "kinerja.penilaian"
    label = "penilaian"
    verbose_name = _("Penilaian kinerja")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels
        from kinerja.penilaian import jobs  # noqa: F401  (registers the bulk-document job)

        register_action_labels(
            {
                "kinerjaorganisasi.save": _("Capaian kinerja organisasi ditetapkan"),
                "penilaian.save": _("Penilaian kinerja disimpan"),
                "penetapan.finalise": _("Predikat kinerja ditetapkan"),
                "penetapan.reopen": _("Penetapan predikat dibuka kembali"),
                "keberatan.file": _("Keberatan diajukan"),
                "keberatan.explain": _("Keberatan dijelaskan penilai"),
                "keberatan.decide": _("Keberatan diputuskan"),
                "keberatan.withdraw": _("Keberatan ditarik"),
            }
        )
