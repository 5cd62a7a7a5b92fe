"""A form's signed start time: when it was rendered, signed with SECRET_KEY, used up by the
first submission that passes every check (the cache remembers which were used)."""

import functools
import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

STARTED_SALT = "actions.form-started"


def _started_key(secret_key):
    return salted_hmac(STARTED_SALT, "form-started", secret=secret_key).digest()


@functools.lru_cache(maxsize=4)
def _started_key_cached(secret_key):
    # Derived once per process: a cached page with a form fills in one of these per reader.
    return _started_key(secret_key)


def _started_digest(text):
    key = _started_key_cached(settings.SECRET_KEY)
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:32]


def started_value(at=None):
    """A new signed start time for one form: ``second.nonce.digest``."""
    text = f"{int(at if at is not None else time.time())}.{secrets.token_urlsafe(9)}"
    return f"{text}.{_started_digest(text)}"


def _read_started(value):
    """``(second, nonce)`` of a start time we made, or None."""
    second, _sep, rest = (value or "").partition(".")
    nonce, _sep, digest = rest.partition(".")
    if not (second and nonce and digest) or len(value) > 80:
        return None
    if not constant_time_compare(_started_digest(f"{second}.{nonce}"), digest):
        return None
    try:
        return int(second), nonce
    except ValueError:
        return None


def started_age(value):
    """Seconds since the form was rendered, or None when the value is not ours."""
    found = _read_started(value)
    return None if found is None else time.time() - found[0]


def use_started(value):
    """Use the start time up; False when it was used before (a replayed form). Fails open
    (True) when the cache is unreachable, like the rate limit."""
    found = _read_started(value)
    if found is None:
        return False
    try:
        added = cache.add(
            f"actions:started:{found[1]}", 1, timeout=settings.PORTAL_ACTIONS_FORM_MAX_AGE + 60
        )
    except Exception:  # noqa: BLE001 - a cache outage must not stop signing
        return True
    return added is not False
