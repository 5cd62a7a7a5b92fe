""" "Leave this site quickly" in a real browser: reached with the keyboard, its focus visible,
it replaces the page so that going back does not return to the portal; Escape pressed twice
does the same on the signing form. The neutral site is answered by the test (no request leaves
the machine)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NEUTRAL = "https://www.google.com/"

FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return {
        quickExit: element.matches("a.quick-exit"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    };
}"""


@pytest.fixture
def neutral_site(page):
    page.context.route(
        f"{NEUTRAL}**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Search</title>"
        ),
    )
    return page


def assert_left_for_good(page, portal_server):
    page.wait_for_url(f"{NEUTRAL}**")
    page.go_back()
    assert not page.url.startswith(portal_server), page.url


@pytest.mark.parametrize("language", ["en", "ar"])
def test_quick_exit_by_keyboard_leaves_no_way_back(neutral_site, portal_server, language):
    page = neutral_site
    page.goto(f"/{language}/safety/devices-and-accounts/")
    assert page.locator("[data-quick-exit-hint]").is_visible()  # the script runs
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["quickExit"]:
            break
    else:
        pytest.fail("the quick-exit link is not reachable with Tab")
    assert focused["outline"], "the focused quick-exit link shows no focus ring"
    page.keyboard.press("Enter")
    assert_left_for_good(page, portal_server)


def test_escape_twice_on_the_signing_form(neutral_site, portal_server):
    page = neutral_site
    page.goto("/en/campaigns/freedom-of-panorama/")
    page.locator("form.action-form input[type=email]").first.focus()
    page.keyboard.press("Escape")
    assert page.url.startswith(portal_server)  # once is not enough
    page.keyboard.press("Escape")
    assert_left_for_good(page, portal_server)


def test_without_javascript_it_is_a_plain_link(browser, portal_server):
    context = browser.new_context(base_url=portal_server, java_script_enabled=False)
    page = context.new_page()
    page.route(f"{NEUTRAL}**", lambda route: route.fulfill(status=200, body="ok"))
    page.goto("/en/safety/")
    assert page.locator("h1").inner_text() == "Safety centre"
    assert not page.locator("[data-quick-exit-hint]").is_visible()
    link = page.locator("a.quick-exit")
    assert "noreferrer" in link.get_attribute("rel")
    with page.expect_request(f"{NEUTRAL}**") as request:
        link.click()
    assert "referer" not in {name.lower() for name in request.value.headers}
    context.close()
