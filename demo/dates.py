"""The demo's pages dated by their story, not by the moment the demo was loaded."""

import datetime

from django.utils import timezone

from wagtail.models import Page, PageLogEntry


def backdate_first_publication(page, day):
    """Date the page's publication, and its translations' a day later, by the demo's story
    rather than by the moment the demo was loaded: feeds and link previews show these dates."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    for version in page.get_translations(inclusive=True):
        published = moment if version.pk == page.pk else moment + datetime.timedelta(days=1)
        published = min(published, timezone.now())
        Page.objects.filter(pk=version.pk).update(
            first_published_at=published, last_published_at=published
        )
        PageLogEntry.objects.filter(page=version, action="wagtail.publish").update(
            timestamp=published
        )


def backdate_publications(page, dates):
    """Date the page's publications by the explainer's history (the demo's revisions are new)."""
    entries = list(
        PageLogEntry.objects.filter(page=page, action="wagtail.publish").order_by("timestamp")
    )
    for entry, date in zip(entries[-len(dates) :], dates, strict=False):
        moment = timezone.make_aware(
            datetime.datetime.combine(datetime.date.fromisoformat(date), datetime.time(12))
        )
        PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=moment)
