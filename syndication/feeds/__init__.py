"""What the RSS and Atom feeds share: a channel of entries in one language.

A feed is language-specific, like its reader: each feed lists the pages of the language in its
URL prefix only. The web listings also show source pages not yet translated, labelled "In
English"; a feed cannot label an entry's language in RSS, and a reader who wants the English
pages subscribes to the English feed.

No feed names a person: the feed's author, which RFC 4287 requires of an Atom feed (its entries
inherit it), is the organisation, in the feed's language. Entries are dated by their page's
first publication and updated at its last. The organisation's logo is the Atom feed's ``<icon>``
and ``<logo>`` and the RSS channel's ``<image>``.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape, linebreaks

from wagtail.models import Locale

from core.identity import organisation
from core.languages import bcp47
from core.sections import section_of
from syndication.seo import absolute_page_url

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
    author: str = ""  # the organisation, never a person
    logo: dict = field(default_factory=dict)  # absolute addresses: icon, logo, image


def organisation_facts(request):
    """The organisation's name (as the feed's author) and logo addresses, for a channel."""
    identity = organisation(request)
    if identity.logo is None:
        return {"author": identity.name, "logo": {}}
    square = identity.logo["square"]
    return {
        "author": identity.name,
        "logo": {
            "icon": identity.logo_url(request, "square"),
            "logo": identity.logo_url(request, "wide"),
            "image": identity.logo_url(request, "square"),
            "image_width": square["width"],
            "image_height": square["height"],
        },
    }


class PortalRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the channel's ``<image>`` (the organisation's logo)."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        image = self.feed.get("image")
        if image:
            handler.startElement("image", {})
            handler.addQuickElement("url", image)
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.addQuickElement("width", str(self.feed["image_width"]))
            handler.addQuickElement("height", str(self.feed["image_height"]))
            handler.endElement("image")


class PortalAtom1Feed(Atom1Feed):
    """Atom 1.0 with the organisation's logo as ``<icon>`` (square) and ``<logo>`` (2:1)."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for name in ("icon", "logo"):
            if self.feed.get(name):
                handler.addQuickElement(name, self.feed[name])


def active_locale():
    """The locale of the URL's language prefix; 404 for a language without one."""
    try:
        return Locale.get_active()
    except Locale.DoesNotExist as error:
        raise Http404("No content in this language.") from error


def organisation_name(request):
    """The organisation's name in the language of the URL."""
    return organisation(request).name


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
    feed_type = PortalRssFeed

    def description_text(self, organisation):
        raise NotImplementedError

    def page_categories(self, page):
        return ()

    def entry_categories(self, page):
        """The page's own categories, and the affiliate whose section it is in, if any."""
        section = section_of(page.url_path)
        named = (section["title"],) if section else ()
        return (*self.page_categories(page), *named)

    def get_object(self, request, *args, **kwargs):
        locale = active_locale()
        index = index_page(self.index_model, locale)
        if index is None:
            raise Http404("This section has no index page.")
        organisation = organisation_name(request)
        pages = self.model.objects.live().public().filter(locale=locale)
        # The global listing's rule: a page type whose sections' pages join the global
        # listing only when staff accepted them (campaigns) keeps that rule in its feed too.
        global_listing = getattr(self.model, "global_listing", None)
        if global_listing is not None:
            pages = global_listing(pages, request)
        pages = pages.order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        return FeedChannel(
            title=f"{index.title} · {organisation}",
            link=absolute_page_url(request, index),
            description=index.intro
            or index.meta_description
            or self.description_text(organisation),
            language=locale.language_code,
            entries=page_entries(request, pages, categories=self.entry_categories),
            **organisation_facts(request),
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

    def author_name(self, channel):
        return channel.author or None

    def feed_extra_kwargs(self, channel):
        return dict(channel.logo)

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.description

    def item_pubdate(self, entry):
        return entry.pubdate

    def item_updateddate(self, entry):
        # Atom requires every entry's <updated>: an entry never changed was updated when made.
        return entry.updateddate or entry.pubdate

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


class SiteFeed(PageListFeed):
    """A feed of the whole site in one language that is not a list of pages (consultations,
    endorsements): the channel links to the language's home page; subclasses give its title,
    description and entries."""

    def title_text(self, organisation):
        raise NotImplementedError

    def entries(self, request, locale):
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs):
        locale = active_locale()
        organisation = organisation_name(request)
        return FeedChannel(
            title=self.title_text(organisation),
            link=request.build_absolute_uri(f"/{locale.language_code}/"),
            description=self.description_text(organisation),
            language=locale.language_code,
            entries=self.entries(request, locale),
            **organisation_facts(request),
        )


class AtomMixin:
    """The same feed as Atom 1.0, where the channel's description is the subtitle."""

    feed_type = PortalAtom1Feed

    def subtitle(self, channel):
        return channel.description
