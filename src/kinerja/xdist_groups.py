"""Test distribution across pytest-xdist workers (`-p kinerja.xdist_groups`, set in pyproject).

Like xdist's `load`, each test goes to whichever worker is free, except the tests under a folder
of `GROUPS`: those go together to one worker, so that a package-scoped fixture (the demo agency,
loaded in a minute) is set up once rather than once per worker. xdist's own `xdist_group` mark
cannot do it on pytest 9.2, which no longer lets xdist add the group to the test's id
(pytest-dev/pytest-xdist#1386); this scheduler groups by path, which the controller knows
without collecting. The largest group is sent first (xdist's `loadscope` ordering), so that it
does not end the run alone.
"""

from __future__ import annotations

from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling

GROUPS = {"src/kinerja/demo/tests/loaded/": "demo-loaded"}
"""Folder (relative to the root of the repository) -> the group of its tests."""


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
