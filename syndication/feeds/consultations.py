"""The consultations open for comment in a language, as RSS and Atom: a proposed revision of a
position, with its closing date. Like every feed, one language each (the URL's)."""

from django.utils.translation import gettext as _

from consultations import selectors
from syndication.feeds import (
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


class ConsultationsFeed(PageListFeed):
    def get_object(self, request, *args, **kwargs):
        locale = active_locale()
        organisation = organisation_name(request)
        code = locale.language_code
        entries = [
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
        return FeedChannel(
            title=_("Open consultations · %(organisation)s") % {"organisation": organisation},
            link=request.build_absolute_uri(f"/{code}/"),
            description=_(
                "Proposed revisions of the positions of %(organisation)s, open for comment."
            )
            % {"organisation": organisation},
            language=code,
            entries=entries,
            **organisation_facts(request),
        )


class ConsultationsAtomFeed(AtomMixin, ConsultationsFeed):
    pass
