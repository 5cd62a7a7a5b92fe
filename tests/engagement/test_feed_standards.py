"""The feeds against their standards: RFC 4287's required elements in every Atom feed, the
organisation (never a person) as the feed's author, its logo, and entries dated by their
pages' first and last publication."""

import datetime
import email.utils
import json
from pathlib import Path

import pytest

from django.conf import settings
from django.utils.dateparse import parse_datetime

from campaigns.models import CampaignPage
from core.models import PortalSettings
from stories.models import StoryPage

from .support import ATOM, HOST, parse_xml

NAMES = json.loads(
    (Path(settings.BASE_DIR) / "demo/data/organisation.json").read_text(encoding="utf-8")
)["organisation"]
FEEDS = [
    "/{lang}/feeds/campaigns/{flavour}/",
    "/{lang}/feeds/stories/{flavour}/",
    "/{lang}/feeds/campaigns/freedom-of-panorama/{flavour}/",
]
MODELS = {"campaigns": CampaignPage, "stories": StoryPage}


def rfc3339(text):
    moment = parse_datetime(text or "")
    assert moment is not None and moment.tzinfo is not None, text
    return moment


def atom(client, url):
    root = parse_xml(client.get(url))
    assert root.tag == f"{ATOM}feed"
    return root


def one(element, name):
    found = element.findall(f"{ATOM}{name}")
    assert len(found) == 1, (name, len(found))
    return found[0]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
@pytest.mark.parametrize("feed", FEEDS)
def test_atom_feeds_have_every_element_rfc_4287_requires(client, feed, language):
    root = atom(client, feed.format(lang=language, flavour="atom"))
    # atom:feed: exactly one id, title and updated; an author, as its entries have none.
    assert one(root, "id").text.startswith(f"{HOST}/")
    assert one(root, "title").text
    rfc3339(one(root, "updated").text)
    authors = root.findall(f"{ATOM}author")
    assert len(authors) == 1
    assert [name.text for name in authors[0].findall(f"{ATOM}name")] == [NAMES[language]]
    assert authors[0].find(f"{ATOM}email") is None  # the organisation, no address
    self_links = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(self_links) == 1
    entries = root.findall(f"{ATOM}entry")
    assert entries, "the demo has entries in this feed"
    ids = []
    for entry in entries:
        ids.append(one(entry, "id").text)
        assert one(entry, "title").text
        rfc3339(one(entry, "updated").text)
        assert entry.findall(f"{ATOM}author") == []  # inherited from the feed
        if entry.find(f"{ATOM}content") is None:
            alternates = [
                link
                for link in entry.findall(f"{ATOM}link")
                if link.get("rel", "alternate") == "alternate"
            ]
            assert len(alternates) == 1
            assert alternates[0].get("href").startswith(f"{HOST}/")
        summary = entry.find(f"{ATOM}summary")
        assert summary is None or summary.get("type") in (None, "text", "html", "xhtml")
    assert len(set(ids)) == len(ids)


@pytest.mark.django_db
@pytest.mark.parametrize("feed", FEEDS)
def test_feeds_carry_the_organisations_logo(client, feed):
    logo = PortalSettings.objects.get().logo
    assert logo is not None, "the demo sets a logo"
    root = atom(client, feed.format(lang="fr", flavour="atom"))
    icon, wide = one(root, "icon").text, one(root, "logo").text
    assert icon == HOST + logo.get_rendition("fill-144x144").url
    assert wide == HOST + logo.get_rendition("max-480x240").url
    assert client.get(icon.removeprefix(HOST)).status_code in (200, 404)  # media may be served
    channel = parse_xml(client.get(feed.format(lang="fr", flavour="rss"))).find("channel")
    image = channel.find("image")
    assert image is not None
    assert image.findtext("url") == icon
    assert image.findtext("title") == channel.findtext("title")
    assert image.findtext("link") == channel.findtext("link")
    assert int(image.findtext("width")) <= 144 and int(image.findtext("height")) <= 400


@pytest.mark.django_db
def test_feeds_without_a_logo_have_none(client):
    portal_settings = PortalSettings.objects.get()
    portal_settings.logo = None
    portal_settings.save()
    root = atom(client, "/en/feeds/stories/atom/")
    assert root.find(f"{ATOM}icon") is None and root.find(f"{ATOM}logo") is None
    channel = parse_xml(client.get("/en/feeds/stories/rss/")).find("channel")
    assert channel.find("image") is None


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["campaigns", "stories"])
def test_entries_are_dated_by_first_and_last_publication(client, kind):
    pages = {
        HOST + page.get_url(): page
        for page in MODELS[kind].objects.live().filter(locale__language_code="en")
    }
    channel = parse_xml(client.get(f"/en/feeds/{kind}/rss/")).find("channel")
    published = {}
    for item in channel.iter("item"):
        page = pages[item.findtext("link")]
        moment = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
        assert moment == page.first_published_at.replace(microsecond=0)
        published[page.pk] = moment
    root = atom(client, f"/en/feeds/{kind}/atom/")
    for entry in root.findall(f"{ATOM}entry"):
        page = pages[entry.find(f"{ATOM}link").get("href")]
        assert rfc3339(entry.findtext(f"{ATOM}published")) == page.first_published_at
        assert rfc3339(entry.findtext(f"{ATOM}updated")) == page.last_published_at
    # The demo's pages tell a story of several years, not of the minute the demo was loaded.
    moments = sorted(published.values())
    assert len(moments) >= 3
    assert moments[-1] - moments[0] > datetime.timedelta(days=30)


@pytest.mark.django_db
def test_demo_campaigns_were_published_before_they_started(client):
    # Drafts (the campaign an accepted proposal starts) have no publication yet.
    published = CampaignPage.objects.filter(first_published_at__isnull=False)
    for page in published.filter(locale__language_code="en"):
        assert page.first_published_at.date() <= page.start_date or page.status == "planned"
        assert page.last_published_at >= page.first_published_at


@pytest.mark.django_db
def test_a_campaigns_first_publication_entry_is_dated_by_its_publication(client):
    page = CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    root = parse_xml(client.get("/en/feeds/campaigns/freedom-of-panorama/rss/"))
    launches = [
        item for item in root.iter("item") if item.findtext("title") == "Campaign published"
    ]
    assert len(launches) == 1
    moment = email.utils.parsedate_to_datetime(launches[0].findtext("pubDate"))
    assert moment == page.first_published_at.replace(microsecond=0)
