from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_roles(sender, **kwargs):
    # After every app's migrations, so that each permission exists by the last call.
    from core.services import ensure_editorial_roles  # models are not loaded at import time

    ensure_editorial_roles()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Portal foundations"

    def ready(self):
        post_migrate.connect(_ensure_roles, dispatch_uid="portal_editorial_roles")
