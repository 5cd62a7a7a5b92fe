"""Sign-in lockout: after repeated failed sign-ins to one username, that username is paused.

Failures are counted in the cache under a keyed hash of the normalised username: no IP address
is read or kept, and the cache holds no username in clear either. A successful sign-in clears
the count; otherwise it expires on its own.

Trade-off: keying on the username alone means that anyone who knows (or guesses) an editor's
username can lock that editor out by failing on purpose. The pause is short
(``PORTAL_LOGIN_LOCKOUT_SECONDS``) and ends by itself, so the worst case is a delay, while a
password-guessing attack is held to ``PORTAL_LOGIN_MAX_FAILURES`` guesses per pause, whatever
the number of addresses it comes from. Counting by address instead would mean keeping
addresses, which the portal does not do.

With several server processes, point ``CACHE_URL`` at a shared cache so that they count
together. If the cache is unreachable the count is lost and sign-in still works: the lockout
fails open rather than locking every editor out.
"""

import unicodedata

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

KEY_SALT = "users.lockout"


def _cache():
    return caches[settings.PORTAL_LOGIN_LOCKOUT_CACHE]


def normalise(username: str) -> str:
    """The same person types ``Alice``, ``alice `` or a compatibility form of a letter."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def cache_key(username: str) -> str:
    digest = salted_hmac(KEY_SALT, normalise(username), algorithm="sha256").hexdigest()
    return f"login-failures:{digest}"


def failures(username: str) -> int:
    return _cache().get(cache_key(username)) or 0


def is_locked(username: str) -> bool:
    return failures(username) >= settings.PORTAL_LOGIN_MAX_FAILURES


def register_failure(username: str) -> bool:
    """Count one failed sign-in; True when this failure locks the username.

    Failures are forgotten ``PORTAL_LOGIN_LOCKOUT_SECONDS`` after the first one; the failure
    that reaches the limit starts a full pause of that length.
    """
    cache = _cache()
    key = cache_key(username)
    timeout = settings.PORTAL_LOGIN_LOCKOUT_SECONDS
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        count = 1
        cache.set(key, count, timeout)
    if count is None:  # a cache that ignores its errors: fail open
        return False
    if count >= settings.PORTAL_LOGIN_MAX_FAILURES:
        cache.set(key, count, timeout)
        return True
    return False


def reset(username: str) -> None:
    _cache().delete(cache_key(username))


def lockout_minutes() -> int:
    return max(1, -(-settings.PORTAL_LOGIN_LOCKOUT_SECONDS // 60))
