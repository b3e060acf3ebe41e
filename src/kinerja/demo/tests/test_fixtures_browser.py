"""The browser-test fixtures: Chromium missing skips the tests locally and fails them on CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja import browser_fixtures


def test_present_chromium_is_accepted(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("")
    browser_fixtures.require_chromium(chromium, on_ci=True)
    browser_fixtures.require_chromium(chromium, on_ci=False)


def test_missing_chromium_skips_with_the_reason_outside_ci(tmp_path: Path) -> None:
    missing = tmp_path / "chromium"
    with pytest.raises(pytest.skip.Exception) as skipped:
        browser_fixtures.require_chromium(missing, on_ci=False)
    assert (
        str(skipped.value) == f"Chromium is not installed at {missing} (apt-get install chromium)."
    )


def test_missing_chromium_fails_on_ci(tmp_path: Path) -> None:
    missing = tmp_path / "chromium"
    with pytest.raises(pytest.fail.Exception) as failed:
        browser_fixtures.require_chromium(missing, on_ci=True)
    assert (
        str(failed.value) == f"Chromium is not installed at {missing} (apt-get install chromium)."
    )


def test_slug_makes_a_safe_file_name() -> None:
    node = "src/kinerja/akun/tests/test_browser_masuk.py::test_login[id]"
    assert browser_fixtures._slug(node) == "akun-tests-test_browser_masuk-py-test_login-id"
