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
