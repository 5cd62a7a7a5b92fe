"""How long a rendered page stays true: pages that change with the clock, not with a publish.

A consultation opens and closes on its dates, an event moves from upcoming to past at its end:
nothing is published then, so no purge renews the kept copy. Whatever renders such a page says
when what it shows next changes (``changes_at``); the page cache (``caching.middleware``) keeps
the page no longer than that, and not at all when the moment has passed.
"""

import datetime
import math

from django.utils import timezone

ATTRIBUTE = "_page_changes_at"


def changes_at(request, moment: datetime.datetime | None) -> None:
    """Record that the page rendered for ``request`` changes at ``moment`` (the earliest one
    recorded counts). ``None`` (nothing ahead) records nothing."""
    if request is None or moment is None:
        return
    current = request.__dict__.get(ATTRIBUTE)
    if current is None or moment < current:
        setattr(request, ATTRIBUTE, moment)


def start_of_day_after(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the site's time zone (when a date range ending on
    ``day`` is over)."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(midnight)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def seconds_left(request, *, limit: int, now: datetime.datetime | None = None) -> int:
    """How many seconds the page rendered for ``request`` may be kept: ``limit`` at most, less
    when it changes sooner, 0 when that moment has come."""
    moment = request.__dict__.get(ATTRIBUTE)
    if moment is None:
        return limit
    left = (moment - (now or timezone.now())).total_seconds()
    return max(0, min(limit, math.floor(left)))
