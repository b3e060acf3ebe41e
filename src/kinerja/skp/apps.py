from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkpConfig(AppConfig):
    name = "kinerja.skp"
    label = "skp"
    verbose_name = _("SKP")

    def ready(self) -> None:
        from kinerja.audit.labels import register_action_labels
        from kinerja.skp import jobs  # noqa: F401  (registers the bulk-document job)

        register_action_labels(
            {
                "skp.create": _("SKP dibuat"),
                "skp.copy": _("SKP disalin dari tahun sebelumnya"),
                "skp.update": _("SKP diubah"),
                "skp.submit": _("SKP diajukan"),
                "skp.withdraw": _("Pengajuan SKP ditarik"),
                "skp.approve": _("SKP disetujui"),
                "skp.return": _("SKP dikembalikan"),
                "skp.revise": _("Revisi SKP dibuka"),
                "skp.import": _("SKP diimpor"),
                "rhk.create": _("RHK ditambahkan"),
                "rhk.update": _("RHK diubah"),
                "rhk.delete": _("RHK dihapus"),
                "rhk.push": _("RHK dibagikan ke bawahan"),
                "indikator.create": _("IKI ditambahkan"),
                "indikator.update": _("IKI diubah"),
                "indikator.delete": _("IKI dihapus"),
                "sasaran.create": _("Sasaran organisasi ditambahkan"),
                "sasaran.update": _("Sasaran organisasi diubah"),
                "sasaran.delete": _("Sasaran organisasi dihapus"),
            }
        )
