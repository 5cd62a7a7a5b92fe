"""The demo organisation's portal settings."""

from django.conf import settings

from wagtail.models import Site

from core.identity import make_logo_renditions
from core.models import PortalSettings

from . import content, images


def configure_settings(*, privacy_page):
    """The organisation's names, contact, privacy page, social links and logo, set once."""
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    names = content.load("organisation.json")["organisation"]
    if not portal_settings.organisation_name:
        portal_settings.organisation_name = names[settings.LANGUAGE_CODE]
        portal_settings.contact_email = "contact@example.org"
        portal_settings.privacy_page = privacy_page
        portal_settings.social_links = [
            ("link", {"label": "Fediverse", "url": "https://example.org/@freeknowledge"})
        ]
    if not portal_settings.localised_names:
        portal_settings.localised_names = [
            ("name", {"language": code, "name": name})
            for code, name in names.items()
            if code != settings.LANGUAGE_CODE
        ]
    if portal_settings.logo_id is None:
        portal_settings.logo = images.get_or_create_image(
            title=f"{portal_settings.organisation_name} logo",
            description=f"Logo of {portal_settings.organisation_name}",
            picture=images.draw_organisation_logo(),
        )
    portal_settings.save()
    make_logo_renditions(portal_settings.logo)
