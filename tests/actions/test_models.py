"""The action's rules: what it collects, when it takes signatures, when data goes."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from actions.factories import CampaignActionFactory, SignatureFactory
from actions.forms import SignatureForm
from actions.models import ActionTally, CampaignAction

pytestmark = pytest.mark.django_db


def test_wording_is_translated_and_settings_are_shared():
    fields = {field.field_name: field for field in get_translatable_fields(CampaignAction)}
    for name in ("title", "intro", "consent_text", "thank_you_text", "share_text"):
        assert isinstance(fields[name], TranslatableField), name
    for name in ("campaign", "kind", "goal", "collect_name", "advocate_safety", "retention_days"):
        assert isinstance(fields[name], SynchronizedField), name
        assert not fields[name].overridable, name  # translators cannot change the goal


def test_advocate_safety_collects_and_shows_only_the_email(english_campaign):
    action = CampaignActionFactory.build(
        campaign=english_campaign,
        advocate_safety=True,
        collect_name=True,
        collect_country=True,
        collect_comment=True,
        show_recent_signers=True,
    )
    assert not (action.collects_name or action.collects_country or action.collects_comment)
    assert not action.shows_recent_signers
    action.pk = 0
    form = SignatureForm(action=action)
    assert [field.name for field in form.visible_fields_in_order] == ["email", "consent"]


def test_advocate_safety_needs_a_retention_period(english_campaign):
    action = CampaignActionFactory.build(
        campaign=english_campaign, advocate_safety=True, retention_days=None
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "retention_days" in error.value.message_dict


def test_goal_must_be_positive(english_campaign):
    with pytest.raises(ValidationError):
        CampaignActionFactory.build(campaign=english_campaign, goal=0).full_clean()


@pytest.mark.parametrize(
    ("status", "end", "is_open", "accepts"),
    [
        ("live", None, True, True),
        ("planned", None, True, True),
        ("stalled", "future", True, True),
        ("live", None, False, False),
        ("won", None, True, False),
        ("archived", None, True, False),
        ("live", "past", True, False),
    ],
)
def test_when_an_action_takes_signatures(english_campaign, status, end, is_open, accepts):
    today = timezone.localdate()
    english_campaign.status = status
    english_campaign.end_date = {
        None: None,
        "past": today - datetime.timedelta(days=1),
        "future": today + datetime.timedelta(days=1),
    }[end]
    action = CampaignActionFactory.build(campaign=english_campaign, is_open=is_open)
    assert action.accepts_signatures is accepts


def test_purge_date(english_campaign):
    english_campaign.end_date = datetime.date(2026, 1, 31)
    action = CampaignActionFactory.build(campaign=english_campaign, retention_days=30)
    assert action.purge_date == datetime.date(2026, 3, 2)
    action.retention_days = None
    assert action.purge_date is None


def test_factories_make_a_counted_confirmed_signature(english_campaign):
    action = CampaignActionFactory(campaign=english_campaign)
    SignatureFactory(action=action, confirmed_at=timezone.now())
    SignatureFactory(action=action)
    tally = ActionTally.objects.get(key=action.translation_key)
    assert tally.confirmed_count == 1
    assert tally.signatures.count() == 2


def test_editors_and_moderators_may_manage_actions_but_not_export():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_campaignaction", "change_campaignaction"} <= codenames
    assert "export_signatures" not in codenames
    moderators = Group.objects.get(name="Moderators")
    assert "delete_campaignaction" in set(moderators.permissions.values_list("codename", flat=True))
