"""The test distribution: the demo package goes to one worker, every other test on its own."""

from __future__ import annotations

from pathlib import Path

from kinerja import xdist_groups

ROOT = Path(__file__).resolve().parents[4]


def test_a_grouped_folder_is_one_work_unit() -> None:
    assert {
        xdist_groups.group_of("src/kinerja/demo/tests/loaded/test_command.py::test_x"),
        xdist_groups.group_of("src/kinerja/demo/tests/loaded/test_services.py::test_y[1]"),
    } == {"demo-loaded"}


def test_other_tests_are_units_of_their_own() -> None:
    nodeid = "src/kinerja/demo/tests/test_services_fresh.py::test_load_into_an_empty_database"
    assert xdist_groups.group_of(nodeid) == nodeid


def test_every_grouped_folder_holds_test_modules() -> None:
    """A moved folder would silently stop grouping (and load the demo on every worker)."""
    for folder in xdist_groups.GROUPS:
        assert sorted(path.name for path in (ROOT / folder).glob("test_*.py")) == [
            "test_command.py",
            "test_hasil_demo.py",
            "test_penilaian_demo.py",
            "test_services.py",
        ]
