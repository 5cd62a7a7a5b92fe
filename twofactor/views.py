"""The admin's two-factor pages: verify after the password, enrol and manage, reset (superusers).

Every view sits under the admin (wagtail_hooks.register_admin_urls), so Wagtail's admin access
check applies; twofactor.middleware decides which of them a not-yet-verified user may open.
"""

from io import BytesIO

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from twofactor import selectors, services
from twofactor.forms import CodeForm, TotpConfirmForm
from users import lockout

TOTP_SESSION_KEY = "twofactor_totp_key"


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def locked_message():
    minutes = lockout.lockout_minutes()
    return ngettext(
        "Too many wrong codes. Please try again in %(minutes)d minute.",
        "Too many wrong codes. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


@never_cache
def verify(request):
    """After the password: a passkey, a code from the app or a recovery code."""
    user = request.user
    if user.is_verified() or not selectors.has_factor(user):
        return HttpResponseRedirect(safe_next(request))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = services.verify_code(request=request, code=form.cleaned_data["code"])
        if outcome == "ok":
            return HttpResponseRedirect(safe_next(request))
        if outcome == "locked":
            form.add_error(None, locked_message())
        else:
            form.add_error("code", _("This code is not right, or it has been used already."))
    return TemplateResponse(
        request,
        "twofactor/verify.html",
        {
            "form": form,
            "next": safe_next(request),
            "has_passkey": selectors.passkeys(user).exists(),
            "has_app": selectors.authenticator_apps(user).exists(),
        },
    )


@never_cache
def manage(request):
    """The account's factors: add a passkey or an app, new recovery codes, remove a factor.

    A user who must enrol and has no factor sees this page first. When they have a factor but no
    recovery codes yet (just after adding a passkey), the codes are made and shown once here.
    """
    user = request.user
    recovery_codes = None
    if selectors.has_factor(user) and not selectors.has_recovery_codes(user):
        recovery_codes = services.issue_recovery_codes(user=user)
    return TemplateResponse(
        request,
        "twofactor/manage.html",
        {
            "page_title": _("Two-factor sign-in"),
            "header_title": _("Two-factor sign-in"),
            "header_icon": "key",
            "required": selectors.required_for(user),
            "has_factor": selectors.has_factor(user),
            "passkeys": selectors.passkeys(user),
            "apps": selectors.authenticator_apps(user),
            "codes_left": selectors.recovery_codes_left(user),
            "recovery_codes": recovery_codes,
            "next": safe_next(request),
        },
    )


def qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


@never_cache
def totp(request):
    """Set up an authenticator app: scan the code (or type the key), then prove it with a code."""
    user = request.user
    if user.is_verified() is False and selectors.has_factor(user):
        return redirect("twofactor_verify")
    key = request.session.get(TOTP_SESSION_KEY)
    if request.method == "GET" or not key:
        key = services.new_totp_key()
        request.session[TOTP_SESSION_KEY] = key
    form = TotpConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = services.confirm_totp(request=request, key=key, code=form.cleaned_data["code"])
        if device is not None:
            del request.session[TOTP_SESSION_KEY]
            messages.success(request, _("Your authenticator app is set up."))
            return redirect("twofactor_manage")
        form.add_error(
            "code",
            _("This code is not right. Check the time on your device and try the new code."),
        )
    unsaved = TOTPDevice(user=user, key=key, name=services.TOTP_NAME)
    secret = unsaved.config_url.split("secret=")[1].split("&")[0]
    return TemplateResponse(
        request,
        "twofactor/totp.html",
        {
            "page_title": _("Set up an authenticator app"),
            "header_title": _("Set up an authenticator app"),
            "header_icon": "key",
            "form": form,
            "qr": mark_safe(qr_svg(unsaved.config_url)),  # noqa: S308 (made here, no user input)
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


@never_cache
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working), shown once."""
    if not selectors.has_factor(request.user):
        return redirect("twofactor_manage")
    codes = services.issue_recovery_codes(user=request.user)
    return TemplateResponse(
        request,
        "twofactor/recovery_codes.html",
        {
            "page_title": _("Your new recovery codes"),
            "header_title": _("Your new recovery codes"),
            "header_icon": "key",
            "recovery_codes": codes,
        },
    )


@never_cache
@require_POST
def remove(request, kind, pk):
    if services.remove_factor(user=request.user, kind=kind, pk=pk):
        messages.success(request, _("The factor has been removed."))
    else:
        messages.error(request, _("This factor does not exist (any more)."))
    return redirect("twofactor_manage")


@never_cache
def reset(request, user_id):
    """A superuser removes every factor of a user who lost theirs; they enrol again."""
    if not request.user.is_superuser:
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        services.reset_factors(user=target)
        messages.success(
            request,
            _("Two-factor sign-in has been reset for %(user)s.") % {"user": target.get_username()},
        )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request,
        "twofactor/reset.html",
        {
            "page_title": _("Reset two-factor sign-in"),
            "header_title": _("Reset two-factor sign-in"),
            "header_icon": "key",
            "target": target,
            "has_factor": selectors.has_factor(target),
        },
    )
