"""Time zones: the IANA names editors choose an event's zone from."""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def zone_names():
    return frozenset(zoneinfo.available_timezones())


def zone_choices():
    """Every IANA zone, sorted by name (read when a form needs them, not at import)."""
    return [(name, name.replace("_", " ")) for name in sorted(zone_names())]


def validate_zone(value):
    if value not in zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone name (such as Europe/Paris)."),
            code="invalid_zone",
            params={"value": value},
        )


def zone(name):
    """The zone named ``name``, or UTC for a name that is not one."""
    return zoneinfo.ZoneInfo(name) if name in zone_names() else zoneinfo.ZoneInfo("UTC")
