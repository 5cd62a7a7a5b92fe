from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Staff triage contributed stories and proposals; nobody else sees them in the admin.
EDITORIAL_CONTRIBUTION_PERMISSIONS = {
    "Moderators": [
        "contributions.view_storysubmission",
        "contributions.change_storysubmission",
        "contributions.view_proposal",
        "contributions.change_proposal",
    ],
    "Editors": ["contributions.view_storysubmission", "contributions.view_proposal"],
}


def _ensure_roles(sender, **kwargs):
    from core.services import ensure_editorial_roles  # models are not loaded at import time

    ensure_editorial_roles(permissions=EDITORIAL_CONTRIBUTION_PERMISSIONS)


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = "Contributions"

    def ready(self):
        from . import signals  # noqa: F401 - connects the status mail on publish (ready)

        post_migrate.connect(_ensure_roles, dispatch_uid="portal_contribution_roles")
