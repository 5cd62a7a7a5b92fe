"""Admin pages only after the second factor.

Signed in with a password but not verified yet (django-otp's ``request.user.is_verified()``):
- a user who has a factor is sent to the verification page, whatever admin page they asked for;
- a user who must have one (twofactor.selectors.required_for) and has none is sent to enrolment,
  and can use nothing else in the admin until they have enrolled.

Only paths under the admin are looked at: public pages touch neither the session nor the user
here, so they cost no query.
"""

from urllib.parse import urlencode

from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from twofactor import selectors

# Open to a user who signed in with a password only, factor or not: signing in and out, the
# verification page and what its scripts load (icons, translations of the admin's scripts).
ALWAYS_OPEN = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "twofactor_verify",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
)
# Open to a user who has no factor yet: enrolment.
ENROLMENT = (
    "twofactor_manage",
    "twofactor_totp",
    "twofactor_recovery_codes",
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = None

    def paths(self):
        if self._paths is None:
            try:
                self._paths = (
                    reverse("wagtailadmin_home"),
                    {reverse(name) for name in ALWAYS_OPEN},
                    {reverse(name) for name in ENROLMENT},
                )
            except NoReverseMatch:  # a URLconf without the admin: nothing to guard
                self._paths = (None, set(), set())
        return self._paths

    def __call__(self, request):
        admin_root, always_open, enrolment = self.paths()
        path = request.path_info
        if admin_root and path.startswith(admin_root) and path not in always_open:
            user = request.user
            if user.is_authenticated and not user.is_verified():
                if selectors.has_factor(user):
                    return self.redirect("twofactor_verify", request)
                if path not in enrolment and selectors.required_for(user):
                    return self.redirect("twofactor_manage", request)
        return self.get_response(request)

    @staticmethod
    def redirect(name, request):
        if request.headers.get("Sec-Fetch-Mode", "navigate") != "navigate":
            # A script's request (the admin's own fetches): a redirect would hand it the
            # verification page's HTML to insert somewhere. It gets a plain refusal instead.
            return HttpResponseForbidden(
                _("Verify your second factor first."), content_type="text/plain; charset=utf-8"
            )
        target = reverse(name)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
