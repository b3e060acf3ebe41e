"""The sub-units of the dashboard come a page at a time, so the page stays the same size however
wide the unit tree is; the exports and the PDF list them all."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.aturan.enums import Predikat as P
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.tests.factories import UnitFactory
from kinerja.pemantauan.selectors import ringkasan as selectors
from kinerja.pemantauan.tests.factories import history, refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def wide(agency, monkeypatch):
    """The root with three sub-units (Biro Lain, Biro Umum, Biro Zeta), two a page."""
    monkeypatch.setattr(selectors, "SUB_UNIT_PER_HALAMAN", 2)
    UnitFactory(kode="BZ", nama="Biro Zeta", induk=agency.root)
    history(agency.pegawai, 2025, [P.BAIK])
    refresh()
    return agency


def names(dasbor: selectors.Dasbor) -> list[str]:
    return [row.unit.nama for row in dasbor.sub_unit]


def test_sub_units_by_page(wide):
    scope = scope_for(wide.superuser)
    saringan = selectors.filters_resolve(None, "", None)
    first = selectors.dashboard(scope, wide.root, saringan, halaman_unit=1)
    second = selectors.dashboard(scope, wide.root, saringan, halaman_unit=2)
    beyond = selectors.dashboard(scope, wide.root, saringan, halaman_unit=9)
    every = selectors.dashboard(scope, wide.root, saringan, halaman_unit=None)
    assert names(first) == ["Biro Lain", "Biro Umum"]
    assert names(second) == names(beyond) == ["Biro Zeta"]
    assert names(every) == ["Biro Lain", "Biro Umum", "Biro Zeta"]
    page = second.sub_unit_halaman
    assert (page.halaman, page.halaman_total, page.jumlah, page.sebelumnya, page.berikutnya) == (
        2,
        2,
        3,
        1,
        None,
    )
    assert [u.nama for u in first.unit_pilihan] == [
        "Sekretariat Badan",
        "Biro Lain",
        "Biro Umum",
        "Biro Zeta",
    ]


def test_the_page_links_the_next_sub_units(wide, client_for):
    response = client_for("superuser").get(reverse("pemantauan:index"))
    html = response.content.decode()
    assert html.count("Sub-unit halaman 1 dari 2 (3 sub-unit)") == 2
    assert html.count('href="?hal_unit=2" rel="next"') == 2
    assert "Biro Zeta" not in html.split('data-testid="kemajuan-sub-unit"')[1].split("</table>")[0]
    second = client_for("superuser").get(reverse("pemantauan:index"), {"hal_unit": 2})
    table = second.content.decode().split('data-testid="kemajuan-sub-unit"')[1]
    assert "Biro Zeta" in table.split("</table>")[0]


def test_the_export_lists_every_sub_unit(wide, client_for):
    response = client_for("superuser").get(
        reverse("pemantauan:ekspor", args=["kemajuan"]), {"hal_unit": 2}
    )
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    units = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert {"BL", "BU", "BZ"} <= set(units)
