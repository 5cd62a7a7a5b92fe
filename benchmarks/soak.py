"""Soak: the load test's clients for a bounded time through the edge tier (Varnish in front of
gunicorn), with an editor publishing all along and planned faults, on loopback.

    .venv/bin/python benchmarks/soak.py                    # 50 clients, 600 s
    .venv/bin/python benchmarks/soak.py --duration 60      # a quick trial (faults scaled)

The site, database, URL mix, gunicorn (page cache in Redis), warm-up, error counts and worker
memory are the load test's (``benchmarks/load_test.py``; see there). Added here:

- **The edge.** ``varnishd`` with ``deploy/varnish/portal.vcl`` on a free loopback port in front
  of gunicorn, ``PORTAL_EDGE`` on, purges sent to it. wrk loads the edge; the warm-up (until
  each worker has served every URL of the mix) loads gunicorn directly, as the load test does.
- **Publishing.** Every ``--publish-every`` seconds a separate process with the server's
  settings and database (``benchmarks/site/soak_publisher.py``) publishes a random page in a
  random language as the editor does (a new revision with a marker in its title,
  ``save_revision().publish()``: signals, page-cache and edge purges, search indexing and tasks
  as in production, tasks run in the request). Once ``publish()`` has returned, the purges are
  done: the page is fetched through the edge (plainly, and with a CSRF cookie, so that a page
  with a form comes from the edge's copy too) and is **stale** if the marker is missing. Purge
  latency: from the publish's commit to the first fresh fetch.
- **Faults.** The search runs on osmem-server (the OpenSearch code path): it is stopped at 15 %
  of the run for ``--search-down`` seconds, then started again and the index rebuilt (what an
  operator does). A gunicorn worker is killed with SIGKILL at 45 % (gunicorn starts another). A
  private ``redis-server`` (started for the soak; the machine's Redis is left alone) is stopped
  at 70 % for ``--redis-down`` seconds and started again, empty.
- **Errors** are counted by second (the Lua script), so each is either inside a planned outage
  (widened by 5 s) and allowed there (``ALLOWED_DURING``: nothing is, as what the portal
  answers during each outage is a 200), or not.

Targets (exit 0 only if all are met; 1 otherwise, 2 for bad arguments): no error outside what is
allowed, no socket error, no stale page, every publish fresh at the edge, the workers' memory
flat (the load test's rule; the killed worker's replacement judged from its start), every fault
carried out. Report: ``--output-dir`` (``benchmarks/results/soak.{md,json}``).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Import from the project root (benchmarks/site would shadow the standard module ``site``).
sys.path[:] = [
    str(ROOT),
    *(entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "benchmarks"),
]

from benchmarks.load_test import LUA_SCRIPT, check_urls, warm_up  # noqa: E402
from benchmarks.site.cli import OneLineParser, check_loopback, fail, positive  # noqa: E402
from benchmarks.site.edge_stack import Osmem, RedisServer, Varnish, require  # noqa: E402
from benchmarks.site.load import (  # noqa: E402
    GunicornServer,
    LoadError,
    ensure_wrk,
    free_port,
    http_get,
    run_wrk,
)
from benchmarks.site.load_checks import (  # noqa: E402
    ACCESS_LOG_FORMAT,
    RssSampler,
    classifier,
    parse_access_log,
    parse_error_log,
    parse_statuses,
)
from benchmarks.site.scratch import (  # noqa: E402
    build_site_and_mix,
    keep_site,
    mix_summary,
    say,
    scratch_environment,
)
from benchmarks.site.soak_checks import (  # noqa: E402
    attribute_errors,
    fault_schedule,
    memory_with_replacement,
    publish_summary,
    soak_verdict,
)
from benchmarks.site.soak_report import render_markdown  # noqa: E402

PROG = "soak.py"


def parse_args(argv=None):
    parser = OneLineParser(prog=PROG, description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=positive, default=600, help="measured seconds")
    parser.add_argument("--connections", type=positive, default=50)
    parser.add_argument("--threads", type=positive, default=2, help="wrk threads")
    parser.add_argument("--workers", type=positive, default=2, help="gunicorn sync workers")
    parser.add_argument("--timeout", type=positive, default=30, help="seconds, then an error")
    parser.add_argument("--pages", type=positive, default=1000, help="pages in the site")
    parser.add_argument("--languages", default="en,ar,fr,de,zh-hans")
    parser.add_argument("--publish-every", type=positive, default=10, help="seconds")
    parser.add_argument("--search-down", type=positive, default=30, help="seconds")
    parser.add_argument("--redis-down", type=positive, default=5, help="seconds")
    parser.add_argument("--warmup", type=positive, default=20, help="seconds, at least")
    parser.add_argument("--max-warmup", type=positive, default=240, help="seconds, at most")
    parser.add_argument("--sample-every", type=positive, default=5, help="seconds")
    parser.add_argument("--max-growth-mb", type=float, default=10.0)
    parser.add_argument("--max-growth-percent", type=float, default=10.0)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--site-template",
        default="",
        help="a database to start from if it exists, else to keep the built site in",
    )
    parser.add_argument("--output-dir", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args(argv)
    args.languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    if len(args.languages) < 1:
        parser.error("--languages needs at least one language code")
    check_loopback(parser, args.pg_url, ("postgres", "postgresql"))
    if args.publish_every >= args.duration:
        parser.error("--publish-every must be shorter than --duration")
    try:
        args.schedule = fault_schedule(
            args.duration, search_down_s=args.search_down, redis_down_s=args.redis_down
        )
    except ValueError as error:
        parser.error(f"the faults do not fit in --duration {args.duration}: {error}")
    return args


class Faults:
    """Carries out the schedule against the running servers; records when each fault began
    and ended (Unix time)."""

    def __init__(self, schedule, *, osmem, redis_server, gunicorn):
        self.schedule = [dict(event) for event in schedule]
        self.osmem, self.redis, self.gunicorn = osmem, redis_server, gunicorn

    def run(self, started):
        for event in self.schedule:
            time.sleep(max(0.0, started + event["at"] - time.time()))
            say(f"fault: {event['fault']}…")
            event["done_at"] = time.time()
            getattr(self, event["fault"])(event)
            event["ended_at"] = time.time()
            say(f"fault: {event['fault']} over after {event['ended_at'] - event['done_at']:.1f} s")

    def search_down(self, event):
        from search import services
        from search.backends.cluster import close_clients

        self.osmem.stop()
        close_clients()
        time.sleep(event["lasts"])
        self.osmem.start()
        event["restarted_after_s"] = round(time.time() - event["done_at"], 1)
        services.rebuild_cluster()

    def worker_killed(self, event):
        pid = sorted(self.gunicorn.worker_pids())[0]
        os.kill(pid, signal.SIGKILL)
        event["pid"] = pid
        deadline = time.time() + 60
        while time.time() < deadline:
            workers = self.gunicorn.worker_pids()
            if pid not in workers and len(workers) == self.gunicorn.workers:
                event["replaced_by"] = sorted(set(workers))
                return
            time.sleep(0.2)

    def redis_restarted(self, event):
        self.redis.stop()
        time.sleep(event["lasts"])
        self.redis.start()

    def windows(self):
        return [
            {"fault": e["fault"], "start": e["done_at"], "end": e["ended_at"]}
            for e in self.schedule
            if e.get("done_at") is not None
        ]


def edge_stats(varnish):
    """Hits, misses and passes counted by varnishd (``varnishstat``), if it answers."""
    result = subprocess.run(  # noqa: S603
        [require("varnishstat", "varnish"), "-n", str(varnish.work / "varnish"), "-1", "-j"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        return {}
    counters = json.loads(result.stdout)
    counters = counters.get("counters", counters)
    names = ("cache_hit", "cache_miss", "cache_hitmiss", "s_pass", "n_lru_nuked", "bans_added")
    names += ("backend_unhealthy", "backend_fail", "fetch_failed")
    return {name: counters.get(f"MAIN.{name}", {}).get("value") for name in names}


def soak(args, wrk, work, *, db_name, osmem, redis_server):
    """Build the site, serve it through the edge, soak it: the results (servers stopped)."""
    import django

    django.setup()
    from django.db import connections

    from search import services

    groups, urls_file, build, machine = build_site_and_mix(
        pages=args.pages, languages=args.languages, work=work, wrk=wrk
    )
    if build["pages_added"] == 0:
        say("the site was there already: indexing it on the search cluster…")
        services.rebuild_cluster()
    connections.close_all()
    if args.site_template:
        keep_site(args.pg_url, db_name, args.site_template)
    gunicorn_port = free_port()
    varnish = Varnish(work, backend_port=gunicorn_port)
    # Only the servers and the editor run with the edge on: the site was built without it.
    server_env = dict(os.environ, PORTAL_EDGE="true", PORTAL_EDGE_PURGE_URL=f"{varnish.url}/")
    error_log, access_log = work / "gunicorn-error.log", work / "gunicorn-access.log"
    extra = ["--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG_FORMAT]
    server = GunicornServer(
        workers=args.workers,
        env=server_env,
        log_path=error_log,
        port=gunicorn_port,
        extra_args=extra,
    )
    options = {"connections": args.connections, "threads": args.threads, "script": LUA_SCRIPT}
    options["timeout"] = args.timeout
    results = {
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine,
        "config": {
            key: getattr(args, key)
            for key in ("duration", "connections", "threads", "workers", "timeout", "pages")
        }
        | {
            "languages": args.languages,
            "publish_every_s": args.publish_every,
            "sample_every_s": args.sample_every,
            "search": f"osmem-server {osmem.version} (OpenSearch code path)",
        },
        "site": {key: build[key] for key in ("pages_total", "pages_per_language")},
        "mix": mix_summary(groups),
    }
    publish_log = work / "publishes.jsonl"
    with server:
        say(f"gunicorn on port {server.port}: checking the mix, then warming up directly…")
        check_urls(server, groups)
        load = {
            "wrk": wrk,
            "url": f"http://127.0.0.1:{server.port}",
            "urls_file": urls_file,
            "options": options,
        }
        results["warmup"] = warm_up(args, load, access_log, groups)
        with varnish:
            path = groups["page"][0]
            results["edge_check"] = {
                "url": path,
                "x_edge": [http_get(varnish.port, path)[1].get("X-Edge") for _ in range(2)],
            }
            say(f"varnishd on port {varnish.port}: {results['edge_check']}")
            sampler = RssSampler(server.process.pid, args.sample_every)
            sampler.start()
            offset = access_log.stat().st_size
            faults = Faults(args.schedule, osmem=osmem, redis_server=redis_server, gunicorn=server)
            started = time.time()
            publisher = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "benchmarks.site.soak_publisher"]
                + ["--edge", varnish.url, "--until", str(started + args.duration - 5)]
                + ["--every", str(args.publish_every), "--languages", ",".join(args.languages)]
                + ["--log", str(publish_log)],
                cwd=ROOT,
                env=server_env,
            )
            outcome = {}

            def load_edge():
                try:
                    outcome["wrk"] = run_wrk(
                        wrk,
                        varnish.url,
                        duration=args.duration,
                        **options,
                        script_args=[urls_file, work / "statuses.json", work / "errors.json"],
                    )
                except LoadError as error:
                    outcome["error"] = str(error)

            say(f"soak: {args.duration} s, {args.connections} connections through the edge…")
            sampler.sample()
            clients = threading.Thread(target=load_edge)
            clients.start()
            try:
                faults.run(started)
            finally:
                clients.join()
                ended = time.time()
                sampler.sample()
                sampler.halt.set()
                sampler.join()
                try:
                    publisher.wait(timeout=120)
                except subprocess.TimeoutExpired:
                    publisher.kill()
            results["edge_stats"] = edge_stats(varnish)
    if "error" in outcome:
        raise LoadError(outcome["error"])
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    with access_log.open(encoding="utf-8") as handle:
        handle.seek(offset)
        access = parse_access_log(handle, classifier(groups))
    error_text = error_log.read_text("utf-8", errors="replace")
    records = [json.loads(line) for line in publish_log.read_text("utf-8").splitlines() if line]
    errors_by_second = json.loads((work / "errors.json").read_text() or "{}")
    monotonic_offset = time.monotonic() - time.time()
    samples = [
        {"t": round(sample["at"] - monotonic_offset - started, 1)}
        | {k: sample[k] for k in ("rss_kb", "master_kb")}
        for sample in sampler.samples
        if sample["at"] - monotonic_offset <= ended + 1
    ]
    memory = memory_with_replacement(
        samples, max_growth_mb=args.max_growth_mb, max_growth_percent=args.max_growth_percent
    )
    memory["thresholds"] = {"mb": args.max_growth_mb, "percent": args.max_growth_percent}
    errors = attribute_errors(errors_by_second, faults.windows())
    publishes = publish_summary(records)
    results |= {
        "wrk": outcome["wrk"],
        "statuses": parse_statuses((work / "statuses.json").read_text()),
        "errors": errors,
        "errors_by_second": errors_by_second,
        "server": {"access_log": access, "error_log": parse_error_log(error_text)},
        "error_log_excerpt": error_text[-3000:],
        "faults": [
            event
            | {
                key: round(event[key] - started, 1)
                for key in ("done_at", "ended_at")
                if event.get(key) is not None
            }
            for event in faults.schedule
        ],
        "publishes": publishes,
        "publish_records": records,
        "memory": memory,
        "memory_samples": samples,
    }
    passed, reasons = soak_verdict(
        errors=errors,
        publishes=publishes,
        memory=memory,
        faults=faults.schedule,
        wrk=results["wrk"],
    )
    results |= {"verdict": "pass" if passed else "fail", "reasons": reasons}
    return results


def main(argv=None):
    args = parse_args(argv)
    try:
        wrk = ensure_wrk()
        require("varnishd", "varnish")
    except LoadError as error:
        fail(PROG, str(error))
    redis_dir = Path(tempfile.mkdtemp(prefix="portal-soak-redis-"))
    redis_server, osmem = RedisServer(redis_dir), Osmem()
    try:
        redis_server.start()
        osmem.start()
        environ = {
            "PORTAL_SEARCH_BACKEND": "opensearch",
            "PORTAL_SEARCH_URLS": osmem.url,
            "PORTAL_BENCH_SEARCH_STANDIN": "osmem",
        }
        scratch = scratch_environment(
            PROG,
            pg_url=args.pg_url,
            redis_url=redis_server.url,
            prefix="portal_soak",
            environ=environ,
            template=args.site_template,
        )
        with scratch as (db_name, work):
            results = soak(args, wrk, work, db_name=db_name, osmem=osmem, redis_server=redis_server)
    except LoadError as error:
        fail(PROG, str(error))
    finally:
        osmem.stop()
        redis_server.stop()
        shutil.rmtree(redis_dir, ignore_errors=True)
    output = Path(args.output_dir)
    output.mkdir(parents=True, exist_ok=True)
    (output / "soak.json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    (output / "soak.md").write_text(render_markdown(results), "utf-8")
    say(f"{results['verdict']}: written {output / 'soak.md'} and soak.json")
    if results["verdict"] != "pass":
        say("; ".join(results["reasons"]))
        sys.exit(1)


if __name__ == "__main__":
    main()
