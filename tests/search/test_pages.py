"""The search page and the API as readers meet them: messages instead of errors, accessible
markup, no authorship, a fixed number of queries."""

import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.models import AuthorMode, StoryPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def test_the_page_groups_results_and_labels_other_languages(client):
    document = soup(client.get("/de/search/", {"q": "petition"}))
    form = document.select_one("form[role=search]")
    field = form.select_one("input[name=q]")
    assert form.select_one(f"label[for={field['id']}]")
    count = document.select_one(".result-count")
    assert count["role"] == "status" and "Ergebnis" in count.get_text()
    first = document.select_one(".search-result")
    link = first.select_one("h2 a")
    # Nothing is in German: the shown version says which language it is in, in its own lang.
    assert link["lang"] in {"en", "fr", "es"} and link["hreflang"] == link["lang"]
    assert first.select_one(".badge--language")
    others = first.select(".search-result__languages a")
    assert {a["hreflang"] for a in others} >= {"ru", "ar", "zh-Hans"}
    assert all(a["href"].startswith("/") for a in others)


def test_right_to_left_results_are_marked(client):
    document = soup(client.get("/en/search/", {"q": "عريضة", "language": "ar"}))
    link = document.select_one(".search-result h2 a")
    assert link["lang"] == "ar" and link["dir"] == "rtl"


def test_facets_are_links_that_toggle_a_filter(client):
    document = soup(client.get("/en/search/", {"q": "campaign"}))
    facet = document.select_one(".search-facets")
    story_link = next(a for a in facet.select("a") if a.get_text(strip=True).startswith("Story"))
    filtered = soup(client.get("/en/search/" + story_link["href"]))
    selected = filtered.select_one(".search-facets a[aria-current=true]")
    assert selected is not None
    assert {badge.get_text() for badge in filtered.select(".search-result__meta .badge")} == {
        "Story"
    }
    assert "type=" not in selected["href"]  # following it again removes the filter


def test_the_page_loads_nothing_from_other_origins(client):
    html = client.get("/fr/search/", {"q": "bibliothèques"}).content.decode()
    document = soup(client.get("/fr/search/", {"q": "bibliothèques"}))
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in document.find_all(tag):
            assert not element.get(attribute, "").startswith(("http:", "https:", "//")), element
    assert "<mark>" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Type a word or two"),
        ({"q": "   "}, "Type a word or two"),
        ({"q": "?!… — ·"}, "no words to look for"),
        ({"q": "libraries " * 60}, "too long and has been shortened"),
        ({"q": "library", "type": "spaceship"}, "not recognised and have been ignored"),
    ],
)
def test_odd_queries_get_a_message(client, params, message):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    notices = [p.get_text() for p in soup(response).select(".notice[role=status]")]
    assert any(message in notice for notice in notices), notices


@pytest.mark.parametrize(
    "params",
    [
        {"q": "libr\x00ary"},
        {"q": "library", "page": "9999"},
        {"q": "library", "page": "-1"},
        {"q": "library", "page": "abc"},
        {"q": '"unbalanced (quotes AND OR NOT * ^ : {'},
        {"q": "' OR 1=1 --"},
        {"q": "NEAR(a b)"},
        {"q": "\ud7ff\uffff"},
        {"q": "x" * 5000},
        {"q": ["a", "b"]},
    ],
)
def test_malformed_queries_never_fail(client, params):
    assert client.get("/en/search/", params).status_code == 200
    api = client.get("/api/search/", {**params, "lang": "fr"})
    assert api.status_code == 200
    assert isinstance(api.json()["results"], list)


def test_the_api_answers_in_the_readers_language(client):
    # An English word found in English pages; every group exists in Russian, so all are shown
    # in Russian.
    data = client.get("/api/search/", {"q": "campaign", "lang": "ru"}).json()
    assert data["language"] == "ru" and data["engine"] == "database"
    results = data["results"]
    assert len({result["translation_key"] for result in results}) == len(results) == 12
    assert data["count"] > 12 and data["num_pages"] > 1
    assert {result["language"] for result in data["results"]} == {"ru"}
    assert sum(facet["count"] for facet in data["facets"]["type"]) == data["count"]


