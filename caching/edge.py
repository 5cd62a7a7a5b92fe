"""The edge tier: a shared cache (Varnish, ``deploy/varnish/portal.vcl``) in front of the
application, keeping exactly what the page cache shares.

- **What it may keep.** The edge asks for a page with ``Surrogate-Capability: portal="ESI/1.0"``
  and without the reader's cookies. The page cache answers a page it would share with
  ``Surrogate-Control: max-age=<its own lifetime>``; anything else (a cookie set, a private
  answer, a signed-in reader) carries no such header and the edge keeps nothing of it.
- **Pages with a form.** Their per-reader values (``core.holes``: the CSRF token, the form's
  signed start time) become edge-side includes of ``/_hole/<name>`` (``caching.includes``: one
  include per form, answered before Django's middleware), which is never kept: every
  reader gets values of their own, made for their own CSRF cookie. A reader without that cookie
  is passed to the application by the edge (an include cannot set a cookie), which answers as
  it does without an edge, setting the cookie. Chosen over a script that fetches the values:
  the forms keep working with JavaScript off (readers on Tor).
- **Purges.** What the page cache purges, the edge purges too, by path with every query string
  (filters, pagination), from a task after the commit; a failed purge is retried, then logged.
"""

import logging
import math
import re
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.http import HttpResponse

from core import holes

from .includes import HOLE_PATH

logger = logging.getLogger(__name__)

CAPABILITY = 'portal="ESI/1.0"'
# Paths per purge request: the regular expression travels in one header, kept under the edge's
# header size limit (Varnish: 8 KB).
BATCH = 40
ATTEMPTS = 3


def asked_for_esi(request):
    """Whether the request comes from the edge tier, which assembles includes."""
    return settings.PORTAL_EDGE and CAPABILITY in request.META.get("HTTP_SURROGATE_CAPABILITY", "")


def _hidden_inputs(name):
    """The hidden inputs holding the hole ``name``: an include cannot sit inside an attribute
    (the edge reads a tag to its end), so the whole input is included."""
    marker = re.escape(holes.markers.marker(name))
    return re.compile(rb'<input type="hidden" name="([\w-]+)" value="' + marker + rb'">')


# Includes side by side (a form's CSRF token and start time), with only spaces between them.
_NEIGHBOURS = re.compile(
    rb'<esi:include src="/_hole/([\w.]+)\?field=([\w.-]+)"/>\s*'
    rb'<esi:include src="/_hole/([\w.]+)\?field=([\w.-]+)"/>'
)


def _joined(found):
    names, fields = found[1] + b"." + found[3], found[2] + b"." + found[4]
    return b'<esi:include src="/_hole/' + names + b"?field=" + fields + b'"/>'


def with_includes(content, hole_names):
    """``content`` with each hidden input holding a hole replaced by an include of that input,
    includes side by side joined into one (one request to the application per form, not two),
    or None if a hole stands anywhere else (the page is then not kept by the edge)."""
    for name in set(hole_names):
        content = _hidden_inputs(name).sub(
            lambda found, name=name: (
                f'<esi:include src="{HOLE_PATH}{name}?field={found[1].decode()}"/>'.encode()
            ),
            content,
        )
        if holes.markers.marker(name) in content:
            return None
    joined = _NEIGHBOURS.sub(_joined, content)
    while joined != content:
        content, joined = joined, _NEIGHBOURS.sub(_joined, joined)
    return content


def response(request, entry):
    """The edge's copy of a page-cache entry: its holes as includes, no ETag (each reader's
    assembled page differs), kept by the edge for what is left of the entry's own lifetime
    (a page that changes with the clock is kept until then: ``core.freshness``); None when it
    cannot be shared (a hole outside a hidden input, a lifetime over)."""
    _generations, status, headers, content, hole_names, _etag, _demand, expires = entry
    ttl = math.floor(expires - time.time())
    if ttl <= 0:
        return None
    content = with_includes(content, hole_names) if hole_names else content
    if content is None:
        return None
    answer = HttpResponse(content, status=status)
    for name, value in headers:
        if name.lower() not in ("etag", "cache-control"):
            answer[name] = value
    surrogate = [f"max-age={int(ttl)}"]
    if hole_names:
        surrogate.append('content="ESI/1.0"')
        answer["X-Portal-Holes"] = ",".join(sorted(set(hole_names)))
        # Nothing per reader was sent: no CSRF cookie to set on this shared copy.
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    answer["Surrogate-Control"] = ", ".join(surrogate)
    answer["Cache-Control"] = "max-age=0" if hole_names else _browser_cache_control(headers)
    return answer


def _browser_cache_control(headers):
    return next((value for name, value in headers if name.lower() == "cache-control"), "")


# -- purges ---------------------------------------------------------------------------------


def schedule_purge(paths=(), *, everything=False):
    """Purge ``paths``, or every page, at the edge from a task; called after the commit."""
    if settings.PORTAL_EDGE and (paths or everything):
        from .tasks import purge_edge_task  # tasks imports this module

        purge_edge_task.enqueue(sorted(paths), everything)


def purge_expression(paths):
    """A regular expression matching each path with any query string."""
    alternatives = "|".join(re.escape(path) for path in sorted(paths))
    return f"^(?:{alternatives})(?:\\?.*)?$"


def send_purges(paths, *, everything=False, attempts=ATTEMPTS, pause=0.5):
    """Ban ``paths`` (or every page) at the edge, in batches; each batch is tried ``attempts``
    times. Returns the paths that could not be purged (logged)."""
    if everything:
        if _send("^/", attempts=attempts, pause=pause):
            return []
        logger.error("Edge purge of every page failed after %d attempts", attempts)
        return ["/"]
    failed = []
    paths = sorted(set(paths))
    for start in range(0, len(paths), BATCH):
        batch = paths[start : start + BATCH]
        if not _send(purge_expression(batch), attempts=attempts, pause=pause):
            failed.extend(batch)
    if failed:
        logger.error("Edge purge failed for %d paths after %d attempts", len(failed), attempts)
    return failed


def _send(expression, *, attempts, pause):
    request = urllib.request.Request(  # noqa: S310 - the operator's own purge address
        settings.PORTAL_EDGE_PURGE_URL,
        method="BAN",
        headers={"X-Ban-Url": expression, "User-Agent": "portal-edge-purge"},
    )
    for attempt in range(1, attempts + 1):
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return True
        except (urllib.error.URLError, OSError) as error:
            logger.warning("Edge purge attempt %d failed: %s", attempt, error)
        if attempt < attempts:
            time.sleep(pause * 2 ** (attempt - 1))
    return False
