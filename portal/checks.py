"""Deploy checks of the portal as a whole (``manage.py check --deploy``), registered by the
production settings.

The cache must be shared by every process: the signing rate limit (actions/ratelimit.py) and
the admin sign-in lockout (users/lockout.py) count in it, and the page cache (caching/) purges
through it. With a cache of each process's own, two gunicorn workers allow twice the signing
limit, a locked-out username signs in on the other worker, and a purge reaches one worker only.
The benchmark settings run production on one machine with a local cache: they run no deploy
check, so this one does not stop them.
"""

from django.conf import settings
from django.core import checks

# Backends whose entries live in one process: every worker (and the task worker) has its own.
PER_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache": "LocMemCache",
    "django.core.cache.backends.dummy.DummyCache": "DummyCache",
}


def _aliases():
    """The caches that must be shared: the default one (rate limits) and those the page cache
    and the sign-in lockout are configured to use."""
    names = [
        "default",
        getattr(settings, "PORTAL_PAGE_CACHE_ALIAS", "default"),
        getattr(settings, "PORTAL_LOGIN_LOCKOUT_CACHE", "default"),
    ]
    return list(dict.fromkeys(names))


def check_shared_cache(app_configs, **kwargs):
    errors = []
    for alias in _aliases():
        backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
        if backend in PER_PROCESS_BACKENDS:
            errors.append(
                checks.Error(
                    f"CACHE_URL gives each process a cache of its own "
                    f"({PER_PROCESS_BACKENDS[backend]}, cache {alias!r}): the signing rate limit "
                    "and the sign-in lockout count per worker, and page cache purges reach one "
                    "worker only.",
                    hint="Set CACHE_URL to a cache every process shares, e.g. "
                    "rediscache://redis.internal:6379/1 (deploy/README.md).",
                    id="portal.E001",
                )
            )
    return errors


def register():
    checks.register(check_shared_cache, checks.Tags.caches, deploy=True)
