"""The registry of sheet handlers, one module per sheet, in import order.

A sheet is imported after the sheets it refers to (`pegawai` names units of `unit`, `realisasi`
the plans of `skp`; `penilaian` also settles the curve groups `kinerja_organisasi` touched;
`kehadiran` and `potensi` name employees of `pegawai`). To support a new sheet of the exchange
format, add its module and its handler to `REGISTRY` in that order.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.pertukaran.rules import normalise_sheet
from kinerja.pertukaran.sheets import (
    kehadiran,
    kinerja_organisasi,
    pegawai,
    penilaian,
    potensi,
    realisasi,
    skp,
    unit,
)
from kinerja.pertukaran.sheets.base import SheetHandler


@dataclass(frozen=True)
class Registry:
    handlers: tuple[SheetHandler, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(handler.name for handler in self.handlers)

    def get(self, sheet_name: str) -> SheetHandler | None:
        wanted = normalise_sheet(sheet_name)
        for handler in self.handlers:
            if handler.name == wanted:
                return handler
        return None

    def position(self, sheet_name: str) -> int:
        """The import order of a sheet (unknown sheets and file-level problems first)."""
        names = self.names
        return names.index(sheet_name) + 1 if sheet_name in names else 0


REGISTRY = Registry(
    (
        unit.HANDLER,
        pegawai.HANDLER,
        skp.HANDLER,
        realisasi.HANDLER,
        kinerja_organisasi.HANDLER,
        penilaian.HANDLER,
        kehadiran.HANDLER,
        potensi.HANDLER,
    )
)
