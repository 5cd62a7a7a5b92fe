"""Small, rarely changing facts every public request needs, read from the cache.

Each public page needs the site, the active locale, the language roots, the view restrictions,
the portal settings and the menu. They change a few times a year but would cost a query each
on every request, so they are kept in the cache under a generation that any change to them
bumps (``bump``, connected to the signals that change them in ``caching.invalidation``).

What one page shows of other pages (the page a path leads to, a page's related content, its
translations, its cards, a listing's pages) is kept under that generation and the narrow
generations of its *scopes* as well (``page_scope``, ``listing_scope``, ``ROUTES``): a publish
renews only the scopes of what it changes (``renew``), so an unrelated page keeps what it
has. All the generations a request needs are read in as few round trips as possible
(``cache.get_many``) and memoised for the request. Within a request each lookup is read from
the cache once. When the cache is unreachable they are read from the database, as before.
"""

import contextvars
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import get_script_prefix
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from core.memo import ProcessMemo
from core.models.settings import PortalSettings

logger = logging.getLogger(__name__)

GENERATION_KEY = "lookups:generation"
TIMEOUT = 24 * 3600  # a bound in case an invalidation is ever missed


# The memo of the request being served, for callers that have no request at hand (selectors):
# set when a request starts and dropped when it ends (``start_request``, ``end_request``).
_request_memo = contextvars.ContextVar("portal_lookups_memo", default=None)


def _memo(request):
    if request is not None:
        return request.__dict__.setdefault("_portal_lookups", {})
    memo = _request_memo.get()
    return memo if memo is not None else {}


def start_request(**kwargs):
    """A request starts (``request_started``): selectors share its memo."""
    _request_memo.set({})


def end_request(**kwargs):
    """A request ends (``request_finished``)."""
    _request_memo.set(None)


SCOPE_PREFIX = "lookups:scope:"
# The scope of every route (which page a path leads to): renewed by any publish, unpublish,
# move or deletion, since a path can lead elsewhere after any of them.
ROUTES = "routes"


def page_scope(pk):
    """The scope of what shows the page with primary key ``pk``: its related content, its
    cards, its language links, its own markup."""
    return f"page:{pk}"


def listing_scope(model):
    """The scope of the listings of ``model`` (its pages, in every language)."""
    return f"listing:{model._meta.label}"


# The generations each path read in this worker process: the first read of a request for that
# path reads them all in the same round trip, rather than one round trip per card.
_keys_by_path = ProcessMemo("lookups generations by path", max_entries=4096)
MOST_KEYS_PER_PATH = 64


def _read_generations(request, keys):
    """The current value of each of ``keys`` (the lookups generation, scope generations), as
    a tuple, memoised in the request; ``None`` when the cache keeps nothing. One round trip
    for those the request has not read yet (with those its path read before), two when some
    have never been set."""
    memo = _memo(request).setdefault("generations", {})
    missing = [key for key in keys if key not in memo]
    if missing:
        path = getattr(request, "path", None)
        learned = _keys_by_path.get(path) if path is not None else None
        if path is not None and not set(missing) <= (learned or frozenset()):
            known = (learned or frozenset()) | set(missing)
            if len(known) <= MOST_KEYS_PER_PATH:
                _keys_by_path.set(path, frozenset(known))
        if learned and not memo:
            missing = list(dict.fromkeys([*missing, *sorted(learned)]))
        try:
            found = cache.get_many(missing)
            absent = [key for key in missing if found.get(key) is None]
            if absent:
                for key in absent:
                    cache.add(key, uuid.uuid4().hex, None)
                # None when the cache keeps nothing (down, or a dummy cache): no lookup is
                # kept then, rather than each under a generation of its own.
                found.update(cache.get_many(absent))
        except Exception:  # noqa: BLE001 - a cache outage falls back to the database
            found = {}
        for key in missing:
            memo[key] = found.get(key)
    values = tuple(memo[key] for key in keys)
    return None if None in values else values


def generation(request=None):
    """The lookups generation: renewed by any change to what every page shows."""
    found = _read_generations(request, [GENERATION_KEY])
    return None if found is None else found[0]


def current(request, scopes=()):
    """``(generation, *scope generations)``, or ``None`` where nothing may be kept."""
    return _read_generations(request, [GENERATION_KEY, *(SCOPE_PREFIX + s for s in scopes)])


def prefetch(request, scopes):
    """Read the generations of ``scopes`` now, in one round trip, for the lookups of the
    request that will need them one by one (the cards of a listing)."""
    if request is not None:
        _read_generations(request, [GENERATION_KEY, *(SCOPE_PREFIX + s for s in scopes)])


# Values read in this worker process, by generation and name: a lookup costs one read of the
# shared cache per process and generation, not one per request (a network round trip with
# Redis, and unpickling). Values are shared between requests: never change one in place.
_process = ProcessMemo("lookups", max_entries=8192, by_generation=True)


def cached(request, name, compute, *, keep_none=True, scopes=()):
    """``compute()``, cached across requests under the current generation and those of
    ``scopes`` (what renews it beyond the site-wide facts), in this process and in the shared
    cache, and memoised in ``request``. The value must be picklable. With ``keep_none=False``
    a ``None`` is not kept: for names made from the URL, so that made-up URLs cannot fill the
    cache."""
    memo = _memo(request)
    if name in memo:
        return memo[name]
    generations = current(request, scopes)
    if generations is None:
        value = memo[name] = compute()
        return value

    def shared():
        key = f"lookups:{':'.join(generations)}:{name}"
        try:
            found = cache.get(key)
        except Exception:  # noqa: BLE001
            found = None
        if found is None:
            found = (compute(),)  # in a tuple, so that None is a value too
            if keep_none or found[0] is not None:
                try:
                    cache.set(key, found, TIMEOUT)
                except Exception:  # noqa: BLE001
                    logger.warning("Cache unreachable: %s read from the database", name)
            else:
                return None  # neither kept here nor there
        return found

    found = _process.get_or_set((generations, name), shared)
    value = memo[name] = None if found is None else found[0]
    return value


