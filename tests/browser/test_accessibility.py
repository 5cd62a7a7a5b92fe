"""Accessibility in a real browser: every public page type in English and Arabic has no serious
or critical axe-core violation (WCAG 2.1 A and AA rules), and the home page works with the
keyboard alone. A failing page lists each rule with the elements that break it."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest

from tests.browser.axe import blocking, describe, run_axe
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ["en", "ar"]


@dataclass(frozen=True)
class AxePage:
    """A page to check: its path per language, the status it answers with, and an element that
    shows the page really is the one meant (a listing with cards, a change log ...)."""

    name: str
    path: str | dict[str, str]
    expect: str
    status: int = 200
    # Runs after loading, before axe: fill and submit a form to check its error or thank-you state.
    prepare: Callable | None = None

    def url(self, language):
        path = self.path[language] if isinstance(self.path, dict) else self.path
        return path.format(language=language)


PUBLIC_PAGES = [
    AxePage("home", "/{language}/", ".hero h1"),
    AxePage("campaigns", "/{language}/campaigns/", ".card-grid .card"),
    AxePage(
        "campaigns-filtered",
        "/{language}/campaigns/?topic=copyright&status=lost",
        ".filters a[href$='/campaigns/']",  # "Clear filters" shows only with a filter applied
    ),
    AxePage("campaign", "/{language}/campaigns/freedom-of-panorama/", ".timeline__item"),
    AxePage("stories", "/{language}/stories/", ".card-grid .card"),
    AxePage("story-success", "/{language}/stories/panorama-photo-marathon/", ".badge--success"),
    AxePage("story-failure", "/{language}/stories/lift-block-mirror-guide/", ".badge--failure"),
    AxePage("partners", "/{language}/partners/", ".card-grid .card"),
    AxePage("partner", "/{language}/partners/open-shelf-alliance/", ".detail__aside"),
    AxePage("affiliates", "/{language}/affiliates/", ".region-map svg"),
    AxePage("affiliate", "/{language}/affiliates/levant-reading-rooms/", ".affiliate-section a"),
    AxePage("explainers", "/{language}/policy/", ".card-grid .card"),
    AxePage("explainer", "/{language}/policy/copyright-reform/", ".change-log li + li"),
    AxePage("privacy", "/{language}/privacy/", "main article h1"),
    AxePage("events", "/{language}/events/", ".card-grid .card [data-event-when]"),
    AxePage("events-past", "/{language}/events/?when=past", ".card-grid .card"),
    AxePage(
        "event-registration",
        "/{language}/events/library-access-conversation-hour/",
        "form.event-form input[type=email]",
    ),
    AxePage("event-over", "/{language}/events/copyright-reform-evening-paris/", ".event-after"),
    AxePage("safety", "/{language}/safety/", ".card-grid .card"),
    AxePage("safety-guide", "/{language}/safety/devices-and-accounts/", "a.quick-exit"),
    AxePage("get-involved", "/{language}/get-involved/", ".ways li + li"),
    AxePage("decisions", "/{language}/how-decisions-are-made/", ".change-log li + li"),
    AxePage("search", "/{language}/search/", "#search-q"),
    AxePage(
        "search-results",
        {"en": "/en/search/?q=copyright", "ar": "/ar/search/?q=حق+المؤلف"},
        ".search-result",
    ),
    AxePage("search-no-results", "/{language}/search/?q=qqxjzvwk", ".search-results-column"),
    AxePage("not-found", "/{language}/no-such-page/", "main h1", status=404),
    AxePage(
        "consultation",
        "/{language}/consultations/net-neutrality-enforcement/",
        ".consultation-section--changed ins",
    ),
    AxePage(
        "consultation-form-errors",
        "/{language}/consultations/net-neutrality-enforcement/",
        "#comment-body",
        prepare=lambda page: _send_empty_comment(page),
    ),
    AxePage("spokespeople", "/{language}/network/spokespeople/", ".spokesperson__write"),
    AxePage("spokespeople-offer", "/{language}/network/spokespeople/offer/", "#offer-bio"),
    AxePage(
        "spokespeople-offer-errors",
        "/{language}/network/spokespeople/offer/",
        "#offer-email",
        prepare=lambda page: _send_empty_offer(page),
    ),
    AxePage(
        "consultation-closed",
        "/{language}/consultations/upload-filters-review/",
        ".consultation__summary",
    ),
]


def _send_empty_comment(page):
    """The comment form sent without a comment: it comes back with its errors (nothing is
    written, so the test's transaction is enough)."""
    page.locator(".consultation-form__submit").click()
    page.wait_for_selector(".consultation-form__errors")


def _send_empty_offer(page):
    """The offer to speak sent empty: it comes back with its errors (nothing is written)."""
    with page.expect_navigation():
        page.locator("form.action-form button[type=submit]").click()
    page.wait_for_selector(".action-form__errors")


# The campaign action flow (its form, the form with errors, the thank-you page) is checked with
# axe in tests/browser/test_signing.py, which undoes what the live server writes.


def check_page(page, target, language):
    response = page.goto(target.url(language))
    assert response.status == target.status, f"{target.url(language)}: HTTP {response.status}"
    assert page.locator(target.expect).count(), f"{target.url(language)}: no {target.expect}"
    if target.prepare:
        target.prepare(page)
    violations = blocking(run_axe(page))
    if violations:
        page.screenshot(path=ARTIFACTS / f"axe-{target.name}-{language}.png", full_page=True)
    assert not violations, (
        f"{len(violations)} serious or critical axe violation(s) on {page.url}:\n"
        + describe(violations)
    )


def cases(pages):
    return [
        pytest.param(target, language, id=f"{target.name}-{language}")
        for target in pages
        for language in LANGUAGES
    ]


@pytest.mark.parametrize(("target", "language"), cases(PUBLIC_PAGES))
def test_public_page_has_no_serious_axe_violations(page, target, language):
    check_page(page, target, language)


def test_axe_reports_a_broken_page(page, portal_server):
    """The check can fail: an unlabelled field and an image without a text alternative."""
    page.goto("/en/")
    page.evaluate(
        """() => {
            document.querySelector("main").insertAdjacentHTML(
                "beforeend", '<input id="broken-field"><img id="broken-image" src="/x.png">');
        }"""
    )
    violations = blocking(run_axe(page))
    report = describe(violations)
    assert {"label", "image-alt"} <= {violation["id"] for violation in violations}, report
    assert "#broken-field" in report and '<img id="broken-image"' in report


FOCUS_STYLE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        tag: element.tagName.toLowerCase(),
        label: `${element.tagName} ${element.className} ${element.textContent.trim().slice(0, 40)}`,
        isSkipLink: element.matches(".skip-link"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== "none",
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.left < innerWidth,
    };
}"""


def tab_through(page, limit=150):
    """Press Tab until focus leaves the document or comes back round; each focused element."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused["tag"] == "body" or (seen and focused["isSkipLink"]):
            break
        seen.append(focused)
    return seen


