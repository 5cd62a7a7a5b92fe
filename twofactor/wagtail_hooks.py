from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("two-factor/", include("twofactor.urls"))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("twofactor_manage"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Passkeys, authenticator app and recovery codes."),
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if request_user.is_superuser:
        yield Button(
            _("Reset two-factor sign-in"),
            url=reverse("twofactor_reset", args=[user.pk]),
            icon_name="key",
            priority=50,
        )
