"""The demo agency loaded once for every test of this package.

Loading the demo takes a minute or more; the tests here read the same loaded agency.
`demo_loaded` loads it inside a transaction that is rolled back when the package's last test
has run, and each test that asks for `loaded` runs in a savepoint of it (pytest-django's `db`),
so a test may write (load again, change a password) without affecting the next one. Every test
here that touches the database asks for `loaded`: the others would see the agency too. One
xdist worker runs every test of this package (`kinerja.pytest_plugin`), so the agency is loaded
once per run. Evidence files go to a temporary folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings

from kinerja.demo.services import HasilDemo, demo_load
from kinerja.demo.tests.helpers import demo_day
from kinerja.jobs.progress import NullProgress


@pytest.fixture(scope="package")
def demo_loaded(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HasilDemo]:
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("demo-media")))
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            hasil = demo_load(progress=NullProgress(), today=demo_day())
        yield hasil
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        media.disable()


@pytest.fixture
def loaded(demo_loaded: HasilDemo, db: None) -> HasilDemo:
    return demo_loaded


@pytest.fixture(autouse=True)
def own_media_root() -> None:
    """Replaces the suite-wide fixture: the tests read the files of the loaded demo, kept in
    the demo's own folder (`demo_loaded`)."""
