"""The admin report on searches: top and zero-result queries per language, engine health."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.utils import timezone

from .models import EngineIncident, SearchDocument, SearchQueryLog
from .results import language_label


def search_report(*, days, language=None, limit=20):
    """Top and zero-result queries per language, and the engine's health, for ``days`` days."""
    since = timezone.localdate() - timedelta(days=days)
    log = SearchQueryLog.objects.filter(day__gt=since)
    if language:
        log = log.filter(language=language)
    per_language = {
        row["language"]: row
        for row in log.values("language").annotate(
            searches=Count("id"),
            zero=Count("id", filter=Q(result_count=0)),
            fallbacks=Count("id", filter=Q(fallback=True)),
            average_ms=Avg("took_ms"),
        )
    }
    top = _top(log, limit)
    zero = _top(log.filter(result_count=0), limit)
    order = [code for code, _name in settings.LANGUAGES]
    languages = sorted(
        per_language, key=lambda code: order.index(code) if code in order else len(order)
    )
    incidents = EngineIncident.objects.filter(created_at__date__gt=since)
    truncated = SearchDocument.objects.filter(truncated_at__isnull=False).order_by("title")
    return {
        "days": days,
        "languages": [
            {
                "code": code,
                "label": language_label(code),
                "totals": per_language[code],
                "top": top.get(code, []),
                "zero": zero.get(code, []),
            }
            for code in languages
        ],
        "incident_count": incidents.count(),
        "incidents": list(incidents[:10]),
        "backend": settings.PORTAL_SEARCH_BACKEND,
        # Pages whose body was longer than the index takes (search.documents.MAX_BODY_LENGTH).
        "truncated": list(truncated.values("page_id", "title", "language", "truncated_at")[:50]),
        "truncated_count": truncated.count(),
    }


def _top(log, limit):
    rows = (
        log.values("language", "query")
        .annotate(searches=Count("id"), average_results=Avg("result_count"))
        .order_by("language", "-searches", "query")
    )
    by_language = {}
    for row in rows[:5000]:
        entries = by_language.setdefault(row["language"], [])
        if len(entries) < limit:
            entries.append(row)
    return by_language
