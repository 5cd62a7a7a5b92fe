"""The consultations open for comment in a language, as RSS and Atom: a proposed revision of a
position, with its closing date. Like every feed, one language each (the URL's)."""

from django.utils.translation import gettext as _

from consultations import selectors
from syndication.feeds import (
    AtomMixin,
    FeedEntry,
    SiteFeed,
    day_start,
    text_html,
)


class ConsultationsFeed(SiteFeed):
    def title_text(self, organisation):
        return _("Open consultations · %(organisation)s") % {"organisation": organisation}

    def description_text(self, organisation):
        return _("Proposed revisions of the positions of %(organisation)s, open for comment.") % {
            "organisation": organisation
        }

    def entries(self, request, locale):
        code = locale.language_code
        return [
            FeedEntry(
                title=consultation.title,
                link=request.build_absolute_uri(selectors.public_url(consultation, code)),
                description=text_html(
                    "\n\n".join(
                        part
                        for part in (
                            consultation.introduction,
                            _("Open for comment until %(date)s.")
                            % {"date": consultation.closes_on.isoformat()},
                        )
                        if part
                    )
                ),
                pubdate=day_start(consultation.opens_on),
            )
            for consultation in selectors.open_consultations(locale)
        ]


class ConsultationsAtomFeed(AtomMixin, ConsultationsFeed):
    pass
