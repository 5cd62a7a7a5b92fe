"""Signed values: the confirmation link and the data link (a form's start time is in
``safeguards.started``).

All are signed with SECRET_KEY (django.core.signing), each with its own salt, so a value made
for one purpose is refused for another. None holds an email address: the links carry
signature ids and a short keyed digest of the address, which ties them to it. The cache holds
which data link of an address is live.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

CONFIRM_SALT = "actions.confirm"
DATA_SALT = "actions.data"


class BadToken(Exception):
    """A link that was tampered with, is malformed or has expired."""


def email_digest(email):
    return salted_hmac("actions.email-digest", email).hexdigest()[:20]


def matches(signature, digest):
    return constant_time_compare(email_digest(signature.email), digest)


def confirmation_token(signature, *, language=None, details=None):
    """The confirmation link of one submission: it carries that submission's language and
    details, which are written to the signature only when the link is used. Until then the
    signature keeps the details it was first made with: someone who knows an address cannot
    change what its owner signed."""
    payload = {"s": signature.pk, "d": email_digest(signature.email)}
    if language is not None:
        payload["l"] = language
    for key, name in DETAIL_KEYS.items():
        if details and details.get(name):
            payload[key] = details[name]
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


# Short keys for the details a confirmation link carries.
DETAIL_KEYS = {"n": "name", "c": "country", "m": "comment"}
DETAIL_LIMITS = {"name": 100, "country": 2, "comment": 1000}


def read_confirmation_token(token):
    """``(signature id, email digest)``. Raises BadToken."""
    signature_id, digest, _submitted = read_confirmation(token)
    return signature_id, digest


def read_confirmation(token):
    """``(signature id, email digest, submitted)``, where ``submitted`` is None for a link
    made without details, else ``{"language": …, "name": …, "country": …, "comment": …}``.
    Raises BadToken."""
    payload = _load(token, CONFIRM_SALT, settings.PORTAL_ACTIONS_CONFIRMATION_DAYS * 86400)
    try:
        signature_id, digest = _row_id(payload["s"]), str(payload["d"])
        submitted = None
        if "l" in payload:
            submitted = {"language": str(payload["l"])[:10]}
            for key, name in DETAIL_KEYS.items():
                submitted[name] = str(payload.get(key, ""))[: DETAIL_LIMITS[name]]
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as error:
        raise BadToken from error
    return signature_id, digest, submitted


# -- data links: one live link per address, for PORTAL_ACTIONS_DATA_LINK_HOURS --------------------


def _data_link_key(digest):
    return f"actions:data-link:{digest}"


def data_token(signatures):
    """A data link for ``signatures`` (all of one address). It becomes the address's only
    live link: any older one stops working."""
    signatures = list(signatures)
    digest = email_digest(signatures[0].email)
    nonce = secrets.token_urlsafe(12)
    cache.set(_data_link_key(digest), nonce, settings.PORTAL_ACTIONS_DATA_LINK_HOURS * 3600)
    return signing.dumps(
        {"s": sorted(s.pk for s in signatures), "d": digest, "n": nonce}, salt=DATA_SALT
    )


def read_data_token(token):
    """``([signature ids], email digest)`` of the address's live link. Raises BadToken for a
    link that is not (expired, replaced by a newer one, or used to delete)."""
    payload = _load(token, DATA_SALT, settings.PORTAL_ACTIONS_DATA_LINK_HOURS * 3600)
    try:
        ids, digest, nonce = [_row_id(pk) for pk in payload["s"]], str(payload["d"]), payload["n"]
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise BadToken from error
    try:
        live = cache.get(_data_link_key(digest))
    except Exception as error:  # noqa: BLE001 - unknown, so not live
        raise BadToken from error
    if not isinstance(nonce, str) or live is None or not constant_time_compare(live, nonce):
        raise BadToken
    return ids, digest


def end_data_link(digest):
    """The address's live data link stops working (it was used to delete)."""
    cache.delete(_data_link_key(digest))


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


# -- the form's start time: a bot that posts at once, or a form replayed, is refused -----------
#
# Each form served gets a start time of its own: the second it was served and a random nonce,
# with a keyed digest of both. A submission that is acted on uses its nonce up (``use_started``),
# so a replayed form, however old, is refused: every submission needs a fill time of its own.
