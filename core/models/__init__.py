from .index import ListingIndexPage
from .pages import BasePage, TaxonomyMixin, source_locale_only
from .settings import PortalSettings
from .taxonomy import Method, Region, Topic

__all__ = [
    "BasePage",
    "ListingIndexPage",
    "Method",
    "PortalSettings",
    "Region",
    "TaxonomyMixin",
    "Topic",
    "source_locale_only",
]
