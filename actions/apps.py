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
    from home.services import ensure_editorial_roles

    ensure_editorial_roles(permissions=EDITORIAL_ACTION_PERMISSIONS)


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Campaign actions"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home import lookups

        from . import services
        from .checks import check_action_settings
        from .models import CampaignAction

        post_migrate.connect(_ensure_roles, dispatch_uid="portal_action_roles")
        # Kept action panels (actions/templatetags/action_tags.py) follow an edited action.
        post_save.connect(lookups.bump, sender=CampaignAction, dispatch_uid="lookups_action")
        post_delete.connect(lookups.bump, sender=CampaignAction, dispatch_uid="lookups_action_del")
        # Pages kept by the page cache show an action's state: purged when it changes.
        post_save.connect(
            services.action_changed, sender=CampaignAction, dispatch_uid="page_cache_action"
        )
        post_delete.connect(
            services.action_changed, sender=CampaignAction, dispatch_uid="page_cache_action_del"
        )
        checks.register(check_action_settings, checks.Tags.security)
