"""Signed links: a contribution's private status link and the contact's confirmation link.

Both are signed with SECRET_KEY (django.core.signing), each with its own salt, and carry the
row's id with its random secret, so a link cannot be guessed from an id, nor made for another
row. Neither holds an email address.
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare

STATUS_SALT = "contributions.status"
CONFIRM_SALT = "contributions.confirm"
KINDS = {"s": "story", "p": "proposal"}


class BadToken(Exception):
    """A link that was changed, cut short or made for something else."""


def status_token(contribution):
    return signing.dumps({"k": _kind(contribution), "i": contribution.pk}, salt=STATUS_SALT) + (
        "." + contribution.secret
    )


def confirm_token(contact):
    contribution = contact.contribution
    return signing.dumps(
        {"k": _kind(contribution), "i": contribution.pk, "c": contact.pk, "n": contribution.secret},
        salt=CONFIRM_SALT,
    )


def read_status(token):
    """``(kind, id, secret)``; the caller checks the secret against the row. Raises BadToken."""
    signed, _dot, secret = (token or "").rpartition(".")
    payload = _load(signed, STATUS_SALT, None)
    kind, pk = _kind_and_id(payload)
    if not secret:
        raise BadToken
    return kind, pk, secret


def read_confirm(token):
    """``(kind, id, contact id, secret)``. Raises BadToken, also once expired."""
    payload = _load(token, CONFIRM_SALT, settings.PORTAL_CONTRIBUTIONS_CONFIRMATION_DAYS * 86400)
    kind, pk = _kind_and_id(payload)
    try:
        return kind, pk, _row_id(payload["c"]), str(payload["n"])
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise BadToken from error


def secret_matches(contribution, secret):
    return contribution is not None and constant_time_compare(contribution.secret, secret)


def _kind(contribution):
    return "p" if contribution._meta.model_name == "proposal" else "s"


def _kind_and_id(payload):
    try:
        return KINDS[payload["k"]], _row_id(payload["i"])
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise BadToken from error


def _row_id(value):
    if isinstance(value, bool):
        raise ValueError(value)
    pk = int(value)
    if not 0 < pk < 2**63:
        raise ValueError(pk)
    return pk


def _load(token, salt, max_age):
    if not token or len(token) > 400:
        raise BadToken
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise BadToken from error
