"""Playwright fixtures for the browser tests (`@pytest.mark.browser`, run by `make test-browser`).

Debian's Chromium (/usr/bin/chromium) runs headless through Playwright's sync API; each test gets a
fresh browser context pointed at pytest-django's `live_server`. A failing test leaves a full-page
screenshot in test-results/. Without Chromium the tests are skipped, except on CI (env CI set),
where that is a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from kinerja.demo.generator import DemoAgency

__all__ = [
    "browser",
    "demo_agency",
    "login_as",
    "page",
    "pytest_runtest_makereport",
    "results_dir",
    "screenshot",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000
VIEWPORT = {"width": 1280, "height": 900}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test item, so `page` knows whether the test failed."""
    report = yield
    setattr(item, f"kinerja_report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def results_dir(request: pytest.FixtureRequest) -> Path:
    directory = Path(request.config.rootpath) / "test-results"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require_chromium(CHROMIUM, on_ci=bool(os.environ.get("CI")))
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM must still work in tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(
    browser: Browser, live_server: Any, request: pytest.FixtureRequest, results_dir: Path
) -> Iterator[Page]:
    """A page in a fresh context; relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    new_page = context.new_page()
    problems: list[str] = []
    new_page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    new_page.on(
        "console",
        lambda message: (
            problems.append(f"console.{message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    try:
        yield new_page
    finally:
        if _failed(request.node):
            stem = f"{_slug(request.node.nodeid)}-gagal"
            new_page.screenshot(path=str(results_dir / f"{stem}.png"), full_page=True)
            (results_dir / f"{stem}.txt").write_text(
                f"URL: {new_page.url}\n" + "\n".join(problems) + "\n", encoding="utf-8"
            )
        context.close()


@pytest.fixture
def screenshot(results_dir: Path) -> Callable[[Page, str], Path]:
    """screenshot(page, "nama") -> test-results/nama.png (the whole page)."""

    def take(target: Page, name: str) -> Path:
        path = results_dir / f"{_slug(name)}.png"
        target.screenshot(path=str(path), full_page=True)
        return path

    return take


def require_chromium(path: Path, *, on_ci: bool) -> None:
    """Skip the browser tests when Chromium is missing, except on CI, where that fails them."""
    if path.exists():
        return
    reason = f"Chromium is not installed at {path} (apt-get install chromium)."
    if on_ci:
        pytest.fail(reason)
    pytest.skip(reason)


def _failed(node: pytest.Item) -> bool:
    return any(
        getattr(getattr(node, f"kinerja_report_{phase}", None), "failed", False)
        for phase in ("setup", "call")
    )


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text.removeprefix("src/kinerja/")).strip("-")


@pytest.fixture
def demo_agency(transactional_db: None) -> DemoAgency:
    """The demo agency loaded (300 employees, the demo accounts); returns its rows and accounts."""
    from kinerja.demo.generator import generate
    from kinerja.demo.services import demo_load
    from kinerja.jobs.progress import NullProgress

    demo_load(progress=NullProgress())
    return generate()


@pytest.fixture
def login_as(live_server: Any) -> Callable[[Page, str], None]:
    """login_as(page, nip): a logged-in session for that user, without going through the form."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    def sign_in(target: Page, nip: str) -> None:
        client = Client()
        client.force_login(get_user_model().objects.get(nip=nip))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        target.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )

    return sign_in
