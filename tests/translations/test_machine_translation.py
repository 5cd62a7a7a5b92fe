import uuid

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from tests.helpers import soup
from translations import services
from translations.selectors import queue


def user_in(group):
    name = f"{group.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}"
    user = get_user_model().objects.create_user(name, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def machine_translated(db, settings, django_capture_on_commit_callbacks, client):
    """A French translation run through wagtail-localize's machine translation endpoint."""
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    english = Page.objects.get(locale__language_code="en", slug="open-textbooks-for-all")
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="fr"
    )
    french = Locale.objects.get(language_code="fr")
    # Clear the French strings so the machine has something to fill.
    StringTranslation.objects.filter(
        locale=french, translation_of__segments__source=translation.source
    ).delete()
    client.force_login(user_in("French translators"))
    response = client.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    return english, french


@pytest.mark.django_db
def test_machine_segments_are_flagged_and_await_review(machine_translated, client):
    english, french = machine_translated
    assert StringTranslation.objects.filter(locale=french, translation_type="machine").exists()
    state = {row.translation_key: row.state for row in queue(french)}[english.translation_key]
    assert state == "awaiting_review"
    notice = soup(client.get("/fr/campaigns/open-textbooks-for-all/")).select_one(
        ".notice--machine"
    )
    assert notice is not None


@pytest.mark.django_db
def test_only_a_reviewer_marks_machine_segments_reviewed(
    machine_translated, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_PAGE_CACHE = True
    english, french = machine_translated
    url = "/fr/campaigns/open-textbooks-for-all/"
    reader = Client()  # ``client`` is signed in, and never served from the page cache
    assert soup(reader.get(url)).select_one(".notice--machine") is not None  # now kept
    assert reader.get(url)["X-Page-Cache"] == "hit"
    with pytest.raises(services.ClaimError):
        services.mark_machine_segments_reviewed(
            user=user_in("French translators"),
            translation_key=english.translation_key,
            locale=french,
        )
    with pytest.raises(services.ClaimError):
        services.mark_machine_segments_reviewed(
            user=user_in("Russian reviewers"),
            translation_key=english.translation_key,
            locale=french,
        )
    with django_capture_on_commit_callbacks(execute=True):
        marked = services.mark_machine_segments_reviewed(
            user=user_in("French reviewers"),
            translation_key=english.translation_key,
            locale=french,
        )
    assert marked > 0
    state = {row.translation_key: row.state for row in queue(french)}[english.translation_key]
    assert state == "done"
    # The notice goes at once: from the page cache and from the kept lookups.
    assert soup(reader.get(url)).select_one(".notice--machine") is None


@pytest.mark.django_db
def test_machine_translation_endpoint_refuses_other_languages(client, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    english = Page.objects.get(locale__language_code="en", slug="open-textbooks-for-all")
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="fr"
    )
    client.force_login(user_in("Russian translators"))
    before = StringTranslation.objects.filter(translation_type="machine").count()
    response = client.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")
    assert response.status_code in (302, 403)
    assert StringTranslation.objects.filter(translation_type="machine").count() == before
