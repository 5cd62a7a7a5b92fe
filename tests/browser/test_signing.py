"""A reader signs a petition in Spanish with the keyboard alone, confirms through the link in
the mail, and sees the counter go up by one.

The server thread writes for real (committed, on SQLite as on PostgreSQL), so this test runs
outside a test transaction and deletes what it made at the end.
"""

import re
from urllib.parse import urlparse

import pytest

from django.core import mail
from django.core.cache import cache

from actions import services
from actions.models import ActionTally, CampaignAction, Signature
from tests.browser.axe import blocking, describe, run_axe
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

EMAIL = "lectora.navegador@example.org"


def shown_count(page, action):
    text = page.locator(f"#action-{action.public_id}-count strong").inner_text()
    return int(re.sub(r"\D", "", text))


def assert_clean(page, origin):
    own = urlparse(origin).netloc
    third_party = [url for url in page.requests_seen if urlparse(url).netloc not in ("", own)]
    assert not third_party, f"third-party requests: {third_party}"
    assert not page.problems, "\n".join(page.problems)


def test_sign_in_spanish_confirm_by_mail_and_see_the_count_rise(
    page, portal_server, django_db_blocker, settings
):
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 0  # the browser types faster than people do
    cache.clear()
    # Unblocked for the whole journey: the server thread reads and writes the database too.
    with django_db_blocker.unblock():
        action = CampaignAction.objects.get(
            campaign__slug="freedom-of-panorama",
            campaign__locale__language_code="en",
            locale__language_code="es",
        )
        had_tally = ActionTally.objects.filter(key=action.translation_key).exists()
        try:
            _journey(page, portal_server, action)
        finally:
            mine = Signature.objects.filter(email=EMAIL).values_list("pk", flat=True)
            services.delete_signatures(signature_ids=list(mine))
            if not had_tally:
                ActionTally.objects.filter(key=action.translation_key, signatures=None).delete()


@pytest.mark.django_db
def test_action_page_in_arabic_is_right_to_left_and_accessible(page, portal_server):
    """Read only, so in a test transaction; being a database test, it also makes sure the test
    database is set up when this module runs on its own."""
    action = CampaignAction.objects.get(
        campaign__slug="freedom-of-panorama",
        campaign__locale__language_code="en",
        locale__language_code="ar",
    )
    page.goto(f"/ar/actions/{action.public_id}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    panel = page.locator(f"#action-{action.public_id}").bounding_box()
    title = page.locator(f"#action-{action.public_id}-title").bounding_box()
    # Right to left: the title starts at the panel's right edge.
    assert title["x"] + title["width"] > panel["x"] + panel["width"] * 0.6
    violations = blocking(run_axe(page))
    assert not violations, describe(violations)
    assert not page.problems, "\n".join(page.problems)


def _journey(page, portal_server, action):
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.goto("/es/campaigns/freedom-of-panorama/")
    assert page.locator("html").get_attribute("lang") == "es"
    before = shown_count(page, action)
    violations = blocking(run_axe(page))
    assert not violations, describe(violations)

    prefix = f"#action-{action.public_id}"
    # A mistake first: the form comes back with its error, what was typed, and no violation.
    page.locator(f"{prefix}-email").fill("not-an-address")
    page.locator(f"{prefix}-name").fill("Lucía")
    with page.expect_navigation():
        page.locator(f"{prefix} button[type=submit]").click()
    assert page.locator(f"{prefix}-email").input_value() == "not-an-address"
    assert page.locator(f"{prefix}-name").input_value() == "Lucía"
    assert page.locator("[id$='-error'], .errorlist, .field-error").count()
    violations = blocking(run_axe(page))
    assert not violations, describe(violations)
    page.goto("/es/campaigns/freedom-of-panorama/")

    # Keyboard only: focus the email field, then Tab through the form in order.
    page.locator(f"{prefix}-email").focus()
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "name"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "keyboard focus must be visible"
    page.keyboard.type("Lucía")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "country"
    page.locator(f"{prefix}-country").select_option("ES")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "comment"
    page.keyboard.type("¡Adelante!")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the honeypot is skipped: straight to the button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.screenshot(path=ARTIFACTS / "action-form-es.png", full_page=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path == f"/es/actions/{action.public_id}/check-your-email/"

    # The mail, captured by the locmem backend in this same process.
    sent = [message for message in mail.outbox if message.to == [EMAIL]]
    assert len(sent) == 1
    assert action.title in sent[0].subject
    link = re.search(r"https?://\S+/es/actions/confirm/\S+", sent[0].body).group(0)
    page.goto(urlparse(link).path)
    page.locator("main button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path == f"/es/actions/{action.public_id}/thanks/"
    assert shown_count(page, action) == before + 1
    assert page.locator(".action-share a[href^='mailto:']").count() == 1
    assert page.locator(".action-signers li", has_text="Lucía").count() == 1
    page.screenshot(path=ARTIFACTS / "action-thanks-es.png", full_page=True)
    violations = blocking(run_axe(page))
    assert not violations, describe(violations)

    # The campaign is in the Spanish campaigns feed.
    feed = page.request.get("/es/feeds/campaigns/rss/")
    assert feed.ok and "/es/campaigns/freedom-of-panorama/" in feed.text()

    page.goto("/es/campaigns/freedom-of-panorama/")
    assert shown_count(page, action) == before + 1
    assert_clean(page, portal_server)