def without_focus_style(focused):
    """The focused links, buttons and fields whose focus cannot be seen."""
    return [
        item["label"]
        for item in focused
        if item["tag"] in ("a", "button", "summary", "input", "select")
        and not (item["visible"] and (item["outline"] or item["shadow"]))
    ]


def tab_to(page, locator, limit):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return True
    return False


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_tab_order_starts_with_the_skip_link_and_shows_focus(page, language):
    page.goto(f"/{language}/")
    focused = tab_through(page)
    assert focused, "Tab focuses nothing"
    assert focused[0]["isSkipLink"], f"the first Tab stop is {focused[0]['label']!r}"
    assert len(focused) > 10, "the Tab order stops early"
    assert not without_focus_style(focused), (
        f"focus is not visible on: {without_focus_style(focused)}"
    )

    # The skip link moves focus to the main content.
    page.goto(f"/{language}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_check_notices_a_hidden_focus_style(page, portal_server):
    page.goto("/en/")
    page.evaluate(
        """() => document.querySelectorAll("main a").forEach((link) => {
            link.style.setProperty("outline", "none", "important");
            link.style.setProperty("box-shadow", "none", "important");
        })"""
    )
    assert without_focus_style(tab_through(page))


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_works_with_the_keyboard(page, language):
    other = {"en": "ar", "ar": "en"}[language]
    page.goto(f"/{language}/")
    assert tab_to(page, page.locator(".language-switcher summary"), 30), (
        "Tab never reaches the language switcher"
    )
    assert page.evaluate(FOCUS_STYLE)["outline"]
    page.keyboard.press("Enter")
    assert page.locator(".language-switcher details").get_attribute("open") is not None
    target = page.locator(f'.language-switcher a[lang="{other}"]')
    assert target.is_visible()
    assert tab_to(page, target, 12), f"Tab never reaches the {other} link in the switcher"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{other}/")
    assert urlparse(page.url).path == f"/{other}/"
    assert page.locator("html").get_attribute("lang") == other
