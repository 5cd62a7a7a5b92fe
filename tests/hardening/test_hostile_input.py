"""Hostile text in every translatable field reaches readers as text, never as markup.

Every translatable text, rich text and StreamField field of each page type, the taxonomy and
action snippets, a signer's name and the site settings are filled with script tags, attribute
break-outs, right-to-left overrides and very long strings, through the paths editors and
translators use (Draftail's converter for rich text, wagtail-localize for translations). The
public pages, feeds, search and the content API must then show the text escaped, with no
script, event attribute or ``javascript:`` link of the content's making.
"""

import json
import re
from html import escape
from urllib.parse import urlencode
from uuid import uuid4

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Locale, Page, Site
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from actions.factories import SignatureFactory
from actions.models import CampaignAction
from campaigns.models import CampaignIndexPage, CampaignPage
from core.blocks import AnchorBlock
from core.models import PortalSettings
from explainers.models import PolicyExplainerIndexPage, PolicyExplainerPage
from home.models import HomePage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from stories.models import AuthorMode, StoryIndexPage, StoryPage

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
RTL = "\u202egnp.exe"  # RIGHT-TO-LEFT OVERRIDE: "exe.png" shown backwards
HOSTILE = f"{SCRIPT} {BREAKOUT} {RTL}"
LONG_TAIL = " overlong" * 3000  # 27,000 characters where a field has no limit
HOSTILE_URL = 'https://example.org/?q="><script>alert(1)</script>'  # a valid URL all the same
FEATURES = ["bold", "italic", "link", "ol", "ul"]
PAGE_MODELS = [HomePage, StandardPage, CampaignPage, StoryPage, PartnerPage, PolicyExplainerPage]
PAGE_MODELS += [CampaignIndexPage, StoryIndexPage, PartnerIndexPage, PolicyExplainerIndexPage]
EXECUTABLE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def text(max_length=None):
    return (HOSTILE + LONG_TAIL)[:max_length] if max_length else HOSTILE + LONG_TAIL


def rich_text():
    """What Draftail sends for hostile typing and a ``javascript:`` link, stored as Wagtail
    stores it once the editor's content is converted."""
    typed = f"{HOSTILE} click here"
    block = {"key": "k1", "text": typed, "type": "unstyled", "depth": 0, "data": {}}
    block["inlineStyleRanges"] = [{"offset": 0, "length": 8, "style": "BOLD"}]
    block["entityRanges"] = [{"offset": len(typed) - 10, "length": 10, "key": 0}]
    link = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
    contentstate = {"blocks": [block], "entityMap": {"0": link}}
    return ContentstateConverter(FEATURES).to_database_format(json.dumps(contentstate))


def raw_block_value(block):
    """A raw StreamField value with hostile text in every text child of ``block``."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": raw_block_value(child), "id": str(uuid4())}
            for name, child in block.child_blocks.items()
            if not isinstance(child, ImageBlock | blocks.ChooserBlock)
        ]
    if isinstance(block, ImageBlock):
        return None
    if isinstance(block, blocks.StructBlock):
        return {name: raw_block_value(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.RichTextBlock):
        return rich_text()
    if isinstance(block, blocks.URLBlock):
        return HOSTILE_URL
    if isinstance(block, blocks.DateBlock):
        return "2026-01-15"
    if isinstance(block, AnchorBlock):
        return "hostile-section"
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return text(block.field.max_length)
    return None


def fill(instance):
    """Hostile values in each of the instance's translatable text fields; the fields filled."""
    filled = []
    for spec in get_translatable_fields(type(instance)):
        if not isinstance(spec, TranslatableField) and spec.field_name != "author_name":
            continue
        field = type(instance)._meta.get_field(spec.field_name)
        if isinstance(field, StreamField):
            stream_block = field.stream_block
            setattr(instance, field.name, json.dumps(raw_block_value(stream_block)))
            stream_block.clean(getattr(instance, field.name))  # what the editor's form accepts
        elif isinstance(field, RichTextField):
            setattr(instance, field.name, rich_text())
        elif field.get_internal_type() in ("CharField", "TextField") and not field.choices:
            setattr(instance, field.name, text(field.max_length))
        else:
            continue
        filled.append(field.name)
    if hasattr(instance, "website"):
        instance.website = HOSTILE_URL
    if hasattr(instance, "author_mode"):
        instance.author_mode = AuthorMode.NAMED
    return filled


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def problems(html):
    """Script, event attributes and executable links in an HTML document."""
    document = BeautifulSoup(html, "html.parser")
    found = []
    for script in document.find_all("script"):
        if not script.get("src", "").startswith("/static/") or script.get_text().strip():
            found.append(str(script)[:100])
    for element in document.find_all(True):
        if element.name == "img" and element.get("src") == "x":
            found.append(str(element)[:100])
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}=...>")
            for item in value if isinstance(value, list) else [value]:
                compact = re.sub(r"[\s\x00-\x1f]", "", item).lower()
                if compact.startswith(EXECUTABLE_SCHEMES):
                    found.append(f"<{element.name} {name}={item[:40]}>")
    for payload in (SCRIPT, "<img src=x"):
        if payload in html:
            found.append(f"unescaped {payload}")
    return found


