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


@pytest.mark.django_db
def test_unknown_page_is_404_in_arabic_right_to_left(client):
    from django.utils import translation

    response = client.get("/ar/nothing-here/")
    assert response.status_code == 404
    document = soup(response)
    assert document.find("html")["lang"] == "ar"
    assert document.find("html")["dir"] == "rtl"
    with translation.override("ar"):
        expected = translation.gettext("Page not found")
    assert expected != "Page not found"
    assert document.find("h1").get_text(strip=True) == expected
    assert "urlpatterns" not in response.content.decode()


def _settings_values(module, *names, **env):
    """Values of ``names`` in settings ``module``, loaded in a fresh process with ``env``."""
    import json
    import os
    import subprocess
    import sys

    clean = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {list(names)!r}}}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_demo_shows_the_portals_error_pages_unless_asked_for_debug_pages():
    names = ("DEBUG", "PORTAL_SERVE_MEDIA", "WHITENOISE_USE_FINDERS", "ALLOWED_HOSTS")
    demo = _settings_values("portal.settings.dev", *names)
    assert demo["DEBUG"] is False
    # Everything the demo did with DEBUG on still works: static files from the apps, media.
    assert demo["PORTAL_SERVE_MEDIA"] is True
    assert demo["WHITENOISE_USE_FINDERS"] is True
    assert "127.0.0.1" in demo["ALLOWED_HOSTS"] and "localhost" in demo["ALLOWED_HOSTS"]
    assert _settings_values("portal.settings.dev", "DEBUG", DEBUG="1")["DEBUG"] is True
    asked = _settings_values("portal.settings.dev", "DEBUG", PORTAL_DEBUG_PAGES="1")
    assert asked["DEBUG"] is True


@pytest.mark.django_db
def test_media_is_served_without_debug_where_the_settings_say_so(client, settings):
    from pathlib import Path

    assert settings.DEBUG is False and settings.PORTAL_SERVE_MEDIA is True
    Path(settings.MEDIA_ROOT, "served-without-debug.txt").write_text("media")
    response = client.get(f"{settings.MEDIA_URL}served-without-debug.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"media"
