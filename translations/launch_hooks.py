"""Admin hooks of coordinated launches: a header button on source pages, and a message when a
publish was held for a launch."""

from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.widgets import Button

from .models import LaunchHold
from .roles import is_editorial_staff


@hooks.register("register_page_header_buttons")
def launch_button(page, user, view_name, next_url=None):
    source = page.depth > 1 and page.locale.language_code == settings.LANGUAGE_CODE
    if source and is_editorial_staff(user):
        yield Button(
            gettext_lazy("Coordinated launch"),
            reverse("translations:launch", args=[page.pk]),
            icon_name="globe",
            priority=90,
        )


@hooks.register("after_edit_page")
def tell_about_held_publish(request, page):
    if LaunchHold.objects.filter(page=page, launch__launched_at__isnull=True).exists():
        messages.warning(
            request,
            _(
                "Held for the coordinated launch: this version goes live with its "
                "translations once all of them are approved."
            ),
        )
