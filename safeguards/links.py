"""Signed links mailed to a person: a row id and a short keyed digest of the address the link
was mailed to (never the address itself), signed with a salt of its own so that one kind of
link cannot stand for another. A link stops working when its row is gone or when the row's
address changes."""

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac


class BadLink(Exception):
    """Tampered with, malformed or expired."""


def digest(email):
    return salted_hmac("safeguards.link-email-digest", email).hexdigest()[:20]


def matches(email, value):
    """Whether ``value`` is the digest of ``email`` (never for an empty address)."""
    return bool(email) and isinstance(value, str) and constant_time_compare(digest(email), value)


def make(salt, row_id, email):
    return signing.dumps([row_id, digest(email)], salt=salt, compress=True)


def read(salt, token, *, max_age=None):
    """``(row_id, digest)`` of a link made with ``salt``, younger than ``max_age`` seconds
    (None: no limit), or BadLink."""
    try:
        row_id, value = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink from error
    if not isinstance(row_id, int) or isinstance(row_id, bool) or not isinstance(value, str):
        raise BadLink
    return row_id, value
