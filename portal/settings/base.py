"""Settings shared by every environment. Safe for production: nothing here is a secret."""

import os
from pathlib import Path

import environ

from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default=None)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "users",
    "twofactor",
    # The portal's own apps, foundations first (the layers of .importlinter).
    "core",
    "safeguards",
    "partners",
    "explainers",
    "network",
    "spokespeople",
    "affiliates",
    "agenda",
    "safety",
    "involvement",
    "campaigns",
    "stories",
    "actions",
    "consultations",
    "contributions",
    "demand",
    "translations",
    "caching",
    "home",
    "search",
    "syndication",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.humanize",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Two-factor sign-in for the admin (twofactor/).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
]

MIDDLEWARE = [
    # First, so that every response carries them, redirects and static files included.
    "portal.security.ContentSecurityPolicyMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    "portal.security.OnionLocationMiddleware",  # with PORTAL_ONION_ADDRESS only
    "django.middleware.security.SecurityMiddleware",
    # Static files, precompressed and with far-future headers, before anything else reads them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",  # HTML and JSON (with Django's BREACH padding)
    "django.middleware.http.ConditionalGetMiddleware",  # ETag and 304 Not Modified
    # Database unreachable: a 503 page with Retry-After (before every middleware that reads it).
    "portal.resilience.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",  # Django's, keeping the APIs' 404s
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(), lazily
    "twofactor.middleware.TwoFactorMiddleware",  # admin paths only: no work for readers
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Counts page views, cache hits included, in memory (demand/), just outside the page cache.
    "demand.middleware.DemandMiddleware",
    "caching.middleware.PageCacheMiddleware",  # last: cached pages still get every header
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.portal",
            ],
        },
    },
]

