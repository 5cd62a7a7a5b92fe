"""Two-factor sign-in must not be relaxed without anyone noticing.

- Whenever enforcement is off (the demo, `manage.py runserver`), a warning says so at start-up.
- `manage.py check --deploy` fails while it is off: production keeps it on.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

RELAXED_MESSAGE = (
    "Two-factor sign-in is NOT enforced (PORTAL_2FA_ENFORCE is off): staff in the groups of "
    "PORTAL_2FA_REQUIRED_GROUPS may use the admin without enrolling a second factor."
)


@register()
def two_factor_relaxed(app_configs, **kwargs):
    if settings.PORTAL_2FA_ENFORCE:
        return []
    return [
        Warning(
            RELAXED_MESSAGE,
            hint="Demo and tests only. Set PORTAL_2FA_ENFORCE=on to require it.",
            id="twofactor.W001",
        )
    ]


@register(Tags.security, deploy=True)
def two_factor_enforced_in_production(app_configs, **kwargs):
    errors = []
    if not settings.PORTAL_2FA_ENFORCE:
        errors.append(
            Error(
                RELAXED_MESSAGE,
                hint="Production must keep PORTAL_2FA_ENFORCE = True.",
                id="twofactor.E001",
            )
        )
    for origin in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS:
        parts = urlsplit(origin)
        if (
            parts.scheme != "https"
            or parts.hostname != settings.OTP_WEBAUTHN_RP_ID
            and not (parts.hostname or "").endswith(f".{settings.OTP_WEBAUTHN_RP_ID}")
        ):
            errors.append(
                Error(
                    f"Passkeys are allowed from {origin!r}, which is not an https origin on "
                    f"{settings.OTP_WEBAUTHN_RP_ID!r} (OTP_WEBAUTHN_RP_ID).",
                    hint="Set OTP_WEBAUTHN_ALLOWED_ORIGINS (or WAGTAILADMIN_BASE_URL) to the "
                    "admin's https origin and OTP_WEBAUTHN_RP_ID to its host name.",
                    id="twofactor.E002",
                )
            )
    return errors
