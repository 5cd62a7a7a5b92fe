"""The production profile and the deploy guide (deploy/).

Production settings are loaded in child processes, with only the environment a deployment
gives them, so that the settings the tests run with play no part. Nothing here touches the
network: the object storage's links are signed locally, with sockets disabled.
"""

import ast
import datetime
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from gunicorn.app.base import Application

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
ADDRESS, FORWARDED = "203.0.113.7", "198.51.100.23"
TOKEN = "eyJzIjo0MiwiZCI6ImFiYyJ9:1vXYZq:Kx9SECRETsignature"
SHARED_CACHE = "rediscache://127.0.0.1:6379/1"  # never connected to by a check

PRINT_SETTINGS = """
import json, socket
import django

def no_network(*args, **kwargs):
    raise OSError("no network in this test")

socket.socket.connect = no_network
socket.create_connection = no_network
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage

s3 = settings.STORAGES["default"]["BACKEND"].startswith("storages.")
print(json.dumps({
    "storage": settings.STORAGES["default"]["BACKEND"],
    "url": default_storage.url("images/sign.jpg"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "admin_img_src": settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "acl": getattr(settings, "AWS_DEFAULT_ACL", "unset"),
    "overwrite": getattr(settings, "AWS_S3_FILE_OVERWRITE", "unset"),
    "docs_serve": getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None),
    "tasks": settings.TASKS["default"]["BACKEND"],
    "tasks_app": "django_tasks_db" in settings.INSTALLED_APPS,
    "cdn": getattr(settings, "WAGTAILFRONTENDCACHE", None),
}))
"""


