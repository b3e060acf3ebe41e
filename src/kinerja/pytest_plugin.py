"""The test suite's own pytest plugin (`-p kinerja.pytest_plugin`, set in pyproject).

Distribution across pytest-xdist workers: like xdist's `load`, each test goes to whichever
worker is free, except the tests under a folder of `GROUPS`: those go together to one worker,
so that a package-scoped fixture (the demo agency, loaded in a minute) is set up once rather
than once per worker. xdist's own `xdist_group` mark cannot do it on pytest 9.2, which no longer
lets xdist add the group to the test's id (pytest-dev/pytest-xdist#1386); this scheduler groups
by path, which the controller knows without collecting. The largest group is sent first
(xdist's `loadscope` ordering), so that it does not end the run alone.

`--database-only` runs only the tests that use the database: the PostgreSQL run of CI, which
would otherwise repeat the pure tests (rules, parsers) exactly as the SQLite run ran them.
"""

from __future__ import annotations

from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling

GROUPS = {"src/kinerja/demo/tests/loaded/": "demo-loaded"}
"""Folder (relative to the root of the repository) -> the group of its tests."""
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}
)


def group_of(nodeid: str) -> str:
    """The work unit of a test: its group's name, else the test itself."""
    for folder, name in GROUPS.items():
        if nodeid.startswith(folder):
            return name
    return nodeid


class GroupedScheduling(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        return group_of(nodeid)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> GroupedScheduling | None:
    """Our scheduler for xdist's default distribution (`load`); any other `--dist` as asked."""
    if config.getvalue("dist") != "load":
        return None
    return GroupedScheduling(config, log)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-only",
        action="store_true",
        help="run only the tests that use the database (marked django_db or asking for db)",
    )


def uses_database(item: pytest.Item) -> bool:
    """Whether a test touches the database: marked `django_db`, or a fixture it uses (however
    indirectly, e.g. through `agency`) is one of pytest-django's database fixtures."""
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("database_only"):
        return
    kept: list[pytest.Item] = []
    pure: list[pytest.Item] = []
    for item in items:
        (kept if uses_database(item) else pure).append(item)
    config.hook.pytest_deselected(items=pure)
    items[:] = kept
