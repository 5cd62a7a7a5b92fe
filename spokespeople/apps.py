from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Communications staff check offers and list people; only Moderators delete an entry (people
# delete their own through the link mailed to them).
EDITORIAL_SPOKESPEOPLE_PERMISSIONS = {
    "Editors": ["spokespeople.add_spokesperson", "spokespeople.change_spokesperson"],
    "Moderators": [
        "spokespeople.add_spokesperson",
        "spokespeople.change_spokesperson",
        "spokespeople.delete_spokesperson",
    ],
}


def _ensure_roles(sender, **kwargs):
    from core.services import ensure_editorial_roles  # models are not loaded at import time

    ensure_editorial_roles(permissions=EDITORIAL_SPOKESPEOPLE_PERMISSIONS)


class SpokespeopleConfig(AppConfig):
    """An opt-in directory of spokespeople, written to through a relay form."""

    name = "spokespeople"
    verbose_name = "Spokespeople"

    def ready(self):
        post_migrate.connect(_ensure_roles, dispatch_uid="portal_spokespeople_roles")
