"""Small, rarely changing facts every public request needs, read from the cache.

Each public page needs the site, the active locale, the language roots, the view restrictions,
the portal settings and the menu. They change a few times a year but would cost a query each
on every request, so they are kept in the cache under a generation that any change to them
bumps (``bump``, connected to the signals that change them in ``caching.invalidation``).
Within a request each is read from
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


def generation(request=None):
    memo = _memo(request)
    if "generation" not in memo:
        try:
            current = cache.get(GENERATION_KEY)
            if current is None:
                cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
                # None when the cache keeps nothing (down, or a dummy cache): no lookup is
                # kept then, rather than each under a generation of its own.
                current = cache.get(GENERATION_KEY)
        except Exception:  # noqa: BLE001 - a cache outage falls back to the database
            current = None
        memo["generation"] = current
    return memo["generation"]


# Values read in this worker process, by generation and name: a lookup costs one read of the
# shared cache per process and generation, not one per request (a network round trip with
# Redis, and unpickling). Values are shared between requests: never change one in place.
_process = ProcessMemo("lookups", max_entries=8192, by_generation=True)


def cached(request, name, compute, *, keep_none=True):
    """``compute()``, cached across requests under the current generation, in this process and
    in the shared cache, and memoised in ``request``. The value must be picklable. With
    ``keep_none=False`` a ``None`` is not kept: for names made from the URL, so that made-up
    URLs cannot fill the cache."""
    memo = _memo(request)
    if name in memo:
        return memo[name]
    current = generation(request)
    if current is None:
        value = memo[name] = compute()
        return value

    def shared():
        key = f"lookups:{current}:{name}"
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

    found = _process.get_or_set((current, name), shared)
    value = memo[name] = None if found is None else found[0]
    return value


def fragment_key(request, *parts):
    """The key of markup kept in a worker process until something is published (cards, asides,
    action panels), or ``None`` where none may be kept: no request, no shared cache, or a
    preview (which shows a draft's relations)."""
    if request is None or getattr(request, "is_preview", False):
        return None
    if getattr(request, "portal_private", False):
        return None  # a page with a view restriction: nothing of it is kept for others
    current = generation(request)
    if current is None:
        return None
    site = site_for_request(request)
    return (
        current,
        *parts,
        translation.get_language(),
        get_script_prefix(),
        getattr(site, "pk", None),
    )


# Markup kept per process under ``fragment_key``: cards, asides, language links.
_markup = ProcessMemo("page markup", max_entries=16384, by_generation=True)


def kept_markup(request, parts, render):
    """``render()``, kept in this worker process under ``fragment_key(request, *parts)`` until
    something is published, or rendered each time where nothing may be kept. ``parts`` must
    name everything the markup shows beyond what ``fragment_key`` holds."""
    key = fragment_key(request, *parts)
    if key is None:
        return render()
    return _markup.get_or_set(key, render)


def _drop():
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001
        logger.warning("Cache unreachable: cached lookups not refreshed")


def bump(**kwargs):
    """Drop every cached lookup now, and again once the change is committed: a request
    between the two may have cached what it read before the commit."""
    _drop()
    transaction.on_commit(_drop)


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
