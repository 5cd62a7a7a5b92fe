from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Page cache and invalidation"

    def ready(self):
        from . import invalidation  # it reads models: not before the apps are ready

        invalidation.connect()
