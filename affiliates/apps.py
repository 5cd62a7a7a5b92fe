from django.apps import AppConfig
from django.db.models.signals import post_migrate

# Staff (the organisation's moderators) decide the affiliates' offers to the global listing.
OFFER_PERMISSIONS = {"Moderators": ["campaigns.change_globallistingoffer"]}


def _ensure_roles(sender, **kwargs):
    from core.services import ensure_editorial_roles  # models are not loaded at import time

    ensure_editorial_roles(permissions=OFFER_PERMISSIONS)


class AffiliatesConfig(AppConfig):
    """Chapters and affiliates running their own sections: their pages, their editors and
    moderators, and their campaigns offered to the global listing."""

    name = "affiliates"
    verbose_name = "Affiliates"

    def ready(self):
        from wagtail.signals import page_published  # (ready)

        from .signals import on_publish  # (ready)

        post_migrate.connect(_ensure_roles, dispatch_uid="portal_affiliate_offer_roles")
        page_published.connect(on_publish, dispatch_uid="affiliates_offer_campaigns")
