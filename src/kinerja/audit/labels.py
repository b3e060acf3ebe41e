"""Human labels for audit actions, object types and changed fields (unknown ones shown raw).

Apps with their own actions add labels with `register_action_labels` in `AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "pegawai.create": _("Pegawai dibuat"),
    "pegawai.update": _("Pegawai diubah"),
    "pegawai.deactivate": _("Pegawai dinonaktifkan"),
    "pegawai.activate": _("Pegawai diaktifkan"),
    "pegawai.move": _("Pegawai dipindahkan"),
    "pegawai.penilai": _("Pejabat penilai diganti"),
    "pegawai.penilai_change": _("Pejabat penilai diganti"),
    "pegawai.jabatan": _("Jabatan pegawai diganti"),
    "pegawai.import": _("Pegawai diimpor"),
    "unit.create": _("Unit dibuat"),
    "unit.update": _("Unit diubah"),
    "unit.move": _("Unit dipindahkan"),
    "unit.deactivate": _("Unit dinonaktifkan"),
    "unit.import": _("Unit diimpor"),
    "pengecualian.create": _("Pengecualian dicatat"),
    "pengecualian.update": _("Pengecualian diubah"),
    "jabatan.create": _("Jabatan dibuat"),
    "jabatan.update": _("Jabatan diubah"),
    "peran.give": _("Peran diberikan"),
    "peran.grant": _("Peran diberikan"),
    "peran.revoke": _("Peran dicabut"),
    "pengguna.create": _("Akun dibuat"),
    "pengguna.update": _("Akun diubah"),
    "pengguna.deactivate": _("Akun dinonaktifkan"),
    "pengguna.password_change": _("Kata sandi diganti"),
    "pengguna.password_reset": _("Kata sandi diatur ulang"),
    "akun.login": _("Masuk"),
    "akun.logout": _("Keluar"),
    "token_api.create": _("Token API dibuat"),
    "token_api.revoke": _("Token API dicabut"),
    "impor.run": _("Impor dijalankan"),
    "impor.commit": _("Impor disimpan"),
}


def register_action_labels(labels: Mapping[str, Any]) -> None:
    """Add or replace labels of actions (`{"skp.submit": _("SKP diajukan")}`)."""
    ACTION_LABELS.update(labels)


def action_label(aksi: str) -> str:
    label = ACTION_LABELS.get(aksi)
    return str(label) if label is not None else aksi


def object_type_label(objek_tipe: str) -> str:
    """'organisasi.pegawai' -> 'Pegawai' (the model's verbose name); unknown types raw."""
    model = _model_of(objek_tipe)
    if model is None:
        return objek_tipe
    return capfirst(str(model._meta.verbose_name))


def field_label(objek_tipe: str, name: str) -> str:
    """A changed field's verbose name, when the object type is a model that has it."""
    model = _model_of(objek_tipe)
    if model is None:
        return name
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    verbose_name = getattr(field, "verbose_name", None)
    return capfirst(str(verbose_name)) if verbose_name else name


def _model_of(objek_tipe: str) -> Any:
    try:
        return apps.get_model(objek_tipe)
    except (LookupError, ValueError):
        return None
