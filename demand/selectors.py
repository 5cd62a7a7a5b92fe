"""Reading readers' demand: what the queue, its chart and the page editor show. One query each."""

import datetime

from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import PageDemand, SearchDemand

DAYS = 30


def since(days=DAYS):
    """The first day counted in the last ``days`` days, today included."""
    return timezone.localdate() - datetime.timedelta(days=days - 1)


def page_demand(translation_keys, locale, days=DAYS):
    """``{translation_key (UUID): {"views": n, "fallback_views": n}}`` for readers of ``locale``
    in the last ``days`` days; keys without a count are left out."""
    rows = (
        PageDemand.objects.filter(
            translation_key__in=list(translation_keys), locale=locale, day__gte=since(days)
        )
        .values("translation_key")
        .annotate(views=Sum("views"), fallback_views=Sum("fallback_views"))
        .order_by()
    )
    return {
        row["translation_key"]: {"views": row["views"], "fallback_views": row["fallback_views"]}
        for row in rows
    }


def most_asked_for(translation_key, days=DAYS, limit=3):
    """``[(language_code, fallback_views)]``: the languages whose readers read this page in the
    original because it has no translation in their language, most first."""
    rows = (
        PageDemand.objects.filter(
            translation_key=translation_key, day__gte=since(days), fallback_views__gt=0
        )
        .values("locale__language_code")
        .annotate(total=Sum("fallback_views"))
        .order_by("-total", "locale__language_code")[:limit]
    )
    return [(row["locale__language_code"], row["total"]) for row in rows]


def language_demand(days=DAYS):
    """``{locale_id: {"views": n, "fallback_views": n}}``: every page together, per reader
    language, in the last ``days`` days."""
    rows = (
        PageDemand.objects.filter(day__gte=since(days))
        .values("locale_id")
        .annotate(views=Sum("views"), fallback_views=Sum("fallback_views"))
        .order_by()
    )
    return {
        row["locale_id"]: {"views": row["views"], "fallback_views": row["fallback_views"]}
        for row in rows
    }


def search_demand(days=DAYS):
    """``{locale_id: {"found_elsewhere": n, "found_nothing": n}}`` in the last ``days`` days."""
    rows = (
        SearchDemand.objects.filter(day__gte=since(days))
        .values("locale_id")
        .annotate(found_elsewhere=Sum("found_elsewhere"), found_nothing=Sum("found_nothing"))
        .order_by()
    )
    return {
        row["locale_id"]: {
            "found_elsewhere": row["found_elsewhere"],
            "found_nothing": row["found_nothing"],
        }
        for row in rows
    }


def demand_subquery(locale, field, days=DAYS, key="translation_key"):
    """A subquery expression: the sum of ``field`` ("views" or "fallback_views") for readers of
    ``locale`` in the last ``days`` days of the page whose translation key is the outer query's
    ``key``; 0 when none. For annotating a list of pages in the same query."""
    total = (
        PageDemand.objects.filter(
            translation_key=OuterRef(key), locale=locale, day__gte=since(days)
        )
        .values("translation_key")
        .annotate(total=Sum(F(field)))
        .values("total")
    )
    return Coalesce(Subquery(total), 0)
