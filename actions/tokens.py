"""Signed values: the confirmation link, the data link and the form's start time.

All are signed with SECRET_KEY (django.core.signing), each with its own salt, so a value made
for one purpose is refused for another. None holds an email address: the links carry
signature ids and a short keyed digest of the address, which ties them to it.
"""

import functools
import time

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

CONFIRM_SALT = "actions.confirm"
DATA_SALT = "actions.data"
STARTED_SALT = "actions.form-started"


class BadToken(Exception):
    """A link that was tampered with, is malformed or has expired."""


def email_digest(email):
    return salted_hmac("actions.email-digest", email).hexdigest()[:20]


def matches(signature, digest):
    return constant_time_compare(email_digest(signature.email), digest)


def confirmation_token(signature):
    return signing.dumps({"s": signature.pk, "d": email_digest(signature.email)}, salt=CONFIRM_SALT)


def read_confirmation_token(token):
    """``(signature id, email digest)``. Raises BadToken."""
    payload = _load(token, CONFIRM_SALT, settings.PORTAL_ACTIONS_CONFIRMATION_DAYS * 86400)
    try:
        return _row_id(payload["s"]), str(payload["d"])
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise BadToken from error


def data_token(signatures):
    signatures = list(signatures)
    return signing.dumps(
        {"s": sorted(s.pk for s in signatures), "d": email_digest(signatures[0].email)},
        salt=DATA_SALT,
    )


def read_data_token(token):
    """``([signature ids], email digest)``. Raises BadToken."""
    payload = _load(token, DATA_SALT, settings.PORTAL_ACTIONS_DATA_LINK_HOURS * 3600)
    try:
        return [_row_id(pk) for pk in payload["s"]], str(payload["d"])
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise BadToken from error


def _row_id(value):
    """A signature id as the database can hold it (a positive 64-bit integer)."""
    pk = int(value)
    if not 0 < pk < 2**63:
        raise ValueError(pk)
    return pk


def _load(token, salt, max_age):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise BadToken from error


# -- the form's start time: a bot that posts at once, or a form replayed for days, is refused --


def started_value(at=None):
    """The form's start time, signed, in whole seconds."""
    return _signed_second(int(at if at is not None else time.time()), settings.SECRET_KEY)


@functools.lru_cache(maxsize=4)
def _signed_second(second, secret_key):
    # A second always signs to the same value: it is signed once, not for every form served
    # in that second (every reader of a cached page with a form gets one).
    return signing.Signer(key=secret_key, salt=STARTED_SALT).sign(str(second))


def started_age(value):
    """Seconds since the form was rendered, or None when the value is not ours."""
    try:
        started = int(signing.Signer(salt=STARTED_SALT).unsign(value or ""))
        return time.time() - started
    except (signing.BadSignature, ValueError, OverflowError):
        return None
