"""The confirmation link of a registration: signed with SECRET_KEY under its own salt, holding
the registration's id and a keyed digest of its address (never the address)."""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

CONFIRM_SALT = "events.confirm"


class BadToken(Exception):
    """A link that was tampered with, is malformed or has expired."""


def email_digest(email):
    return salted_hmac("events.email-digest", email).hexdigest()[:20]


def matches(registration, digest):
    return constant_time_compare(email_digest(registration.email), digest)


def confirmation_token(registration):
    return signing.dumps(
        {"r": registration.pk, "d": email_digest(registration.email)}, salt=CONFIRM_SALT
    )


def read_confirmation(token):
    """``(registration id, email digest)``. Raises BadToken."""
    try:
        payload = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.PORTAL_ACTIONS_CONFIRMATION_DAYS * 86400
        )
        registration_id, digest = int(payload["r"]), str(payload["d"])
    except (signing.BadSignature, ValueError, UnicodeError, KeyError, TypeError) as error:
        raise BadToken from error
    if not 0 < registration_id < 2**63:
        raise BadToken
    return registration_id, digest
