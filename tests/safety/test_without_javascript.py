"""The key public pages work without JavaScript (Tor Browser's safest level runs none): their
content is in the HTML, and their forms post or search with plain HTML."""

import pytest

from tests.helpers import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "content"),
    [
        ("/en/", ".hero h1"),
        ("/ar/", ".hero h1"),
        ("/en/campaigns/freedom-of-panorama/", ".timeline__item"),
        ("/en/stories/panorama-photo-marathon/", "main h1"),
        ("/en/search/?q=copyright", ".search-result"),
        ("/en/safety/if-you-are-threatened/", "main h2"),
        ("/ar/get-involved/", ".ways li"),
    ],
)
def test_content_is_in_the_html(client, url, content):
    response = client.get(url)
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one(content), content
    assert document.select_one("main").get_text(strip=True)
    # Every script is an extra from a file; none writes the content.
    for script in document.select("script"):
        assert script.get("src") and script.has_attr("defer"), script


def test_the_signing_form_posts_without_javascript(client):
    document = soup(client.get("/en/campaigns/freedom-of-panorama/"))
    form = document.select_one("form.action-form")
    assert form["method"] == "post"
    assert form["action"].startswith("/en/actions/")
    assert form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert form.select_one("input[name=started]")["value"]
    assert form.select_one("button[type=submit]")
    # Without the script the quick exit is a plain link that sends no referrer.
    link = form.select_one("a.quick-exit")
    assert link["href"].startswith("https://") and "noreferrer" in link["rel"]


def test_search_works_as_a_plain_get_form(client):
    form = soup(client.get("/en/search/")).select_one("form.search-form")
    assert form["method"] == "get"
    assert form.select_one("input[name=q]")
