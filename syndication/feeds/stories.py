"""The newest stories of a language, as RSS and Atom. Authors are never named in a feed."""

from django.utils.translation import gettext as _

from stories.models import StoryIndexPage, StoryPage
from syndication.feeds import AtomMixin, PageListFeed


class StoriesFeed(PageListFeed):
    model = StoryPage
    index_model = StoryIndexPage

    def description_text(self, organisation):
        return _("The latest stories from the campaigns of %(organisation)s.") % {
            "organisation": organisation
        }

    def page_categories(self, page):
        return (page.get_outcome_display(),)


class StoriesAtomFeed(AtomMixin, StoriesFeed):
    pass
