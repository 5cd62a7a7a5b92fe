"""One organisation name, in the reader's language, wherever the portal names itself (header,
browser title, footer, link previews, feeds, the admin), and one logo."""

import json
from pathlib import Path

import pytest

from django.conf import settings
from django.core.exceptions import ValidationError

from wagtail.blocks import StreamBlockValidationError
from wagtail.images.forms import get_image_form

from core.models import PortalSettings
from tests.conftest import ALL_LANGUAGES
from tests.helpers import soup

NAMES = json.loads(
    (Path(settings.BASE_DIR) / "demo/data/organisation.json").read_text(encoding="utf-8")
)["organisation"]
OTHER_NAMES = ("Free Knowledge Advocacy Portal", "Free Knowledge Advocacy ·")


def meta(document, prop):
    tag = document.find("meta", attrs={"property": prop})
    return tag["content"] if tag else None


def names_shown(document):
    return {
        "header": document.select_one(".site-header .site-name").get_text(strip=True),
        "footer": document.select_one(".site-footer__name").get_text(strip=True),
        "title": document.title.get_text(strip=True),
        "og:site_name": meta(document, "og:site_name"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_the_home_page_names_the_organisation_once_in_its_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    name = NAMES[language]
    assert set(names_shown(soup(response)).values()) == {name}
    html = response.content.decode()
    assert not any(other in html for other in OTHER_NAMES)
    if language != "en":
        assert NAMES["en"] not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr"])
def test_a_translated_page_names_the_organisation_in_its_language(client, language):
    response = client.get(f"/{language}/campaigns/freedom-of-panorama/")
    document = soup(response)
    shown = names_shown(document)
    assert shown["header"] == shown["footer"] == shown["og:site_name"] == NAMES[language]
    assert shown["title"].endswith(f" · {NAMES[language]}")


@pytest.mark.django_db
def test_a_language_without_a_name_of_its_own_shows_the_default_name(client):
    portal_settings = PortalSettings.objects.get()
    portal_settings.localised_names = [
        ("name", child.value)
        for child in portal_settings.localised_names
        if child.value["language"] != "de"
    ]
    portal_settings.save()
    shown = names_shown(soup(client.get("/de/")))
    assert {shown["header"], shown["footer"], shown["og:site_name"]} == {NAMES["en"]}


@pytest.mark.django_db
def test_an_edited_name_shows_at_once(client):
    assert names_shown(soup(client.get("/fr/")))["header"] == NAMES["fr"]
    portal_settings = PortalSettings.objects.get()
    portal_settings.localised_names = [("name", {"language": "fr", "name": "Réseau renommé"})]
    portal_settings.save()
    assert names_shown(soup(client.get("/fr/")))["header"] == "Réseau renommé"


def test_a_language_given_two_names_is_refused_with_a_message():
    block = PortalSettings._meta.get_field("localised_names").stream_block
    value = block.to_python(
        [
            {"type": "name", "value": {"language": "fr", "name": "Un"}},
            {"type": "name", "value": {"language": "fr", "name": "Deux"}},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert "two" in str(error.value.as_json_data())


@pytest.mark.django_db
def test_the_admin_uses_the_same_name(client):
    assert NAMES["en"] == settings.WAGTAIL_SITE_NAME
    document = soup(client.get("/admin/login/"))
    assert document.title.get_text(strip=True).endswith(NAMES["en"])
    assert document.h1.get_text(strip=True) == NAMES["en"]
    assert "Wagtail" not in document.title.get_text()


@pytest.mark.django_db
def test_the_admin_names_the_organisation_in_the_admin_language(client):
    with_language = soup(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="fr"))
    assert with_language.h1.get_text(strip=True) in {NAMES["fr"], NAMES["en"]}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_header_shows_the_logo_as_an_image(client, language):
    logo = PortalSettings.objects.get().logo
    assert logo is not None, "the demo sets a logo"
    response = client.get(f"/{language}/")
    header = soup(response).select_one(".site-header")
    image = header.select_one(".site-name img")
    assert image is not None
    assert image["src"].startswith(settings.MEDIA_URL)
    assert image["src"] == logo.get_rendition("max-480x96").url
    assert image["alt"] == ""  # the name is written beside it
    assert int(image["width"]) > 0 and int(image["height"]) > 0
    assert header.find("svg") is None


@pytest.mark.django_db
def test_link_previews_name_the_logo(client):
    document = soup(client.get("/en/campaigns/freedom-of-panorama/"))
    logo = meta(document, "og:logo")
    assert logo and logo.startswith("http://testserver/")


@pytest.mark.django_db
def test_no_logo_means_no_image_and_no_error(client):
    portal_settings = PortalSettings.objects.get()
    portal_settings.logo = None
    portal_settings.save()
    response = client.get("/en/")
    assert response.status_code == 200
    assert soup(response).select_one(".site-name img") is None
    assert meta(soup(response), "og:logo") is None


@pytest.mark.django_db
def test_an_svg_logo_with_a_script_cannot_be_uploaded():
    """The logo is a library image, and the library takes raster images only: an SVG, which
    can carry scripts, event handlers and external references, is refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.images import get_image_model

    field = PortalSettings._meta.get_field("logo")
    assert field.related_model is get_image_model()
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">'
        b"<script>alert(1)</script></svg>"
    )
    form_class = get_image_form(get_image_model())
    form = form_class(
        data={"title": "Logo", "description": "Logo"},
        files={"file": SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml")},
    )
    assert not form.is_valid()
    assert "file" in form.errors
    with pytest.raises(ValidationError):
        form.fields["file"].clean(SimpleUploadedFile("logo.svg", svg))
