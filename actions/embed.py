"""The action widget partner sites frame: the action, its count and a link to sign.

Signing happens on the portal itself, in a new tab: inside a frame on another site the
browser withholds the portal's cookies (SameSite), so the CSRF check a form needs could not
pass, and a signer should see the portal's address when giving an email address.

Only this page may be framed, and only by the origins in PORTAL_EMBED_ALLOWED_ORIGINS, sent
as CSP ``frame-ancestors``; every other page keeps ``X-Frame-Options: DENY``.
"""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from . import display, selectors
from .checks import ORIGIN
from .views import action_or_404


def frame_ancestors():
    allowed = [origin for origin in settings.PORTAL_EMBED_ALLOWED_ORIGINS if ORIGIN.match(origin)]
    return " ".join(["'self'", *allowed])


@xframe_options_exempt
@require_safe
def embed(request, public_id):
    action = action_or_404(public_id)
    campaign_page = selectors.campaign_page_for(action)
    response = render(
        request,
        "actions/embed.html",
        {
            "action": action,
            "campaign_page": campaign_page,
            "sign_url": request.build_absolute_uri(campaign_page.url or "/")
            + f"#action-{action.public_id}",
            "progress": display.progress(action, action.confirmed_count),
        },
    )
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
        f"form-action 'none'; frame-ancestors {frame_ancestors()}"
    )
    response["Cache-Control"] = "no-cache"
    return response
