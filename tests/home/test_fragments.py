"""Fragments kept between requests (cards, menu and footer markup, a page's related pages and
terms, routes, image markup, empty signature forms) follow every change they show, and a
preview still shows the draft."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from core import images as image_tags
from core import lookups
from core.compiled import CompiledQuery
from partners.models import PartnerPage
from stories.models import StoryPage
from tests.helpers import soup


def live(code, slug):
    return Page.objects.get(locale__language_code=code, slug=slug).specific


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def card_titles(client, url):
    return [a.get_text(strip=True) for a in soup(client.get(url)).select(".card__title a")]


@pytest.mark.django_db
def test_a_card_shows_a_new_title_once_published(client, django_capture_on_commit_callbacks):
    story = live("en", "panorama-photo-marathon")
    assert story.title in card_titles(client, "/en/stories/")
    story.title = "Marathon retold"
    story.save_revision()  # a draft changes nothing readers see
    assert "Marathon retold" not in card_titles(client, "/en/stories/")
    story.refresh_from_db()
    story.title = "Marathon retold"
    publish(story, django_capture_on_commit_callbacks)
    assert "Marathon retold" in card_titles(client, "/en/stories/")


@pytest.mark.django_db
def test_related_pages_follow_a_publish_elsewhere(client, django_capture_on_commit_callbacks):
    story = live("en", "panorama-photo-marathon")
    partner = PartnerPage.objects.live().get(pk=story.partners.first().pk)
    assert partner.title in client.get(story.url).content.decode()
    partner.title = "Renamed partner"
    publish(partner, django_capture_on_commit_callbacks)
    assert "Renamed partner" in client.get(story.url).content.decode()


def related_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select("section.related a")]


@pytest.mark.django_db
def test_a_preview_shows_the_draft_relations_not_the_cached_ones(client):
    story = StoryPage.objects.live().get(locale__language_code="en", slug="panorama-photo-marathon")
    partner = story.partners.first()
    assert partner.title in related_titles(client.get(story.url))  # now cached
    story.partners = []  # a draft without the partner, as the editor previews it
    assert partner.title not in related_titles(story.make_preview_request())
    assert partner.title in related_titles(client.get(story.url))


@pytest.mark.django_db
def test_a_moved_slug_moves_the_route(client, django_capture_on_commit_callbacks):
    story = live("en", "panorama-photo-marathon")
    assert client.get("/en/stories/panorama-photo-marathon/").status_code == 200
    story.slug = "photo-marathon"
    publish(story, django_capture_on_commit_callbacks)
    old = client.get("/en/stories/panorama-photo-marathon/")
    assert (old.status_code, old["Location"]) == (301, "/en/stories/photo-marathon/")
    assert client.get("/en/stories/photo-marathon/").status_code == 200


@pytest.mark.django_db
def test_made_up_urls_leave_no_route_in_the_cache(client):
    from django.core.cache import cache

    before = len(cache._cache)
    for number in range(20):
        assert client.get(f"/en/stories/no-such-story-{number}/").status_code == 404
    assert len(cache._cache) - before < 20


@pytest.mark.django_db
def test_the_current_section_is_marked_in_the_menu_of_each_page(client):
    def current(url):
        return [
            a.get_text(strip=True)
            for a in soup(client.get(url)).select("nav.main-menu a[aria-current]")
        ]

    campaigns = live("en", "campaigns").title
    stories = live("en", "stories").title
    assert current("/en/campaigns/") == [campaigns]
    assert current("/en/stories/panorama-photo-marathon/") == [stories]
    assert current("/en/") == []


@pytest.mark.django_db
def test_an_image_description_change_reaches_its_markup(client):
    image = get_image_model().objects.exclude(file="").first()
    before = str(image_tags.image_markup(image, "fill-480x270|format-webp", loading="lazy"))
    assert f'alt="{image.description or image.title}"' in before
    image.description = "A new description"
    image.save()
    after = str(image_tags.image_markup(image, "fill-480x270|format-webp", loading="lazy"))
    assert 'alt="A new description"' in after
    assert 'loading="lazy"' in after


@pytest.mark.django_db
def test_an_image_without_its_file_gives_the_not_found_markup_and_is_not_kept():
    image = get_image_model().objects.exclude(file="").first()
    image.file.name = "original_images/missing.jpg"
    image.file_hash = "missing"
    # A size no rendition exists for yet (the demo's pages and earlier tests make the usual
    # ones), so the file itself is needed.
    first = str(image_tags.image_markup(image, "fill-473x266|format-webp"))
    assert 'src="/media/not-found"' in first or "not-found" in first
    assert not any(key[2] == "original_images/missing.jpg" for key in image_tags._markup._values)


@pytest.mark.django_db
def test_the_empty_signature_form_is_translated_and_a_sent_one_keeps_its_input(client):
    english = soup(client.get("/en/campaigns/freedom-of-panorama/"))
    arabic = soup(client.get("/ar/campaigns/freedom-of-panorama/"))
    english_label = english.select_one(".action-form label").get_text(strip=True)
    arabic_label = arabic.select_one(".action-form label").get_text(strip=True)
    assert english_label != arabic_label
    form = english.select_one("form.action-form")
    response = client.post(form["action"], {"email": "not-an-address", "name": "Ama"})
    sent = soup(response)
    assert sent.select_one("input[name=name]")["value"] == "Ama"
    assert sent.select(".errorlist")


@pytest.mark.django_db
def test_compiled_query_gives_what_the_queryset_gives():
    story = live("en", "panorama-photo-marathon")
    query = CompiledQuery(
        lambda pk, locale: (
            StoryPage.objects.select_related("listing_image")
            .filter(pk=pk, locale_id=locale)
            .order_by("pk")
        ),
        [-7_340_021, -7_340_022],
    )
    (found,) = query.fetch(story.pk, story.locale_id)
    assert found == story
    assert found.title == story.title
    assert found.what_happened == story.what_happened
    assert list(found.evidence.raw_data) == list(story.evidence.raw_data)
    with CaptureQueriesContext(connection) as queries:
        image = found.listing_image  # read with the page (select_related)
    assert len(queries) == 0
    assert image is not None and image == story.listing_image
    assert query.fetch(story.pk, story.locale_id + 1000) == []


def test_compiled_query_refuses_a_placeholder_it_cannot_find():
    query = CompiledQuery(lambda pk: StoryPage.objects.filter(pk=1), [-7_340_021])
    with pytest.raises(ValueError, match="found 0 times"):
        query.fetch(5)


@pytest.mark.django_db
def test_no_lookup_is_kept_when_the_cache_keeps_nothing(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert lookups.generation() is None
    with translation.override("en"):
        assert lookups.cached(None, "anything", lambda: 1) == 1


@pytest.mark.django_db
def test_markup_names_the_rendition_made_again_after_a_purge():
    image = get_image_model().objects.exclude(file="").first()
    spec = "fill-480x270|format-webp"
    before = str(image_tags.image_markup(image, spec))
    old = image.get_rendition(spec).url
    assert old in before
    image.renditions.all().delete()  # what wagtail_update_image_renditions --purge-only does
    after = str(image_tags.image_markup(image, spec))
    new = image.get_rendition(spec).url
    assert new != old
    assert new in after


def _page_reads(client, url):
    """The queries of a request that read the listed pages' fields (not just their keys)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query for query in queries if '"stories_storypage"."summary"' in query["sql"]]


