"""The suite's pytest plugin: the demo package goes to one worker, every other test on its own;
`--database-only` keeps the tests that use the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kinerja import pytest_plugin

ROOT = Path(__file__).resolve().parents[4]


def test_a_grouped_folder_is_one_work_unit() -> None:
    assert {
        pytest_plugin.group_of("src/kinerja/demo/tests/loaded/test_command.py::test_x"),
        pytest_plugin.group_of("src/kinerja/demo/tests/loaded/test_services.py::test_y[1]"),
    } == {"demo-loaded"}


def test_other_tests_are_units_of_their_own() -> None:
    nodeid = "src/kinerja/demo/tests/test_services_fresh.py::test_load_into_an_empty_database"
    assert pytest_plugin.group_of(nodeid) == nodeid


def test_every_grouped_folder_holds_test_modules() -> None:
    """A moved folder would silently stop grouping (and load the demo on every worker)."""
    for folder in pytest_plugin.GROUPS:
        assert sorted(path.name for path in (ROOT / folder).glob("test_*.py")) == [
            "test_command.py",
            "test_hasil_demo.py",
            "test_penilaian_demo.py",
            "test_services.py",
        ]


@dataclass
class Item:
    fixturenames: list[str] = field(default_factory=list)
    marks: dict[str, Any] = field(default_factory=dict)

    def get_closest_marker(self, name: str) -> Any:
        return self.marks.get(name)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (Item(marks={"django_db": pytest.mark.django_db}), True),
        (Item(["agency", "db", "django_db_setup"]), True),
        (Item(["live_server", "transactional_db"]), True),
        (Item(["tmp_path", "settings"]), False),
        (Item(), False),
    ],
)
def test_which_tests_use_the_database(item: Item, expected: bool) -> None:
    assert pytest_plugin.uses_database(item) is expected  # type: ignore[arg-type]


def test_a_test_without_the_database_is_pure(request: pytest.FixtureRequest) -> None:
    assert pytest_plugin.uses_database(request.node) is False
