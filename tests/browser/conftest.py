import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django's database calls
# made by fixtures in that same thread are still synchronous. Test configuration only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"No system Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class _CommittingHandler:
    """Serves each request as if it committed at its end: on SQLite in memory the server
    thread shares the test's connection, inside the test's transaction, so the on-commit work
    of a request (the search index, the purges, the mails) would otherwise never run."""

    def __call__(self, environ, start_response):
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().__call__(environ, start_response)


def _committing_handler():
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    return type("CommittingHandler", (_CommittingHandler, StaticFilesHandler), {})


@pytest.fixture(scope="session")
def portal_server(django_db_setup, django_db_blocker):
    """The portal served from a thread over the test database, for the whole run.

    pytest-django's ``live_server`` makes each test transactional, which empties the database
    after it; the demo site loaded once per run must survive, and these tests only read.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        shared = {
            connection.alias: connection
            for connection in connections.all()
            if connection.vendor == "sqlite" and connection.is_in_memory_db()
        }
        for connection in shared.values():
            connection.inc_thread_sharing()
        handler = _committing_handler() if shared else StaticFilesHandler
        thread = LiveServerThread("localhost", handler, connections_override=shared)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://localhost:{thread.port}"
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()


@pytest.fixture
def page(browser, portal_server):
    """A fresh page that records console errors, page errors and failed requests."""
    context = browser.new_context(base_url=portal_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []

    def on_console(message):
        if message.type == "error":
            page.problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and page.problems.append(f"HTTP {response.status}: {response.url}")
        ),
    )

    def on_failed(request):
        # The browser cancels what it no longer needs when the page moves on (a favicon
        # still loading when a form is sent): that is not a fault of the portal.
        if request.failure != "net::ERR_ABORTED":
            page.problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", on_failed)
    ARTIFACTS.mkdir(exist_ok=True)
    yield page
    context.close()