def test_an_unknown_api_language_falls_back_to_english(client):
    data = client.get("/api/search/", {"q": "petition", "lang": "xx"}).json()
    assert data["language"] == "en"
    assert data["messages"][0]["code"] == "unknown_language"


def test_results_never_name_who_wrote_or_published(client, django_capture_on_commit_callbacks):
    story = StoryPage.objects.get(slug="upload-filter-petition", locale__language_code="en")
    story.author_mode = AuthorMode.NAMED
    story.author_name = "Zephyrine Quortle"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert client.get("/api/search/", {"q": "Quortle"}).json()["count"] == 0
    payload = client.get("/api/search/", {"q": "petition", "lang": "en"}).content.decode()
    assert "Quortle" not in payload
    keys = set()

    def collect(value):
        if isinstance(value, dict):
            keys.update(value)
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(json.loads(payload))
    assert not keys & {"owner", "author", "author_name", "user", "owner_team", "published_by"}


def test_autocomplete_suggests_titles_in_the_readers_language(client):
    data = client.get("/api/search/autocomplete/", {"q": "petiti", "lang": "fr"}).json()
    titles = [item["title"] for item in data["suggestions"]]
    assert "Une pétition qui a obtenu une exemption, mais pas le vote" in titles
    assert all(item["url"].startswith("/") for item in data["suggestions"])
    assert client.get("/api/search/autocomplete/", {"q": "p"}).json()["suggestions"] == []
    chinese = client.get("/api/search/autocomplete/", {"q": "网络", "lang": "zh-hans"}).json()
    assert "网络中立" in [item["title"] for item in chinese["suggestions"]]


def test_the_search_page_does_not_query_per_result(client, settings):
    def count(page_size):
        settings.PORTAL_PAGE_SIZE = page_size
        client.get("/en/search/", {"q": "campaign"})  # warm the site root cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/search/", {"q": "campaign"})
        assert len(soup(response).select(".search-result")) == page_size
        return len(queries.captured_queries)

    assert count(2) == count(20)


def test_the_search_page_query_ceiling(client, django_assert_max_num_queries):
    client.get("/fr/search/", {"q": "bibliothèques", "type": "story"})
    with django_assert_max_num_queries(16):
        response = client.get("/fr/search/", {"q": "bibliothèques", "type": "story"})
    assert response.status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get("/api/search/", {"q": "bibliothèques", "lang": "fr"}).status_code == 200


def test_result_urls_are_the_pages_own(client, rf):
    from wagtail.models import Page

    from search.results import PageUrls

    request = rf.get("/", HTTP_HOST="localhost")
    urls = PageUrls(request)
    pages = Page.objects.filter(depth__gte=3).order_by("?")[:40]
    assert [urls(page.url_path) for page in pages] == [page.get_url(request) for page in pages]


def test_section_anchors_are_not_text(search_engine, client):
    """An explainer's section anchors (``freedom-of-panorama``) are addresses: they are not
    indexed and never open a snippet, on every engine."""
    from explainers.models import PolicyExplainerPage
    from search.models import SearchDocument

    # An anchor that is also a word of some page (``zero-rating``) may rightly be found.
    anchors, words = set(), []
    for page in PolicyExplainerPage.objects.live():
        sections = [block.value for block in page.body if block.block_type == "section"]
        anchors |= {section["anchor"] for section in sections if "-" in section["anchor"]}
        words += [
            page.summary,
            page.position_summary,
            *(f"{section['heading']} {section['content'].source}" for section in sections),
            *(str(block.value) for block in page.key_asks),
        ]
    words = " ".join(words)
    anchors = {anchor for anchor in anchors if anchor not in words}
    assert "freedom-of-panorama" in anchors
    bodies = SearchDocument.objects.filter(kind="explainer").values_list("body", flat=True)
    assert not [anchor for body in bodies for anchor in anchors if anchor in body]
    document = soup(client.get("/en/search/", {"q": "panorama", "type": "explainer"}))
    snippets = [p.get_text() for p in document.select(".search-result__snippet")]
    assert snippets, "no explainer found for 'panorama'"
    assert not [s for s in snippets for anchor in anchors if anchor in s], snippets