def fragment_key(request, *parts, scopes=()):
    """The key of markup kept in a worker process until what it shows changes (cards, asides,
    action panels): under the generation and those of ``scopes``. ``None`` where none may be
    kept: no request, no shared cache, or a preview (which shows a draft's relations)."""
    if request is None or getattr(request, "is_preview", False):
        return None
    if getattr(request, "portal_private", False):
        return None  # a page with a view restriction: nothing of it is kept for others
    generations = current(request, scopes)
    if generations is None:
        return None
    site = site_for_request(request)
    return (
        generations,
        *parts,
        translation.get_language(),
        get_script_prefix(),
        getattr(site, "pk", None),
    )


# Markup kept per process under ``fragment_key``: cards, asides, language links.
_markup = ProcessMemo("page markup", max_entries=16384, by_generation=True)


def kept_markup(request, parts, render, *, scopes=()):
    """``render()``, kept in this worker process under ``fragment_key(request, *parts)`` until
    the generation or one of ``scopes`` is renewed, or rendered each time where nothing may be
    kept. ``parts`` must name everything the markup shows beyond what ``fragment_key`` holds."""
    key = fragment_key(request, *parts, scopes=scopes)
    if key is None:
        return render()
    return _markup.get_or_set(key, render)


def _drop(keys):
    try:
        cache.set_many({key: uuid.uuid4().hex for key in keys}, None)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unreachable: cached lookups not refreshed")


def _renew_keys(keys):
    """New generations for ``keys`` now, and again once the change is committed: a request
    between the two may have cached what it read before the commit."""
    keys = sorted(keys)
    if not keys:
        return
    _drop(keys)
    transaction.on_commit(lambda: _drop(keys))


def bump(**kwargs):
    """Drop every cached lookup (a new generation), now and once committed."""
    _renew_keys([GENERATION_KEY])


def renew(scopes):
    """Drop the cached lookups and markup of ``scopes`` alone, now and once committed."""
    _renew_keys(SCOPE_PREFIX + scope for scope in scopes)


# The lookups themselves.


def _locales():
    return {locale.pk: locale for locale in Locale.objects.all()}


def locales(request=None):
    """Every locale by primary key."""
    return cached(request, "locales", _locales)


def locale_by_id(locale_id, request=None):
    return locales(request).get(locale_id) or Locale.objects.get(pk=locale_id)


def source_locale_id(request=None):
    """The primary key of the source language's locale (``LANGUAGE_CODE``), or ``None``."""
    return next(
        (
            pk
            for pk, locale in locales(request).items()
            if locale.language_code == settings.LANGUAGE_CODE
        ),
        None,
    )


def active_locale(request=None):
    """``Locale.get_active()`` without a query."""
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return Locale.get_default()
    for locale in locales(request).values():
        if locale.language_code == code:
            return locale
    return Locale.get_active()


def site_for_request(request):
    """``Site.find_for_request`` without a query; also primes Wagtail's per-request cache."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname, port = request._get_raw_host().rsplit(":", 1)[0][:255], request.get_port()

    def compute():
        try:
            return get_site_for_hostname(hostname, port) or False
        except Site.DoesNotExist:
            return False

    site = cached(request, f"site:{hostname}:{port}", compute) or None
    request._wagtail_site = site
    return site


def language_roots(site, request=None):
    """The url_path of the site root page's live translation, per locale id."""

    def compute():
        return dict(
            Page.objects.live()
            .filter(translation_key=site.root_page.translation_key)
            .values_list("locale_id", "url_path")
        )

    return cached(request, f"roots:{site.pk}", compute)


def restricted_paths(request=None):
    """Tree paths of the pages that carry a view restriction (most sites have none)."""

    def compute():
        return sorted(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())

    return cached(request, "restricted", compute)


def has_view_restriction(page, request=None):
    """Whether ``page`` or one of its ancestors carries a view restriction (password, sign-in
    or groups): such a page is shown to some readers only, and never kept for others."""
    return any(page.path.startswith(path) for path in restricted_paths(request))


def is_restricted(page, request=None):
    """Whether ``page`` or one of its ancestors carries a view restriction."""
    return page.alias_of_id is not None or has_view_restriction(page, request)


def public(queryset, request=None):
    """``queryset.public()``, without its query when no page carries a view restriction."""
    return queryset.public() if restricted_paths(request) else queryset


def portal_settings(request):
    """The site's ``PortalSettings``, as ``PortalSettings.for_request`` gives them."""
    site = site_for_request(request)
    if site is None:
        return PortalSettings()

    def compute():
        instance = PortalSettings.for_site(site)
        return {
            "id": instance.pk,
            "site_id": instance.site_id,
            "organisation_name": instance.organisation_name,
            "contact_email": instance.contact_email,
            "social_links": list(instance.social_links.raw_data),
            "privacy_page_id": instance.privacy_page_id,
            "safety_page_id": instance.safety_page_id,
            "localised_names": list(instance.localised_names.raw_data),
            "logo_id": instance.logo_id,
        }

    fields = cached(request, f"settings:{site.pk}", compute)
    memo = _memo(request)
    if "settings_instance" not in memo:
        memo["settings_instance"] = PortalSettings(**fields)
    return memo["settings_instance"]
