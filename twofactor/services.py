"""Enrolling, verifying, removing and resetting second factors.

Codes typed on the verification page (authenticator app or recovery code) are limited per user
with the admin sign-in's lockout (users/lockout.py), under a key of their own: after
``PORTAL_LOGIN_MAX_FAILURES`` wrong codes in a row, no code is checked for
``PORTAL_LOGIN_LOCKOUT_SECONDS``. django-otp also slows each device down after a wrong code.
"""

import time
from binascii import unhexlify

from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from django_otp_webauthn.models import WebAuthnCredential

from django.conf import settings
from django.db import transaction

from twofactor import selectors
from users import lockout

TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def lockout_key(user) -> str:
    return f"two-factor:{user.pk}"


def new_totp_key() -> str:
    """A fresh secret (hex), kept in the session until the user proves their app has it."""
    return default_key()


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def totp_matches(*, key: str, code: str, at: float | None = None) -> int | None:
    """The time step at which ``code`` is right for ``key`` (one step either side), or None."""
    code = normalise_code(code)
    if not code.isdigit() or len(code) != 6:
        return None
    totp = TOTP(unhexlify(key.encode()))
    totp.time = time.time() if at is None else at
    if totp.verify(int(code), tolerance=1):
        return totp.t()
    return None


@transaction.atomic
def confirm_totp(*, request, key: str, code: str) -> TOTPDevice | None:
    """Save the authenticator app if ``code`` proves it has ``key``; the session is verified."""
    step = totp_matches(key=key, code=code)
    if step is None:
        return None
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()  # one app per account
    device = TOTPDevice.objects.create(
        user=user, name=TOTP_NAME, key=key, confirmed=True, last_t=step
    )
    if not request.user.is_verified():
        otp_login(request, device)
    return device


@transaction.atomic
def issue_recovery_codes(*, user) -> list[str]:
    """New single-use recovery codes, replacing any earlier ones; the caller shows them once.

    django-otp keeps them as they are and deletes each one when it is used."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.PORTAL_2FA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_code(*, request, code: str) -> str:
    """Check a code from the authenticator app or a recovery code for ``request.user``.

    Returns "ok" (the session is now verified), "wrong" or "locked".
    """
    user = request.user
    key = lockout_key(user)
    if lockout.is_locked(key):
        return "locked"
    code = normalise_code(code)
    devices = [
        *selectors.authenticator_apps(user),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    for device in devices:
        if code and device.verify_token(code):
            lockout.reset(key)
            request.session.cycle_key()
            otp_login(request, device)
            return "ok"
    return "locked" if lockout.register_failure(key) else "wrong"


@transaction.atomic
def remove_factor(*, user, kind: str, pk: int) -> bool:
    """Remove one passkey or the authenticator app; with the last one go the recovery codes."""
    model = {"passkey": WebAuthnCredential, "app": TOTPDevice}.get(kind)
    if model is None:
        return False
    deleted, _ = model.objects.filter(user=user, pk=pk).delete()
    if deleted and not selectors.has_factor(user):
        StaticDevice.objects.filter(user=user).delete()
    return bool(deleted)


@transaction.atomic
def reset_factors(*, user) -> int:
    """An administrator's reset: every factor of ``user`` goes; they enrol again at sign-in."""
    count = 0
    for model in (WebAuthnCredential, TOTPDevice, StaticDevice):
        count += model.objects.filter(user=user).count()
        model.objects.filter(user=user).delete()
    lockout.reset(lockout_key(user))
    return count
