"""Rate limiting without storing the client address.

Each client is known by an HMAC of its address, keyed with a SECRET_KEY-derived salt that
changes every day (UTC): the cache holds a counter under that digest and nothing else, and
yesterday's digests cannot be matched to today's. Counters live in Django's cache.

When the cache is unreachable the limit fails open: submissions are accepted rather than refused
for everyone. The honeypot, the minimum fill time and the confirmation mail still stand.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy

# What a form says when its client is over the limit.
TOO_MANY = gettext_lazy(
    "Too many attempts from your connection. Please wait a while and try again."
)


def client_digest(request):
    header = settings.PORTAL_ACTIONS_CLIENT_ADDRESS_HEADER
    raw = request.META.get(header) or request.META.get("REMOTE_ADDR") or "unknown"
    # Behind the portal's own proxy, the last entry is the one that proxy saw.
    address = raw.split(",")[-1].strip()
    day = timezone.now().strftime("%Y-%m-%d")
    return salted_hmac(f"actions.rate-limit.{day}", address).hexdigest()


def hit(request, scope):
    """Count one submission; return False when the client is over the limit."""
    return _count(
        f"actions:rate:{scope}:{client_digest(request)}", settings.PORTAL_ACTIONS_RATE_LIMIT
    )


def address_digest(email):
    """The daily-salted HMAC of a (normalised) email address, as for client addresses."""
    day = timezone.now().strftime("%Y-%m-%d")
    return salted_hmac(f"actions.rate-limit-address.{day}", email).hexdigest()


def hit_address(email, scope, limit):
    """Count one request about ``email`` (from any client); False when over ``limit``."""
    return _count(f"actions:rate:{scope}:address:{address_digest(email)}", limit)


def _count(key, limit):
    window = settings.PORTAL_ACTIONS_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    if count is None:  # django-redis ignoring a connection error: fail open
        return True
    return count <= limit
