"""A page read in the source language under another language's URL (not translated yet) keeps
the reader's site around it: the reader's menu, and terms named in the reader's language."""

import pytest

from wagtail.models import Page

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from core.models import Method, Region, Topic
from home.models import StandardPage
from stories.factories import StoryPageFactory
from stories.models import StoryIndexPage
from tests.conftest import ALL_LANGUAGES
from tests.helpers import soup


def menu_entries(response):
    return [
        (link.get_text(strip=True), link["href"]) for link in soup(response).select(".main-menu a")
    ]


def shown_terms(response):
    return {link.get_text(strip=True) for link in soup(response).select(".detail__aside .terms a")}


def names_in(model, terms, language):
    """What a reader of ``language`` should see: the term's translation, or the source name."""
    names = set()
    for term in terms:
        found = model.objects.filter(
            translation_key=term.translation_key, locale__language_code=language
        ).first()
        names.add((found or term).name)
    return names


def source_terms(model, *slugs):
    return list(model.objects.filter(locale__language_code="en", slug__in=slugs))


@pytest.fixture
def untranslated(db):
    """A campaign and a story published in the source language only."""
    topics = source_terms(Topic, "copyright", "access-to-knowledge")
    regions = source_terms(Region, "europe", "africa")
    methods = source_terms(Method, "coalition-building")
    assert topics and regions and methods
    campaign = CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(locale__language_code="en"),
        title="Only in the source language",
        slug="only-in-the-source-language",
        topics=topics,
        regions=regions,
    )
    story = StoryPageFactory(
        parent=StoryIndexPage.objects.get(locale__language_code="en"),
        title="A story only in the source language",
        slug="story-only-in-the-source-language",
        topics=topics,
        regions=regions,
        methods=methods,
    )
    return {
        "campaign": campaign,
        "story": story,
        "topics": topics,
        "regions": regions,
        "methods": methods,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_untranslated_page_keeps_the_readers_menu(client, untranslated, language):
    home_menu = menu_entries(client.get(f"/{language}/"))
    assert len(home_menu) > 1  # more than "Search"
    for path in (
        "campaigns/only-in-the-source-language/",
        "stories/story-only-in-the-source-language/",
    ):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200
        assert soup(response).find("h1").get_text(strip=True).endswith("source language")
        assert menu_entries(response) == home_menu
        # Read twice: the kept menu is the reader's too.
        assert menu_entries(client.get(f"/{language}/{path}")) == home_menu


@pytest.mark.django_db
@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_untranslated_page_marks_its_section_in_the_readers_menu(client, untranslated, language):
    response = client.get(f"/{language}/campaigns/only-in-the-source-language/")
    current = soup(response).select(".main-menu a[aria-current]")
    assert [link["href"] for link in current] == [f"/{language}/campaigns/"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_untranslated_page_names_terms_in_the_readers_language(client, untranslated, language):
    campaign = client.get(f"/{language}/campaigns/only-in-the-source-language/")
    expected = names_in(Topic, untranslated["topics"], language) | names_in(
        Region, untranslated["regions"], language
    )
    assert shown_terms(campaign) == expected
    story = client.get(f"/{language}/stories/story-only-in-the-source-language/")
    assert shown_terms(story) == expected | names_in(Method, untranslated["methods"], language)
    if language != "en":
        # The terms really are translated in the demo, so the test shows something.
        english = names_in(Topic, untranslated["topics"], "en") | names_in(
            Region, untranslated["regions"], "en"
        )
        assert expected != english
    # The source page read in English still names its terms in English.
    english = client.get("/en/campaigns/only-in-the-source-language/")
    assert shown_terms(english) == names_in(Topic, untranslated["topics"], "en") | names_in(
        Region, untranslated["regions"], "en"
    )


@pytest.mark.django_db
def test_german_reader_sees_europa(client, untranslated):
    document = soup(client.get("/de/campaigns/only-in-the-source-language/"))
    assert "Europa" in {link.get_text(strip=True) for link in document.select(".terms a")}
    assert "Europe" not in document.get_text()


@pytest.mark.django_db
def test_menu_falls_back_to_source_pages_the_language_lacks(client, untranslated):
    """A menu page not translated into the reader's language is listed in the source language,
    under the reader's prefix (served as the source with a notice)."""
    home = Page.objects.get(depth=2, locale__language_code="en")
    about = home.add_child(
        instance=StandardPage(title="About the source", slug="about-the-source", show_in_menus=True)
    )
    about.save_revision().publish()
    for language in ("de", "fr"):
        entries = menu_entries(client.get(f"/{language}/"))
        assert ("About the source", f"/{language}/about-the-source/") in entries
        assert (
            menu_entries(client.get(f"/{language}/campaigns/only-in-the-source-language/"))
            == entries
        )
