"""Signed values: the confirmation link, the data link and the form's start time.

All are signed with SECRET_KEY (django.core.signing), each with its own salt, so a value made
for one purpose is refused for another. None holds an email address: the links carry
signature ids and a short keyed digest of the address, which ties them to it. The cache holds
which data link of an address is live, and which form start times were used.
"""

import functools
import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
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
