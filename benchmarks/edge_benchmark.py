"""Edge benchmark: each public page type served to anonymous readers by the edge tier
(Varnish), against nginx serving a static file of the same size, on the same machine in the
same run; with the same page from gunicorn's page cache and uncached, for the scaling figures
(deploy/SCALING.md).

    .venv/bin/python benchmarks/edge_benchmark.py                  # 5 s per page and server
    .venv/bin/python benchmarks/edge_benchmark.py --duration 10 --site-template soak_site_1000

The site, database and cache are the load test's (``benchmarks/site/scratch.py``: a scratch
PostgreSQL database, ``--pages`` pages; the Redis is a private ``redis-server``). gunicorn
(``--workers`` sync workers, page cache on, ``PORTAL_EDGE`` on) sits behind ``varnishd`` with
``deploy/varnish/portal.vcl``; a private nginx (temporary configuration, one worker per core,
its workers unprivileged) serves, for each page, a file of exactly the size the edge sends.
Every request says ``Accept-Encoding: gzip``, as every browser does: the application compresses
its pages (``GZipMiddleware``) and the edge keeps them compressed, so a reader's page is sent as
kept; a client that does not accept gzip makes the edge decompress the page on every hit (about
half the edge's rate on this machine; ``--identity`` measures that). For each page type of
``benchmarks/site/measure.py`` in ``--language``, one after the other:

1. **edge**: wrk on the page through varnishd, as a returning reader (a CSRF cookie: a page with
   a form is assembled by the edge from its copy, its per-reader values fetched from gunicorn;
   without the cookie the edge would pass such a reader to gunicorn);
2. **nginx**: wrk on a file of the size the edge sends;
3. **page cache**: wrk on the page straight to gunicorn (the page cache's hit);
4. **uncached**: wrk straight to gunicorn with a query string unique per request
   (``load_test.lua``), which every cache misses.

Each reports requests/s and the CPU time per request of the serving processes (varnishd's,
nginx's, or gunicorn's workers plus the PostgreSQL sessions): on a shared machine the CPU time
is the steadier figure, and requests/s per core is 1000 / (CPU ms per request). The target:
edge requests/s at least ``--target`` (0.5) of nginx's for every page type. Report:
``--output-dir`` (``benchmarks/results/edge_benchmark.{md,json}``). Exit status 0 when the
target is met, 1 otherwise, 2 for bad arguments.
"""

import http.client
import json
import os
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Import from the project root (benchmarks/site would shadow the standard module ``site``).
sys.path[:] = [
    str(ROOT),
    *(entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "benchmarks"),
]

from benchmarks.load_test import LUA_SCRIPT  # noqa: E402
from benchmarks.site.cli import OneLineParser, check_loopback, fail, positive  # noqa: E402
from benchmarks.site.edge_stack import Nginx, RedisServer, Varnish, require  # noqa: E402
from benchmarks.site.load import (  # noqa: E402
    GunicornServer,
    LoadError,
    child_pids,
    cpu_seconds,
    database_session_pids,
    ensure_wrk,
    free_port,
    run_wrk,
)
from benchmarks.site.load_checks import with_ref  # noqa: E402
from benchmarks.site.load_report import table  # noqa: E402
from benchmarks.site.scratch import (  # noqa: E402
    build_site_and_mix,
    keep_site,
    say,
    scratch_environment,
)

PROG = "edge_benchmark.py"
CSRF_COOKIE = "Cookie: csrftoken=" + "edge" * 8
GZIP = "Accept-Encoding: gzip"
SERVERS = ("edge", "nginx", "page_cache", "uncached")


def parse_args(argv=None):
    parser = OneLineParser(prog=PROG, description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=positive, default=5, help="seconds per page, server")
    parser.add_argument("--connections", type=positive, default=50)
    parser.add_argument("--threads", type=positive, default=2, help="wrk threads")
    parser.add_argument("--workers", type=positive, default=2, help="gunicorn sync workers")
    parser.add_argument("--pages", type=positive, default=1000, help="pages in the site")
    parser.add_argument("--language", default="en")
    parser.add_argument("--target", type=float, default=0.5, help="edge/nginx, at least")
    parser.add_argument("--site-template", default="", help="see benchmarks/soak.py")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--output-dir", default=str(ROOT / "benchmarks" / "results"))
    parser.add_argument(
        "--identity", action="store_true", help="clients that do not accept gzip (see above)"
    )
    args = parser.parse_args(argv)
    check_loopback(parser, args.pg_url, ("postgres", "postgresql"))
    if not 0 < args.target <= 1:
        parser.error("--target must be a share of nginx's rate, above 0 and at most 1")
    return args


