"""Holes in cached pages: values that differ per reader, filled in when the page is served.

A page with a form holds a CSRF token and the form's signed start time, so it used to be left
out of the page cache. Rendered through ``{% page_cache_hole %}``, each such value is recorded on
the request; the cached copy holds a marker in its place, and every reader served from the
cache gets values of their own (a CSRF token for their cookie, the time they were served).
Such a page is marked ``Cache-Control: private``: shared caches (a CDN) never keep it.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

_SIZE = len(CSRF_ALLOWED_CHARS)
_UNBIASED = 256 - 256 % _SIZE  # bytes at or above this are drawn again
# Random bytes to characters of the alphabet, in C: a byte maps to its remainder's character,
# and bytes that would favour the first characters are deleted.
_TO_CHARS = bytes(ord(CSRF_ALLOWED_CHARS[byte % _SIZE]) for byte in range(256))
_BIASED = bytes(range(_UNBIASED, 256))
# The masked character of each (secret character, mask character) pair.
_MASKED = {
    (char, key): CSRF_ALLOWED_CHARS[(index + key_index) % _SIZE]
    for index, char in enumerate(CSRF_ALLOWED_CHARS)
    for key_index, key in enumerate(CSRF_ALLOWED_CHARS)
}


def _random_chars(count):
    """``count`` characters drawn uniformly from Django's CSRF alphabet, from the operating
    system's CSPRNG, like ``get_random_string`` but in one read rather than a read per
    character (a third of the cost of serving a cached page with a form)."""
    chars = b""
    while len(chars) < count:
        chars += secrets.token_bytes(count).translate(_TO_CHARS, _BIASED)
    return chars[:count].decode("ascii")


def _csrf(request):
    """The reader's CSRF token, as ``django.middleware.csrf.get_token`` makes it: the reader's
    secret (a new one for a reader without the cookie, which ``CsrfViewMiddleware`` then sets),
    masked with a fresh random mask. Secrets kept in the session are left to Django."""
    if settings.CSRF_USE_SESSIONS:
        return get_token(request)
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = _random_chars(CSRF_SECRET_LENGTH)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_chars(CSRF_SECRET_LENGTH)
    return mask + "".join(map(_MASKED.__getitem__, zip(secret, mask, strict=True)))


# What fills each hole, for a reader's request. The app that renders a hole registers its
# filler (``register_filler``) when it is ready: the actions app fills its forms' start times.
FILLERS = {"csrf": _csrf}


def register_filler(name, filler):
    """``filler(request)`` gives this reader's value for the hole ``name``."""
    FILLERS[name] = filler


class Markers:
    @cached_property
    def secret(self):
        digest = hmac.new(settings.SECRET_KEY.encode(), b"page-cache-holes", hashlib.sha256)
        return digest.hexdigest()[:24]

    def marker(self, name):
        return f"hole-{self.secret}-{name}".encode()


markers = Markers()


def record(request, name, value):
    """Note that ``value`` was rendered in the hole ``name``; returns the value."""
    request.__dict__.setdefault("_page_cache_holes", []).append((name, str(value)))
    return value


def punch(request, content):
    """``content`` with every recorded value replaced by its marker, or None where the page
    cannot be shared: a CSRF token rendered outside a hole."""
    holes = request.__dict__.get("_page_cache_holes", [])
    if not holes:
        return None
    csrf_holes = sum(1 for name, _value in holes if name == "csrf")
    if content.count(b"csrfmiddlewaretoken") != csrf_holes:
        return None
    for name, value in holes:
        content = content.replace(value.encode(), markers.marker(name))
    return content


def fill(request, content, names):
    """``content`` with its holes filled in with this reader's values, and a digest of those
    values (which, with the stored page's, makes the response's ETag)."""
    values = []
    for name in names:
        value = FILLERS[name](request).encode()
        content = content.replace(markers.marker(name), value)
        values.append(value)
    return content, hashlib.md5(b"\0".join(values), usedforsecurity=False).hexdigest()[:16]


def kept(request, memo, key, render):
    """``render()``, kept in ``memo`` (``core.memo.ProcessMemo``) under ``key`` with its holes
    as markers, and filled in with this request's own values, recorded as if just rendered.

    For a fragment that is the same for every reader but for its holes (an action form): its
    CSRF token and start time are never shared, whether or not the page cache is on."""

    def punched():
        recorded = request.__dict__.setdefault("_page_cache_holes", [])
        before = len(recorded)
        markup = str(render())
        names = []
        for name, value in recorded[before:]:
            markup = markup.replace(value, markers.marker(name).decode(), 1)
            names.append(name)
        del recorded[before:]  # recorded again below, as every reader's are
        return markup, tuple(names)

    markup, names = memo.get_or_set(key, punched)
    for name in names:
        value = record(request, name, FILLERS[name](request))
        markup = markup.replace(markers.marker(name).decode(), value, 1)
    return mark_safe(markup)  # noqa: S308 - rendered by a template, values are tokens
