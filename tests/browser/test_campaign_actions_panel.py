"""The campaign editor's actions panel in a real browser (actions/campaign_panel.py): an editor
sees the campaign's actions with their languages, adds one without leaving the campaign (the
modal refuses an incomplete form with its errors, then saves), and the list is renewed in place.

Data is set up and removed as in ``test_translation_flow`` (``committed``); the row count of
every table is compared before and after.
"""

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_translation_flow import PASSWORD, committed, log_in, row_counts

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

EDITOR = "redaction-panel-browser"
CAMPAIGN = "freedom-of-panorama"
TITLE = "Send a photo of your town hall to the open archive"
CONSENT = "I agree that my first name is shown with my photo."


@dataclass
class Made:
    users: list = field(default_factory=list)
    sessions: set = None
    high_water: dict = field(default_factory=dict)


def set_up(made):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.models import Session
    from django.db.models import Max

    from wagtail.images.models import Rendition
    from wagtail.models import ModelLogEntry
    from wagtail_localize.models import String

    from campaigns.models import CampaignPage

    made.sessions = set(Session.objects.values_list("pk", flat=True))
    for model in (String, ModelLogEntry, Rendition):  # renditions: the editor's previews
        made.high_water[model] = model.objects.aggregate(top=Max("pk"))["top"] or 0
    user = get_user_model().objects.create_user(EDITOR, password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    made.users.append(user)
    return CampaignPage.objects.get(slug=CAMPAIGN, locale__language_code="en")


def clean_up(made):
    from django.contrib.sessions.models import Session

    from wagtail_localize.models import TranslatableObject

    from actions.models import ActionTally, CampaignAction

    for action in CampaignAction.objects.filter(title=TITLE):
        ActionTally.objects.filter(key=action.translation_key).delete()
        TranslatableObject.objects.filter(translation_key=action.translation_key).delete()
        action.delete()
    for model, top in made.high_water.items():
        model.objects.filter(pk__gt=top).delete()
    for user in made.users:
        user.delete()
    if made.sessions is not None:
        Session.objects.exclude(pk__in=made.sessions).delete()


def added_actions(campaign):
    from actions.models import CampaignAction

    return list(CampaignAction.objects.filter(title=TITLE).values_list("campaign_id", "locale_id"))


def test_an_editor_adds_an_action_without_leaving_the_campaign(page):
    made = Made()
    before = committed(row_counts)
    try:
        campaign = committed(lambda: set_up(made))
        log_in(page, EDITOR)
        edit_url = f"/admin/pages/{campaign.pk}/edit/"
        page.goto(edit_url)
        panel = page.locator(".campaign-actions-panel")
        expect(panel).to_be_visible()
        rows = panel.locator("[data-campaign-actions-list] tbody tr")
        shown = rows.count()
        assert shown >= 1
        # Each action has a chip per language, translated or not.
        expect(rows.first.locator("li[data-language]")).to_have_count(9)
        expect(rows.first.locator('li[data-state="translated"]')).not_to_have_count(0)
        panel.scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / "campaign-actions-panel.png", full_page=False)

        panel.get_by_role("button", name="Add an action").click()
        modal = page.locator(".modal")
        expect(modal.get_by_role("button", name="Add the action")).to_be_visible()
        # An incomplete form comes back with its errors and what was typed.
        modal.locator("#id_title").fill(TITLE)
        modal.get_by_role("button", name="Add the action").click()
        expect(modal.locator(".error-message, .help-critical").first).to_be_visible()
        expect(modal.locator("#id_title")).to_have_value(TITLE)
        assert committed(lambda: added_actions(campaign)) == []
        page.screenshot(path=ARTIFACTS / "campaign-action-modal-errors.png", full_page=False)

        modal.locator("#id_consent_text").fill(CONSENT)
        modal.get_by_role("button", name="Add the action").click()
        expect(page.locator(".modal.show, .modal.in")).to_have_count(0)
        expect(panel.locator("[data-campaign-actions-list] tbody tr")).to_have_count(shown + 1)
        expect(panel).to_contain_text(TITLE)
        # Still in the campaign's editor; the action belongs to the source campaign.
        assert page.url.endswith(edit_url), page.url
        assert committed(lambda: added_actions(campaign)) == [(campaign.pk, campaign.locale_id)]
    finally:
        committed(lambda: clean_up(made))
    after = committed(row_counts)
    changed = {
        label: (count, after[label]) for label, count in before.items() if count != after[label]
    }
    assert not changed, f"rows left behind or removed: {changed}"
    assert not page.problems, "\n".join(page.problems)