def ratios(rows, target):
    """Each page type's edge rate over nginx's, and whether every one reaches ``target``."""
    for row in rows:
        nginx = row["nginx"]["requests_per_s"]
        row["edge_to_nginx"] = round(row["edge"]["requests_per_s"] / nginx, 3) if nginx else None
    ok = bool(rows) and all(
        row["edge_to_nginx"] is not None and row["edge_to_nginx"] >= target for row in rows
    )
    return ok


def per_core(cpu_ms_per_request):
    """Requests per second one core serves at ``cpu_ms_per_request`` (None when unknown)."""
    return round(1000 / cpu_ms_per_request) if cpu_ms_per_request else None


def family(pid):
    """A process and its children (varnishd's cache process, nginx's workers)."""
    return [pid, *child_pids(pid)]


def measure_one(wrk, url, pids, options, **extra):
    """wrk on ``url``; requests/s, latency and the CPU ms per request of ``pids()`` (a
    function: workers may change)."""
    watched = pids()
    before = {pid: cpu_seconds(pid) for pid in watched}
    figures = run_wrk(wrk, url, **options, **extra)
    used = sum(cpu_seconds(pid) - before.get(pid, 0.0) for pid in set(watched) | set(pids()))
    served = max(figures["requests"], 1)
    return {
        "requests": figures["requests"],
        "requests_per_s": figures["requests_per_s"],
        "p50_ms": figures["latency_ms"].get("p50"),
        "p99_ms": figures["latency_ms"].get("p99"),
        "errors": figures["non_2xx_3xx"] + sum(figures["socket_errors"].values()),
        "cpu_ms_per_request": round(used * 1000 / served, 3),
    }


