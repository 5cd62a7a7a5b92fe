from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Communications staff record who stands behind what; only Moderators delete a record (a
# withdrawal is recorded with its date, not deleted).
EDITORIAL_NETWORK_PERMISSIONS = {
    "Editors": [
        "network.add_endorsement",
        "network.change_endorsement",
        "network.change_endorsementrequest",
    ],
    "Moderators": [
        "network.add_endorsement",
        "network.change_endorsement",
        "network.delete_endorsement",
        "network.change_endorsementrequest",
        "network.delete_endorsementrequest",
    ],
}


def _ensure_roles(sender, **kwargs):
    from core.services import ensure_editorial_roles  # models are not loaded at import time

    ensure_editorial_roles(permissions=EDITORIAL_NETWORK_PERMISSIONS)


class NetworkConfig(AppConfig):
    """Who stands behind what: partners' endorsements of positions, by version, and their
    membership of campaign coalitions."""

    name = "network"
    verbose_name = "Network"

    def ready(self):
        from wagtail.signals import page_published  # (ready)

        from .signals import on_publish  # (ready)

        post_migrate.connect(_ensure_roles, dispatch_uid="portal_network_roles")
        page_published.connect(on_publish, dispatch_uid="network_invite_renewals")
