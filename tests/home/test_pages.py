"""Every page type renders in every demo language with the right language, direction and links."""

import pytest

from tests.conftest import ALL_LANGUAGES, DEMO_LANGUAGES
from tests.helpers import hreflangs, soup

DETAIL_PAGES = [
    "campaigns/freedom-of-panorama/",
    "stories/panorama-photo-marathon/",
    "partners/open-shelf-alliance/",
    "policy/copyright-reform/",
]
SITE_PAGES = ["", "campaigns/", "stories/", "partners/", "policy/", "privacy/"]
HTML_LANG = {"pt-br": "pt-BR", "zh-hans": "zh-Hans"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", DEMO_LANGUAGES)
@pytest.mark.parametrize("path", SITE_PAGES + DETAIL_PAGES)
def test_page_renders_in_demo_language(client, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    document = soup(response)
    html = document.find("html")
    assert html["lang"] == HTML_LANG.get(language, language)
    assert html["dir"] == ("rtl" if language == "ar" else "ltr")
    alternates = hreflangs(document)
    assert set(alternates) >= {"en", "x-default", HTML_LANG.get(language, language)}
    assert alternates["x-default"].endswith(f"/en/{path}")
    assert document.find("h1").get_text(strip=True)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ALL_LANGUAGES)
@pytest.mark.parametrize("path", SITE_PAGES)
def test_home_indexes_and_privacy_exist_in_all_nine_languages(client, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    assert soup(response).find("html")["lang"] == HTML_LANG.get(language, language)


@pytest.mark.django_db
def test_translated_page_shows_translated_text(client):
    english = soup(client.get("/en/campaigns/freedom-of-panorama/")).find("h1").get_text()
    french = soup(client.get("/fr/campaigns/freedom-of-panorama/")).find("h1").get_text()
    arabic = soup(client.get("/ar/campaigns/freedom-of-panorama/")).find("h1").get_text()
    assert len({english, french, arabic}) == 3
    assert any("\u0600" <= char <= "\u06ff" for char in arabic)


@pytest.mark.django_db
def test_hreflang_lists_only_existing_translations(client):
    alternates = hreflangs(soup(client.get("/en/campaigns/freedom-of-panorama/")))
    assert {"fr", "es", "ru", "zh-Hans", "ar"} <= set(alternates)
    assert "de" not in alternates and "hi" not in alternates and "pt-BR" not in alternates
    assert alternates["fr"] == "http://testserver/fr/campaigns/freedom-of-panorama/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("fr-FR,fr;q=0.9", "/fr/"),
        ("ar", "/ar/"),
        ("zh-CN,zh;q=0.8", "/zh-hans/"),
        ("pt-BR", "/pt-br/"),
        ("xx", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_unknown_page_is_404_in_reader_language(client):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    assert soup(response).find("html")["lang"] == "fr"
