"""What demand writes: additive upserts of the buffered counters, and the purge.

An upsert adds to a day's row, creating it if needed, in one statement for many keys:
``INSERT … ON CONFLICT (…) DO UPDATE SET views = views + excluded.views``, which SQLite (3.24
and later) and PostgreSQL both understand. Django's ``bulk_create(update_conflicts=True)``
would overwrite the counts rather than add to them.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from core import lookups

from .models import PageDemand, SearchDemand

ROWS_PER_STATEMENT = 150  # 5 parameters a row: below SQLite's oldest limit of 999


def _locale_ids():
    return {locale.language_code: pk for pk, locale in lookups.locales().items()}


def _upsert(model, columns, conflict, added, rows):
    """Insert ``rows`` (tuples in ``columns`` order, already prepared for the database),
    adding the ``added`` columns to an existing row. Returns the number of statements."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    updates = ", ".join(
        f"{quote(column)} = {table}.{quote(column)} + excluded.{quote(column)}" for column in added
    )
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    statements = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            sql = (
                f"INSERT INTO {table} ({names}) VALUES {', '.join([placeholders] * len(chunk))} "  # noqa: S608 - names are the model's own
                f"ON CONFLICT ({', '.join(quote(c) for c in conflict)}) DO UPDATE SET {updates}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])
            statements += 1
    return statements


def add_page_counts(counts: dict) -> int:
    """Add ``{(translation_key, language_code, day): [views, fallback_views]}`` to the daily
    rows. Languages the portal does not have are left out. Returns the statements run."""
    if not counts:
        return 0
    locale_ids = _locale_ids()
    key_field = PageDemand._meta.get_field("translation_key")
    day_field = PageDemand._meta.get_field("day")
    rows = []
    for (key, language, day), (views, fallback_views) in counts.items():
        if language not in locale_ids:
            continue
        try:
            prepared_key = key_field.get_db_prep_value(key, connection)
        except ValidationError:
            continue  # not a translation key: nothing to count
        prepared_day = day_field.get_db_prep_value(day, connection)
        rows.append((prepared_key, locale_ids[language], prepared_day, views, fallback_views))
    return _upsert(
        PageDemand,
        ["translation_key", "locale_id", "day", "views", "fallback_views"],
        ["translation_key", "locale_id", "day"],
        ["views", "fallback_views"],
        rows,
    )


def add_search_counts(counts: dict) -> int:
    """Add ``{(language_code, day): [found_elsewhere, found_nothing]}``."""
    if not counts:
        return 0
    locale_ids = _locale_ids()
    day_field = SearchDemand._meta.get_field("day")
    rows = [
        (locale_ids[language], day_field.get_db_prep_value(day, connection), elsewhere, nothing)
        for (language, day), (elsewhere, nothing) in counts.items()
        if language in locale_ids
    ]
    return _upsert(
        SearchDemand,
        ["locale_id", "day", "found_elsewhere", "found_nothing"],
        ["locale_id", "day"],
        ["found_elsewhere", "found_nothing"],
        rows,
    )


def purge_demand(*, today: datetime.date | None = None) -> int:
    """Delete counters older than ``PORTAL_DEMAND_RETENTION_DAYS``. Returns the rows deleted."""
    cutoff = (today or timezone.localdate()) - datetime.timedelta(
        days=settings.PORTAL_DEMAND_RETENTION_DAYS
    )
    pages, _by_model = PageDemand.objects.filter(day__lt=cutoff).delete()
    searches, _by_model = SearchDemand.objects.filter(day__lt=cutoff).delete()
    return pages + searches
