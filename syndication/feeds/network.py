"""Who stands behind the positions and campaigns, as RSS and Atom: each endorsement given or
withdrawn, newest first, in the URL's language where the partner and the page are translated."""

from django.utils.translation import gettext as _

from network import selectors
from network.models import Endorsement
from syndication.feeds import (
    AtomMixin,
    FeedEntry,
    SiteFeed,
    text_html,
)


def _title(change):
    names = {"partner": change.partner, "page": change.page_title}
    if change.withdrawn:
        return _("%(partner)s withdrew its support for “%(page)s”") % names
    if change.kind == Endorsement.Kind.COALITION:
        return _("%(partner)s joined the coalition of “%(page)s”") % names
    return _("%(partner)s endorses “%(page)s”") % names


class EndorsementsFeed(SiteFeed):
    def title_text(self, organisation):
        return _("Endorsements · %(organisation)s") % {"organisation": organisation}

    def description_text(self, organisation):
        return _(
            "Partners endorsing the positions and joining the campaigns of %(organisation)s."
        ) % {"organisation": organisation}

    def entries(self, request, locale):
        code = locale.language_code
        return [
            FeedEntry(
                title=_title(change),
                link=request.build_absolute_uri(change.page_url or f"/{code}/"),
                description=text_html(change.statement),
                pubdate=change.at,
            )
            for change in selectors.recent_changes(locale)
        ]


class EndorsementsAtomFeed(AtomMixin, EndorsementsFeed):
    pass
