"""Shared fixtures: personas, logged-in clients for pages and API."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

os.environ.setdefault("FANZHA_ENV", "test")


@pytest.fixture
def personas(db: Any) -> Any:
    from fanzha.core.testing import build_personas

    return build_personas()


@pytest.fixture
def page_as(client: Any, personas: Any) -> Callable[[str], Any]:
    """A Django test client signed in as the named persona."""
    from django.test import Client

    def make(name: str) -> Any:
        c = Client()
        c.force_login(personas[name])
        return c

    return make


@pytest.fixture
def api_as(personas: Any) -> Callable[[str | None], Any]:
    """A client that sends a bearer token for the named persona (None: no token)."""
    from django.test import Client

    from fanzha.accounts import services

    class ApiClient:
        def __init__(self, token: str | None) -> None:
            self.client = Client()
            self.headers = {"Authorization": f"Bearer {token}"} if token else {}

        def call(self, method: str, path: str, json: Any = None, **kw: Any) -> Any:
            fn = getattr(self.client, method)
            if json is not None:
                kw.update(data=json, content_type="application/json")
            return fn(path, headers=self.headers, **kw)

        def get(self, path: str, **kw: Any) -> Any:
            return self.call("get", path, **kw)

        def post(self, path: str, json: Any = None, **kw: Any) -> Any:
            return self.call("post", path, json, **kw)

        def patch(self, path: str, json: Any = None, **kw: Any) -> Any:
            return self.call("patch", path, json, **kw)

        def delete(self, path: str, **kw: Any) -> Any:
            return self.call("delete", path, **kw)

    def make(name: str | None) -> ApiClient:
        if name is None:
            return ApiClient(None)
        return ApiClient(services.issue_token(personas[name], name="test")[1])

    return make


_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


@pytest.fixture(autouse=True)
def _fresh_allow_list() -> None:
    """The allow-list is cached per process for a minute; a test must not see the list an earlier
    test's database held (a transactional test empties the tables it ran on)."""
    from fanzha.detect.services import forget_allow_list

    forget_allow_list()


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """On the PostgreSQL run only tests that touch the database are worth repeating."""
    if os.environ.get("FANZHA_DB_TESTS_ONLY") != "1":
        return
    keep, drop = [], []
    for item in items:
        uses_db = item.get_closest_marker("django_db") or _DB_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        (keep if uses_db else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium_path() -> str | None:
    import shutil

    return os.environ.get("FANZHA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page(live_server: Any) -> Any:
    """A Playwright page in headless Debian Chromium, pointed at the live test server."""
    executable = _chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (make deps-test installs it)")
        pytest.skip("Chromium is not installed; `make deps-test` installs it")
    # Playwright's sync API runs an event loop in this thread; Django must still allow ORM calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def make_case(personas: Any) -> Callable[..., Any]:
    """Creates a case through the service as `who` (a station_a victim by default)."""
    from fanzha.cases import services
    from fanzha.cases.testing import case_input

    def make(who: str = "station_a", **kw: Any) -> Any:
        return services.create_case(personas[who], case_input(**kw))

    return make


@pytest.fixture
def earlier() -> Any:
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(days=1)
