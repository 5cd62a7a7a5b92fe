from .index import ListingIndexPage
from .pages import BasePage, ChangeNoteMixin, TaxonomyMixin, source_locale_only
from .settings import PortalSettings
from .taxonomy import Method, Region, Topic

__all__ = [
    "BasePage",
    "ChangeNoteMixin",
    "ListingIndexPage",
    "Method",
    "PortalSettings",
    "Region",
    "TaxonomyMixin",
    "Topic",
    "source_locale_only",
]
