import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from translations.digests import send_digests
from translations.models import TranslationDigest


@pytest.fixture
def translators(db):
    made = []
    for name, group in [
        ("ana", "French translators"),
        ("luc", "French translators"),
        ("ivan", "Russian translators"),
    ]:
        user = get_user_model().objects.create_user(
            name, email=f"{name}@example.org", password="x" * 16
        )
        user.groups.add(Group.objects.get(name=group))
        made.append(user)
    return made


@pytest.mark.django_db
def test_one_digest_per_language_with_new_work(translators):
    send_digests()  # first run: marks the starting point, sends nothing
    assert mail.outbox == []
    TranslationDigest.objects.update(sent_through=timezone.now() - datetime.timedelta(minutes=5))
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    CampaignPageFactory(parent=index, title="Libraries for all")
    CampaignPageFactory(parent=index, title="Open maps")
    # French and Russian have translators with an address; the other languages have none.
    assert send_digests() == 2
    by_language = {message.bcc[0].split("@")[0]: message for message in mail.outbox}
    french = next(message for message in mail.outbox if "ana@example.org" in message.bcc)
    assert sorted(french.bcc) == ["ana@example.org", "luc@example.org"]
    assert french.to == ["portal@localhost"]  # translators never see each other's address
    assert "Libraries for all" in french.body and "Open maps" in french.body
    assert "?locale=fr" in french.body
    assert "ivan" in by_language
    # Nothing new: nothing sent.
    mail.outbox.clear()
    assert send_digests() == 0
    assert mail.outbox == []
