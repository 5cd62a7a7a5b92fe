"""What to purge from the page cache, and the purge itself.

Purging a path bumps its generation, which drops every cached query on it (filters,
pagination); purging the site bumps the site generation. When a CDN is configured
(``WAGTAILFRONTENDCACHE``), the same URLs are purged there through Wagtail's front-end cache.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Locale, Page, ReferenceIndex

from . import edge

logger = logging.getLogger(__name__)

SITE_KEY = "page-gen:site"
# Per-language pages that list or describe pages of every type.
LISTING_URL_NAMES = [
    "search",
    "campaigns_feed_rss",
    "campaigns_feed_atom",
    "stories_feed_rss",
    "stories_feed_atom",
    "events:feed_ics",
]
CONSULTATION_FEED_URL_NAMES = ["consultations_feed_rss", "consultations_feed_atom"]
ENDORSEMENT_FEED_URL_NAMES = ["endorsements_feed_rss", "endorsements_feed_atom"]
SITE_WIDE_URLS = ["/sitemap.xml"]


def _path_key(path):
    return f"page-gen:path:{path}"


def generations_and(cache, path, *keys):
    """The site's and ``path``'s current generations, and the values of ``keys`` that exist:
    ``((site, path), {key: value})``, in one round trip."""
    found = cache.get_many([SITE_KEY, _path_key(path), *keys])
    return (found.pop(SITE_KEY, 0), found.pop(_path_key(path), 0)), found


def _cache():
    return caches[settings.PORTAL_PAGE_CACHE_ALIAS]


def purge_paths(paths):
    paths = sorted(set(paths))
    try:
        _cache().set_many({_path_key(path): uuid.uuid4().hex for path in paths}, None)
    except Exception:  # noqa: BLE001 - a cache outage must not stop publishing
        logger.warning("Page cache unreachable: %d paths not purged", len(paths))
    _purge_front_end(paths)
    edge.schedule_purge(paths)
    return paths


def purge_all():
    try:
        _cache().set(SITE_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001
        logger.warning("Page cache unreachable: site not purged")
    edge.schedule_purge(everything=True)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        # A CDN purge of everything is the CDN's own; purge the site's root pages at least.
        purge_urls_from_cache([_absolute(f"/{code}/") for code, _name in settings.LANGUAGES])


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _purge_front_end(paths):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache([_absolute(path) for path in paths])


def page_path(page):
    """The public path of ``page`` (with its language prefix), or None outside the site."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _per_language(names):
    paths = []
    for locale in Locale.objects.all():
        with translation.override(locale.language_code):
            for name in names:
                try:
                    paths.append(reverse(name))
                except NoReverseMatch:
                    continue
    return paths


def consultation_feed_paths():
    """The open consultations' feeds, in every language."""
    return _per_language(CONSULTATION_FEED_URL_NAMES)


def spokespeople_paths():
    """The directory of spokespeople, in every language."""
    return _per_language(["spokespeople:directory"])


def endorsement_feed_paths():
    """The endorsements' feeds, in every language."""
    return _per_language(ENDORSEMENT_FEED_URL_NAMES)


def language_paths():
    """Per-language listing paths: search and feeds, in every language."""
    paths = list(SITE_WIDE_URLS)
    for locale in Locale.objects.all():
        with translation.override(locale.language_code):
            for name in LISTING_URL_NAMES:
                try:
                    paths.append(reverse(name))
                except NoReverseMatch:
                    continue
    return paths


def paths_for_pages(pages):
    """Every path that shows one of ``pages``: each page in every language, its ancestors
    (listings and the home page), the pages that link to it, its own feeds, and the
    per-language search and feed pages."""
    keys = {page.translation_key for page in pages}
    sources = Page.objects.filter(translation_key__in=keys)
    referring = set()
    for source in sources:
        for reference in ReferenceIndex.get_references_to(source).filter(
            base_content_type__model="page"
        ):
            referring.add(int(reference.object_id))
    referring_keys = Page.objects.filter(pk__in=referring).values_list("translation_key", flat=True)
    affected = Page.objects.filter(translation_key__in=keys | set(referring_keys))
    paths = set(language_paths())
    ancestors = set()
    for page in affected.specific(defer=True):
        ancestors.update(page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True))
        path = page_path(page)
        if path:
            paths.add(path)
            paths.update(_feed_paths(page))
    for ancestor in Page.objects.filter(pk__in=ancestors).specific(defer=True):
        path = page_path(ancestor)
        if path:
            paths.add(path)
    return paths


# A page type's own feeds: URL names and how each is reversed for a page.
OWN_FEEDS = {
    "CampaignPage": [
        ("campaign_updates_rss", lambda page: {"slug": page.slug}),
        ("campaign_updates_atom", lambda page: {"slug": page.slug}),
    ],
    "EventPage": [("events:event_ics", lambda page: {"pk": page.pk})],
}


def _feed_paths(page):
    """A campaign's own feeds, an event's calendar."""
    feeds = OWN_FEEDS.get(page.specific_class.__name__, [])
    paths = []
    with translation.override(page.locale.language_code):
        for name, kwargs in feeds:
            try:
                paths.append(reverse(name, kwargs=kwargs(page)))
            except NoReverseMatch:
                continue
    return paths


def enabled():
    """Whether anything keeps pages: the page cache or a CDN."""
    return bool(
        settings.PORTAL_PAGE_CACHE
        or settings.PORTAL_EDGE
        or getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def purge_pages_alone(pages):
    """``pages`` in every language they are live in, and nothing else: for what a page shows
    that changes without a publish (an action's count, an action opening or closing)."""
    keys = {page.translation_key for page in pages}
    live = Page.objects.filter(translation_key__in=keys).live().specific(defer=True)
    paths = [path for path in map(page_path, live) if path]
    return purge_paths(paths) if paths else []
