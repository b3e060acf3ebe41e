"""The only way to fetch a guarded account object. Missing and forbidden are the same 404.

- a personal API token: only its owner;
- an employee's login account: an admin kepegawaian whose subtree holds the employee, or a
  superuser; an account with a role or superuser status only by a superuser (403: the employee
  is visible, the act is not allowed).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.akun import rules, selectors
from kinerja.akun.models import Pengguna, TokenApi
from kinerja.organisasi.access import Lingkup, pegawai_get_for_manage
from kinerja.organisasi.models import Pegawai


def token_get_for_owner(user: Any, token_id: int) -> TokenApi:
    found = TokenApi.objects.filter(pk=token_id, pengguna_id=user.pk).first()
    if found is None:
        raise Http404
    return found


def pegawai_get_for_account(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """An employee whose login account the scope manages (404 otherwise)."""
    return pegawai_get_for_manage(scope, pegawai_id)


def account_change_allowed(scope: Lingkup, pegawai: Pegawai) -> bool:
    account = selectors.account_of_pegawai(pegawai)
    if account is None:
        return True
    return rules.account_change_allowed(
        actor_is_superuser=scope.is_superuser,
        target_is_superuser=account.is_superuser,
        target_has_roles=selectors.pengguna_has_roles(account.pk),
    )


def account_change_check(scope: Lingkup, pegawai: Pegawai) -> None:
    """403 when the employee's account holds more power than an admin may take over."""
    if not account_change_allowed(scope, pegawai):
        raise PermissionDenied(
            _(
                "Akun ini memiliki peran atau status superuser; hanya superuser yang dapat "
                "mengatur ulang atau mengubah status akunnya."
            )
        )


def account_get_for_change(scope: Lingkup, pegawai: Pegawai) -> Pengguna | None:
    """The employee's account to reset (None: none yet, it will be created); 403 as above."""
    account_change_check(scope, pegawai)
    return selectors.account_of_pegawai(pegawai)


def account_get_for_activation(scope: Lingkup, pegawai: Pegawai) -> Pengguna:
    """The employee's account to (de)activate; an employee without one is bad input."""
    account = account_get_for_change(scope, pegawai)
    if account is None:
        raise ValidationError(
            {"aktif": _("Pegawai ini belum memiliki akun login; buat akun terlebih dahulu.")}
        )
    return account
