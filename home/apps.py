from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_roles(sender, **kwargs):
    from home.services import ensure_editorial_roles

    ensure_editorial_roles()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and shared content"

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self)
