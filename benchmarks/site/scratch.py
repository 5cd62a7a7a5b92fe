"""A scratch site for the load test and the soak (``benchmarks/load_test.py``,
``benchmarks/soak.py``): a database of its own on PostgreSQL, an empty Redis database for the
cache, a temporary directory, the settings of the benchmark server in the environment; the site
built in it and the URL mix written for wrk. Everything is dropped at the end."""

import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks.site.cli import fail
from benchmarks.site.load_checks import WEIGHTS, build_url_mix, discover_urls


def say(line):
    print(line, file=sys.stderr, flush=True)


@contextmanager
def scratch_environment(prog, *, pg_url, redis_url, prefix, environ=None, template=None):
    """The environment of the benchmark server (``os.environ`` updated with ``environ`` too):
    yields ``(database name, work directory)``; the database is dropped, the Redis database
    flushed and the directory removed afterwards, whatever happened. With ``template`` (a
    database left by ``keep_site``), the scratch database starts as a copy of it."""
    import psycopg
    import redis

    try:
        redis_client = redis.Redis.from_url(redis_url)
        if redis_client.dbsize():
            fail(prog, f"the Redis database {redis_url} is not empty: choose another --redis-url")
        admin = psycopg.connect(f"{pg_url.rstrip('/')}/postgres", autocommit=True)
    except (redis.RedisError, psycopg.Error) as error:
        fail(prog, str(error).strip().splitlines()[0])
    db_name = f"{prefix}_{time.strftime('%Y%m%d_%H%M%S')}"
    exists = (
        template
        and admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
    )
    admin.execute(f'CREATE DATABASE "{db_name}"' + (f' TEMPLATE "{template}"' if exists else ""))
    work = Path(tempfile.mkdtemp(prefix=prefix.replace("_", "-") + "-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.site.settings",
        DATABASE_URL=f"{pg_url.rstrip('/')}/{db_name}",
        CACHE_URL="rediscache://" + redis_url.split("://", 1)[1],
        PORTAL_PAGE_CACHE="on",
        PORTAL_BENCH_DIR=str(work),
        DEBUG="False",
        **(environ or {}),
    )
    say(f"database {db_name}, cache {redis_url}, files in {work}")
    try:
        yield db_name, work
    finally:
        from django.db import connections

        connections.close_all()
        admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        admin.close()
        try:
            redis.Redis.from_url(redis_url).flushdb()
        except redis.RedisError as error:  # a private Redis may be gone already
            say(f"Redis not flushed: {error}")
        shutil.rmtree(work, ignore_errors=True)


def build_site_and_mix(*, pages, languages, work, wrk):
    """Migrate, build ``pages`` pages, collect the static files and write the URL mix: returns
    ``(groups, urls_file, build summary, machine info)``. Django must be set up."""
    from django.core.management import call_command

    from benchmarks.site_benchmark import machine_info
    from demo.benchmark.builder import build_site

    say("migrate…")
    call_command("migrate", verbosity=0)
    build = build_site(pages=pages, write=say)
    say("collectstatic…")
    call_command("collectstatic", "--noinput", verbosity=0)
    groups = discover_urls(languages)
    urls_file = work / "urls.txt"
    urls_file.write_text("\n".join(build_url_mix(groups, WEIGHTS)) + "\n", "utf-8")
    return groups, urls_file, build, machine_info(wrk)


def keep_site(pg_url, db_name, template):
    """Copy the built site (database ``db_name``, no session open on it) into ``template``, for
    the next run's ``scratch_environment(template=…)``; nothing if it exists already."""
    import psycopg

    with psycopg.connect(f"{pg_url.rstrip('/')}/postgres", autocommit=True) as admin:
        found = "SELECT 1 FROM pg_database WHERE datname = %s"
        if not admin.execute(found, [template]).fetchone():
            say(f"keeping the site in database {template}…")
            admin.execute(f'CREATE DATABASE "{template}" TEMPLATE "{db_name}"')


def mix_summary(groups):
    """What the report says of the mix: URLs and share of each kind, with a few examples."""
    total_weight = sum(WEIGHTS.values())
    return {
        kind: {"urls": len(paths), "share": round(WEIGHTS[kind] / total_weight, 3)}
        | {"examples": paths[:4]}
        for kind, paths in groups.items()
    }
