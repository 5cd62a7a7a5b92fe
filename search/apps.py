from django.apps import AppConfig
from django.conf import settings
from django.core import checks

from .backends import EXTERNAL_BACKENDS


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import signals  # it reads models: not before the apps are ready

        signals.connect()
        checks.register(check_search_settings, checks.Tags.compatibility)


def check_search_settings(app_configs, **kwargs):
    backend = settings.PORTAL_SEARCH_BACKEND
    if backend == "database":
        return []
    if backend not in EXTERNAL_BACKENDS:
        return [
            checks.Error(
                f"PORTAL_SEARCH_BACKEND is {backend!r}.",
                hint="Use database, elasticsearch or opensearch.",
                id="search.E001",
            )
        ]
    if not settings.PORTAL_SEARCH_URLS:
        return [
            checks.Error(
                f"PORTAL_SEARCH_BACKEND is {backend} but PORTAL_SEARCH_URLS is empty.",
                id="search.E002",
            )
        ]
    return []
