"""Outages of what the portal stands on: the database and the cache.

When the database is unreachable, readers get a short "back soon" page, not a server error.

``DatabaseOutageMiddleware`` turns a lost or refused database connection raised by a view (or
while its template renders) into a 503 with ``Retry-After``, in the reader's language, from a
template that needs no database. ``server_error`` (``handler500``) does the same for such errors
raised by a middleware (the session save, Wagtail's redirects), which Django turns into a 500
before any outer middleware could see them; any other error gets the plain 500 page.

Nothing is kept from one request to the next: Django closes a connection that failed at the end
of the request (and ``CONN_HEALTH_CHECKS`` tests a persistent one before reuse), so the first
request after the database is back is served normally, without a restart. Pages in the full-page
cache keep being served from it meanwhile.

When Redis is unreachable, django-redis (``IGNORE_EXCEPTIONS``) answers every cache call as a
miss, and pages render without the cache. A Redis that refuses connections costs nothing; one
that does not answer would cost each call its socket timeout, and a page makes dozens of cache
calls (page cache, image renditions, menus). ``CircuitBreakerPool`` stops that: after one
failed connection or read, calls to that server fail at once for ``CACHE_BREAK_SECONDS``, then
one call tries again.
"""

import functools
import importlib
import logging
import sys
import time

import redis

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views import defaults

logger = logging.getLogger(__name__)

DRIVER_MODULES = ("psycopg", "psycopg2")
CAUSE_DEPTH = 5


@functools.cache
def database_errors():
    """Django's connection errors and, when a driver is installed, its own (raised outside
    Django's wrapper, e.g. by a pool)."""
    errors = [OperationalError, InterfaceError]
    for name in DRIVER_MODULES:
        try:
            driver = importlib.import_module(name)
        except ImportError:
            continue
        errors += [driver.OperationalError, driver.InterfaceError]
    return tuple(errors)


def is_database_outage(error):
    """Whether ``error``, or what it was raised from, is a lost or refused connection."""
    for _depth in range(CAUSE_DEPTH):
        if error is None:
            return False
        if isinstance(error, database_errors()):
            return True
        error = error.__cause__ or error.__context__
    return False


def reader_language(request):
    """The URL's language prefix, else the language cookie or Accept-Language: no database."""
    return translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request, check_path=False)


def unavailable(request):
    """The 503 page, self-contained (the site's base template reads menus and settings)."""
    language = reader_language(request)
    with translation.override(language):
        content = render_to_string("503.html")
    response = HttpResponse(content, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.PORTAL_DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _log(request, error):
    # The error's type only: its message can name hosts and users, and every request
    # logs it while the outage lasts.
    logger.warning("Database unavailable (%s): 503 for %s", type(error).__name__, request.path)


class DatabaseOutageMiddleware:
    """A lost or refused database connection in the view: 503 with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        _log(request, exception)
        return unavailable(request)


def server_error(request, *args, **kwargs):
    """``handler500``: the 503 page for a database outage raised outside the view, otherwise
    Django's plain 500 page (``500.html``: no traceback, no details)."""
    error = sys.exc_info()[1]
    if is_database_outage(error):
        _log(request, error)
        return unavailable(request)
    return defaults.server_error(request, *args, **kwargs)


# -- the cache ---------------------------------------------------------------------------------

CACHE_BREAK_SECONDS = 5
_broken_until = {}  # server address -> time.monotonic() until which it is not tried


class _CircuitBreakerConnection:
    """Mixed into redis-py's connection classes (TCP, TLS, Unix socket)."""

    def _server(self):
        return getattr(self, "path", None) or (self.host, self.port)

    def _connect(self):
        if time.monotonic() < _broken_until.get(self._server(), 0):
            raise ConnectionRefusedError("cache server skipped after a recent failure")
        try:
            return super()._connect()
        except OSError:
            self._trip()
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError):
            self._trip()
            raise

    def _trip(self):
        if time.monotonic() >= _broken_until.get(self._server(), 0):
            logger.warning("Cache server unreachable: skipped for %ss", CACHE_BREAK_SECONDS)
        _broken_until[self._server()] = time.monotonic() + CACHE_BREAK_SECONDS


@functools.cache
def _with_breaker(connection_class):
    name = f"CircuitBreaker{connection_class.__name__}"
    return type(name, (_CircuitBreakerConnection, connection_class), {})


class CircuitBreakerPool(redis.ConnectionPool):
    """redis-py's pool, its connections behind the circuit breaker (django-redis's
    ``CONNECTION_POOL_CLASS``)."""

    def __init__(self, connection_class=redis.Connection, **kwargs):
        super().__init__(connection_class=_with_breaker(connection_class), **kwargs)
