from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


def _ensure_locale_roles(sender, **kwargs):
    from django.contrib.auth.models import Permission  # models: not loaded at import time

    from translations.services import ensure_locale_roles  # (models, likewise)

    # Runs after every app's migrations; acts once the admin permission exists.
    if Permission.objects.filter(codename="access_admin").exists():
        ensure_locale_roles()


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = "Translation workflow"

    def ready(self):
        post_migrate.connect(_ensure_locale_roles, dispatch_uid="portal_locale_roles")
        from . import launch_hooks  # noqa: F401 - registers admin hooks once the apps are ready
        from .overrides import connect  # it reads wagtail-localize's views: apps must be ready

        connect()  # translators' link and email overrides are validated
        from .receivers import connect as connect_notices  # it imports Wagtail's models

        connect_notices()  # notices to translators and reviewers
        from . import snippet_permissions  # (apps ready; before wagtail.snippets registers)

        snippet_permissions.register_policies()
        snippet_permissions.patch_wagtail_localize()
        checks.register(snippet_permissions.check_snippet_policies)
