from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_roles(sender, **kwargs):
    # After every app's migrations, so that each permission exists by the last call.
    from home.services import ensure_editorial_roles

    ensure_editorial_roles()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and shared content"

    def ready(self):
        post_migrate.connect(_ensure_roles, dispatch_uid="portal_editorial_roles")

        from home import lookups

        lookups.connect()
