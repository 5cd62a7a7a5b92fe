"""What the event pages, the listing, the calendars and the registrations read."""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.module_loading import import_string

from wagtail.models import Locale

from core import freshness, lookups
from core.listings import ListingItems
from core.selectors import in_reader_language, page_terms


def _event_model():
    return apps.get_model("events", "EventPage")


def event_context(page):
    locale = page.locale
    return {
        **page_terms(page, locale, "topics", "regions"),
        "languages": list(page.languages.all()),
    }


def event_rows(request, locale, form, querystring):
    """``(pk, start, end)`` of the events of a listing in ``locale`` for the valid filters of
    ``form`` (past and upcoming alike), by start: kept under the lookups generation like every
    listing, and split into upcoming and past at each request, since that split changes with
    the clock and not with a publish."""
    filters = hashlib.sha256(querystring.encode()).hexdigest()[:16]
    model = _event_model()

    def compute():
        queryset = form.apply(in_reader_language(model, locale)).order_by("start", "title", "pk")
        return list(queryset.values_list("pk", "start", "end"))

    return lookups.cached(
        request, f"events:{locale.pk}:{filters}", compute, scopes=(lookups.listing_scope(model),)
    )


def split_by_time(rows, *, now, past):
    """Upcoming events (not over yet: their end is ahead), soonest first; or past events,
    latest first."""
    if past:
        return [pk for pk, _start, end in reversed(rows) if end <= now]
    return [pk for pk, _start, end in rows if end > now]


def next_end(rows, *, now):
    """The soonest end still ahead among the ``(pk, start, end)`` rows, or None."""
    return min((end for _pk, _start, end in rows if end > now), default=None)


def event_listing_context(*, index_page, request):
    locale = index_page.locale
    model = _event_model()
    form = import_string(index_page.filter_form)(request.GET, locale=locale)
    rows = event_rows(request, locale, form, form.querystring(without_time=True))
    now = timezone.now()
    ids = split_by_time(rows, now=now, past=form.wants_past())
    # An event moves from upcoming to past at its end: the listing is kept until the next one.
    freshness.changes_at(request, next_end(rows, now=now))
    page_obj = Paginator(ids, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "ignored_filters": form.ignored_filters(),
        "page_obj": page_obj,
        "items": ListingItems(page_obj.object_list, model.objects.select_related("listing_image")),
        "querystring": form.querystring(),
        "showing_past": form.wants_past(),
    }


def upcoming_events(locale, *, now=None):
    """Live events of ``locale``'s tree (the language's own pages, and the source pages it
    has no translation of) that are not over, soonest first: the language's calendar feed."""
    now = now or timezone.now()
    return list(
        in_reader_language(_event_model(), locale)
        .filter(end__gt=now)
        .select_related("locale")
        .order_by("start", "pk")
    )


def locale_for_language(language_code):
    return Locale.objects.filter(language_code=language_code).first()


def live_event(pk, language_code):
    """The live, public event with primary key ``pk``, in the reader's language where
    translated, or None."""
    model = _event_model()
    event = lookups.public(model.objects.live()).filter(pk=pk).select_related("locale").first()
    if event is None:
        return None
    if event.locale.language_code != language_code:
        translated = (
            lookups.public(model.objects.live())
            .filter(translation_key=event.translation_key, locale__language_code=language_code)
            .select_related("locale")
            .first()
        )
        event = translated or event
    return event


def registration_for_link(registration_id):
    return (
        apps.get_model("events", "Registration")
        .objects.filter(pk=registration_id)
        .select_related("event")
        .first()
    )
