"""Who may do what to which language's pages, enforced by the server on every path."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page
from wagtail_localize.models import Translation

USERS = {
    "french translator": ["French translators"],
    "french reviewer": ["French reviewers"],
    "russian translator": ["Russian translators"],
    "editor": ["Editors"],
    "moderator": ["Moderators"],
}


@pytest.fixture
def people(db):
    made = {}
    for name, groups in USERS.items():
        user = get_user_model().objects.create_user(name.replace(" ", "-"), password="x" * 16)
        user.groups.set(Group.objects.filter(name__in=groups))
        made[name] = user
    return made


@pytest.fixture
def pages(db):
    french = Page.objects.get(locale__language_code="fr", slug="freedom-of-panorama")
    english = Page.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="fr"
    )
    return {"french": french, "english": english, "translation": translation}


def denied(response):
    # Wagtail's admin answers a refused page with a redirect to the dashboard (or the login).
    location = response.get("Location", "")
    return response.status_code == 403 or (
        response.status_code == 302
        and (location == "/admin/" or location.startswith("/admin/login/"))
    )


EDIT_FRENCH = {
    "anonymous": False,
    "french translator": True,
    "french reviewer": True,
    "russian translator": False,
    "editor": True,
    "moderator": True,
}
EDIT_ENGLISH = {**EDIT_FRENCH, "french translator": False, "french reviewer": False}
PUBLISH_FRENCH = {**EDIT_FRENCH, "french translator": False, "editor": False}


def client_for(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(EDIT_FRENCH))
def test_edit_view_of_french_translation(client, people, pages, who):
    response = client_for(client, people, who).get(f"/admin/pages/{pages['french'].pk}/edit/")
    assert (response.status_code == 200) is EDIT_FRENCH[who], response.status_code
    if not EDIT_FRENCH[who]:
        assert denied(response)


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(EDIT_ENGLISH))
def test_edit_view_of_english_source(client, people, pages, who):
    response = client_for(client, people, who).get(f"/admin/pages/{pages['english'].pk}/edit/")
    assert (response.status_code == 200) is EDIT_ENGLISH[who]


@pytest.mark.django_db
@pytest.mark.parametrize("who", [who for who in PUBLISH_FRENCH if who != "anonymous"])
def test_publish_permission_on_french_pages(people, pages, who):
    permissions = pages["french"].permissions_for_user(people[who])
    assert permissions.can_publish() is PUBLISH_FRENCH[who]


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(EDIT_FRENCH))
def test_po_download_and_upload(client, people, pages, who):
    client = client_for(client, people, who)
    translation = pages["translation"]
    download = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert (download.status_code == 200) is EDIT_FRENCH[who]
    if not EDIT_FRENCH[who]:
        upload = client.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", {})
        assert denied(upload)


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(EDIT_FRENCH))
def test_string_edit_api(client, people, pages, who):
    client = client_for(client, people, who)
    translation = pages["translation"]
    segment = translation.source.stringsegment_set.order_by("order").first()
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        data="value=Libert%C3%A9",
        content_type="application/x-www-form-urlencoded",
    )
    if EDIT_FRENCH[who]:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_translators_cannot_create_pages_or_edit_snippets(people):
    translator = people["french translator"]
    french_index = Page.objects.get(locale__language_code="fr", slug="campaigns")
    assert not french_index.permissions_for_user(translator).can_add_subpage()
    assert not translator.has_perm("core.change_topic")
    assert not translator.has_perm("wagtail_localize.submit_translation")


@pytest.mark.django_db
def test_each_language_is_reviewed_by_its_own_reviewers(people, pages):
    workflow = pages["french"].get_workflow()
    assert workflow.name == "French review"
    task = workflow.tasks.first().specific
    assert list(task.groups.values_list("name", flat=True)) == ["French reviewers"]
    assert pages["english"].get_workflow().name == "Moderators approval"


@pytest.mark.django_db
def test_new_translations_start_as_drafts(settings, django_capture_on_commit_callbacks):
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_object

    from campaigns.factories import CampaignPageFactory
    from campaigns.models import CampaignIndexPage

    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False
    campaign = CampaignPageFactory(parent=CampaignIndexPage.objects.get(locale__language_code="en"))
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(campaign, [Locale.objects.get(language_code="de")])
    german = campaign.get_translation(Locale.objects.get(language_code="de"))
    assert not german.live