@pytest.fixture
def hostile_site(db):
    """The English site, with hostile text in every translatable field."""
    pages = {}
    for model in PAGE_MODELS:
        page = model.objects.filter(locale__language_code="en").live().order_by("pk").first()
        assert page is not None, model
        assert fill(page), model
        pages[model] = publish(page)
    campaign = pages[CampaignPage]
    story = pages[StoryPage]
    for related in (campaign.topics, campaign.regions, story.methods):
        term = related.first()
        assert fill(term)
        term.full_clean()
        term.save()
    action = CampaignAction.objects.filter(campaign=campaign).first()
    assert action is not None
    fill(action)
    action.is_open, action.advocate_safety = True, False
    action.collect_name = action.show_recent_signers = True
    action.full_clean()
    action.save()
    SignatureFactory(
        action=action, name=HOSTILE, country="KE", confirmed_at=timezone.now(), language="en"
    )
    settings_object = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings_object.organisation_name = text(150)
    settings_object.social_links = json.dumps(
        [{"type": "link", "value": {"label": HOSTILE, "url": HOSTILE_URL}, "id": str(uuid4())}]
    )
    settings_object.save()
    return pages, action


def public_urls(pages, action):
    actions = [f"/en/actions/{action.public_id}/", f"/en/actions/{action.public_id}/thanks/"]
    actions += [f"/en/embed/actions/{action.public_id}/", "/en/search/?q=alert"]
    return [page.url for page in pages.values()] + actions


@pytest.mark.parametrize(
    "html",
    [
        f"<p>{SCRIPT}</p>",
        f'<p title="{BREAKOUT}">x</p>',
        '<a href=" Java\tScript:alert(1)">x</a>',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<div onmouseover="alert(1)">x</div>',
    ],
)
def test_the_checker_finds_what_it_looks_for(html):
    assert problems(html)


def test_rich_text_from_the_editor_keeps_no_script_or_javascript_link():
    stored = rich_text()
    assert "&lt;script&gt;" in stored and "javascript" not in stored
    assert not problems(stored)


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "  JavaScript:alert(1)", "data:text/html,<b>x</b>"]
)
def test_link_blocks_refuse_executable_addresses(value):
    with pytest.raises(ValidationError):
        blocks.URLBlock().clean(value)


@pytest.mark.django_db
def test_a_partner_website_refuses_a_javascript_address():
    partner = PartnerPage.objects.filter(locale__language_code="en").first()
    partner.website = "javascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "website" in error.value.message_dict


@pytest.mark.django_db
def test_every_public_page_shows_hostile_text_as_text(client, hostile_site):
    pages, action = hostile_site
    failures = {}
    for url in public_urls(pages, action):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        found = problems(html)
        if SCRIPT not in BeautifulSoup(html, "html.parser").get_text():
            found.append("the hostile text is not shown")
        if found:
            failures[url] = found
    assert not failures


@pytest.mark.django_db
def test_long_and_right_to_left_text_is_kept_whole(client, hostile_site):
    pages, _action = hostile_site
    campaign = pages[CampaignPage]
    shown = BeautifulSoup(client.get(campaign.url).content, "html.parser").get_text()
    assert RTL in shown
    assert campaign.summary in shown  # 27,000 characters, not cut short
    assert len(campaign.title) == 255 and campaign.title in shown


@pytest.mark.django_db
def test_feeds_escape_hostile_titles(client, hostile_site):
    for name in ["campaigns_feed_rss", "campaigns_feed_atom", "stories_feed_rss"]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        body = response.content.decode()
        assert SCRIPT not in body and "<img src=x" not in body
        assert escape(SCRIPT, quote=False) in body


def html_values(data):
    """The API's HTML-bearing values: rich text fields and rich text blocks."""
    for key in ("context", "methods_used", "what_happened"):
        if data.get(key):
            yield data[key]
    if data.get("meta", {}).get("type") == "partners.PartnerPage" and data.get("description"):
        yield data["description"]
    for value in data.values():
        if isinstance(value, list):
            for item in value:
                if not isinstance(item, dict) or "type" not in item:
                    continue
                if item["type"] == "paragraph":
                    yield item["value"]
                elif item["type"] == "section":
                    yield item["value"]["content"]


def addresses(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "website", "html_url", "detail_url") and isinstance(value, str):
                yield value
            yield from addresses(value)
    elif isinstance(data, list):
        for value in data:
            yield from addresses(value)


