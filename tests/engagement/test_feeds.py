"""RSS and Atom feeds: per language, live and public pages only, no person named."""

import datetime
import html

import pytest

from django.utils import timezone, translation
from django.utils.translation import gettext

from campaigns.models import CampaignPage, CampaignStatus
from stories.models import StoryPage
from tests.helpers import soup
from users.models import User

from .support import (
    ATOM,
    HOST,
    XML_LANG,
    atom_entries,
    demo_campaign,
    feed_authors,
    make_private,
    organisation_author,
    parse_xml,
    rss_items,
)

ORGANISATION = "Free Knowledge Advocacy Network"

LISTING_FEEDS = [
    ("campaigns", CampaignPage, "Campaigns"),
    ("stories", StoryPage, "Stories"),
]


def expected_links(model, language):
    """The language's live pages, as its global listing shows them: every story, and the
    campaigns of affiliates' sections only once staff accepted them."""
    pages = model.objects.live().public().filter(locale__language_code=language)
    if model is CampaignPage:
        pages = CampaignPage.global_listing(pages)
    return {HOST + page.get_url() for page in pages}


@pytest.fixture
def publisher(db):
    return User.objects.create_user(
        username="petra.publisher",
        email="petra.publisher@example.org",
        first_name="Petra",
        last_name="Publisher",
        password="a-long-enough-password",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "model", "_label"), LISTING_FEEDS)
@pytest.mark.parametrize(
    ("language", "xml_language"), [("en", "en"), ("fr", "fr"), ("ar", "ar"), ("zh-hans", "zh-Hans")]
)
def test_rss_lists_the_live_pages_of_its_language(
    client, kind, model, _label, language, xml_language
):
    root = parse_xml(client.get(f"/{language}/feeds/{kind}/rss/"))
    channel = root.find("channel")
    assert channel.findtext("language") == xml_language
    assert channel.findtext("link") == f"{HOST}/{language}/{kind}/"
    items = rss_items(root)
    assert items, "the demo has pages of this type in this language"
    assert {item["link"] for item in items} == expected_links(model, language)
    # Under the section's index, or under the affiliate's section that the entry names.
    assert all(
        item["link"].startswith(f"{HOST}/{language}/{kind}/")
        or item["link"].startswith(f"{HOST}/{language}/affiliates/")
        for item in items
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "model", "_label"), LISTING_FEEDS)
def test_atom_feed_has_language_and_same_entries(client, kind, model, _label):
    root = parse_xml(client.get(f"/ru/feeds/{kind}/atom/"))
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == "ru"
    assert root.findtext(f"{ATOM}subtitle")
    assert {entry["link"] for entry in atom_entries(root)} == expected_links(model, "ru")


@pytest.mark.django_db
def test_feed_title_is_in_the_feeds_language(client):
    french = parse_xml(client.get("/fr/feeds/campaigns/rss/")).find("channel").findtext("title")
    english = parse_xml(client.get("/en/feeds/campaigns/rss/")).find("channel").findtext("title")
    assert french.startswith("Campagnes")
    assert english.startswith("Campaigns")


@pytest.mark.django_db
def test_language_without_translations_lists_no_source_pages(client):
    # German has no translated campaign in the demo: its feed is empty, not English.
    root = parse_xml(client.get("/de/feeds/campaigns/rss/"))
    assert root.find("channel").findtext("language") == "de"
    assert rss_items(root) == []


@pytest.mark.django_db
def test_unpublished_and_private_pages_are_left_out(client):
    hidden = demo_campaign("en", "freedom-of-panorama")
    private = demo_campaign("en", "privacy-for-readers")
    hidden.unpublish()
    make_private(private)
    links = {item["link"] for item in rss_items(parse_xml(client.get("/en/feeds/campaigns/rss/")))}
    assert f"{HOST}/en/campaigns/freedom-of-panorama/" not in links
    assert f"{HOST}/en/campaigns/privacy-for-readers/" not in links
    assert f"{HOST}/en/campaigns/zero-rating-fair-access/" in links


@pytest.mark.django_db
def test_campaign_item_carries_status_and_summary(client):
    campaign = demo_campaign("fr")
    items = rss_items(parse_xml(client.get("/fr/feeds/campaigns/rss/")))
    item = next(item for item in items if item["link"].endswith("/freedom-of-panorama/"))
    assert item["title"] == campaign.title
    assert campaign.summary in html.unescape(item["description"])
    assert item["categories"] == [campaign.get_status_display()]