# An empty DATABASE_URL counts as unset: the embedded SQLite database.
DATABASES = {
    "default": env.db_url_config(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A persistent connection is tested before reuse: after a database restart or a failover, the
# next request reconnects instead of failing.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails the request in seconds (a 503 page), not after
    # the system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
PORTAL_DATABASE_RETRY_AFTER = 30  # seconds, on the 503 page shown while the database is down
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: nine languages, English first and default.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ar", "العربية"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("fr", "Français"),
    ("hi", "हिन्दी"),
    ("pt-br", "Português (Brasil)"),
    ("ru", "Русский"),
    ("zh-hans", "简体中文"),
]
LANGUAGES_BIDI = ["ar"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = env("MEDIA_URL", default="/media/")
PORTAL_SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Django's default of 300 entries is less than the lookups of the pages a reader browses:
    # entries would be evicted and read from the database again. Production uses Redis.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)
if CACHES["default"]["BACKEND"].startswith("django_redis"):
    # Redis down must not take the site down: the cache is bypassed, pages still render.
    CACHES["default"].setdefault("OPTIONS", {})["IGNORE_EXCEPTIONS"] = True
    # A Redis host that does not answer costs one call half a second, then is skipped for a
    # few seconds (portal/resilience.py) instead of every call waiting.
    CACHES["default"]["OPTIONS"].setdefault("SOCKET_CONNECT_TIMEOUT", 0.5)
    CACHES["default"]["OPTIONS"].setdefault("SOCKET_TIMEOUT", 0.5)
    CACHES["default"]["OPTIONS"].setdefault(
        "CONNECTION_POOL_CLASS", "portal.resilience.CircuitBreakerPool"
    )

# The full-page cache for anonymous readers (caching/): purged on publish, unpublish, move,
# delete and taxonomy or settings changes; the TTL bounds what purges do not cover.
PORTAL_PAGE_CACHE = env.bool("PORTAL_PAGE_CACHE", default=True)
PORTAL_PAGE_CACHE_ALIAS = "default"
PORTAL_PAGE_CACHE_TTL = env.int("PORTAL_PAGE_CACHE_TTL", default=600)
PORTAL_PAGE_CACHE_BROWSER_TTL = env.int("PORTAL_PAGE_CACHE_BROWSER_TTL", default=60)
# The edge tier (Varnish, deploy/varnish/): pages it may keep, and where purges are sent.
PORTAL_EDGE = env.bool("PORTAL_EDGE", default=False)
PORTAL_EDGE_PURGE_URL = env("PORTAL_EDGE_PURGE_URL", default="http://127.0.0.1:6081/")

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@localhost")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security defaults; production tightens further.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Only editors have sessions: one lasts a working day at most and ends with the browser (or
# after SESSION_COOKIE_AGE with "remember me"). Django changes the session key at sign-in.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Admin sign-in (users/lockout.py): a username is paused after this many failures in a row,
# for this many seconds. No address is involved.
WAGTAILADMIN_USER_LOGIN_FORM = "users.forms.LoginForm"
PORTAL_LOGIN_MAX_FAILURES = env.int("PORTAL_LOGIN_MAX_FAILURES", default=5)
PORTAL_LOGIN_LOCKOUT_SECONDS = env.int("PORTAL_LOGIN_LOCKOUT_SECONDS", default=15 * 60)
PORTAL_LOGIN_LOCKOUT_CACHE = "default"
# The organisation's name where no site's settings give one (the admin and the public pages
# show the name set in the portal settings, per language: core/identity.py).
WAGTAIL_SITE_NAME = env("PORTAL_ORGANISATION_NAME", default="Free Knowledge Advocacy Network")
# Two-factor sign-in for the admin (twofactor/): a passkey (WebAuthn) or an authenticator app
# (TOTP), with recovery codes. Whoever has a factor verifies it after the password, before any
# admin page. Members of these groups (shell-style patterns) and superusers must have one while
# PORTAL_2FA_ENFORCE is on; production keeps it on (a deploy check fails otherwise).
PORTAL_2FA_ENFORCE = True
PORTAL_2FA_REQUIRED_GROUPS = ["Editors", "Moderators", "* reviewers"]
PORTAL_2FA_REQUIRE_SUPERUSERS = True
PORTAL_2FA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the one organisation name (PORTAL_ORGANISATION_NAME)
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each wrong code (django-otp)
OTP_STATIC_THROTTLE_FACTOR = 1
# Passkeys are bound to the admin's host name (the relying party id) and origin.
_admin_origin = env("WAGTAILADMIN_BASE_URL", default="http://localhost:8000").rstrip("/")
OTP_WEBAUTHN_RP_ID = env("OTP_WEBAUTHN_RP_ID", default=_admin_origin.split("://")[-1].split(":")[0])
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("OTP_WEBAUTHN_ALLOWED_ORIGINS", default=[_admin_origin])
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a second factor, after the password
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe nodes over plain HTTP
# Content-Security-Policy (portal/security.py). Public pages run no inline script or style and
# load nothing from other sites, except images from the portal's own object storage or CDN when
# media are not served from this site (CSP_MEDIA_ORIGINS, e.g. https://media.example.org).
csp_report_uri = env("CSP_REPORT_URI", default="")  # optional: where browsers report violations
csp_media = env.list(
    "CSP_MEDIA_ORIGINS", default=[MEDIA_URL] if MEDIA_URL.startswith("https://") else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *csp_media],
        "media-src": ["'self'", *csp_media],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": [csp_report_uri] if csp_report_uri else None,
    },
}
# The Wagtail admin: scripts from the site only, the inline ones Wagtail and wagtail-localize
# still write given a per-request nonce (portal/security.py, which also names the one view that
# still needs 'unsafe-inline'); inline styles allowed. Everything else stays as strict as on
# public pages, and the admin previews pages in frames of its own.
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *csp_media],
        "frame-ancestors": ["'self'"],
    },
}

# Wagtail
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.forms.AltTextRequiredImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents go through Wagtail's view (collection privacy applies) and are always downloads, never
# opened in the portal's origin; the view adds nosniff and "Content-Security-Policy: default-src
# 'none'".
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILEMBEDS_FINDERS = []  # no oEmbed look-ups: public pages make no third-party requests
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars in the admin are uploaded, never from a third party
# The admin's own search; the public search has its own engines ("Search" block below).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_MODERATION_ENABLED = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False  # drafts until their reviewers publish
# Machine translation: DeepL when a key is set, none otherwise; flagged until reviewed.
DEEPL_API_KEY = env("DEEPL_API_KEY", default="")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }
WAGTAIL_WORKFLOW_ENABLED = True
# Days a translation notice (translations/notices.py) is kept once read (purge, nightly).
PORTAL_TRANSLATION_NOTICE_DAYS = env.int("PORTAL_TRANSLATION_NOTICE_DAYS", default=60)
# The public content API at /api/v2/ (syndication/api.py): read-only, anonymous, JSON only.
WAGTAILAPI_LIMIT_MAX = 50
PORTAL_PAGE_SIZE = 12
PORTAL_LANGUAGE_NAMES = {code: name for code, name in LANGUAGES}
PORTAL_LANGUAGE_LABELS = {
    "en": _("English"),
    "ar": _("Arabic"),
    "de": _("German"),
    "es": _("Spanish"),
    "fr": _("French"),
    "hi": _("Hindi"),
    "pt-br": _("Brazilian Portuguese"),
    "ru": _("Russian"),
    "zh-hans": _("Simplified Chinese"),
}

