"""Signed links: confirming an endorsement request, renewing an endorsement. Each carries a row
id and a short keyed digest of the address it was mailed to, never the address; each has its
own salt, so one cannot stand for the other."""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

CONFIRM_SALT = "network.confirm-request"
RENEW_SALT = "network.renew"


class BadToken(Exception):
    """Tampered with, malformed or expired."""


def digest(email):
    return salted_hmac("network.email-digest", email).hexdigest()[:20]


def matches(email, value):
    return bool(email) and constant_time_compare(digest(email), value)


def make(salt, row_id, email, extra=None):
    return signing.dumps([row_id, digest(email), extra], salt=salt, compress=True)


def read(salt, token):
    """``(row_id, digest, extra)``, or BadToken."""
    try:
        row_id, value, extra = signing.loads(
            token, salt=salt, max_age=settings.PORTAL_NETWORK_LINK_DAYS * 86400
        )
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadToken from error
    if not isinstance(row_id, int) or not isinstance(value, str):
        raise BadToken
    return row_id, value, extra
