"""A journalist finds an Arabic-speaking spokesperson in the Arabic directory and writes to
them with the keyboard alone; the relay form is accessible in English and Arabic. The message
is mailed on (the server thread runs in this process, so its locmem outbox is this one) and
nothing is written to the database, so a test transaction is enough."""

import pytest
from playwright.sync_api import expect

from django.core import mail
from django.core.cache import cache

from spokespeople.models import Spokesperson
from tests.browser.axe import blocking, describe, run_axe
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _tab_to(page, selector, limit=80):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} never took the focus from the keyboard")


def test_a_journalist_writes_to_a_spokesperson_in_arabic_with_the_keyboard(page, settings):
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 0  # the browser types faster than people do
    cache.clear()
    nour = Spokesperson.objects.get(email="nour.relay@example.org")
    page.goto("/ar/network/spokespeople/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Filter by language with the keyboard: Arabic speakers only.
    _tab_to(page, "#id_language")
    page.select_option("#id_language", "ar")
    _tab_to(page, "form.filters button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".spokesperson__name")).to_have_text(["Nour al-Sahil"])
    assert "nour.relay@example.org" not in page.content()
    violations = blocking(run_axe(page))
    assert not violations, describe(violations)

    _tab_to(page, ".spokesperson__write")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/ar/network/spokespeople/{nour.pk}/write/")
    _tab_to(page, "#relay-name")
    page.keyboard.type("سامي")
    page.keyboard.press("Tab")
    page.keyboard.type("صحيفة المثال")
    page.keyboard.press("Tab")
    page.keyboard.type("sami@news.example.net")
    page.keyboard.press("Tab")
    page.keyboard.type("هل يمكننا الحديث عن قانون المراقبة الجديد قبل الجمعة؟")
    _tab_to(page, "form.action-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/ar/network/spokespeople/sent/")
    assert "nour.relay@example.org" not in page.content()
    page.screenshot(path=ARTIFACTS / "spokespeople-sent-ar.png", full_page=True)
    sent = [message for message in mail.outbox if message.to == ["nour.relay@example.org"]]
    assert len(sent) == 1 and sent[0].reply_to == ["sami@news.example.net"]
    assert "قانون المراقبة الجديد" in sent[0].body
    assert not page.problems, "\n".join(page.problems)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_relay_form_has_no_serious_axe_violations(page, language):
    nour = Spokesperson.objects.get(email="nour.relay@example.org")
    page.goto(f"/{language}/network/spokespeople/{nour.pk}/write/")
    assert page.locator("#relay-message").count()
    violations = blocking(run_axe(page))
    if violations:
        page.screenshot(path=ARTIFACTS / f"axe-relay-{language}.png", full_page=True)
    assert not violations, describe(violations)
