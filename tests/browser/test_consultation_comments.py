"""A reader comments on a section of the open consultation in Arabic, with the keyboard; a
Moderator (the demo account) approves it in the admin queue; the comment then shows under
that section, labelled Arabic, right to left.

The server thread writes for real, so the set-up and the clean-up run through ``committed``
(tests/browser/test_translation_flow.py) and the test checks it left no row behind."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import blocking, describe, run_axe
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_translation_flow import committed, log_in, new_page, row_counts

pytestmark = pytest.mark.browser

SLUG = "net-neutrality-enforcement"
SECTION = "open-measurement"
TEXT = "أقترح أن تُنشر نتائج القياس كل شهر، لا كل سنة."
NAME = "ليلى"


def set_up():
    from django.contrib.sessions.models import Session

    from demo.accounts import ensure_role_accounts

    sessions = set(Session.objects.values_list("pk", flat=True))
    passwords = ensure_role_accounts(write=lambda _line: None)
    return sessions, passwords


def clean_up(sessions, passwords):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    from consultations.models import ConsultationComment

    ConsultationComment.objects.filter(body=TEXT).delete()
    get_user_model().objects.filter(username__in=passwords).delete()
    Session.objects.exclude(pk__in=sessions).delete()


def test_arabic_comment_approved_by_a_moderator_shows_on_its_section(
    page, browser, portal_server, settings
):
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 0  # the browser types faster than people do
    before = committed(row_counts)
    sessions, passwords = committed(set_up)
    moderator_page = None
    try:
        # The reader, in Arabic, with the keyboard: from the section's link to the form.
        page.goto(f"/ar/consultations/{SLUG}/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        link = page.locator(f"#section-{SECTION} .consultation-section__comment")
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/ar/consultations/{SLUG}/?section={SECTION}#comment")
        expect(page.locator("#comment-section")).to_have_value(SECTION)
        page.locator("#comment-body").focus()
        page.keyboard.type(TEXT)
        page.keyboard.press("Tab")
        expect(page.locator("#comment-display_name")).to_be_focused()
        page.keyboard.type(NAME)
        page.keyboard.press("Tab")
        expect(page.locator(".consultation-form__submit")).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url("**?sent=1#comment-sent")
        expect(page.locator("#comment-sent")).to_be_visible()
        assert TEXT not in page.content()  # pre-moderated

        # The moderator approves it in the consultation's queue, filtered to Arabic.
        moderator_page = new_page(browser, portal_server)
        log_in(moderator_page, "moderator", passwords["moderator"])
        moderator_page.get_by_role("link", name="Consultation comments").first.click()
        moderator_page.wait_for_url("**/admin/consultations/moderation/")
        moderator_page.get_by_role(
            "link", name="Revising our position on net neutrality enforcement"
        ).click()
        moderator_page.select_option("#queue-language", "ar")
        moderator_page.get_by_role("button", name="Filter").click()
        row = moderator_page.locator(".consultation-queue__row", has_text=TEXT)
        expect(row).to_have_count(1)
        row.get_by_role("button", name="Approve").click()
        expect(moderator_page.locator("body")).to_contain_text("Comment approved")
        expect(moderator_page.locator(".consultation-queue__row", has_text=TEXT)).to_have_count(0)

        # The comment is on its section, for every reader, labelled Arabic.
        page.goto(f"/ar/consultations/{SLUG}/")
        comment = page.locator(f"#section-{SECTION} .consultation-comments__item", has_text=TEXT)
        expect(comment).to_have_count(1)
        expect(comment.locator(".badge--language")).to_have_text("العربية")
        body = comment.locator(".consultation-comments__body")
        assert body.get_attribute("lang") == "ar" and body.get_attribute("dir") == "rtl"
        expect(comment).to_contain_text(NAME)
        page.goto(f"/en/consultations/{SLUG}/")
        english = page.locator(f"#section-{SECTION} .consultation-comments__item", has_text=TEXT)
        expect(english.locator(".badge--language")).to_have_text("Arabic")
        violations = blocking(run_axe(page))
        assert not violations, describe(violations)
        page.screenshot(path=ARTIFACTS / "consultation-comment-approved.png", full_page=True)
    finally:
        if moderator_page is not None:
            moderator_page.context.close()
        committed(lambda: clean_up(sessions, passwords))
    after = committed(row_counts)
    changed = {
        label: (count, after[label]) for label, count in before.items() if count != after[label]
    }
    assert not changed, f"rows left behind or removed: {changed}"
    assert not page.problems, "\n".join(page.problems)
