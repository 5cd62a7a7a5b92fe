"""System checks for the actions settings: a malformed embed origin would break the header."""

import re

from django.conf import settings
from django.core import checks

# A scheme, a host (or a wildcard subdomain) and an optional port; nothing a header could split.
ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$")


def check_action_settings(app_configs, **kwargs):
    errors = []
    for origin in getattr(settings, "PORTAL_EMBED_ALLOWED_ORIGINS", []):
        if not ORIGIN.match(origin):
            errors.append(
                checks.Error(
                    f"PORTAL_EMBED_ALLOWED_ORIGINS has {origin!r}, which is not an origin.",
                    hint="Write each as https://partner.example.org (a scheme and a host).",
                    id="actions.E001",
                )
            )
    return errors
