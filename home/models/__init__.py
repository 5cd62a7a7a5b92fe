from .base import BasePage, TaxonomyMixin, source_locale_only
from .home_page import HomePage, StandardPage
from .settings import PortalSettings
from .taxonomy import Method, Region, Topic

__all__ = [
    "BasePage",
    "HomePage",
    "Method",
    "PortalSettings",
    "Region",
    "StandardPage",
    "TaxonomyMixin",
    "Topic",
    "source_locale_only",
]
