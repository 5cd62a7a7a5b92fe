"""``/healthz``: whether this node can serve readers, for load balancers and monitoring.

It answers JSON with one word per dependency and nothing else: no host names, versions, error
messages or timings, since it is public. 200 while the database answers, even when the cache or
the search cluster is down (pages still render: the cache is bypassed, search answers from the
database), so that the load balancer keeps the node; 503 when the database is down.

Every check is bounded: the database by its connect timeout (``connect_timeout`` on PostgreSQL),
the cache by its socket timeouts, the search cluster by ``PORTAL_SEARCH_TIMEOUT``, the same limit
readers' searches have. The answer is never cached and no session or cookie is read or set.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from search.backends import CIRCUIT_KEY, EngineQuery, SearchBackendError, external_backend

logger = logging.getLogger(__name__)

OK, DEGRADED, DOWN = "ok", "degraded", "down"
CACHE_PROBE_TTL = 10  # seconds; the probe key deletes itself if the delete is lost


def check_database():
    try:
        with connection.cursor() as cursor:  # connects, or checks a persistent connection
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means the database is not usable
        logger.warning("Health check: database down (%s)", type(error).__name__)
        return DOWN
    return OK


def check_cache():
    """A write and a read on every cache the site uses (the default and the page cache's)."""
    token = secrets.token_hex(8)
    key = f"healthz:{token}"
    for alias in dict.fromkeys(["default", settings.PORTAL_PAGE_CACHE_ALIAS]):
        backend = caches[alias]
        try:
            backend.set(key, token, CACHE_PROBE_TTL)
            # django-redis with IGNORE_EXCEPTIONS answers None instead of raising.
            found = backend.get(key)
            backend.delete(key)
        except Exception as error:  # noqa: BLE001
            logger.warning("Health check: cache %s down (%s)", alias, type(error).__name__)
            return DOWN
        if found != token:
            logger.warning("Health check: cache %s down (probe not read back)", alias)
            return DOWN
    return OK


def check_search(*, database):
    """ok: the configured engine answers. degraded: the cluster is down or slow and searches are
    answered from the database. down: the database is down, and results are read from it
    whatever the engine."""
    if database != OK:
        return DOWN
    try:
        backend = external_backend()
    except (SearchBackendError, ImproperlyConfigured):
        return DEGRADED
    if backend is None:  # the database is the engine
        return OK
    try:
        if cache.get(CIRCUIT_KEY.format(backend.name)):
            return DEGRADED  # a recent failure: readers get the database's answers for now
    except Exception:  # noqa: BLE001, S110 - the cache's own check reports it
        pass
    try:
        backend.search(EngineQuery(text="healthz", limit=0, fuzzy=False))
    except Exception as error:  # noqa: BLE001 - down, refused or slower than the timeout
        logger.warning("Health check: search cluster unavailable (%s)", type(error).__name__)
        return DEGRADED
    return OK


def overall(checks):
    if checks["database"] != OK:
        return DOWN
    return OK if all(value == OK for value in checks.values()) else DEGRADED


@never_cache
@require_safe
def healthz(request):
    database = check_database()
    checks = {
        "database": database,
        "cache": check_cache(),
        "search": check_search(database=database),
    }
    status = overall(checks)
    return JsonResponse({"status": status, "checks": checks}, status=503 if status == DOWN else 200)
