"""Rule-set versions for tests, made through the services (so they are valid and audited).

    draft = draft_version(berlaku_mulai=datetime.date(2025, 1, 1), unit=agency.biro)
    active = active_version(isi=content)          # a draft, then activated

Every test database starts with the shipped default `bawaan` v1 (active, agency-wide, effective
2023-01-01): `default_version()` fetches it. Versions made here get the next version number of
their code (`kode`, "bawaan" unless given).
"""

from __future__ import annotations

import datetime
from typing import Any

from kinerja.aturan import rules, services
from kinerja.aturan.models import SetAturan
from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.organisasi.models import Unit

TEST_AKTOR = Aktor.system("pengujian")
"""The actor of versions made by these helpers (when no `aktor` is given)."""

DEFAULT_DATE = datetime.date(2024, 1, 1)
"""The effective date of versions made here unless given (after the default's 2023-01-01)."""


def default_version() -> SetAturan:
    """The shipped default rule set installed by `migrate` (bawaan v1)."""
    return SetAturan.objects.get(kode=services.DEFAULT_KODE, versi=1)


def draft_version(
    *,
    kode: str = services.DEFAULT_KODE,
    nama: str = "Set aturan uji",
    dasar_hukum: str = "Peraturan uji 1/2024",
    berlaku_mulai: datetime.date = DEFAULT_DATE,
    unit: Unit | None = None,
    isi: dict[str, Any] | None = None,
    aktor: Aktor = TEST_AKTOR,
) -> SetAturan:
    """A new DRAF version with the given content (the shipped default content when None)."""
    return services.rule_set_create(
        aktor=aktor,
        kode=kode,
        nama=nama,
        dasar_hukum=dasar_hukum,
        berlaku_mulai=berlaku_mulai,
        unit=unit,
        isi=rules.isi_default() if isi is None else isi,
    )


def active_version(*, aktor: Aktor = TEST_AKTOR, **fields: Any) -> SetAturan:
    """A new version (the arguments of `draft_version`) activated at once. Like any activation,
    it supersedes an active version with the same unit scope and effective date."""
    draft = draft_version(aktor=aktor, **fields)
    return services.rule_set_activate(aktor=aktor, set_aturan=draft)


def rule_set_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every rule-set row and the audit log: compare before and after a refused act to prove
    that nothing was written."""
    return {
        "set_aturan": list(
            SetAturan.objects.order_by("pk").values_list(
                "pk",
                "kode",
                "versi",
                "nama",
                "dasar_hukum",
                "berlaku_mulai",
                "unit_id",
                "status",
                "isi",
                "catatan",
                "disalin_dari_id",
                "diaktifkan_pada",
            )
        ),
        "audit": list(Entri.objects.order_by("urutan").values_list("urutan", "hash")),
    }
