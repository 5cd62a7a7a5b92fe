"""Security headers that Django does not send itself: Content-Security-Policy and
Permissions-Policy. Django's SecurityMiddleware sends HSTS (over https), Referrer-Policy,
X-Content-Type-Options and Cross-Origin-Opener-Policy; XFrameOptionsMiddleware sends
X-Frame-Options.

Content-Security-Policy comes from django-csp (CONTENT_SECURITY_POLICY in the settings): Django
5.2 has no policy middleware of its own, and django-csp adds a nonce to a policy only when a
template asked for one, which no public template does. Public pages must not: the full-page cache
shares one page's HTML between readers, and a nonce baked into it would be reused by all of them.

The Wagtail admin gets a policy of its own (PORTAL_ADMIN_CONTENT_SECURITY_POLICY): Wagtail's and
wagtail-localize's templates hold inline scripts and styles, and the admin shows previews of
pages in frames of its own.

A view that sends a policy of its own keeps it: the action widget partner sites frame
(actions/embed.py) names the origins allowed to frame it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from django.conf import settings

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under /admin/."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin(request):
            admin_policy = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY
            parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
