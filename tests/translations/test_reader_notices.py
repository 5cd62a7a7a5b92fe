import pytest

from wagtail.models import Page

from tests.helpers import soup


@pytest.mark.django_db
def test_outdated_translation_tells_the_reader(client):
    english = Page.objects.get(locale__language_code="en", slug="zero-rating-fair-access").specific
    assert (
        soup(client.get("/es/campaigns/zero-rating-fair-access/")).select_one(".notice--outdated")
        is None
    )
    english.summary = "Updated summary."
    english.save_revision().publish()
    notice = soup(client.get("/es/campaigns/zero-rating-fair-access/")).select_one(
        ".notice--outdated"
    )
    assert notice is not None and notice["role"] == "status"
    # The source itself is never "outdated".
    assert (
        soup(client.get("/en/campaigns/zero-rating-fair-access/")).select_one(".notice--outdated")
        is None
    )


@pytest.mark.django_db
def test_untranslated_page_shows_the_source_with_a_notice(client):
    response = client.get("/de/campaigns/freedom-of-panorama/")
    assert response.status_code == 200
    document = soup(response)
    english = Page.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    assert document.find("h1").get_text(strip=True) == english.title
    assert document.find("html")["lang"] == "de"
    assert document.find("main")["lang"] == "en"
    notice = document.select_one(".notice--untranslated")
    assert notice is not None and notice["lang"] == "de"
    assert notice.select_one("a[href^='mailto:']") is not None
    assert document.select_one('link[rel="canonical"]')["href"].endswith(
        "/en/campaigns/freedom-of-panorama/"
    )
    assert document.select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.django_db
def test_fallback_never_serves_a_missing_page(client):
    assert client.get("/de/campaigns/no-such-campaign/").status_code == 404
    assert client.get("/en/campaigns/no-such-campaign/").status_code == 404


@pytest.mark.django_db
def test_listing_links_keep_the_reader_in_their_language(client):
    document = soup(client.get("/de/campaigns/"))
    links = [a["href"] for a in document.select(".card__title a")]
    # A campaign staff accepted from an affiliate's section is under that section.
    assert links and all(href.startswith(("/de/campaigns/", "/de/affiliates/")) for href in links)
    assert client.get(links[0]).status_code == 200
    section = [href for href in links if href.startswith("/de/affiliates/")]
    assert all(client.get(href).status_code == 200 for href in section)