def fetch(port, path, cookie=None, accept=()):
    """The status, ``X-Edge`` and body as sent (compressed when ``accept`` says gzip)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = dict(header.split(": ", 1) for header in accept)
    try:
        connection.request("GET", path, headers=headers | ({"Cookie": cookie} if cookie else {}))
        response = connection.getresponse()
        return response.status, response.getheader("X-Edge"), response.read()
    finally:
        connection.close()


def run(args, wrk, work, db_name):
    import django

    django.setup()
    from django.db import connections

    from benchmarks.site.measure import benchmark_urls

    _groups, _urls_file, build, machine = build_site_and_mix(
        pages=args.pages, languages=[args.language], work=work, wrk=wrk
    )
    pages = [(name, path) for name, _type, path in benchmark_urls(args.language)]
    connections.close_all()
    if args.site_template:
        keep_site(args.pg_url, db_name, args.site_template)
    gunicorn_port = free_port()
    varnish = Varnish(work, backend_port=gunicorn_port)
    server = GunicornServer(
        workers=args.workers,
        env=dict(os.environ, PORTAL_EDGE="true", PORTAL_EDGE_PURGE_URL=f"{varnish.url}/"),
        log_path=work / "gunicorn-error.log",
        port=gunicorn_port,
    )
    options = {"duration": args.duration, "connections": args.connections}
    options["threads"] = args.threads
    cookie = CSRF_COOKIE.split(": ", 1)[1]
    accept = [] if args.identity else [GZIP]
    rows = []
    with server, varnish:
        bodies = {}
        for name, path in pages:
            fetch(varnish.port, path, cookie, accept)
            status, x_edge, body = fetch(varnish.port, path, cookie, accept)
            if status != 200:
                raise LoadError(f"{path} answered {status} through the edge")
            bodies[name] = {"path": path, "x_edge": x_edge, "bytes": len(body)}
        files = {
            f"page{index}.html": b"x" * bodies[name]["bytes"]
            for index, (name, _p) in enumerate(pages)
        }
        # Not under ``work`` (private to us): nginx's workers must reach their files.
        nginx_dir = Path(tempfile.mkdtemp(prefix="portal-edge-nginx-"))
        with Nginx(nginx_dir, files=files, workers=os.cpu_count()) as nginx:
            varnish_pids = partial(family, varnish.process.pid)
            nginx_pids = partial(family, nginx.process.pid)

            def gunicorn_pids():
                return server.worker_pids() + database_session_pids()

            for index, (name, path) in enumerate(pages):
                say(f"{name}: {path} ({bodies[name]['bytes']:,} bytes)…")
                unique = work / f"unique{index}.txt"
                unique.write_text(with_ref(path) + "\n")
                row = {"page": name, **bodies[name]}
                row["edge"] = measure_one(
                    wrk, varnish.url + path, varnish_pids, options, headers=[CSRF_COOKIE, *accept]
                )
                row["nginx"] = measure_one(
                    wrk, f"{nginx.url}/page{index}.html", nginx_pids, options, headers=accept
                )
                row["page_cache"] = measure_one(
                    wrk,
                    f"http://127.0.0.1:{server.port}{path}",
                    gunicorn_pids,
                    options,
                    headers=accept,
                )
                row["uncached"] = measure_one(
                    wrk,
                    f"http://127.0.0.1:{server.port}",
                    gunicorn_pids,
                    options,
                    script=LUA_SCRIPT,
                    script_args=[unique, work / "statuses.json"],
                    headers=accept,
                )
                rows.append(row)
        shutil.rmtree(nginx_dir, ignore_errors=True)
    machine["load_average_at_end"] = os.getloadavg()[0]
    ok = ratios(rows, args.target)
    return {
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine | {"host": os.uname().nodename, "cpu_model": cpu_model()},
        "config": {
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "workers": args.workers,
            "language": args.language,
            "target": args.target,
            "accept_encoding": "identity" if args.identity else "gzip",
        },
        "site": {key: build[key] for key in ("pages_total", "pages_per_language")},
        "rows": rows,
        "verdict": "pass" if ok else "fail",
    }


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return ""


def render_markdown(results):
    machine, config = results["machine"], results["config"]
    lines = [
        "# Edge benchmark",
        "",
        f"`benchmarks/edge_benchmark.py`, {results['started']}. Verdict: **{results['verdict']}** "
        f"(edge at least {config['target']:.0%} of nginx's rate for every page type).",
        "",
        f"Machine: {machine['host']}, {machine['cpus']} cores ({machine['cpu_model']}), shared "
        f"(load average {machine['load_average_at_start']:.1f} at the start, "
        f"{machine['load_average_at_end']:.1f} at the end). wrk {config['connections']} "
        f"connections, {config['threads']} threads, {config['duration_s']} s per page and server,"
        f" on loopback; gunicorn {config['workers']} sync workers; "
        f"{results['site']['pages_total']:,} pages; language {config['language']}. Clients "
        + (
            "accept gzip, as browsers do: sizes are as sent, compressed."
            if config.get("accept_encoding", "gzip") == "gzip"
            else "do not accept gzip (`--identity`): the edge decompresses each page it sends."
        ),
        "",
        "Requests/s, and in brackets the serving processes' CPU ms per request:",
        "",
    ]
    rows = []
    for row in results["rows"]:
        cells = [f"`{row['path']}` ({row['bytes']:,} B)", row["x_edge"]]
        cells += [
            f"{row[server]['requests_per_s']:,.0f} ({row[server]['cpu_ms_per_request']})"
            for server in SERVERS
        ]
        rows.append([row["page"], *cells, row["edge_to_nginx"]])
    lines += table(
        ["page type", "URL", "X-Edge", "edge", "nginx (same size)", "page cache", "uncached"]
        + ["edge / nginx"],
        rows,
    )
    errors = sum(row[server]["errors"] for row in results["rows"] for server in SERVERS)
    lines += ["", f"Errors (non-2xx/3xx and socket errors, all runs): {errors}.", ""]
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    try:
        wrk = ensure_wrk()
        require("varnishd", "varnish")
        require("nginx", "nginx-light")
    except LoadError as error:
        fail(PROG, str(error))
    redis_dir = Path(tempfile.mkdtemp(prefix="portal-edge-redis-"))
    redis_server = RedisServer(redis_dir)
    try:
        redis_server.start()
        scratch = scratch_environment(
            PROG,
            pg_url=args.pg_url,
            redis_url=redis_server.url,
            prefix="portal_edge",
            template=args.site_template,
        )
        with scratch as (db_name, work):
            results = run(args, wrk, work, db_name)
    except LoadError as error:
        fail(PROG, str(error))
    finally:
        redis_server.stop()
        shutil.rmtree(redis_dir, ignore_errors=True)
    output = Path(args.output_dir)
    output.mkdir(parents=True, exist_ok=True)
    (output / "edge_benchmark.json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    (output / "edge_benchmark.md").write_text(render_markdown(results), "utf-8")
    say(f"{results['verdict']}: written {output / 'edge_benchmark.md'} and edge_benchmark.json")
    if results["verdict"] != "pass":
        sys.exit(1)


if __name__ == "__main__":
    main()
