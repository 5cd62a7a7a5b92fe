"""The per-reader values of a page kept by the edge tier (``caching.edge``), answered for its
includes: ``/_hole/<name>.<name>?field=<field>.<field>`` gives one hidden input per name.

A page with a form includes them on every view, so their cost is the page's cost at the edge.
``fast_path`` answers them before Django's middleware (a tenth of the work) whenever it can:
the reader has a well-formed CSRF cookie, which the edge makes sure of before it serves such a
page (``deploy/varnish/portal.vcl``), and every name and field is known. Anything else, a
reader without the cookie included, goes through Django (``views.hole``), which answers the same
inputs or a 400 with its reason.
"""

import re

from django.conf import settings
from django.http import parse_cookie
from django.middleware.csrf import CSRF_SECRET_LENGTH, CSRF_TOKEN_LENGTH, _unmask_cipher_token
from django.utils.html import format_html

from core import holes

HOLE_PATH = "/_hole/"
SEPARATOR = "."  # between names, and between fields: neither may hold one
FIELD = re.compile(r"[\w-]{1,64}")
_TOKEN_CHARS = re.compile(r"[a-zA-Z0-9]+")


def parse(names, fields):
    """``[(name, field), ...]`` from an include's path and ``field`` parameter, or the reason
    they are refused."""
    names, fields = names.split(SEPARATOR), fields.split(SEPARATOR)
    if any(name not in holes.FILLERS for name in names):
        return None, "Unknown value."
    if len(fields) != len(names) or not all(FIELD.fullmatch(field) for field in fields):
        return None, "The field name is missing or not allowed."
    return list(zip(names, fields, strict=True)), ""


def inputs(request, pairs):
    """The hidden inputs holding ``request``'s own value for each ``(name, field)``."""
    return "".join(
        format_html(
            '<input type="hidden" name="{}" value="{}">', field, holes.FILLERS[name](request)
        )
        for name, field in pairs
    )


def csrf_secret(cookie):
    """The CSRF secret in a cookie's value, as Django reads it, or None when malformed."""
    if not cookie or not _TOKEN_CHARS.fullmatch(cookie):
        return None
    if len(cookie) == CSRF_TOKEN_LENGTH:  # a masked secret, as Django before 4.1 set it
        return _unmask_cipher_token(cookie)
    return cookie if len(cookie) == CSRF_SECRET_LENGTH else None


class _Reader:
    """What the fillers read of a request: the reader's CSRF secret."""

    def __init__(self, secret):
        self.META = {"CSRF_COOKIE": secret}


def fast_path(application):
    """``application`` (the WSGI application) answering the edge's includes itself when it
    can; only while the edge tier is on (``PORTAL_EDGE``)."""

    def answer(environ):
        if not settings.PORTAL_EDGE or settings.CSRF_USE_SESSIONS:
            return None
        path = environ.get("PATH_INFO", "")
        if not path.startswith(HOLE_PATH) or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        query = environ.get("QUERY_STRING", "")
        if not query.startswith("field=") or "&" in query:
            return None
        pairs, _reason = parse(path[len(HOLE_PATH) :], query[len("field=") :])
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        secret = csrf_secret(cookies.get(settings.CSRF_COOKIE_NAME))
        if pairs is None or secret is None:
            return None
        return inputs(_Reader(secret), pairs).encode()

    def with_includes(environ, start_response):
        body = answer(environ)
        if body is None:
            return application(environ, start_response)
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    return with_includes
