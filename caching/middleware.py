"""A full-page cache for anonymous readers.

Only what every reader would get alike is cached: a GET or HEAD to a public page by a visitor
without a session or messages cookie, answered 200, with no cookie set, no CSRF token used
outside the holes of ``core.holes`` (a form's token and start time, filled per reader) and no
``Cache-Control: private``. The key is the scheme, the host, the path and the query string: the
scheme because pages hold absolute links (canonical, language alternates), and a request made
https by the proxy's header (``SECURE_PROXY_SSL_HEADER``) gets https ones, which a plain-HTTP
reader must never be served, nor the other way round. The entry holds the two generations it
was rendered under, read with it in one round trip: one per path (bumped to purge that path and
every query on it: filters, pagination) and one for the whole site (bumped when something shown
on every page changes). An entry under older generations is not served. See ``caching.purge``.

The entry also keeps what the page view noted for readers' demand (``request.portal_demand``:
the page, the reader's language, whether the original was shown as a fallback), and a hit puts
it back on the request, so that ``demand.middleware`` counts cached views too, without a query.

It sits last in MIDDLEWARE, so a cached answer still passes through every other middleware
(security headers, compression, conditional GET) on its way out.
"""

import contextlib
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_response_headers

from core import freshness, holes

from . import edge, purge

# In the key: entries written in an older shape by an earlier release are never read.
ENTRY_FORMAT = 4
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/api/", "/static/", "/media/", "/_hole/")


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or request.path.startswith(SKIPPED_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not request.__dict__.get(
        "_page_cache_holes"
    ):
        return False  # a CSRF token outside the holes of core.holes: never shared
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    # The key holds the scheme, host, path and query only: a page that varies on anything else
    # is not shared (the cookies it could vary on are absent from cacheable requests).
    varies = {word.strip().lower() for word in response.get("Vary", "").split(",")}
    return not varies - {"", "cookie", "accept-encoding"}


def _entry(generations, response, content, hole_names=(), demand=None, *, expires=0.0):
    """What the cache keeps of a page: plain values, cheap to read back, with the generations
    it was rendered under (a purge makes them stale) and its ETag, worked out once here rather
    than by ``ConditionalGetMiddleware`` on every hit (``None``: the view set its own)."""
    etag = None
    if not response.has_header("ETag"):
        etag = hashlib.md5(content, usedforsecurity=False).hexdigest()
    headers = tuple(response.items())
    return (generations, response.status_code, headers, content, hole_names, etag, demand, expires)


def _from_entry(request, entry):
    _generations, status, headers, content, hole_names, etag, demand, _expires = entry
    if demand is not None:
        request.portal_demand = demand
    if hole_names:
        # This reader's own values: the ETag names them too, so that no reader is ever told
        # that another's copy (another's token) is still fresh.
        content, filled = holes.fill(request, content, hole_names)
        etag = etag and f"{etag}-{filled}"
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    if etag:
        response["ETag"] = f'"{etag}"'
    response["X-Page-Cache"] = "hit"
    return response


def _punched(request, response):
    """The content of a page with holes that the cache keeps, and the names of its holes, or
    None if it cannot be shared."""
    content = holes.punch(request, response.content)
    if content is None:
        return None
    patch_cache_control(response, private=True)
    return content, tuple(sorted({name for name, _value in request._page_cache_holes}))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PORTAL_PAGE_CACHE or not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[settings.PORTAL_PAGE_CACHE_ALIAS]
        key = self._key(request)
        try:  # the generations and the page, in one round trip
            generations, found = purge.generations_and(cache, request.path, key)
        except Exception:  # noqa: BLE001 - a cache outage must not take pages down
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry[0] == generations:
            if edge.asked_for_esi(request) and (shared := edge.response(request, entry)):
                shared["X-Page-Cache"] = "hit"
                return shared
            return _from_entry(request, entry)
        response = self.get_response(request)
        # A page that changes with the clock is kept until then at most (``core.freshness``).
        ttl = freshness.seconds_left(request, limit=settings.PORTAL_PAGE_CACHE_TTL)
        if ttl > 0 and _cacheable_response(request, response):
            demand = request.__dict__.get("portal_demand")
            if request.__dict__.get("_page_cache_holes"):
                punched = _punched(request, response)
                entry = punched and _entry(
                    generations, response, *punched, demand, expires=time.time() + ttl
                )
            else:
                browser_ttl = min(settings.PORTAL_PAGE_CACHE_BROWSER_TTL, ttl)
                patch_response_headers(response, browser_ttl)
                entry = _entry(
                    generations, response, response.content, (), demand, expires=time.time() + ttl
                )
            if entry is not None:
                with contextlib.suppress(Exception):  # a cache outage must not take pages down
                    cache.set(key, entry, ttl)
                response["X-Page-Cache"] = "miss"
                if edge.asked_for_esi(request) and (shared := edge.response(request, entry)):
                    response = shared
                    response["X-Page-Cache"] = "miss"
        return response

    def _key(self, request):
        query = hashlib.sha256(request.META.get("QUERY_STRING", "").encode()).hexdigest()[:16]
        return (
            f"page:{ENTRY_FORMAT}:{request.method}:{request.scheme}:{request.get_host()}"
            f":{request.path}:{query}"
        )
