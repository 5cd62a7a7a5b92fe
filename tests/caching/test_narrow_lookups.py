"""A change to some pages renews only the kept lookups of what shows them (``caching.dependents``):
for each kind of change, which pages' lookups are renewed and which are kept, what readers see
afterwards, and what the first view of an unrelated page costs."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, ReferenceIndex

from affiliates.models import AffiliatePage
from campaigns.models import CampaignPage
from core import lookups
from core.models import PortalSettings, Topic
from home.models import HomePage, StandardPage
from partners.models import PartnerPage
from stories.models import StoryIndexPage, StoryPage
from tests.helpers import soup

SITE_WIDE = "site-wide"


def live(code, slug):
    return Page.objects.get(locale__language_code=code, slug=slug).specific


def _read(scopes):
    generations = lookups.current(None, scopes)
    return {SITE_WIDE: generations[0], **dict(zip(scopes, generations[1:], strict=True))}


def renewed(scopes, change, capture):
    """Which of ``scopes`` (and ``SITE_WIDE``, the lookups generation) ``change()`` renews,
    once committed."""
    before = _read(scopes)
    with capture(execute=True):
        change()
    after = _read(scopes)
    return {scope for scope, value in before.items() if after[scope] != value}


def page_scopes(*pages):
    return {lookups.page_scope(page.pk) for page in pages}


def translations(page):
    return list(Page.objects.filter(translation_key=page.translation_key))


def an_unrelated_campaign(story):
    """A campaign that names neither the story nor any page the story names, and that the
    story does not name."""
    named = {story.campaign_id, *story.partners.values_list("pk", flat=True)}
    for campaign in CampaignPage.objects.live().filter(locale=story.locale).exclude(pk__in=named):
        names = ReferenceIndex.get_references_for_object(campaign).values_list(
            "to_object_id", flat=True
        )
        if str(story.pk) not in set(names):
            return campaign
    raise AssertionError("the demo has no campaign unrelated to the story")


def related_titles(client, url):
    return [a.get_text(strip=True) for a in soup(client.get(url)).select("section.related a")]


def scopes_of(story, unrelated):
    return [
        *page_scopes(story, *translations(story)),
        lookups.page_scope(story.campaign_id),
        *page_scopes(*story.partners.all()),
        lookups.page_scope(unrelated.pk),
        lookups.listing_scope(StoryPage),
        lookups.listing_scope(CampaignPage),
        lookups.listing_scope(PartnerPage),
        lookups.ROUTES,
    ]


@pytest.mark.django_db
def test_a_publish_renews_the_page_its_translations_and_what_it_names_alone(
    django_capture_on_commit_callbacks,
):
    story = live("en", "panorama-photo-marathon")
    unrelated = an_unrelated_campaign(story)
    found = renewed(
        scopes_of(story, unrelated),
        lambda: story.save_revision().publish(),
        django_capture_on_commit_callbacks,
    )
    assert found == {
        *page_scopes(story, *translations(story)),
        lookups.page_scope(story.campaign_id),
        *page_scopes(*story.partners.all()),
        lookups.listing_scope(StoryPage),
        lookups.ROUTES,
    }


@pytest.mark.django_db
def test_a_translation_published_renews_every_translation(django_capture_on_commit_callbacks):
    story = live("en", "panorama-photo-marathon")
    french = live("fr", "panorama-photo-marathon")
    unrelated = an_unrelated_campaign(story)
    found = renewed(
        scopes_of(story, unrelated),
        lambda: french.save_revision().publish(),
        django_capture_on_commit_callbacks,
    )
    assert page_scopes(*translations(story)) <= found  # the language links of each
    assert lookups.page_scope(story.pk) in found
    assert lookups.page_scope(unrelated.pk) not in found
    assert SITE_WIDE not in found


@pytest.mark.django_db
def test_a_link_taken_away_renews_the_page_it_led_to(client, django_capture_on_commit_callbacks):
    story = live("en", "panorama-photo-marathon")
    campaign = CampaignPage.objects.get(pk=story.campaign_id)
    assert story.title in related_titles(client, campaign.url)
    story.campaign = None
    found = renewed(
        [lookups.page_scope(campaign.pk)],
        lambda: story.save_revision().publish(),
        django_capture_on_commit_callbacks,
    )
    assert found == {lookups.page_scope(campaign.pk)}
    assert story.title not in related_titles(client, campaign.url)


@pytest.mark.django_db
def test_an_unpublish_renews_what_showed_the_page(client, django_capture_on_commit_callbacks):
    story = live("en", "panorama-photo-marathon")
    campaign = CampaignPage.objects.get(pk=story.campaign_id)
    unrelated = an_unrelated_campaign(story)
    assert story.title in related_titles(client, campaign.url)
    found = renewed(
        scopes_of(story, unrelated), story.unpublish, django_capture_on_commit_callbacks
    )
    assert lookups.page_scope(campaign.pk) in found
    assert {lookups.listing_scope(StoryPage), lookups.ROUTES} <= found
    assert not found & {lookups.page_scope(unrelated.pk), lookups.listing_scope(CampaignPage)}
    assert SITE_WIDE not in found
    assert story.title not in related_titles(client, campaign.url)
    assert client.get(story.url).status_code == 404


@pytest.mark.django_db
def test_a_move_renews_the_routes_and_what_shows_the_moved_pages(
    client, django_capture_on_commit_callbacks
):
    story = live("en", "panorama-photo-marathon")
    campaign = CampaignPage.objects.get(pk=story.campaign_id)
    unrelated = an_unrelated_campaign(story)
    other = StoryPage.objects.live().filter(locale=story.locale).exclude(pk=story.pk).first()
    old_url = story.url
    assert client.get(old_url).status_code == 200
    found = renewed(
        scopes_of(story, unrelated),
        lambda: story.move(other, pos="last-child"),
        django_capture_on_commit_callbacks,
    )
    assert {lookups.ROUTES, lookups.page_scope(story.pk), lookups.page_scope(campaign.pk)} <= found
    assert lookups.page_scope(unrelated.pk) not in found
    assert SITE_WIDE not in found
    story.refresh_from_db()
    moved = client.get(old_url)  # a redirect to where it went (wagtail.contrib.redirects)
    assert moved.status_code == 301
    assert moved["Location"].endswith(story.url)
    assert client.get(story.url).status_code == 200
    links = [a["href"] for a in soup(client.get(campaign.url)).select("section.related a")]
    assert story.url in links


@pytest.mark.django_db
def test_a_deletion_renews_what_showed_the_page(client, django_capture_on_commit_callbacks):
    story = live("en", "panorama-photo-marathon")
    campaign = CampaignPage.objects.get(pk=story.campaign_id)
    unrelated = an_unrelated_campaign(story)
    url = story.url
    assert story.title in related_titles(client, campaign.url)
    found = renewed(scopes_of(story, unrelated), story.delete, django_capture_on_commit_callbacks)
    assert {lookups.ROUTES, lookups.page_scope(campaign.pk)} <= found
    assert lookups.page_scope(unrelated.pk) not in found
    assert SITE_WIDE not in found
    assert client.get(url).status_code == 404
    assert story.title not in related_titles(client, campaign.url)


@pytest.mark.django_db
def test_the_home_page_follows_a_featured_campaign(client, django_capture_on_commit_callbacks):
    home = HomePage.objects.get(locale__language_code="en")
    featured = [item.get("value") for item in home.featured_campaigns.raw_data]
    campaign = CampaignPage.objects.get(pk=featured[0])
    assert campaign.title in client.get(home.url).content.decode()
    campaign.title = "A featured campaign renamed"
    found = renewed(
        [lookups.page_scope(home.pk)],
        lambda: campaign.save_revision().publish(),
        django_capture_on_commit_callbacks,
    )
    assert found == {lookups.page_scope(home.pk)}
    assert "A featured campaign renamed" in client.get(home.url).content.decode()


@pytest.mark.django_db
def test_the_home_page_follows_a_new_story(client, django_capture_on_commit_callbacks):
    home = HomePage.objects.get(locale__language_code="en")
    client.get(home.url)
    new_story(django_capture_on_commit_callbacks, title="The newest story of all")
    assert "The newest story of all" in client.get(home.url).content.decode()


@pytest.mark.django_db
def test_site_wide_changes_renew_everything(django_capture_on_commit_callbacks):
    home = HomePage.objects.get(locale__language_code="en")
    topic = Topic.objects.first()
    settings = PortalSettings.objects.first()
    for change in (
        topic.save,  # a term
        settings.save,  # the portal settings
        lambda: home.save_revision().publish(),  # a home page (menu, language roots)
        lambda: (
            home.add_child(
                instance=StandardPage(
                    title="Annual report", slug="annual-report", show_in_menus=True
                )
            )
            .save_revision()
            .publish()
        ),  # a page in the menu
    ):
        assert SITE_WIDE in renewed([], change, django_capture_on_commit_callbacks)


@pytest.mark.django_db
def test_a_page_the_settings_name_renews_everything(django_capture_on_commit_callbacks):
    settings = PortalSettings.objects.exclude(privacy_page=None).first()
    privacy = settings.privacy_page.specific
    found = renewed(
        [], lambda: privacy.save_revision().publish(), django_capture_on_commit_callbacks
    )
    assert SITE_WIDE in found


def new_story(capture, *, title):
    index = StoryIndexPage.objects.get(locale__language_code="en")
    story = index.add_child(
        instance=StoryPage(
            title=title,
            slug="a-story-naming-nothing",
            outcome="success",
            date=datetime.date(2030, 1, 1),
            live=False,
        )
    )
    with capture(execute=True):
        story.save_revision().publish()
    return story


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_an_unrelated_pages_first_view_after_a_publish_costs_one_query_more(
    client, django_capture_on_commit_callbacks
):
    """The first view of a page unrelated to what was published: at most the route is read
    again (one query), whatever the page type."""
    urls = [
        live("en", slug).url
        for slug in (
            "freedom-of-panorama",
            "panorama-photo-marathon",
            "open-shelf-alliance",
            "copyright-reform",
        )
    ]
    urls += ["/en/campaigns/", "/en/partners/", "/en/campaigns/?status=live"]
    story = new_story(django_capture_on_commit_callbacks, title="A story naming nothing")
    for change in (
        lambda: story.save_revision().publish(),  # published again
        story.unpublish,
        lambda: story.save_revision().publish(),  # published anew
    ):
        warm = {}
        for url in urls:
            client.get(url)
            warm[url] = _count(client, url)
        with django_capture_on_commit_callbacks(execute=True):
            change()
        for url in urls:
            assert _count(client, url) <= warm[url] + 1, url


@pytest.mark.django_db
def test_an_affiliates_section_renamed_renews_every_card_that_names_it(
    client, django_capture_on_commit_callbacks
):
    """An affiliate's page is deep in the tree, but its title is on every card and search
    result of its section, wherever they are listed (the global listings included)."""
    section = AffiliatePage.objects.get(locale__language_code="en", title="Levant Reading Rooms")
    campaigns = soup(client.get("/en/campaigns/"))
    assert "by Levant Reading Rooms" in campaigns.get_text()

    def rename():
        section.title = "Levant Libraries Network"
        section.save_revision().publish()

    assert SITE_WIDE in renewed([], rename, django_capture_on_commit_callbacks)
    assert "by Levant Libraries Network" in soup(client.get("/en/campaigns/")).get_text()