def production_env(tmp_path, **extra):
    """The environment of a minimal deployment: only what production requires."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.update(extra)
    return {name: value for name, value in env.items() if value is not None}


def run(args, env):
    return subprocess.run(  # noqa: S603 - the test's own interpreter and manage.py
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def production_settings(tmp_path, **extra):
    result = run(["-c", PRINT_SETTINGS], production_env(tmp_path, **extra))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def bucket_settings(tmp_path, **extra):
    """Production settings with the media in the bucket ``portal-media`` (made-up credentials;
    the instance metadata service is not asked for any)."""
    return production_settings(
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLEONLY",
        AWS_SECRET_ACCESS_KEY=secrets.token_urlsafe(30),
        AWS_EC2_METADATA_DISABLED="true",
        **extra,
    )


def test_deploy_check_has_no_warnings(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path, CACHE_URL=SHARED_CACHE),
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr.upper()


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        (None, "LocMemCache"),
        ("locmemcache://other", "LocMemCache"),
        ("dummycache://", "DummyCache"),
    ],
)
def test_deploy_check_fails_without_a_shared_cache(tmp_path, cache_url, backend):
    """A cache of each process's own (or none) counts the signing rate limit and the sign-in
    lockout per worker, and purges the page cache of one worker only."""
    result = run(["manage.py", "check", "--deploy"], production_env(tmp_path, CACHE_URL=cache_url))
    assert result.returncode != 0
    assert "portal.E001" in result.stderr
    assert f"CACHE_URL gives each process a cache of its own ({backend}, cache 'default')" in (
        result.stderr
    )
    assert "rediscache://" in result.stderr  # the hint names what to set


def test_benchmark_settings_still_pass_the_checks(tmp_path):
    """The site benchmark runs production settings with a local cache on one machine; only the
    deploy check asks for a shared cache."""
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="benchmarks.site.settings",
        SECRET_KEY=None,
        ALLOWED_HOSTS=None,
        PORTAL_BENCH_DIR=str(tmp_path / "bench"),
    )
    result = run(["manage.py", "check"], env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("extra", "cause"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY must be set in the environment for production."),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set in the environment for production."),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must be set in the environment for production."),
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME."),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be s3 or filesystem."),
        ({"PORTAL_TASKS_BACKEND": "celery"}, "PORTAL_TASKS_BACKEND must be database or immediate."),
        (
            {"PORTAL_CDN": "cloudflare", "CLOUDFLARE_ZONE_ID": "zone"},
            "PORTAL_CDN=cloudflare needs CLOUDFLARE_API_TOKEN.",
        ),
    ],
)
def test_production_refuses_to_start_misconfigured(tmp_path, extra, cause):
    result = run(["manage.py", "check"], production_env(tmp_path, **extra))
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == f"django.core.exceptions.ImproperlyConfigured: {cause}"


def test_media_on_disk_and_tasks_in_the_database_by_default(tmp_path):
    found = production_settings(tmp_path)
    assert found["storage"] == "django.core.files.storage.FileSystemStorage"
    assert found["url"] == "/media/images/sign.jpg"
    assert found["img_src"] == ["'self'"]
    assert found["tasks"] == "django_tasks_db.DatabaseBackend" and found["tasks_app"]
    assert found["cdn"] is None
    # Elsewhere (tests, development) tasks run at once and the queue's app is not installed.
    assert "django_tasks_db" not in settings.INSTALLED_APPS


def test_media_on_s3_compatible_storage(tmp_path):
    found = bucket_settings(tmp_path, AWS_S3_ENDPOINT_URL="https://objects.example.net")
    assert found["storage"] == "storages.backends.s3.S3Storage"
    assert found["acl"] is None and found["overwrite"] is False  # the bucket's private policy
    url = urlsplit(found["url"])
    assert (url.scheme, url.netloc) == ("https", "objects.example.net")
    assert url.path == "/portal-media/media/images/sign.jpg"
    assert "X-Amz-Signature=" in url.query and "X-Amz-Expires=21600" in url.query
    assert found["docs_serve"] == "redirect"  # to a signed link, after the privacy check
    # Pages may show images from the bucket, in the public site and the admin.
    assert "https://objects.example.net" in found["img_src"]
    assert "https://objects.example.net" in found["admin_img_src"]


def test_public_media_behind_a_cdn(tmp_path):
    found = bucket_settings(
        tmp_path, AWS_S3_CUSTOM_DOMAIN="media.example.org", AWS_QUERYSTRING_AUTH="false"
    )
    assert found["url"] == "https://media.example.org/media/images/sign.jpg"
    assert found["docs_serve"] == "serve_view"  # documents never by a public link
    assert found["img_src"] == ["'self'", "https://media.example.org"]


def test_cdn_purge(tmp_path):
    found = production_settings(
        tmp_path, PORTAL_CDN="cloudflare", CLOUDFLARE_API_TOKEN="t0ken", CLOUDFLARE_ZONE_ID="z1"
    )
    assert found["cdn"] == {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "t0ken",
            "ZONEID": "z1",
        }
    }


def test_no_missing_migrations_with_the_task_queue(tmp_path):
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


# Gunicorn


class GunicornConfig(Application):
    """deploy/gunicorn.conf.py, loaded the way gunicorn loads it."""

    def __init__(self, path):
        self.path = path
        super().__init__()

    def load_config(self):
        self.load_config_from_file(str(self.path))

    def load(self):
        raise NotImplementedError


def test_gunicorn_access_log_has_no_client_address(tmp_path):
    config = GunicornConfig(DEPLOY / "gunicorn.conf.py").cfg
    assert "%(h)s" not in config.access_log_format
    assert "forwarded" not in config.access_log_format.lower()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("errorlog", str(tmp_path / "error.log"))
    logger = config.logger_class(config)
    path = f"/fr/actions/confirm/{TOKEN}/"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?q=my+neighbour",
        "PATH_INFO": path,
        "QUERY_STRING": "q=my+neighbour",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_X_FORWARDED_FOR": FORWARDED,
    }
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", FORWARDED), ("X-REQUEST-ID", "req-42")])
    response = SimpleNamespace(status="302 Found", sent=0, headers=[])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    logger.warning(f"Invalid request from ip={ADDRESS}: Invalid HTTP method")

    line = (tmp_path / "access.log").read_text()
    assert '"GET /fr/actions/confirm/[token]/ HTTP/1.1" 302 0 12ms req-42' in line
    errors = (tmp_path / "error.log").read_text()
    assert "Invalid request from ip=-" in errors
    for secret in [ADDRESS, FORWARDED, TOKEN, "neighbour"]:
        assert secret not in line + errors


def test_gunicorn_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.1.2.3")
    config = GunicornConfig(DEPLOY / "gunicorn.conf.py").cfg
    assert (config.workers, config.timeout) == (3, 45)
    assert config.forwarded_allow_ips == ["10.1.2.3"]
    assert config.bind == ["127.0.0.1:8000"]


# nginx


def _nginx_size(value):
    units = {"k": 1024, "m": 1024 * 1024, "g": 1024**3}
    return int(value[:-1]) * units[value[-1].lower()] if value[-1].isalpha() else int(value)


def test_nginx_logs_no_address_and_accepts_the_largest_upload():
    conf = (DEPLOY / "nginx.conf").read_text()
    formats = re.findall(r"log_format\s+(\w+)(.*?);", conf, re.S)
    assert formats
    for _name, body in formats:
        assert "$remote_addr" not in body and "$http_x_forwarded_for" not in body
        assert "$request_uri" not in body and "$args" not in body
    named = {name for name, _body in formats}
    for target in re.findall(r"^\s*access_log\s+([^;]+);", conf, re.M):
        assert target == "off" or target.split()[-1] in named, target
    for target in re.findall(r"^\s*error_log\s+([^;]+);", conf, re.M):
        assert target.split()[0] == "/dev/null", target  # its lines name the client
    largest = max(
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024),
    )
    limit = _nginx_size(re.search(r"client_max_body_size\s+(\w+);", conf).group(1))
    assert largest < limit <= largest + 5 * 1024 * 1024


# The guide


def _settings_env_names():
    names = set()
    for path in (ROOT / "portal" / "settings").glob("*.py"):
        source = path.read_text()
        names |= set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == (
                "_CDN_BACKENDS"
            ):
                for _backend, params in ast.literal_eval(node.value).values():
                    names |= set(params.values())
    gunicorn = (DEPLOY / "gunicorn.conf.py").read_text()
    names |= set(re.findall(r"(?:environ\.get|_int)\(\"([A-Z][A-Z0-9_]*)\"", gunicorn))
    return names


def test_guide_lists_every_environment_variable():
    names = _settings_env_names()
    assert {"SECRET_KEY", "CACHE_URL", "PORTAL_CDN", "CLOUDFLARE_API_TOKEN", "WEB_CONCURRENCY"} <= (
        names
    )
    guide = (DEPLOY / "README.md").read_text()
    documented = set()
    for first_cell in re.findall(r"^\| ([^|]*`[A-Z][A-Z0-9_]*`[^|]*) \|", guide, re.M):
        documented |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    missing = sorted(names - documented)
    assert not missing, f"deploy/README.md has no row for: {', '.join(missing)}"
