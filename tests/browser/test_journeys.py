"""A reader's journey in a real browser: home page in English and Arabic, the language switcher,
and a campaign. Any console error, failed request or third-party request fails the test."""

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def assert_clean(page, origin):
    own = urlparse(origin).netloc
    third_party = [url for url in page.requests_seen if urlparse(url).netloc not in ("", own)]
    assert not third_party, f"third-party requests: {third_party}"
    assert not page.problems, "\n".join(page.problems)


def test_home_in_english_and_arabic_switcher_and_campaign(page, portal_server):
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))

    page.goto("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.screenshot(path=ARTIFACTS / "home-en.png", full_page=True)

    # Follow the language switcher to Arabic: the same page, right to left.
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[lang="ar"]').click()
    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    header = page.locator(".site-header__inner").bounding_box()
    name = page.locator(".site-name").bounding_box()
    # In right-to-left layout the site name starts at the right edge of the header.
    assert name["x"] + name["width"] > header["x"] + header["width"] * 0.6
    page.screenshot(path=ARTIFACTS / "home-ar.png", full_page=True)

    # Open a featured campaign from the Arabic home page.
    page.locator(".card__title a").first.click()
    page.wait_for_load_state()
    assert "/ar/campaigns/" in page.url
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text().strip()
    assert page.locator(".timeline__item").count() >= 3
    page.screenshot(path=ARTIFACTS / "campaign-ar.png", full_page=True)

    # And back to English through the switcher: the translation of the same campaign.
    campaign_path = urlparse(page.url).path
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[lang="en"]').click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == campaign_path.replace("/ar/", "/en/", 1)
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.screenshot(path=ARTIFACTS / "campaign-en.png", full_page=True)

    assert_clean(page, portal_server)


def test_untranslated_language_lands_on_home_with_notice(page, portal_server):
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.goto("/en/stories/panorama-photo-marathon/")
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[lang="hi"]').click()
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/hi/"
    assert page.locator("main .notice[role=status]").is_visible()
    page.screenshot(path=ARTIFACTS / "fallback-hi.png", full_page=True)
    assert_clean(page, portal_server)
