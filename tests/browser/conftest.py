"""Browser tests: the web app served on 127.0.0.1 from a generated corpus, driven in
headless Chromium (Debian's ``chromium``, as .ci/run installs it) with Playwright.

Playwright's own browser download is never used (this machine has no internet): the
browser is ``RELANCE_CHROMIUM`` or the first ``chromium`` on PATH. Without one the tests
are skipped with the reason, unless ``RELANCE_REQUIRE_BROWSER=1`` (set by .ci/run), where
they fail. Every request the page makes to anything but the test server is aborted and
counted: the app must work offline (no CDN). Screenshots go to the run's base temporary
directory, under ``screenshots/`` (the path is printed at the end of the run).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from tests.webapp.conftest import Corpus, corpus, hostile, make_app  # noqa: F401 (fixtures)

#: Flags for a root user on a machine without network (see the machine notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    found = os.environ.get("RELANCE_CHROMIUM") or shutil.which("chromium")
    return found if found and Path(found).exists() else None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = _chromium()
    reason = None
    if path is None:
        reason = "no Chromium: `apt-get install chromium` (.ci/run does) or set RELANCE_CHROMIUM"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright is not installed: pip install -e '.[test]'"
    if reason:
        if os.environ.get("RELANCE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    assert path
    return path


@pytest.fixture(scope="module")
def live_url(corpus: Corpus) -> Iterator[str]:  # noqa: F811 (the imported fixture)
    """The app on a free loopback port, in a thread (the same app as the Flask tests)."""
    app = make_app(corpus)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    server.server_close()


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


class Visit:
    """One browser page, with the requests it tried outside the test server."""

    def __init__(self, page: Any, base: str, shots: Path) -> None:
        self.page = page
        self.base = base
        self.shots = shots
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        page.on(
            "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        )
        page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 400, (path, response)
        return response

    def shot(self, name: str, full_page: bool = True) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        assert path.stat().st_size > 1000
        return path


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.getbasetemp() / "screenshots"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def visit(browser: Any, live_url: str, screenshots: Path) -> Iterator[Visit]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    v = Visit(page, live_url, screenshots)
    yield v
    context.close()
    assert v.outside == [], f"requests outside the test server: {v.outside[:5]}"
