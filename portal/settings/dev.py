from .base import *  # noqa: F403
from .base import env

# The demo shows the portal's own error pages, in the reader's language; Django's debug pages
# (which list every URL pattern) only when a developer asks: DEBUG=1 or PORTAL_DEBUG_PAGES=1.
PORTAL_DEBUG_PAGES = env.bool("PORTAL_DEBUG_PAGES", default=False)
DEBUG = env.bool("DEBUG", default=False) or PORTAL_DEBUG_PAGES
# What DEBUG did for the demo, without it: static files straight from the apps (WhiteNoise,
# no collectstatic), re-read when they change, and uploaded media (portal/urls.py).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PORTAL_SERVE_MEDIA = True
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Two-factor sign-in: the demo does not make staff enrol (PORTAL_2FA_ENFORCE=on to try it); a
# warning says so whenever manage.py starts. Passkeys need a host name, not an address: use
# http://localhost:8000/admin/ for them.
PORTAL_2FA_ENFORCE = env.bool("PORTAL_2FA_ENFORCE", default=False)
OTP_WEBAUTHN_RP_ID = env("OTP_WEBAUTHN_RP_ID", default="localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "OTP_WEBAUTHN_ALLOWED_ORIGINS", default=["http://localhost:8000"]
)
