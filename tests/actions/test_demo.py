"""The demo gives campaigns their actions, and loading it again makes nothing new."""

import io

import pytest

from django.core.management import call_command

from wagtail_localize.models import StringTranslation, Translation

from actions.models import CampaignAction

pytestmark = pytest.mark.django_db


def test_demo_actions_are_on_open_campaigns_and_one_is_in_safety_mode():
    english = CampaignAction.objects.filter(locale__language_code="en").select_related("campaign")
    assert {action.campaign.slug for action in english} == {
        "freedom-of-panorama",
        "privacy-for-readers",
        "facts-in-every-language",
    }
    assert all(action.accepts_signatures for action in english)
    safety = english.get(advocate_safety=True)
    assert safety.retention_days and not safety.collects_name
    assert {action.kind for action in english} == {"petition", "sign-up"}


def test_loading_the_demo_again_creates_no_action_or_translation():
    before = (
        CampaignAction.objects.count(),
        Translation.objects.count(),
        StringTranslation.objects.count(),
    )
    output = io.StringIO()
    call_command("load_demo", "--no-admin", stdout=output)
    after = (
        CampaignAction.objects.count(),
        Translation.objects.count(),
        StringTranslation.objects.count(),
    )
    assert after == before
    assert "0 created, 0 translated" in output.getvalue()
    assert "action on freedom-of-panorama" in output.getvalue()
