"""Round trip: an exchange workbook (unit, pegawai, kinerja_organisasi, penilaian, kehadiran,
potensi) imported with the importer service, then the recap, compared with rows written by
hand."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.audit.services import Aktor
from kinerja.jobs.progress import NullProgress
from kinerja.pertukaran import readers
from kinerja.pertukaran.services import import_run
from kinerja.pertukaran.tests.helpers import write_xlsx
from kinerja.rekap.selectors import periode_find, rekap_build

pytestmark = pytest.mark.django_db

ANI, BUDI, CAHYA, DEWI = (f"19900101201501100{n}" for n in range(1, 5))
PEGAWAI = (
    "nip", "nama", "unit_kode", "jabatan", "jenis_jabatan", "jenjang", "kelas_jabatan", "status",
    "aktif", "keterangan",
)  # fmt: skip
WORKBOOK = {
    "unit": [("kode", "nama", "induk_kode"), ("INS", "Instansi", None), ("BID", "Bidang", "INS")],
    "pegawai": [
        PEGAWAI,
        (ANI, "Ani Fungsional", "BID", "Analis SDM Ahli Pertama", "FUNGSIONAL", "AHLI_PERTAMA",
         9, "PNS", "YA", None),
        (BUDI, "Budi Pelaksana", "BID", "Pengadministrasi", "PELAKSANA", None, 10, "PNS", "YA",
         None),
        (CAHYA, "Cahya Pensiun", "BID", "Pengadministrasi", "PELAKSANA", None, 9, "PNS", "YA",
         "PENSIUN"),
        (DEWI, "Dewi Nonaktif", "BID", "Pengadministrasi", "PELAKSANA", None, 9, "PNS", "TIDAK",
         None),
    ],
    "kinerja_organisasi": [
        ("unit_kode", "tahun", "periode", "predikat"),
        ("BID", 2026, "TW1", "BAIK"),
    ],
    "penilaian": [
        ("nip", "tahun", "periode", "rating_hasil", "rating_perilaku"),
        (ANI, 2026, "TW1", "DI_ATAS", "DI_ATAS"),
        (BUDI, 2026, "TW1", "SESUAI", "SESUAI"),
    ],
    "kehadiran": [
        ("nip", "tahun", "bulan", "psw1", "tanpa_keterangan"),
        (ANI, 2026, 2, 1, None),
        (BUDI, 2026, 1, None, 1),
    ],
    "potensi": [("nip", "tahun", "potensi"), (ANI, 2026, "MENENGAH")],
}  # fmt: skip


def test_imported_workbook_recap(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "pertukaran.xlsx", WORKBOOK)
    with readers.open_path(path) as source:
        import_run(
            aktor=Aktor.system("tes"),
            source=source,
            progress=NullProgress(),
            berlaku_mulai=datetime.date(2026, 1, 1),
        )
    rekap = rekap_build(periode=periode_find(2026, "TW1"))
    # Ani: 3/12 × 150% × 12.5 = 4.688; 3 × 3.781.000 less 0.5% of February (18.905);
    # Sangat Baik with potential Menengah: box 7. Budi: 3 × 4.551.000 less 3% of January.
    # The importer finalises the imported group (history); a group of two is too small to judge.
    assert rekap.baris == [
        (ANI, "Ani Fungsional", "BID", "TW1", "DI_ATAS", "DI_ATAS", "FINAL", "SANGAT_BAIK",
         "BAIK", None, Decimal("4.688"), 11343000, Decimal("0.17"), 11324095, 7),
        (BUDI, "Budi Pelaksana", "BID", "TW1", "SESUAI", "SESUAI", "FINAL", "BAIK",
         "BAIK", None, None, 13653000, Decimal("1.00"), 13516470, None),
    ]  # fmt: skip
    assert rekap.dikecualikan == [
        (CAHYA, "Cahya Pensiun", "BID", "PENSIUN", "Pensiun", datetime.date(2026, 1, 1), None,
         False),
        (DEWI, "Dewi Nonaktif", "BID", "TIDAK_AKTIF", "Tidak aktif", None, None, False),
    ]  # fmt: skip