# Search
# The public, cross-language search (search/). "database" searches the portal's own tables: SQLite
# FTS5 locally, PostgreSQL full-text search in production, one text search configuration per
# locale. "elasticsearch" (8 or 9, the elasticsearch client) and "opensearch" (2 or 3, the
# opensearch-py client) send queries to a cluster at PORTAL_SEARCH_URLS; the database index is
# kept up to date all the same and answers whenever the cluster is down or slower than the timeout.
PORTAL_SEARCH_BACKEND = env("PORTAL_SEARCH_BACKEND", default="database")
PORTAL_SEARCH_URLS = env.list("PORTAL_SEARCH_URLS", default=[])
PORTAL_SEARCH_INDEX = env("PORTAL_SEARCH_INDEX", default="portal-search")  # an alias
PORTAL_SEARCH_TIMEOUT = env.float("PORTAL_SEARCH_TIMEOUT", default=2.0)  # seconds, per query
PORTAL_SEARCH_INDEXING_TIMEOUT = env.float("PORTAL_SEARCH_INDEXING_TIMEOUT", default=30.0)
PORTAL_SEARCH_RETRY_AFTER = env.int("PORTAL_SEARCH_RETRY_AFTER", default=30)  # seconds on fallback
PORTAL_SEARCH_OPTIONS = {}  # extra keyword arguments for the cluster client (TLS, API key)
PORTAL_SEARCH_ANALYZERS = {}  # per-language analyzer overrides for the cluster's mapping
PORTAL_SEARCH_MAX_MATCHES = 500  # matching pages ranked, grouped and counted per query
PORTAL_SEARCH_MAX_QUERY_LENGTH = 200
PORTAL_SEARCH_LOG_RETENTION_DAYS = env.int("PORTAL_SEARCH_LOG_RETENTION_DAYS", default=180)

# Readers' demand (demand/): daily counters per page and reader language, nothing personal;
# with BEACON, counted from a same-origin image in the page rather than at the origin (a CDN).
PORTAL_DEMAND_COUNTING = env.bool("PORTAL_DEMAND_COUNTING", default=True)
PORTAL_DEMAND_RETENTION_DAYS = env.int("PORTAL_DEMAND_RETENTION_DAYS", default=90)
PORTAL_DEMAND_BEACON = env.bool("PORTAL_DEMAND_BEACON", default=False)
PORTAL_DEMAND_FLUSH_SECONDS = env.int("PORTAL_DEMAND_FLUSH_SECONDS", default=60)
PORTAL_DEMAND_FLUSH_KEYS = env.int("PORTAL_DEMAND_FLUSH_KEYS", default=1000)

# Links in mails start with this address (else WAGTAILADMIN_BASE_URL), never the request's Host.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="")
# The portal's onion service (http://….onion): public pages send Onion-Location to it.
PORTAL_ONION_ADDRESS = env("PORTAL_ONION_ADDRESS", default="")
# "Leave this site quickly" replaces the page with this one (a plain, common site).
PORTAL_QUICK_EXIT_URL = env("PORTAL_QUICK_EXIT_URL", default="https://www.google.com/")

# Public forms and the personal data they collect: limits, links and retention.
from portal.settings.public_forms import *  # noqa: E402, F403  (absolute: base.py is also run as a file)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No client address in any log line (portal/logging.py).
    "filters": {"no_client_addresses": {"()": "portal.logging.RedactClientAddresses"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_client_addresses"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    # Django's records go to the console above only: its default error mails to ADMINS would
    # carry the request's headers, the client's address among them.
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}
