from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate

# Editors and moderators look after actions like the other snippets; exporting signatures is a
# separate permission ("actions.export_signatures") that an administrator grants on its own.
EDITORIAL_ACTION_PERMISSIONS = {
    "Editors": ["actions.add_campaignaction", "actions.change_campaignaction"],
    "Moderators": [
        "actions.add_campaignaction",
        "actions.change_campaignaction",
        "actions.delete_campaignaction",
    ],
}


def _ensure_roles(sender, **kwargs):
    from core.services import ensure_editorial_roles  # models are not loaded at import time

    ensure_editorial_roles(permissions=EDITORIAL_ACTION_PERMISSIONS)


def _add_actions_panel():
    """The campaign's editor lists its actions (``campaign_panel``): campaigns sits below
    actions and cannot name the panel, so it is added here, before the edit handler is built."""
    from campaigns.models import CampaignPage  # (ready)

    from .campaign_panel import PANEL_HEADING, CampaignActionsPanel  # (ready)

    CampaignPage.content_panels = [
        *CampaignPage.content_panels,
        CampaignActionsPanel(heading=PANEL_HEADING),
    ]


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Campaign actions"

    def ready(self):
        # Here, not at the top: the app's modules read settings and models, not loaded when
        # this module is imported.
        from .checks import check_action_settings  # (ready)

        post_migrate.connect(_ensure_roles, dispatch_uid="portal_action_roles")
        checks.register(check_action_settings, checks.Tags.security)
        _add_actions_panel()
