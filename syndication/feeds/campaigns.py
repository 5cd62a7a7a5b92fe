"""Campaign feeds: the newest campaigns of a language, and each campaign's own updates.

A campaign has no "updates" of its own; its feed is made of what it does have: the milestones of
its timeline (those dated today or earlier: a feed entry reports what happened, and a planned
step appears once its day comes) and its publication history, from Wagtail's publish log, one
entry per publication, saying when the campaign's status changed. Who published is never read.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import PageLogEntry

from campaigns.models import CampaignIndexPage, CampaignPage, CampaignStatus
from syndication.feeds import (
    FEED_LENGTH,
    AtomMixin,
    FeedChannel,
    FeedEntry,
    PageListFeed,
    active_locale,
    day_start,
    organisation_facts,
    organisation_name,
    text_html,
)
from syndication.seo import absolute_page_url


def status_label(value):
    try:
        return str(CampaignStatus(value).label)
    except ValueError:
        return value or ""


class CampaignsFeed(PageListFeed):
    model = CampaignPage
    index_model = CampaignIndexPage

    def description_text(self, organisation):
        return _("The latest campaigns of %(organisation)s.") % {"organisation": organisation}

    def page_categories(self, page):
        return (page.get_status_display(),)


class CampaignsAtomFeed(AtomMixin, CampaignsFeed):
    pass


def milestone_entries(page, link):
    today = timezone.localdate()
    return [
        FeedEntry(
            title=block.value["title"],
            link=link,
            description=text_html(block.value["description"]),
            pubdate=day_start(block.value["date"]),
            guid=f"{link}#milestone-{block.id}",
            categories=(_("Milestone"),),
        )
        for block in page.milestones
        if block.value.get("date") and block.value["date"] <= today
    ]


def publication_entries(page, link):
    """One entry per publication of ``page``, newest first, from the publish log."""
    rows = list(
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .exclude(revision__isnull=True)
        .order_by("-timestamp", "-pk")
        .values_list("pk", "timestamp", "revision__content__status")[: FEED_LENGTH + 1]
    )
    rows.reverse()  # oldest first, to compare each publication's status with the one before
    first_is_launch = len(rows) <= FEED_LENGTH
    entries = []
    previous_status = None
    for position, (pk, timestamp, status) in enumerate(rows):
        label = status_label(status)
        if position == 0 and first_is_launch:
            title = _("Campaign published")
        elif previous_status is not None and status != previous_status:
            title = _("Status changed to %(status)s") % {"status": label}
        else:
            title = _("Campaign page updated")
        if position > 0 or first_is_launch:
            entries.append(
                FeedEntry(
                    title=title,
                    link=link,
                    description=text_html(_("Status: %(status)s") % {"status": label}),
                    pubdate=timestamp,
                    guid=f"{link}#update-{pk}",
                    categories=(label,),
                )
            )
        previous_status = status
    return entries


class CampaignUpdatesFeed(PageListFeed):
    """One campaign's milestones and publications, in the language of the URL."""

    def get_object(self, request, slug):
        locale = active_locale()
        page = CampaignPage.objects.live().public().filter(locale=locale, slug=slug).first()
        link = absolute_page_url(request, page) if page is not None else None
        if link is None:
            raise Http404("No campaign with this address in this language.")
        entries = milestone_entries(page, link) + publication_entries(page, link)
        entries.sort(key=lambda entry: entry.pubdate, reverse=True)
        return FeedChannel(
            title=_("%(campaign)s: milestones and updates") % {"campaign": page.title},
            link=link,
            description=page.summary
            or _("Milestones and updates of a campaign of %(organisation)s.")
            % {"organisation": organisation_name(request)},
            language=locale.language_code,
            entries=entries[:FEED_LENGTH],
            **organisation_facts(request),
        )


class CampaignUpdatesAtomFeed(AtomMixin, CampaignUpdatesFeed):
    pass
