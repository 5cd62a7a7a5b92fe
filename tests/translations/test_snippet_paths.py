"""Every admin path to a translatable snippet, for the language teams: a Russian translator is
refused each path to a French action (403, or Wagtail's redirect with nothing changed), and an
Arabic translator starts, translates and publishes an action's Arabic translation."""

import pytest

from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from wagtail_localize.models import StringSegment, StringTranslation, Translation

from actions.factories import CampaignActionFactory
from actions.models import CampaignAction
from campaigns.models import CampaignPage
from tests.actions.helpers import demo_action

pytestmark = pytest.mark.django_db
SNIPPETS = "wagtailsnippets_actions_campaignaction"


def person(username, group):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


def snapshot(action):
    return CampaignAction.objects.filter(pk=action.pk).values().first()


def put(client, url, value):
    return client.put(
        url, data=encode_multipart(BOUNDARY, {"value": value}), content_type=MULTIPART_CONTENT
    )


def string_url(translation, segment):
    return reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])


@pytest.fixture
def french():
    return demo_action("freedom-of-panorama", "fr")


@pytest.fixture
def english():
    return demo_action("freedom-of-panorama", "en")


@pytest.fixture
def russian_client(client):
    client.force_login(person("ru-t", "Russian translators"))
    return client


def refused(response):
    """403, or Wagtail's redirect to the dashboard that says permission was denied."""
    if response.status_code == 302:
        return response["Location"] in ("/admin/", reverse("wagtailadmin_home"))
    return response.status_code == 403


def test_russian_translator_is_refused_every_path_to_a_french_action(
    russian_client, french, english
):
    client = russian_client
    before = snapshot(french)
    count = CampaignAction.objects.count()
    translation = Translation.objects.get(
        source__object_id=french.translation_key, target_locale=french.locale
    )
    segment = StringSegment.objects.filter(source=translation.source).first()
    edit = reverse(f"{SNIPPETS}:edit", args=[quote(french.pk)])
    start = reverse(
        "translations:start_snippet", args=["actions", "campaignaction", english.pk, "fr"]
    )
    # The listing is open to the team, and its French row's edit link leads to a 403.
    listing = client.get(reverse(f"{SNIPPETS}:list"))
    assert listing.status_code == 200
    assert edit in listing.content.decode()
    for response in (client.get(edit), client.post(edit, {"action": "publish"})):
        assert response.status_code == 403
        assert "You do not have permission to edit this item." in response.content.decode()
        assert "js-translation-editor" not in response.content.decode()
    assert client.get(start).status_code == 403
    assert client.post(start).status_code == 403
    # The translation editor's own endpoints, by the French translation's id.
    assert put(client, string_url(translation, segment), "Подмена").status_code == 403
    paths = [
        ("get", reverse(f"{SNIPPETS}:delete", args=[quote(french.pk)])),
        ("post", reverse(f"{SNIPPETS}:delete", args=[quote(french.pk)])),
        ("get", reverse(f"{SNIPPETS}:add")),
        ("post", reverse(f"{SNIPPETS}:add")),
        (
            "post",
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["actions", "campaignaction", english.pk],
            ),
        ),
        ("post", reverse("wagtail_localize:update_translations", args=[translation.source.pk])),
        ("post", reverse("wagtail_localize:stop_translation", args=[translation.pk])),
        ("get", reverse("wagtail_localize:download_pofile", args=[translation.pk])),
        ("post", reverse("wagtail_localize:upload_pofile", args=[translation.pk])),
    ]
    for method, url in paths:
        response = getattr(client, method)(url, {"locales": [french.locale_id]})
        assert refused(response), (method, url, response.status_code)
    # wagtail-localize previews pages only: a snippet's preview is not found.
    preview = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    assert client.get(preview, follow=True).status_code == 404
    assert snapshot(french) == before
    assert CampaignAction.objects.count() == count
    translation.refresh_from_db()
    assert translation.enabled
    assert not StringTranslation.objects.filter(data="Подмена").exists()


def test_french_translator_opens_the_french_translation_editor(client, french, english):
    client.force_login(person("fr-t", "French translators"))
    response = client.get(reverse(f"{SNIPPETS}:edit", args=[quote(french.pk)]))
    assert response.status_code == 200
    assert "js-translation-editor" in response.content.decode()
    assert client.get(reverse(f"{SNIPPETS}:edit", args=[quote(english.pk)])).status_code == 403


def test_arabic_translator_starts_translates_and_publishes_an_action(client):
    campaign = CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    source = CampaignActionFactory(
        campaign=campaign, locale=campaign.locale, title="Pledge to share photos", intro=""
    )
    client.force_login(person("ar-t", "Arabic translators"))
    listing = client.get(reverse(f"{SNIPPETS}:list"))
    start = reverse(
        "translations:start_snippet", args=["actions", "campaignaction", source.pk, "ar"]
    )
    assert start in listing.content.decode()
    assert client.get(start).status_code == 200
    response = client.post(start)
    arabic = CampaignAction.objects.get(
        translation_key=source.translation_key, locale__language_code="ar"
    )
    assert response["Location"] == reverse(f"{SNIPPETS}:edit", args=[quote(arabic.pk)])
    # Asked again, the existing translation opens.
    assert client.post(start)["Location"] == response["Location"]
    editor = client.get(response["Location"])
    assert "js-translation-editor" in editor.content.decode()
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=arabic.locale
    )
    for segment in StringSegment.objects.filter(source=translation.source):
        value = "تعهد بمشاركة الصور" if segment.string.data == source.title else "نص عربي"
        assert put(client, string_url(translation, segment), value).status_code == 201
    published = client.post(response["Location"], {"action": "publish"})
    assert published.status_code == 302
    arabic.refresh_from_db()
    assert arabic.title == "تعهد بمشاركة الصور"
    page = CampaignPage.objects.get(translation_key=campaign.translation_key, locale=arabic.locale)
    assert "تعهد بمشاركة الصور" in client.get(page.url).content.decode()


def test_start_refuses_other_languages_and_non_source_instances(client, english, french):
    client.force_login(person("ar-t", "Arabic translators"))
    for args in (
        ["actions", "campaignaction", english.pk, "fr"],
        ["actions", "campaignaction", english.pk, "en"],
        ["actions", "campaignaction", french.pk, "ar"],
    ):
        assert client.post(reverse("translations:start_snippet", args=args)).status_code == 403
    for args in (
        ["actions", "nothing", english.pk, "ar"],
        ["wagtailcore", "page", 1, "ar"],
        ["actions", "campaignaction", "999999", "ar"],
        ["actions", "campaignaction", english.pk, "xx"],
    ):
        response = client.get(reverse("translations:start_snippet", args=args), follow=True)
        assert response.status_code == 404
