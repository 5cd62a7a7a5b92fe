"""What the RSS and Atom feeds share: a channel of entries in one language.

A feed is language-specific, like its reader: each feed lists the pages of the language in its
URL prefix only. The web listings also show source pages not yet translated, labelled "In
English"; a feed cannot label an entry's language in RSS, and a reader who wants the English
pages subscribes to the English feed.

No feed names a person: no author, no publisher, no editor.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks

from wagtail.models import Locale

from home.seo import absolute_page_url
from home.templatetags.portal_tags import bcp47

FEED_LENGTH = 20


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str
    description: str
    pubdate: datetime.datetime
    updateddate: datetime.datetime | None = None
    guid: str | None = None  # a non-permalink identifier; the link when empty
    categories: tuple[str, ...] = ()


@dataclass
class FeedChannel:
    title: str
    link: str
    description: str
    language: str
    entries: list[FeedEntry] = field(default_factory=list)


def active_locale():
    """The locale of the URL's language prefix; 404 for a language without one."""
    try:
        return Locale.get_active()
    except Locale.DoesNotExist as error:
        raise Http404("No content in this language.") from error


def organisation_name(request):
    from home import lookups

    return lookups.portal_settings(request).organisation_name


def text_html(text):
    """Plain text as the HTML a feed description holds."""
    return linebreaks(escape(text or ""))


def day_start(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min), datetime.UTC)


def index_page(model, locale):
    """The live index page of ``locale``, or the source language's one where it has none."""
    return (
        model.objects.live()
        .public()
        .filter(Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .order_by(
            Case(When(locale=locale, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .first()
    )


def page_entries(request, pages, *, categories=lambda page: ()):
    entries = []
    for page in pages:
        link = absolute_page_url(request, page)
        if link is None:
            continue
        entries.append(
            FeedEntry(
                title=page.title,
                link=link,
                description=text_html(page.summary),
                pubdate=page.first_published_at,
                updateddate=page.last_published_at,
                categories=tuple(categories(page)),
            )
        )
    return entries


class PageListFeed(Feed):
    """The newest live, public pages of one type in the language of the URL.

    Subclasses name the page model, its index page model and the channel's description.
    """

    model = None
    index_model = None

    def description_text(self, organisation):
        raise NotImplementedError

    def page_categories(self, page):
        return ()

    def get_object(self, request, *args, **kwargs):
        locale = active_locale()
        index = index_page(self.index_model, locale)
        if index is None:
            raise Http404("This section has no index page.")
        organisation = organisation_name(request)
        pages = (
            self.model.objects.live()
            .public()
            .filter(locale=locale)
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )
        return FeedChannel(
            title=f"{index.title} · {organisation}",
            link=absolute_page_url(request, index),
            description=index.intro
            or index.meta_description
            or self.description_text(organisation),
            language=locale.language_code,
            entries=page_entries(request, pages, categories=self.page_categories),
        )

    # The channel and its entries are computed once per request in ``get_object``; the feed
    # instance itself is shared by every request and holds no state.
    def title(self, channel):
        return channel.title

    def link(self, channel):
        return channel.link

    def description(self, channel):
        return channel.description

    def items(self, channel):
        return channel.entries

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.description

    def item_pubdate(self, entry):
        return entry.pubdate

    def item_updateddate(self, entry):
        return entry.updateddate

    def item_guid(self, entry):
        return entry.guid or entry.link

    def item_guid_is_permalink(self, entry):
        return entry.guid is None

    def item_categories(self, entry):
        return entry.categories

    def get_feed(self, channel, request):
        feed = super().get_feed(channel, request)
        feed.feed["language"] = bcp47(channel.language)
        return feed


class AtomMixin:
    """The same feed as Atom 1.0, where the channel's description is the subtitle."""

    feed_type = Atom1Feed

    def subtitle(self, channel):
        return channel.description