@pytest.mark.django_db
def test_a_listing_reads_its_pages_only_for_the_cards_not_kept(client):
    assert len(_page_reads(client, "/en/stories/")) == 1  # every card rendered, in one query
    assert _page_reads(client, "/en/stories/") == []  # every card kept
    lookups.bump()  # a publish: cards are rendered again
    assert len(_page_reads(client, "/en/stories/")) == 1
    titles = card_titles(client, "/en/stories/")
    assert titles and titles == card_titles(client, "/en/stories/")


@pytest.mark.django_db
def test_a_lookup_is_read_once_per_process_and_generation():
    from django.core.cache import cache

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert lookups.cached(None, "counted", compute) == 1
    cache.delete(f"lookups:{lookups.generation()}:counted")  # the process still has it
    assert lookups.cached(None, "counted", compute) == 1
    lookups.bump()
    assert lookups.cached(None, "counted", compute) == 2
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_listing_reads_its_pages_once_and_follows_an_unpublish(
    client, django_capture_on_commit_callbacks
):
    story = live("en", "panorama-photo-marathon")
    for url in ("/en/stories/", "/en/stories/?outcome=success"):
        assert story.title in card_titles(client, url)
    with CaptureQueriesContext(connection) as ctx:
        assert story.title in card_titles(client, "/en/stories/?outcome=success&page=1")
    # Neither counted nor listed again: the listing's keys are kept until a publish.
    assert not [q for q in ctx.captured_queries if "stories_storypage" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    for url in ("/en/stories/", "/en/stories/?outcome=success"):
        assert story.title not in card_titles(client, url)


def language_links(client, url):
    document = soup(client.get(url))
    untranslated = {a["hreflang"] for a in document.select(".language-switcher a.is-untranslated")}
    return {link["hreflang"] for link in document.select("link[hreflang]")}, untranslated


@pytest.mark.django_db
def test_language_links_follow_an_unpublished_translation(
    client, django_capture_on_commit_callbacks
):
    story = live("en", "panorama-photo-marathon")
    arabic = story.get_translation(Locale.objects.get(language_code="ar"))
    alternates, untranslated = language_links(client, story.url)
    assert "ar" in alternates and "ar" not in untranslated
    with django_capture_on_commit_callbacks(execute=True):
        arabic.unpublish()
    alternates, untranslated = language_links(client, story.url)
    assert "ar" not in alternates and "ar" in untranslated


OWN_FIELDS = [
    ("freedom-of-panorama", "summary"),
    ("panorama-photo-marathon", "summary"),
    ("open-shelf-alliance", "summary"),
    ("copyright-reform", "position_summary"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "field"), OWN_FIELDS)
def test_a_pages_own_markup_follows_its_publish_and_a_preview_shows_the_draft(
    client, django_capture_on_commit_callbacks, slug, field
):
    page = live("en", slug)
    shown = " ".join(getattr(page, field).split())
    assert shown in soup(client.get(page.url)).get_text(" ", strip=True)  # now kept
    setattr(page, field, "Rewritten for the next revision")
    page.save_revision()  # a draft changes nothing readers see…
    assert "Rewritten for the next revision" not in client.get(page.url).content.decode()
    # …but the editor's preview shows it.
    assert "Rewritten for the next revision" in page.make_preview_request().content.decode()
    publish(page, django_capture_on_commit_callbacks)
    assert "Rewritten for the next revision" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_a_campaigns_own_markup_is_rendered_once_per_revision(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    from campaigns import selectors

    rendered = []
    milestones = selectors.milestones
    monkeypatch.setattr(
        selectors, "milestones", lambda page: rendered.append(1) or milestones(page)
    )
    page = live("en", "freedom-of-panorama")
    first = client.get(page.url).content.decode()
    assert 'class="timeline"' in first
    assert client.get(page.url).content.decode().count('class="timeline"') == 1
    assert len(rendered) == 1  # the second view reused the markup
    publish(page, django_capture_on_commit_callbacks)
    assert 'class="timeline"' in client.get(page.url).content.decode()
    assert len(rendered) == 2
