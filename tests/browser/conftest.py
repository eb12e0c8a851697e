"""Browser tests: Debian's chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from django.db import connections
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is missing: apt-get install chromium (.ci/run does it)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test
    # body are ordinary synchronous code.
    # Set for the browser tests only, and put back after: a later test that starts a
    # production process (check --deploy) must not inherit it.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            yield browser
            browser.close()
            # Inside Playwright's context Django hands the test body connections of their
            # own (connections are per asyncio context); close them, or PostgreSQL refuses
            # to drop the test database at the end ("being accessed by other users").
            connections.close_all()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before
