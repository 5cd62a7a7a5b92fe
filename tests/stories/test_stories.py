import pytest

from django.core.exceptions import ValidationError

from stories.factories import StoryPageFactory
from stories.models import AuthorMode, StoryIndexPage, StoryPage
from tests.helpers import soup


def card_titles(response):
    return {link.get_text(strip=True) for link in soup(response).select(".card__title a")}


@pytest.mark.django_db
def test_demo_has_failures_to_learn_from():
    english = StoryPage.objects.live().filter(locale__language_code="en")
    assert english.count() >= 16
    assert english.filter(outcome="failure").count() >= 5


@pytest.mark.django_db
@pytest.mark.parametrize("outcome", ["success", "failure", "mixed"])
def test_outcome_filter(client, outcome):
    live = StoryPage.objects.live().filter(outcome=outcome)
    spanish = live.filter(locale__language_code="es")
    # Stories not translated into Spanish (an affiliate's) are listed in English.
    expected = set(spanish.values_list("title", flat=True)) | set(
        live.filter(locale__language_code="en")
        .exclude(translation_key__in=spanish.values("translation_key"))
        .values_list("title", flat=True)
    )
    assert card_titles(client.get("/es/stories/", {"outcome": outcome})) == expected


@pytest.mark.django_db
def test_method_filter(client):
    expected = set(
        StoryPage.objects.live()
        .filter(locale__language_code="en", methods__slug="litigation")
        .values_list("title", flat=True)
    )
    assert expected
    assert card_titles(client.get("/en/stories/", {"method": "litigation"})) == expected


@pytest.mark.django_db
def test_story_page_renders_sections_and_lessons(client):
    page = StoryPage.objects.get(locale__language_code="ru", slug="textbook-pilot-that-stalled")
    document = soup(client.get(page.url))
    for heading in ("context-heading", "methods-heading", "happened-heading", "lessons-heading"):
        assert document.find(id=heading) is not None
    assert len(document.select(".lessons li")) == len(page.lessons)
    campaign_link = document.select_one(".related a")
    assert campaign_link["href"].startswith("/ru/campaigns/")


@pytest.mark.django_db
def test_anonymous_story_never_shows_or_stores_a_name(client):
    index = StoryIndexPage.objects.get(locale__language_code="en")
    page = StoryPageFactory(
        parent=index,
        title="A quiet account",
        author_mode=AuthorMode.ANONYMOUS,
        author_name="Secret Person",
    )
    page.refresh_from_db()
    assert page.author_name == ""
    assert page.attribution == ""
    response = client.get(page.url)
    assert "Secret Person" not in response.content.decode()
    assert page.latest_revision.content["author_name"] == ""


@pytest.mark.django_db
def test_switching_to_anonymous_clears_the_name():
    page = StoryPage.objects.filter(
        locale__language_code="en", author_mode=AuthorMode.NAMED
    ).first()
    page.author_mode = AuthorMode.ANONYMOUS
    page.full_clean()
    assert page.author_name == ""


@pytest.mark.django_db
def test_named_story_needs_a_name():
    page = StoryPage.objects.filter(locale__language_code="en").first()
    page.author_mode = AuthorMode.PSEUDONYMOUS
    page.author_name = "   "
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "author_name" in error.value.message_dict


@pytest.mark.django_db
def test_pseudonymous_story_shows_the_pen_name_in_every_language(client):
    page = StoryPage.objects.filter(
        locale__language_code="en", author_mode=AuthorMode.PSEUDONYMOUS
    ).first()
    for translation in page.get_translations(inclusive=True).specific():
        assert page.author_name in client.get(translation.url).content.decode()