@pytest.mark.django_db
def test_the_api_gives_hostile_text_as_data_and_no_executable_html(client, hostile_site):
    pages, _action = hostile_site
    for model, page in pages.items():
        label = f"{model._meta.app_label}.{model.__name__}"
        listing = client.get(f"/api/v2/pages/?type={label}&fields=*&locale=en")
        assert listing.status_code == 200, listing.content[:200]
        assert listing["X-Content-Type-Options"] == "nosniff"
        assert listing["Content-Type"] == "application/json"
        detail = client.get(f"/api/v2/pages/{page.pk}/")
        assert detail.status_code == 200
        data = detail.json()
        assert data["title"] == page.title  # text, for the reader's software to escape
        for value in [*html_values(data), *html_values(listing.json()["items"][0])]:
            assert not problems(value), (label, value[:200])
        for address in addresses([data, listing.json()]):
            assert address.startswith(("https://", "http://", "/")), (label, address)


# -- translations ------------------------------------------------------------------------------


@pytest.fixture
def publish_translation(django_capture_on_commit_callbacks):
    """Publishes as the translation editor does: the revision is published on commit."""

    def save(translation):
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)

    return save


@pytest.fixture
def french_campaign(db):
    campaign = CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    source, _created = TranslationSource.update_or_create_from_instance(campaign)
    french = Locale.objects.get(language_code="fr")
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=french)
    return campaign, translation


def translate_every_string(translation, make):
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": make(segment), "translation_type": "manual"},
        )


@pytest.mark.django_db
def test_a_hostile_translation_is_shown_as_text(client, french_campaign, publish_translation):
    campaign, translation = french_campaign
    # The translation editor sends what the translator typed as escaped HTML, keeping the
    # source's link placeholders.
    translate_every_string(translation, lambda segment: f"{escape(HOSTILE)} {segment.string.data}")
    publish_translation(translation)
    french = Page.objects.get(translation_key=campaign.translation_key, locale__language_code="fr")
    response = client.get(french.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not problems(html)
    assert BeautifulSoup(html, "html.parser").find("h1").get_text().startswith(HOSTILE)
    api = client.get(f"/api/v2/pages/{french.pk}/").json()
    assert api["title"].startswith(HOSTILE)
    for value in html_values(api):
        assert not problems(value)


@pytest.mark.django_db
def test_a_translation_with_raw_markup_is_not_used(client, french_campaign, publish_translation):
    campaign, translation = french_campaign
    translate_every_string(translation, lambda segment: f"Traduit {segment.string.data}")
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    raw = StringTranslation.objects.get(
        translation_of=title.string, locale=translation.target_locale
    )
    raw.data = f"Titre {BREAKOUT}{SCRIPT}"
    raw.save()
    raw.refresh_from_db()
    assert raw.has_error
    publish_translation(translation)
    french = Page.objects.get(translation_key=campaign.translation_key, locale__language_code="fr")
    assert not problems(client.get(french.url).content.decode())
    assert french.title == campaign.title  # the source's title, until a valid translation


@pytest.fixture
def translator(client, db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("lucie.translator", password="x" * 16)
    client.force_login(user)
    return user


def override(client, translation, path, value):
    segment = OverridableSegment.objects.get(source=translation.source, context__path=path)
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["javascript:alert(1)", "JAVASCRIPT:alert(1)//https://x"])
def test_a_translators_link_override_must_be_a_web_address(
    client, translator, french_campaign, publish_translation, address
):
    campaign, translation = french_campaign
    card = next(iter(campaign.get_involved))
    path = f"get_involved.{card.id}.url"
    response = override(client, translation, path, address)
    assert response.status_code in (200, 201)
    assert response.json()["error"] == "Enter a valid URL."

    publish_translation(translation)
    french = CampaignPage.objects.get(
        translation_key=campaign.translation_key, locale__language_code="fr"
    )
    assert next(iter(french.get_involved)).value["url"] == card.value["url"]
    assert not problems(Client().get(french.url).content.decode())  # as a reader sees it

    # A valid address replaces the refused one and is published.
    response = override(client, translation, path, "https://example.fr/kit")
    assert response.json()["error"] is None
    publish_translation(translation)
    french.refresh_from_db()
    assert next(iter(french.get_involved)).value["url"] == "https://example.fr/kit"


@pytest.mark.django_db
def test_a_translators_website_override_must_be_a_web_address(
    client, translator, publish_translation
):
    partner = PartnerPage.objects.filter(locale__language_code="en").exclude(website="").first()
    source, _created = TranslationSource.update_or_create_from_instance(partner)
    french = Locale.objects.get(language_code="fr")
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=french)
    response = override(client, translation, "website", "javascript:alert(1)")
    assert response.json()["error"] == "Enter a valid URL."
    publish_translation(translation)
    translated = PartnerPage.objects.get(translation_key=partner.translation_key, locale=french)
    assert translated.website == partner.website
