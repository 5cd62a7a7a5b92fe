"""Production settings for the benchmark server: ``portal.settings.production`` as deployed, with
what a deployment would put in the environment filled in for a loopback run.

Only what production refuses to start without, or what cannot work on plain HTTP on loopback,
is given a default here; every value can still be set in the environment:

* ``SECRET_KEY``: a fixed, public benchmark key (the same in every worker).
* ``ALLOWED_HOSTS``: loopback and the test client's host.
* ``SECURE_SSL_REDIRECT=False``: the load generator speaks plain HTTP to gunicorn; behind a
  TLS-terminating proxy production has no redirect either.
* ``CONN_MAX_AGE=600``: persistent database connections, as a production deployment sets them
  (the portal's default of 0 opens a connection per request).
* ``PORTAL_TASKS_BACKEND=immediate``: no task worker runs beside the benchmark server.
* ``STATIC_ROOT`` and ``MEDIA_ROOT``: under the temporary directory (``PORTAL_BENCH_DIR``), not in
  the repository; the harness runs ``collectstatic`` into it for the manifest storage.

``PORTAL_BENCH_SEARCH_STANDIN=osmem`` (the soak) gives osmem-server the analyzers it has.

``PORTAL_PAGE_CACHE`` (the full-page cache, ``caching/``) is left to the environment: the
harness runs the server once with ``off`` and once with ``on``, and measures in process with
``off``. ``ROOT_URLCONF`` adds a trivial view, the yardstick every page is compared with.
"""

import os
import tempfile
from pathlib import Path

BENCH_DIR = Path(os.environ.get("PORTAL_BENCH_DIR", Path(tempfile.gettempdir()) / "portal-bench"))
for name, value in {
    "SECRET_KEY": "benchmark-only-key-not-secret-never-deploy-this-value",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "False",
    "CONN_MAX_AGE": "600",
    "STATIC_ROOT": str(BENCH_DIR / "static"),
    "MEDIA_ROOT": str(BENCH_DIR / "media"),
    "DEBUG": "False",
    # No worker runs beside the benchmark server: index updates run in the request.
    "PORTAL_TASKS_BACKEND": "immediate",
}.items():
    os.environ.setdefault(name, value)

from portal.settings.production import *  # noqa: E402, F403
from portal.settings.production import DATABASES  # noqa: E402

ROOT_URLCONF = "benchmarks.site.urls"

if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Lets the harness find the server's database sessions and read their CPU time.
    DATABASES["default"].setdefault("OPTIONS", {})["application_name"] = "portal-bench"

if os.environ.get("PORTAL_BENCH_SEARCH_STANDIN") == "osmem":
    # osmem-server, the soak's stand-in for an OpenSearch cluster, has no Arabic or Hindi
    # analyzer (a real cluster does): those languages use its standard one.
    PORTAL_SEARCH_ANALYZERS = {"ar": "standard", "hi": "standard"}
