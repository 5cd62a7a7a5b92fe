"""Production: every secret comes from the environment, and nothing starts without them."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from portal import checks as portal_checks

from .base import *  # noqa: F403
from .base import env

DEBUG = False

SECRET_KEY = env("SECRET_KEY", default=None)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
# Previous keys, still accepted while rotating (sessions, signed cookies and values).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
# The cache (CACHE_URL) must be shared by every process: `manage.py check --deploy` fails on a
# cache of each process's own (portal/checks.py). Only the deploy check: the site benchmark
# runs these settings with a local cache on one machine.
portal_checks.register()

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload directive only takes effect once the registrable domain is submitted to the
# browsers' preload list; sending it from a subdomain commits nothing.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Two-factor sign-in is always enforced in production: no environment variable turns it off,
# and `manage.py check --deploy` fails if a settings file does (twofactor/checks.py).
PORTAL_2FA_ENFORCE = True
# Passkeys belong to the admin's host over https: WAGTAILADMIN_BASE_URL when it is https (base),
# else the first of ALLOWED_HOSTS; OTP_WEBAUTHN_RP_ID / OTP_WEBAUTHN_ALLOWED_ORIGINS override.
if not env("OTP_WEBAUTHN_ALLOWED_ORIGINS", default="") and not env(
    "WAGTAILADMIN_BASE_URL", default=""
).startswith("https://"):
    _passkey_host = ALLOWED_HOSTS[0].lstrip(".")
    OTP_WEBAUTHN_RP_ID = env("OTP_WEBAUTHN_RP_ID", default=_passkey_host)
    OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"https://{_passkey_host}"]

# Database: behind PgBouncer in transaction pooling mode, server-side cursors must be off.
# (Settings inherited from base are copied, never changed in place.)
if env.bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False):
    DATABASES = {  # noqa: F405
        **DATABASES,  # noqa: F405
        "default": {**DATABASES["default"], "DISABLE_SERVER_SIDE_CURSORS": True},  # noqa: F405
    }

# Background tasks (search indexing, Wagtail's reference index, CDN purges): a queue in the
# database, run by `manage.py db_worker`. PORTAL_TASKS_BACKEND=immediate runs them in the
# request instead (a single small server without a worker process).
PORTAL_TASKS_BACKEND = env("PORTAL_TASKS_BACKEND", default="database")
if PORTAL_TASKS_BACKEND == "database":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif PORTAL_TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured("PORTAL_TASKS_BACKEND must be database or immediate.")

# Media (images, documents): S3-compatible object storage when a bucket is named, the local
# disk (MEDIA_ROOT) otherwise. Objects are private: no ACL is sent, so they take the bucket's
# own (private) policy, and links to them are signed and expire (AWS_QUERYSTRING_AUTH). Turn
# signing off only when a CDN or bucket policy serves the media publicly; documents are then
# streamed through the portal, which checks their collection's privacy first.
# Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3 from the environment
# (or an instance role); they never appear in the settings.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
MEDIA_STORAGE = env("MEDIA_STORAGE", default="s3" if AWS_STORAGE_BUCKET_NAME else "filesystem")
if MEDIA_STORAGE == "s3":
    if not AWS_STORAGE_BUCKET_NAME:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)  # MinIO, Ceph, R2, …
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_S3_ADDRESSING_STYLE = env("AWS_S3_ADDRESSING_STYLE", default=None)  # path or virtual
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)  # a CDN in front of it
    AWS_LOCATION = env("AWS_LOCATION", default="media")  # key prefix inside the bucket
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=True)
    # Signed links must outlive every cached copy of a page that holds them.
    AWS_QUERYSTRING_EXPIRE = env.int("AWS_QUERYSTRING_EXPIRE", default=6 * 3600)
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=86400"}
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}  # noqa: F405
    WAGTAILDOCS_SERVE_METHOD = "redirect" if AWS_QUERYSTRING_AUTH else "serve_view"
    # Pages show images from the bucket: its origin joins the content security policy, unless
    # CSP_MEDIA_ORIGINS names it already.
    if not env.list("CSP_MEDIA_ORIGINS", default=[]):
        if AWS_S3_CUSTOM_DOMAIN:
            _media_origins = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
        elif AWS_S3_ENDPOINT_URL:
            _endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
            _host = _endpoint.netloc
            if AWS_S3_ADDRESSING_STYLE == "virtual":
                _host = f"{AWS_STORAGE_BUCKET_NAME}.{_host}"
            _media_origins = [f"{_endpoint.scheme}://{_host}"]
        else:
            # Links use the global host name; the regional one is where it may redirect.
            _regions = ["", f".{AWS_S3_REGION_NAME}"] if AWS_S3_REGION_NAME else [""]
            _media_origins = [
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3{region}.amazonaws.com" for region in _regions
            ]
        CONTENT_SECURITY_POLICY, PORTAL_ADMIN_CONTENT_SECURITY_POLICY = (
            {
                **_policy,
                "DIRECTIVES": {
                    **_policy["DIRECTIVES"],
                    "img-src": [*_policy["DIRECTIVES"]["img-src"], *_media_origins],
                    "media-src": [*_policy["DIRECTIVES"]["media-src"], *_media_origins],
                },
            }
            for _policy in (CONTENT_SECURITY_POLICY, PORTAL_ADMIN_CONTENT_SECURITY_POLICY)  # noqa: F405
        )
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("MEDIA_STORAGE must be s3 or filesystem.")

# Public search on a cluster (PORTAL_SEARCH_BACKEND, PORTAL_SEARCH_URLS: see base): a private
# certificate authority, and an API key for Elasticsearch (OpenSearch takes user:password in
# the URLs).
if PORTAL_SEARCH_CA_CERTS := env("PORTAL_SEARCH_CA_CERTS", default=""):
    PORTAL_SEARCH_OPTIONS = {**PORTAL_SEARCH_OPTIONS, "ca_certs": PORTAL_SEARCH_CA_CERTS}  # noqa: F405
if PORTAL_SEARCH_API_KEY := env("PORTAL_SEARCH_API_KEY", default=""):
    PORTAL_SEARCH_OPTIONS = {**PORTAL_SEARCH_OPTIONS, "api_key": PORTAL_SEARCH_API_KEY}  # noqa: F405

# A CDN in front of the site: the URLs the page cache purges (caching/) are purged there too,
# by the task worker. The page cache already names every language's URL, so Wagtail does not
# multiply them by language.
PORTAL_CDN = env("PORTAL_CDN", default="")
_CDN_BACKENDS = {
    "cloudflare": (
        "CloudflareBackend",
        {"BEARER_TOKEN": "CLOUDFLARE_API_TOKEN", "ZONEID": "CLOUDFLARE_ZONE_ID"},
    ),
    "cloudfront": ("CloudfrontBackend", {"DISTRIBUTION_ID": "CLOUDFRONT_DISTRIBUTION_ID"}),
    "http": ("HTTPBackend", {"LOCATION": "CDN_PURGE_URL"}),
}
if PORTAL_CDN:
    if PORTAL_CDN not in _CDN_BACKENDS:
        raise ImproperlyConfigured("PORTAL_CDN must be cloudflare, cloudfront or http.")
    _backend, _params = _CDN_BACKENDS[PORTAL_CDN]
    _values = {key: env(name, default="") for key, name in _params.items()}
    if _missing := [name for key, name in _params.items() if not _values[key]]:
        raise ImproperlyConfigured(f"PORTAL_CDN={PORTAL_CDN} needs {', '.join(_missing)}.")
    WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": f"wagtail.contrib.frontend_cache.backends.{_backend}", **_values}
    }
    WAGTAILFRONTENDCACHE_LANGUAGES = []

# Logs: 4xx responses are not logged (their paths may hold the one-time token of a confirmation
# or data link; the proxy's access log has them, masked); server errors are.
LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {
        **LOGGING.get("loggers", {}),  # noqa: F405
        "django.request": {"level": "ERROR"},
    },
}
