"""Personal data goes a set number of days after the campaign ends; the counts stay."""

import datetime
import io

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from actions.factories import CampaignActionFactory, SignatureFactory
from actions.models import ActionTally, Signature
from actions.services import purge_personal_data
from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


@pytest.fixture
def ended_campaign():
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    return CampaignPageFactory(
        parent=index,
        status="won",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 5, 1),
    )


def signed(action, confirmed=3, pending=1):
    for _number in range(confirmed):
        SignatureFactory(action=action, name="Ana", confirmed_at=timezone.now())
    for _number in range(pending):
        SignatureFactory(action=action)


def run(**options):
    output = io.StringIO()
    call_command("purge_personal_data", stdout=output, **options)
    return output.getvalue()


def test_purge_after_the_retention_period_keeps_only_the_count(ended_campaign):
    due = CampaignActionFactory(campaign=ended_campaign, advocate_safety=True, retention_days=30)
    signed(due)
    output = run(today="2026-05-31")
    assert "Purged 1 action(s): 4 signature(s) deleted" in output
    tally = ActionTally.objects.get(key=due.translation_key)
    assert tally.confirmed_count == 3
    assert tally.purged_at is not None
    assert not Signature.objects.filter(tally=tally).exists()
    # Idempotent: a second run finds nothing and changes nothing.
    assert "Purged 0 action(s): 0 signature(s) deleted" in run(today="2026-05-31")
    assert ActionTally.objects.get(pk=tally.pk).confirmed_count == 3


def test_nothing_goes_before_the_day(ended_campaign):
    action = CampaignActionFactory(campaign=ended_campaign, retention_days=30)
    signed(action)
    assert purge_personal_data(today=datetime.date(2026, 5, 30)).signatures == 0
    assert Signature.objects.filter(tally__key=action.translation_key).count() == 4


def test_actions_kept_until_deletion_or_without_an_end_date_stay(ended_campaign, panorama):
    kept = CampaignActionFactory(campaign=ended_campaign, retention_days=None)
    signed(kept, pending=0)
    signed(panorama, pending=0)  # a live campaign with no end date
    report = purge_personal_data(today=datetime.date(2030, 1, 1))
    assert report.signatures == 0
    assert Signature.objects.filter(tally__key=kept.translation_key).count() == 3
    assert Signature.objects.filter(tally__key=panorama.translation_key).count() == 3


def test_expired_unconfirmed_signatures_go_everywhere(panorama, settings):
    old = timezone.now() - datetime.timedelta(days=settings.PORTAL_ACTIONS_CONFIRMATION_DAYS + 1)
    SignatureFactory(action=panorama, created_at=old)
    fresh = SignatureFactory(action=panorama)
    confirmed = SignatureFactory(action=panorama, created_at=old, confirmed_at=timezone.now())
    assert purge_personal_data(today=TODAY).unconfirmed == 1
    assert set(Signature.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}


def test_signatures_of_deleted_actions_go_and_their_count_stays(ended_campaign):
    action = CampaignActionFactory(campaign=ended_campaign, retention_days=None)
    signed(action, pending=0)
    key = action.translation_key
    action.delete()
    assert purge_personal_data(today=TODAY).signatures == 3
    assert ActionTally.objects.get(key=key).confirmed_count == 3


def test_translations_share_one_purge(ended_campaign, locales):
    action = CampaignActionFactory(campaign=ended_campaign, advocate_safety=True, retention_days=1)
    action.copy_for_translation(locales["fr"]).save()
    signed(action)
    report = purge_personal_data(today=TODAY)
    assert (report.actions, report.signatures) == (1, 4)


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError):
        run(today="yesterday")
