"""Counting readers' demand without a query on the page-serving path.

Views and searches are added to an in-process buffer (one per worker process, guarded by a
lock): a dictionary of increments by (page, reader language, day) and by (reader language,
day). Nothing is written while a page is served. The buffer is written out by ``flush``, in
one upsert per table (``services.add_page_counts``, ``services.add_search_counts``): after a
response has gone out, once the buffer is ``PORTAL_DEMAND_FLUSH_SECONDS`` old or holds
``PORTAL_DEMAND_FLUSH_KEYS`` keys (``flush_if_due``, on Django's ``request_finished``), when the
process exits, and from ``manage.py flush_demand``. A process killed without warning loses at
most its unflushed counts: counters are an estimate, not a ledger.

What is counted for a request is decided here (``countable``): GET only (not HEAD, not a
prefetch announced with ``Sec-Purpose``/``Purpose``), and not a user agent that calls itself a
bot, crawler, spider or tool. The user agent is read and forgotten, never kept.
"""

import logging
import re
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)

_ROBOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"curl/|wget/|python-|httpclient|okhttp|go-http|java/|libwww|headless|lighthouse|"
    r"pingdom|uptime|scan"
)  # searched in the lowercased user agent: a case-insensitive search is ten times slower

_lock = threading.Lock()
_pages: dict = {}  # (translation key, language code, day) -> [views, fallback views]
_searches: dict = {}  # (language code, day) -> [found elsewhere, found nothing]
_since = None  # time.monotonic() of the oldest unflushed increment
_day = (None, 0.0)  # today, and until when (time.monotonic()) it is taken as today
DAY_RECHECK_SECONDS = 30  # a view in the first seconds after midnight may count the day before


@dataclass(frozen=True)
class FlushReport:
    page_rows: int  # distinct (page, language, day) keys written
    search_rows: int
    statements: int  # write statements run


def enabled():
    return settings.PORTAL_DEMAND_COUNTING


def countable(request):
    """Whether a request is a reader's view worth counting. Nothing about it is kept."""
    if request.method != "GET":
        return False
    meta = request.META
    if "prefetch" in meta.get("HTTP_SEC_PURPOSE", "") or meta.get("HTTP_PURPOSE") == "prefetch":
        return False
    agent = meta.get("HTTP_USER_AGENT", "")
    return bool(agent) and _ROBOT.search(agent.lower()) is None


def _add(store, key, index, amount=1):
    global _since
    with _lock:
        counts = store.get(key)
        if counts is None:
            counts = store[key] = [0, 0]
        counts[index] += amount
        if _since is None:
            _since = time.monotonic()


def _today():
    """Today's date, worked out at most every ``DAY_RECHECK_SECONDS`` (the time-zone
    conversion costs more than the rest of counting a view)."""
    global _day
    day, until = _day
    now = time.monotonic()
    if now >= until:
        day = timezone.localdate()
        _day = (day, now + DAY_RECHECK_SECONDS)
    return day


def record_page_view(*, translation_key: str, language: str, fallback: bool) -> None:
    """One view of a page (``translation_key``) by a reader of ``language``; ``fallback``: the
    original was shown because the page has no translation in that language."""
    _add(_pages, (str(translation_key), language, _today()), int(bool(fallback)))


def record_search(*, language: str, found_elsewhere: bool, found_nothing: bool) -> None:
    """A search in ``language`` that found pages only in other languages, or nothing."""
    if found_elsewhere or found_nothing:
        _add(_searches, (language, _today()), 0 if found_elsewhere else 1)


def pending():
    """How many keys wait to be written (for tests and the benchmark)."""
    with _lock:
        return len(_pages) + len(_searches)


def flush_if_due() -> FlushReport | None:
    with _lock:
        if _since is None:
            return None
        due = (
            time.monotonic() - _since >= settings.PORTAL_DEMAND_FLUSH_SECONDS
            or len(_pages) + len(_searches) >= settings.PORTAL_DEMAND_FLUSH_KEYS
        )
    return flush() if due else None


def _take():
    global _pages, _searches, _since
    with _lock:
        pages, searches = _pages, _searches
        _pages, _searches, _since = {}, {}, None
    return pages, searches


def flush(*, quiet: bool = False) -> FlushReport:
    """Write the buffer out: one upsert per table, whatever the number of keys (in chunks of
    ``services.ROWS_PER_STATEMENT``). Counts that cannot be written are dropped and logged."""
    pages, searches = _take()
    statements = 0
    try:
        statements += services.add_page_counts(pages)
        statements += services.add_search_counts(searches)
    except (DatabaseError, ValidationError):
        if not quiet:
            logger.exception("Could not write %s demand counters", len(pages) + len(searches))
    except Exception:  # noqa: BLE001 - at process exit the database may be gone already
        if not quiet:
            raise
    return FlushReport(page_rows=len(pages), search_rows=len(searches), statements=statements)


def discard() -> None:
    """Forget what is buffered, and the day (tests)."""
    global _day
    _take()
    _day = (None, 0.0)
