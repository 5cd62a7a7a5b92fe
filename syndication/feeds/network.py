"""Who stands behind the positions and campaigns, as RSS and Atom: each endorsement given or
withdrawn, newest first, in the URL's language where the partner and the page are translated."""

from django.utils.translation import gettext as _

from network import selectors
from network.models import Endorsement
from syndication.feeds import (
    AtomMixin,
    FeedChannel,
    FeedEntry,
    PageListFeed,
    active_locale,
    organisation_facts,
    organisation_name,
    text_html,
)


def _title(change):
    names = {"partner": change.partner, "page": change.page_title}
    if change.withdrawn:
        return _("%(partner)s withdrew its support for “%(page)s”") % names
    if change.kind == Endorsement.Kind.COALITION:
        return _("%(partner)s joined the coalition of “%(page)s”") % names
    return _("%(partner)s endorses “%(page)s”") % names


class EndorsementsFeed(PageListFeed):
    def get_object(self, request, *args, **kwargs):
        locale = active_locale()
        organisation = organisation_name(request)
        code = locale.language_code
        entries = [
            FeedEntry(
                title=_title(change),
                link=request.build_absolute_uri(change.page_url or f"/{code}/"),
                description=text_html(change.statement),
                pubdate=change.at,
            )
            for change in selectors.recent_changes(locale)
        ]
        return FeedChannel(
            title=_("Endorsements · %(organisation)s") % {"organisation": organisation},
            link=request.build_absolute_uri(f"/{code}/"),
            description=_(
                "Partners endorsing the positions and joining the campaigns of %(organisation)s."
            )
            % {"organisation": organisation},
            language=code,
            entries=entries,
            **organisation_facts(request),
        )


class EndorsementsAtomFeed(AtomMixin, EndorsementsFeed):
    pass