@pytest.mark.django_db
def test_campaign_feed_has_past_milestones_and_publications(client):
    campaign = demo_campaign("fr")
    root = parse_xml(client.get("/fr/feeds/campaigns/freedom-of-panorama/rss/"))
    channel = root.find("channel")
    assert channel.findtext("language") == "fr"
    assert channel.findtext("link") == f"{HOST}/fr/campaigns/freedom-of-panorama/"
    assert campaign.title in channel.findtext("title")
    items = rss_items(root)
    today = timezone.localdate()
    past = [block.value for block in campaign.milestones if block.value["date"] <= today]
    future = [block.value for block in campaign.milestones if block.value["date"] > today]
    titles = [item["title"] for item in items]
    assert past and all(milestone["title"] in titles for milestone in past)
    assert not any(milestone["title"] in titles for milestone in future)
    with translation.override("fr"):
        assert gettext("Campaign published") in titles  # the page's first publication
    assert len({item["guid"] for item in items}) == len(items)
    assert all(item["link"] == f"{HOST}/fr/campaigns/freedom-of-panorama/" for item in items)


@pytest.mark.django_db
def test_campaign_feed_reports_status_change_without_naming_the_publisher(client, publisher):
    campaign = demo_campaign("en")
    campaign.status = CampaignStatus.WON
    campaign.milestones.append(
        (
            "milestone",
            {"date": datetime.date(2020, 5, 4), "title": "Law passed", "description": "At last."},
        )
    )
    campaign.milestones.append(
        (
            "milestone",
            {"date": timezone.localdate() + datetime.timedelta(days=30), "title": "Law in force"},
        )
    )
    campaign.owner = publisher
    campaign.save_revision(user=publisher).publish(user=publisher, skip_permission_checks=True)

    for flavour in ("rss", "atom"):
        response = client.get(f"/en/feeds/campaigns/freedom-of-panorama/{flavour}/")
        body = response.content.decode()
        for personal in ("petra", "Petra", "Publisher", "example.org"):
            assert personal not in body
        # RFC 4287 asks an Atom feed for an author: the organisation, never a person.
        assert feed_authors(body) <= organisation_author(ORGANISATION)
        assert flavour == "rss" or feed_authors(body)
    titles = [
        item["title"]
        for item in rss_items(parse_xml(client.get("/en/feeds/campaigns/freedom-of-panorama/rss/")))
    ]
    assert titles[0] == "Status changed to Won"  # the newest entry comes first
    assert "Law passed" in titles
    assert "Law in force" not in titles  # dated in the future


@pytest.mark.django_db
def test_listing_feeds_name_no_author(client, publisher):
    story = StoryPage.objects.filter(locale__language_code="en").exclude(author_name="").first()
    assert story is not None, "the demo has a named story"
    story.owner = publisher
    story.save_revision(user=publisher).publish(user=publisher, skip_permission_checks=True)
    body = client.get("/en/feeds/stories/atom/").content.decode()
    assert story.title in body
    assert story.author_name not in body
    assert "petra" not in body.lower()
    assert feed_authors(body) == organisation_author(ORGANISATION)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/feeds/campaigns/no-such-campaign/rss/",
        "/de/feeds/campaigns/freedom-of-panorama/rss/",  # not translated into German
        "/en/feeds/campaigns/freedom-of-panorama/json/",
    ],
)
def test_unknown_or_untranslated_campaign_feed_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_private_campaign_has_no_feed(client):
    make_private(demo_campaign("en"))
    assert client.get("/en/feeds/campaigns/freedom-of-panorama/atom/").status_code == 404


def feed_links(response):
    return {
        (link["type"], link["href"]): link.get("title", "")
        for link in soup(response).select('head link[rel="alternate"][type]')
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "kind"), [("en", "campaigns"), ("ar", "stories")])
def test_index_pages_advertise_their_feeds(client, language, kind):
    links = feed_links(client.get(f"/{language}/{kind}/"))
    rss = ("application/rss+xml", f"/{language}/feeds/{kind}/rss/")
    atom = ("application/atom+xml", f"/{language}/feeds/{kind}/atom/")
    assert rss in links and atom in links
    for _type, href in (rss, atom):
        assert client.get(href).status_code == 200


@pytest.mark.django_db
def test_campaign_page_advertises_its_own_feed(client):
    links = feed_links(client.get("/es/campaigns/freedom-of-panorama/"))
    own = ("application/atom+xml", "/es/feeds/campaigns/freedom-of-panorama/atom/")
    assert own in links
    assert ("application/rss+xml", "/es/feeds/campaigns/freedom-of-panorama/rss/") in links
    assert client.get(own[1]).status_code == 200


@pytest.mark.django_db
def test_untranslated_campaign_advertises_the_source_language_feed(client):
    # German readers see the English page; its feed is the English one.
    links = feed_links(client.get("/de/campaigns/freedom-of-panorama/"))
    assert ("application/rss+xml", "/en/feeds/campaigns/freedom-of-panorama/rss/") in links


@pytest.mark.django_db
def test_pages_that_are_not_listings_advertise_no_feed(client):
    assert feed_links(client.get("/en/privacy/")) == {}
