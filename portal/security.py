"""Security headers that Django does not send itself: Content-Security-Policy,
Permissions-Policy and, with an onion service, Onion-Location. Django's SecurityMiddleware
sends HSTS (over https), Referrer-Policy, X-Content-Type-Options and
Cross-Origin-Opener-Policy; XFrameOptionsMiddleware sends X-Frame-Options.

Content-Security-Policy comes from django-csp (CONTENT_SECURITY_POLICY in the settings): Django
5.2 has no policy middleware of its own, and django-csp adds a nonce to a policy only when a
template asked for one, which no public template does. Public pages must not: the full-page cache
shares one page's HTML between readers, and a nonce baked into it would be reused by all of them.

The Wagtail admin gets a policy of its own (PORTAL_ADMIN_CONTENT_SECURITY_POLICY): scripts from
the site only, with a per-request nonce for the inline ones Wagtail 8 and wagtail-localize 1.14
still write (no 'unsafe-inline', issue #14), images also from data: and blob: URLs (choosers,
uploads), and frames of its own (page previews). tests/browser/test_admin_csp.py loads the
admin's views in Chromium under it and fails on any violation.

Inline scripts given the nonce, which an injected script cannot know:

* the set-up scripts of Wagtail's inline and multiple-chooser panels and of wagtail-localize's
  translation editor and "Translate this page" form: templates in portal/templates that extend
  theirs and add ``nonce="{{ request.csp_nonce }}"``;
* the ``<script>`` of Wagtail's date, time and date-time pickers (every page editor's go-live
  and expiry fields, the listings' date filters) and of its choosers (image, page, document,
  snippet): widgets render without the request, so the nonce is added to the ``<script>`` tags
  of those widgets' own output (``nonce_widget_scripts``), never to anything else on the page.

Found still blocked with the nonces in place (December 2026, Chromium): inline event handlers
that the image editor's cropping library (Jcrop) sets. That view (INLINE_SCRIPT_VIEWS) keeps
'unsafe-inline' for scripts, and also gets the strict policy as Content-Security-Policy-Report-Only,
so that what it would block is reported (CSP_REPORT_URI). The dashboard, page explorer, page
editor, snippet editor, image listing, wagtail-localize's translation editor, the translation
queue and the reports run under the strict policy.

style-src keeps 'unsafe-inline': wagtail-localize's alias page and Wagtail's
notification templates write ``style`` attributes, which a nonce cannot cover (wagtail-localize's
"update translations" page also has a ``<style>`` element); a style runs no code, and styles
that scripts set through the DOM are not blocked anyway. The 2FA pages load their scripts from
static files.

A view that sends a policy of its own keeps it: the action widget partner sites frame
(actions/embed.py) names the origins allowed to frame it.
"""

import contextvars
import functools
import re

from csp.constants import NONCE
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from django.conf import settings
from django.utils.safestring import mark_safe

ADMIN_PREFIX = "/admin/"

# Browser features no page of the portal uses, denied to it and to anything it frames; the last
# two keep readers out of advertising interest groups. Only features Chromium knows: it warns
# about any other name in the header.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
    "browsing-topics",
    "interest-cohort",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


def is_admin(request):
    return request.path_info.startswith(ADMIN_PREFIX)


# The admin request being answered, for widgets, which render without it.
_admin_request = contextvars.ContextVar("portal_admin_request", default=None)


# Admin views that still run inline code Wagtail writes (see above): the image editor, whose
# cropping library (Jcrop) sets inline event handlers.
INLINE_SCRIPT_VIEWS = re.compile(r"^/admin/images/\d+/$")


def strict_admin_directives():
    """The admin's policy, with a nonce for the inline scripts that carry it (django-csp puts
    the request's nonce in place of NONCE when a template used it, and drops NONCE otherwise)."""
    directives = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {**directives, "script-src": [*directives["script-src"], NONCE]}


def inline_script_directives():
    """The admin's policy with 'unsafe-inline' for scripts and no nonce (which would make
    browsers ignore 'unsafe-inline'), for the views of INLINE_SCRIPT_VIEWS."""
    directives = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {**directives, "script-src": [*directives["script-src"], "'unsafe-inline'"]}


def _with_nonce(render):
    @functools.wraps(render)
    def render_with_nonce(self, *args, **kwargs):
        html = render(self, *args, **kwargs)
        request = _admin_request.get()
        if request is None or "<script>" not in html:
            return html
        # Only this widget's own output: its template's script, with the values escaped.
        return mark_safe(html.replace("<script>", f'<script nonce="{request.csp_nonce}">'))  # noqa: S308

    render_with_nonce.portal_nonce = True
    return render_with_nonce


def nonce_widget_scripts():
    """Give the inline scripts of Wagtail's choosers and date and time widgets the admin's
    nonce, and those of the listings' date range filter, which renders two date widgets
    through its template."""
    # wagtail.admin's widgets import models: imported once the apps are ready.
    from wagtail.admin.filters import DateRangePickerWidget  # (apps ready)
    from wagtail.admin.widgets import datetime  # (apps ready)
    from wagtail.admin.widgets.chooser import BaseChooser  # (apps ready)

    widgets = (
        BaseChooser,
        datetime.AdminDateInput,
        datetime.AdminTimeInput,
        datetime.AdminDateTimeInput,
        DateRangePickerWidget,
    )
    for widget in widgets:
        if not getattr(widget.render, "portal_nonce", False):
            widget.render = _with_nonce(widget.render)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policies under /admin/."""

    def __init__(self, get_response):
        super().__init__(get_response)
        nonce_widget_scripts()

    def __call__(self, request):
        token = _admin_request.set(request if is_admin(request) else None)
        try:
            return super().__call__(request)
        finally:
            _admin_request.reset(token)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and is_admin(request):
            inline = bool(INLINE_SCRIPT_VIEWS.match(request.path_info))
            if not report_only:
                directives = inline_script_directives() if inline else strict_admin_directives()
                parts.config = default_config(directives)
            elif inline:  # what the strict policy would still block there is reported
                parts.config = default_config(strict_admin_directives())
        return parts


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class OnionLocationMiddleware:
    """``Onion-Location`` on public HTML pages when the portal has an onion service
    (``PORTAL_ONION_ADDRESS``, e.g. ``http://example.onion``): Tor Browser offers readers the
    same page there. The value is the onion address, the request's path and its query. Not on
    the admin, and not on redirects, files or JSON, where Tor Browser ignores it anyway."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        address = (settings.PORTAL_ONION_ADDRESS or "").rstrip("/")
        if (
            address
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not is_admin(request)
        ):
            response.headers["Onion-Location"] = address + request.get_full_path()
        return response
