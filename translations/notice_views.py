"""Marking one's own translation notices read from the dashboard."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin import messages

from . import notices


@require_POST
def mark_read_view(request, notice_id):
    """Mark one of the user's notices read. Another user's notice, or a read one, is a 404."""
    if not notices.mark_read(user=request.user, notice_id=notice_id):
        raise Http404
    messages.success(request, _("Notice marked as read."))
    return redirect(reverse("wagtailadmin_home"))
