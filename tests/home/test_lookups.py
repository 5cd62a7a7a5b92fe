"""The cached lookups (``core.lookups``) and the short route (``core.routing``) follow every
change that they depend on, and fall back to the database when the cache is down."""

import pytest

from django.contrib.auth.models import Group

from wagtail.models import Page, PageViewRestriction, Site

from core.models import PortalSettings, Topic
from home.models import HomePage, StandardPage
from tests.helpers import soup


def page(code, slug):
    return Page.objects.get(locale__language_code=code, slug=slug).specific


def menu_titles(client, url):
    document = soup(client.get(url))
    return [link.get_text(strip=True) for link in document.select("nav.main-menu a")]


@pytest.mark.django_db
def test_a_published_menu_page_appears_and_leaves_on_unpublish(client):
    assert "Annual report" not in menu_titles(client, "/en/campaigns/")
    home = HomePage.objects.get(locale__language_code="en")
    report = home.add_child(
        instance=StandardPage(
            title="Annual report", slug="annual-report", show_in_menus=True, live=False
        )
    )
    assert "Annual report" not in menu_titles(client, "/en/campaigns/")
    report.save_revision().publish()
    assert "Annual report" in menu_titles(client, "/en/campaigns/")
    report.refresh_from_db()
    report.unpublish()
    assert "Annual report" not in menu_titles(client, "/en/campaigns/")


@pytest.mark.django_db
def test_a_settings_change_shows_at_once(client):
    assert "Open Knowledge Coalition" not in client.get("/en/").content.decode()
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Open Knowledge Coalition"
    settings.save()
    # The default name: French readers see the French name the settings give (core/identity.py).
    footer = soup(client.get("/en/")).select_one(".site-footer__name")
    assert footer.get_text(strip=True) == "Open Knowledge Coalition"


@pytest.mark.django_db
def test_a_renamed_topic_is_shown_with_its_new_name(client):
    campaign = page("en", "freedom-of-panorama")
    topic = campaign.topics.first()
    assert topic.name in client.get(campaign.url).content.decode()
    Topic.objects.filter(pk=topic.pk).update(name="Renamed topic")
    Topic.objects.get(pk=topic.pk).save()  # what the snippet editor does
    assert "Renamed topic" in client.get(campaign.url).content.decode()


@pytest.mark.django_db
def test_a_view_restriction_applies_at_once_and_leaves_listings(client):
    campaign = page("en", "freedom-of-panorama")
    assert client.get(campaign.url).status_code == 200
    assert campaign.title in client.get("/en/campaigns/").content.decode()
    restriction = PageViewRestriction.objects.create(
        page=campaign, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Moderators"))
    response = client.get(campaign.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert campaign.title not in client.get("/en/campaigns/").content.decode()
    restriction.delete()
    assert client.get(campaign.url).status_code == 200


@pytest.mark.django_db
def test_untranslated_pages_are_served_from_the_source_with_notice(client):
    response = client.get("/de/campaigns/freedom-of-panorama/")
    assert response.status_code == 200
    assert soup(response).select_one("main")["lang"] == "en"
    assert client.get("/de/campaigns/no-such-campaign/").status_code == 404
    assert client.get("/en/campaigns/freedom-of-panorama/no-such-child/").status_code == 404


@pytest.mark.django_db
def test_a_draft_translation_falls_back_to_the_source(client):
    french = page("fr", "freedom-of-panorama")
    french.unpublish()
    response = client.get("/fr/campaigns/freedom-of-panorama/")
    assert response.status_code == 200
    assert soup(response).select_one("main")["lang"] == "en"


@pytest.mark.django_db
def test_an_unpublished_page_is_not_served_in_any_language(client):
    source = page("en", "freedom-of-panorama")
    for translation in Page.objects.filter(translation_key=source.translation_key):
        translation.specific.unpublish()
    assert client.get("/en/campaigns/freedom-of-panorama/").status_code == 404
    assert client.get("/ar/campaigns/freedom-of-panorama/").status_code == 404


@pytest.mark.django_db
def test_pages_render_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    for url in ("/ar/", "/en/campaigns/freedom-of-panorama/", "/fr/search/?q=copyright"):
        assert client.get(url).status_code == 200, url
