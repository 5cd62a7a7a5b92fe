import datetime
import smtplib

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from translations import services
from translations.digests import WAITING, reader_language, send_digests
from translations.models import TranslationDigest
from translations.selectors import queue


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _user(name, *groups, email=True, language=""):
    user = get_user_model().objects.create_user(
        name, email=f"{name}@example.org" if email else "", password="x" * 16
    )
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    if language:
        UserProfile.objects.create(user=user, preferred_language=language)
    return user


@pytest.fixture
def new_pages(db):
    """Two new English campaigns, waiting in every other language; the first since 2020."""
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    pages = [
        CampaignPageFactory(parent=index, title="Open maps"),
        CampaignPageFactory(parent=index, title="Libraries & archives"),
    ]
    old = datetime.datetime(2020, 3, 1, tzinfo=datetime.UTC)
    Page.objects.filter(pk=pages[0].pk).update(last_published_at=old)
    return pages


@pytest.fixture
def team(new_pages):
    return {
        "ana": _user("ana", "French translators"),
        "luc": _user("luc", "French translators", "German translators", language="de"),
        "ivan": _user("ivan", "Russian translators", language="it"),
        "noemail": _user("noemail", "French translators", email=False),
        "rita": _user("rita", "French reviewers"),
    }


def _messages_by_recipient():
    by_recipient = {}
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        by_recipient[message.to[0].split("@")[0]] = message
    return by_recipient


def _waiting(code):
    locale = Locale.objects.get(language_code=code)
    return list(queue(locale).filter(state__in=WAITING).order_by("last_published_at", "path"))


@pytest.mark.django_db
def test_each_translator_gets_their_own_languages_queue(team):
    french = _waiting("fr")
    assert len(french) >= 2
    assert french[0].title == "Open maps"
    claimed = next(row for row in french if row.title == "Libraries & archives")
    services.claim(
        user=team["ana"],
        translation_key=claimed.translation_key,
        locale=Locale.objects.get(language_code="fr"),
    )

    assert send_digests() == 3
    messages = _messages_by_recipient()
    # Reviewers, translators without an address and everyone else get nothing.
    assert sorted(messages) == ["ana", "ivan", "luc"]

    ana = messages["ana"]
    assert f"{len(french)} pages waiting for translation" == ana.subject
    assert "== French ==" in ana.body and "German" not in ana.body
    assert f"{len(french)} pages are waiting in the queue." in ana.body
    assert "Waiting longest: Open maps (Missing, since March 1, 2020)" in ana.body
    assert f"Claimed by you:\n- {claimed.title} (" in ana.body
    assert "?locale=fr" in ana.body
    assert "&amp;" not in ana.body  # plain text, not HTML-escaped
    # Nobody else's name or address; no previous digest, so nothing is called new.
    for other in ["luc", "ivan", "noemail", "rita"]:
        assert other not in ana.body
    assert "new since" not in ana.body

    # Luc reads German, and translates into French and German: one message, two sections.
    luc = messages["luc"]
    assert "== Französisch ==" in luc.body and "== Deutsch ==" in luc.body
    assert "ana" not in luc.body and claimed.title not in luc.body.split("== Deutsch ==")[0]
    assert "Claimed by you" not in luc.body

    # Ivan prefers a language the portal does not speak: English.
    assert "== Russian ==" in messages["ivan"].body


@pytest.mark.django_db
def test_nothing_waiting_sends_nothing(team):
    Page.objects.filter(locale__language_code="en", depth__gt=1).update(live=False)
    assert send_digests() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_at_most_one_digest_a_day_and_new_work_is_counted(team):
    assert send_digests() == 3
    mail.outbox.clear()
    assert send_digests() == 0  # the same day: nothing
    assert send_digests(force=True) == 3
    mail.outbox.clear()

    # A new page in the source language, and a day later.
    last = TranslationDigest.objects.get(locale__language_code="fr").sent_through
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    CampaignPageFactory(parent=index, title="Libraries for all")
    assert send_digests(now=last + datetime.timedelta(hours=21)) == 3
    body = _messages_by_recipient()["ana"].body
    assert "1 of them is new since the last digest." in body
    assert f"{len(_waiting('fr'))} pages are waiting" in body


@pytest.mark.django_db
def test_queries_do_not_grow_with_translators(team):
    with CaptureQueriesContext(connection) as few:
        send_digests()
    for number in range(10):
        _user(f"extra{number}", "French translators", "Russian translators", language="fr")
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as many:
        assert send_digests(force=True) == 13
    assert len(many) <= len(few) + 1  # +1: the digests now exist and are updated, not created


@pytest.mark.django_db
def test_reader_language(team):
    assert reader_language(team["luc"]) == "de"
    assert reader_language(team["ivan"]) == "en"  # Italian: not one of the portal's languages
    assert reader_language(team["ana"]) == "en"  # no profile


@pytest.mark.django_db
def test_command_reports_and_fails_with_one_line(team, settings, capsys):
    call_command("send_translation_digests")
    assert capsys.readouterr().out.strip() == "3 digest(s) sent."
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with pytest.raises(CommandError, match="^Mail could not be sent: Connection unexpectedly"):
        call_command("send_translation_digests", "--force")
