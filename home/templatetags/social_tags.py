"""Link previews (Open Graph, Twitter cards), canonical links and feed discovery links.

The metadata costs no query beyond the page's own image, which the page's body shows anyway.
For a page without one, the site's default image (its home page's image) is a cached lookup.
Renditions come from Wagtail's rendition cache.
"""

from django import template
from django.conf import settings
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Page

from home.identity import organisation
from home.seo import canonical_url
from home.templatetags.image_tags import rendition_facts
from home.templatetags.portal_tags import translated_languages

register = template.Library()

# A wide image, the size link previews show best; JPEG, which every preview service reads.
SHARING_RENDITION = "fill-1200x630|format-jpeg|jpegquality-85"
# The page's own image fields, in order of preference.
SHARING_IMAGE_FIELDS = ("listing_image", "hero_image", "logo")
# Open Graph names locales language_TERRITORY; the portal's languages are not tied to a country,
# so each gets the territory preview services expect for it.
OG_LOCALES = {
    "en": "en_GB",
    "ar": "ar_AR",
    "de": "de_DE",
    "es": "es_ES",
    "fr": "fr_FR",
    "hi": "hi_IN",
    "pt-br": "pt_BR",
    "ru": "ru_RU",
    "zh-hans": "zh_CN",
}


def og_locale(language_code):
    language, _, region = language_code.partition("-")
    return OG_LOCALES.get(language_code) or (f"{language}_{region.upper()}" if region else language)


def page_language(request):
    """The language of the page being served: the URL's, or the source language when the page
    is shown because this language has no translation (see ``HomePage.route``)."""
    if getattr(request, "portal_untranslated_in", None):
        return settings.LANGUAGE_CODE
    return translation.get_language()


def own_image(page):
    for name in SHARING_IMAGE_FIELDS:
        if getattr(page, f"{name}_id", None):
            return getattr(page, name)
    return None


def default_image(page):
    """The site's default sharing image: the image of the home page the page lies under."""
    from home.models import HomePage

    if page.depth <= 2:  # a home page: its own images were tried already
        return None
    home_image = (
        HomePage.objects.filter(path=page.path[: Page.steplen * 2])
        .annotate(image=Coalesce("listing_image", "hero_image"))
        .values("image")[:1]
    )
    return get_image_model().objects.filter(pk=Subquery(home_image)).first()


def _rendition(request, image):
    facts = rendition_facts(image, SHARING_RENDITION, request)
    # Without its original file the page is shared without image.
    return None if facts is None else {**facts, "alt": image.description}


def sharing_image(request, page):
    image = own_image(page)
    if image is not None:
        found = _rendition(request, image)
    else:
        # The same for every page under a home page: a cached lookup, renewed when a page is
        # published or an image changes (``home.lookups``).
        from home import lookups

        def compute():
            default = default_image(page)
            return _rendition(request, default) if default is not None else None

        found = lookups.cached(request, f"sharing-image:{page.path[: Page.steplen * 2]}", compute)
    if found is None:
        return None
    return {**found, "url": request.build_absolute_uri(found["path"])}


@register.simple_tag(takes_context=True)
def sharing_metadata(context, page):
    """What a link preview shows for ``page``, or ``None`` for a view that is not a page."""
    request = context.get("request")
    if request is None or not getattr(page, "pk", None):
        return None
    from home.models import HomePage
    from home.models.index import ListingIndexPage

    language = page_language(request)
    identity = organisation(request, language)
    translated = translated_languages(request, page)
    alternates = [
        og_locale(code)
        for code, _name in settings.LANGUAGES
        if code in translated and code != language
    ]
    is_article = not isinstance(page, HomePage | ListingIndexPage)
    listing_page = getattr(context.get("page_obj"), "number", 1)
    return {
        "title": page.seo_title or page.title,
        "description": getattr(page, "meta_description", page.search_description),
        "url": canonical_url(request, page, listing_page=listing_page),
        "site_name": identity.name,
        "logo": identity.logo_url(request, "wide"),
        "type": "article" if is_article else "website",
        "locale": og_locale(language),
        "alternate_locales": alternates,
        "published": page.first_published_at if is_article else None,
        "modified": page.last_published_at if is_article else None,
        "image": sharing_image(request, page),
    }


FEEDS = {
    "campaigns": ("campaigns_feed_rss", "campaigns_feed_atom"),
    "stories": ("stories_feed_rss", "stories_feed_atom"),
    "campaign": ("campaign_updates_rss", "campaign_updates_atom"),
}


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def feed_links(context, kind, page=None):
    """``<link rel="alternate">`` to the RSS and Atom feeds of ``kind``, in the page's language
    (a source page shown under another language's prefix advertises its own language's feeds).
    """
    request = context["request"]
    rss, atom = FEEDS[kind]
    args = [page.slug] if kind == "campaign" else []
    with translation.override(page_language(request)):
        return {
            "kind": kind,
            "title": page.title if page is not None else "",
            "rss_url": reverse(rss, args=args),
            "atom_url": reverse(atom, args=args),
        }
