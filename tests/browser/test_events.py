"""Events in a browser: the registration form works with the keyboard alone (its errors come
back with what was typed, and pass axe), and an event's time is shown again in the reader's
own time zone by the page's own script, in both directions of text."""

import pytest

from tests.browser.axe import blocking, describe, run_axe
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import FOCUS_STYLE, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

EVENT = "/{language}/events/library-access-conversation-hour/"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_registration_form_is_reachable_and_usable_by_keyboard(page, language):
    page.goto(EVENT.format(language=language))
    email = page.locator("form.event-form input[type=email]")
    assert tab_to(page, email, 60), "Tab never reaches the email field"
    assert page.evaluate(FOCUS_STYLE)["outline"]
    page.keyboard.type("not an address")
    page.keyboard.press("Tab")
    submit = page.locator("form.event-form button[type=submit]")
    # The honeypot is skipped: the next stop is the button.
    assert submit.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{language}/event-registration/**")
    assert page.locator("form.event-form [role=alert]").count()
    assert page.locator("input[type=email]").input_value() == "not an address"
    violations = blocking(run_axe(page))
    if violations:
        page.screenshot(path=ARTIFACTS / f"axe-event-errors-{language}.png", full_page=True)
    assert not violations, describe(violations)
    assert not [p for p in page.problems if "HTTP 4" not in p], page.problems


@pytest.mark.parametrize(("language", "zone"), [("en", "America/Sao_Paulo"), ("ar", "Asia/Tokyo")])
def test_the_time_is_shown_in_the_readers_zone(browser, portal_server, language, zone):
    context = browser.new_context(base_url=portal_server, timezone_id=zone)
    try:
        page = context.new_page()
        page.goto(EVENT.format(language=language))
        local = page.locator("[data-event-local]")
        local.wait_for(state="visible")
        assert zone.replace("_", " ") in local.inner_text()
        # The event's own zone stays on the page, as the server wrote it.
        assert "Africa/Cairo" in page.locator("[data-event-when]").inner_text()
    finally:
        context.close()


def test_without_a_different_zone_nothing_is_added(browser, portal_server):
    context = browser.new_context(base_url=portal_server, timezone_id="Africa/Cairo")
    try:
        page = context.new_page()
        page.goto(EVENT.format(language="en"))
        assert page.locator("[data-event-local]").is_hidden()
    finally:
        context.close()
