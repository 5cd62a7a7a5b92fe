"""Reads about a user's second factors and whether they need one."""

from fnmatch import fnmatchcase

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from django.conf import settings


def required_for(user) -> bool:
    """Whether this user must have a second factor (enforcement on, and a group that needs it)."""
    if not settings.PORTAL_2FA_ENFORCE or not user.is_authenticated:
        return False
    if user.is_superuser and settings.PORTAL_2FA_REQUIRE_SUPERUSERS:
        return True
    patterns = settings.PORTAL_2FA_REQUIRED_GROUPS
    return any(
        fnmatchcase(name, pattern)
        for name in user.groups.values_list("name", flat=True)
        for pattern in patterns
    )


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def authenticator_apps(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")


def has_factor(user) -> bool:
    """A passkey or an authenticator app (recovery codes go with them, never alone)."""
    return passkeys(user).exists() or authenticator_apps(user).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_recovery_codes(user) -> bool:
    return StaticDevice.objects.filter(user=user, confirmed=True).exists()
