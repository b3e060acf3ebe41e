"""Loading the demo agency into an empty database (the other tests read it loaded once:
`tests/loaded/`): progress reported, a year opened before with its deadlines behind it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.demo.services import demo_load
from kinerja.demo.tests.helpers import demo_day
from kinerja.periode.models import TahunKinerja
from kinerja.periode.services import tahun_open
from kinerja.skp.models import Skp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_load_into_an_empty_database(db: None) -> None:
    """One load (a minute) checks both: the progress reported, and a year opened before with
    its deadlines passed gets them extended to the end of the year."""

    class Recorder:
        def __init__(self) -> None:
            self.started: list[tuple[int, str]] = []
            self.advanced = 0

        def start(self, total: int, stage: str = "") -> None:
            self.started.append((total, stage))

        def advance(self, amount: int = 1) -> None:
            self.advanced += amount

    tahun = timezone.localdate().year
    passed = timezone.localdate() - datetime.timedelta(days=1)
    tahun_open(
        aktor=Aktor.system("admin"),
        tahun=tahun,
        batas_pengajuan_skp=passed,
        batas_persetujuan_skp=passed,
    )
    recorder = Recorder()
    demo_load(progress=recorder, today=demo_day())
    assert recorder.started
    assert all(total >= 0 for total, _stage in recorder.started)
    assert recorder.advanced >= 300
    year = TahunKinerja.objects.get(tahun=tahun)
    assert (year.batas_pengajuan_skp, year.batas_persetujuan_skp) == (
        datetime.date(tahun, 12, 31),
        datetime.date(tahun, 12, 31),
    )
    update = Entri.objects.get(aksi="tahunkinerja.update")
    assert (update.aktor_label, update.sesudah) == (
        "demo",
        {
            "batas_pengajuan_skp": f"{tahun}-12-31",
            "batas_persetujuan_skp": f"{tahun}-12-31",
        },
    )
    assert Skp.objects.filter(status="DISETUJUI").count() == 253
