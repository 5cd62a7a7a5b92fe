"""The queue reads as a work list: the items first, priorities by name, claims by how long
ago, in the admin language of the person reading it."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page

from translations.models import Priority, TranslationClaim, TranslationPlan
from translations.services import claim


@pytest.fixture
def translator(db):
    user = get_user_model().objects.create_user("uebersetzer", password="x" * 16)
    user.groups.add(Group.objects.get(name="German translators"))
    return user


@pytest.mark.django_db
def test_the_work_list_comes_first_with_named_priorities_and_claim_ages(client, translator):
    source = Page.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    german = Locale.objects.get(language_code="de")
    TranslationPlan.objects.create(translation_key=source.translation_key, priority=Priority.URGENT)
    claim(user=translator, translation_key=source.translation_key, locale=german)
    TranslationClaim.objects.filter(translation_key=source.translation_key).update(
        claimed_at=timezone.now() - datetime.timedelta(hours=3)
    )
    client.force_login(translator)
    html = client.get(reverse("translations:queue"), {"locale": "de"}).content.decode()
    assert html.index('id="queue"') < html.index('id="progress-heading"')
    assert html.index('id="queue"') < html.index('id="offline-heading"')
    row = html[html.index(f'data-key="{source.translation_key}"') :]
    row = row[: row.index("</tr>")]
    assert "Urgent" in row and ">2<" not in row
    assert "3\xa0hours ago" in row or "3 hours ago" in row
    assert "for 0" not in html


@pytest.mark.django_db
def test_editors_set_due_dates_with_wagtails_date_picker_not_the_browsers(client):
    """The browser's own date input follows the browser's locale (mm/dd/yyyy for every
    language in an American browser); Wagtail's picker shows year-month-day and a calendar in
    the admin language, its script carrying the admin's CSP nonce."""
    source = Page.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    TranslationPlan.objects.create(
        translation_key=source.translation_key, due_date=datetime.date(2027, 3, 9)
    )
    editor = get_user_model().objects.create_user("planner", password="x" * 16)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(reverse("translations:queue"), {"locale": "de"})
    html = response.content.decode()
    assert 'type="date"' not in html
    row = html[html.index(f'data-key="{source.translation_key}"') :]
    row = row[: row.index("</tr>")]
    assert f'id="due-date-{source.pk}"' in row
    assert 'value="2027-03-09"' in row
    assert "initDateChooser(" in row and "nonce=" in row
    assert "date-time-chooser.js" in html
