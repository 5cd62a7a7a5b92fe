"""The coordinated-launch page of a source page, in the Wagtail admin."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Page

from . import launches, roles
from .forms import LaunchForm
from .models import CoordinatedLaunch


def launch_view(request, page_id):
    if not roles.is_editorial_staff(request.user):
        raise PermissionDenied
    page = get_object_or_404(
        Page.objects.select_related("locale"),
        pk=page_id,
        locale__language_code=settings.LANGUAGE_CODE,
    )
    launch = launches.pending_launches([page.translation_key])
    launch = launch[0] if launch else None
    if request.method == "POST":
        form = LaunchForm(request.POST)
        if form.is_valid():
            launch = launches.set_launch(
                user=request.user, page=page, locales=list(form.cleaned_data["locales"])
            )
            if launch is None:
                messages.success(
                    request,
                    _("Launch cancelled. Approved revisions that were held stay drafts."),
                )
            elif launch.launched_at:
                messages.success(request, _("Everything was ready: the launch went live."))
            else:
                messages.success(request, _("Launch planned."))
            return HttpResponseRedirect(reverse("translations:launch", args=[page.pk]))
    else:
        form = LaunchForm(initial={"locales": list(launch.locales.all()) if launch else []})
    states = launches.readiness([launch])[page.translation_key] if launch else []
    last = CoordinatedLaunch.objects.filter(
        translation_key=page.translation_key, launched_at__isnull=False
    ).first()
    return TemplateResponse(
        request,
        "translations/launch.html",
        {
            "page": page,
            "form": form,
            "launch": launch,
            "last_launch": last,
            "states": [(locale, state, launches.STATE_LABELS[state]) for locale, state in states],
            "blocking": launches.blocking(states),
        },
    )
