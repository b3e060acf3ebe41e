"""Navigation by role, for the base layout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.organisasi.access import Lingkup, scope_for


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    section: str


def navigation_items(scope: Lingkup) -> list[NavItem]:
    items = [NavItem(_("Beranda"), reverse("core:beranda"), "beranda")]
    if scope.pegawai_id:
        items.append(
            NavItem(
                _("Profil saya"),
                reverse("organisasi:pegawai-detail", args=[scope.pegawai_id]),
                "profil",
            )
        )
    if scope.pegawai_id:
        items.append(NavItem(_("SKP saya"), reverse("skp:mine"), "skp"))
        items.append(NavItem(_("Realisasi saya"), reverse("realisasi:mine"), "realisasi"))
        items.append(NavItem(_("Penilaian saya"), reverse("penilaian:saya"), "penilaian_saya"))
        items.append(NavItem(_("Tunjangan kinerja saya"), reverse("tukin:saya"), "tukin_saya"))
        items.append(
            NavItem(_("Angka kredit saya"), reverse("angka_kredit:saya"), "angka_kredit_saya")
        )
        items.append(NavItem(_("Dasbor saya"), reverse("pemantauan:saya"), "dasbor_saya"))
    if scope.is_penilai:
        items.append(
            NavItem(_("Pegawai yang saya nilai"), reverse("organisasi:bawahan"), "bawahan")
        )
        items.append(NavItem(_("SKP bawahan"), reverse("skp:subordinates"), "skp-bawahan"))
        items.append(NavItem(_("Matriks peran hasil"), reverse("skp:matrix"), "matriks"))
        items.append(
            NavItem(_("Verifikasi bukti dukung"), reverse("realisasi:inbox"), "verifikasi")
        )
        items.append(NavItem(_("Penilaian kinerja"), reverse("penilaian:daftar"), "penilaian"))
        items.append(NavItem(_("Dasbor tim"), reverse("pemantauan:tim"), "dasbor_tim"))
    if scope.reads_units:
        items.append(NavItem(_("Unit organisasi"), reverse("organisasi:unit-list"), "unit"))
        items.append(NavItem(_("Pegawai"), reverse("organisasi:pegawai-list"), "pegawai"))
    if scope.reads_units:
        items.append(NavItem(_("Kelengkapan SKP"), reverse("skp:completion"), "kelengkapan"))
        items.append(
            NavItem(_("Pemantauan realisasi"), reverse("realisasi:monitoring"), "pemantauan")
        )
        items.append(
            NavItem(_("Kinerja organisasi"), reverse("penilaian:organisasi"), "kinerja_organisasi")
        )
    if scope.reads_units or scope.is_penilai:
        items.append(NavItem(_("Monitoring kurva"), reverse("penilaian:kurva"), "kurva"))
    if scope.pegawai_id or scope.is_admin:
        items.append(NavItem(_("Keberatan"), reverse("penilaian:keberatan"), "keberatan"))
    if scope.reads_units:
        items.append(NavItem(_("Tunjangan kinerja"), reverse("tukin:daftar"), "tukin"))
        items.append(NavItem(_("Angka kredit"), reverse("angka_kredit:daftar"), "angka_kredit"))
    if scope.reads_units or scope.is_penilai:
        items.append(NavItem(_("Talenta dan merit"), reverse("talenta:kotak"), "talenta"))
    if scope.reads_units:
        items.append(NavItem(_("Rekap kinerja"), reverse("rekap:index"), "rekap"))
        items.append(NavItem(_("Dasbor kinerja"), reverse("pemantauan:index"), "dasbor"))
    items.append(NavItem(_("Sasaran organisasi"), reverse("skp:goal-list"), "sasaran"))
    items.append(NavItem(_("Periode kinerja"), reverse("periode:list"), "periode"))
    if scope.is_admin:
        items.append(NavItem(_("Impor data"), reverse("pertukaran:impor"), "impor"))
    if scope.is_admin or scope.is_auditor or scope.is_pimpinan:
        items.append(NavItem(_("Set aturan"), reverse("aturan:list"), "aturan"))
    if scope.is_admin or scope.is_auditor:
        items.append(NavItem(_("Peran pengguna"), reverse("organisasi:peran-list"), "peran"))
        items.append(NavItem(_("Jejak audit"), reverse("audit:list"), "audit"))
    items.append(NavItem(_("Notifikasi"), reverse("notifikasi:list"), "notifikasi"))
    items.append(NavItem(_("Pekerjaan"), reverse("jobs:list"), "pekerjaan"))
    items.append(NavItem(_("Token API"), reverse("akun:token-list"), "token"))
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    scope = scope_for(getattr(request, "user", None))
    return {
        "agency_name": settings.AGENCY_NAME,
        "lingkup": scope,
        "nav_items": navigation_items(scope) if scope.pengguna_id else [],
    }
