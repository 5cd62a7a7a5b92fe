"""A reader opens a password-protected page in a real browser: the password form, the right
password, then the page."""

import pytest

from django.contrib.sessions.models import Session

from wagtail.models import Page, PageViewRestriction

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from core import lookups
from tests.browser.test_translation_flow import committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "open-sesame-42"  # noqa: S105 - a page's view password in a test


def make_protected_campaign():
    campaign = CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(locale__language_code="en"),
        title="Members only campaign",
        slug="members-only-browser",
        summary="Only members may read this summary.",
    )
    PageViewRestriction.objects.create(
        page=campaign, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    lookups.bump()
    return campaign.pk


def remove_campaign(pk, sessions_before):
    """The page, and the session the password opened (no test after this one sees either)."""
    Page.objects.get(pk=pk).delete()
    Session.objects.exclude(pk__in=sessions_before).delete()
    lookups.bump()


def test_reader_unlocks_a_password_protected_page(page, portal_server):
    # Committed, so that the server thread sees it on PostgreSQL too (and removed after).
    sessions_before = committed(lambda: set(Session.objects.values_list("pk", flat=True)))
    pk = committed(make_protected_campaign)
    try:
        page.goto("/en/campaigns/members-only-browser/")
        assert page.locator("text=Only members may read this summary.").count() == 0
        page.fill("input[name=password]", "wrong")
        page.locator("form [type=submit]").click()
        assert page.locator("text=Only members may read this summary.").count() == 0
        page.fill("input[name=password]", PASSWORD)
        page.locator("form [type=submit]").click()
        page.wait_for_url("**/en/campaigns/members-only-browser/")
        assert page.locator("h1").inner_text() == "Members only campaign"
        assert page.locator("text=Only members may read this summary.").count() == 1
        assert not page.problems, "\n".join(page.problems)
    finally:
        committed(lambda: remove_campaign(pk, sessions_before))
