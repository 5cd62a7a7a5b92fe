"""Load test: concurrent clients for a bounded time against gunicorn with PostgreSQL and Redis on
loopback, counting every error and watching the memory of each worker.

    .venv/bin/python benchmarks/load_test.py                 # 50 clients, warm-up, 180 s
    .venv/bin/python benchmarks/load_test.py --duration 20   # a quick trial

It creates a scratch database (``portal_load_<timestamp>`` on ``--pg-url``), migrates, builds a
site of ``--pages`` pages (the demo content, grown by the site benchmark's builder), collects the
static files into a temporary directory and starts gunicorn (``--workers`` sync workers, never
recycled; settings ``benchmarks.site.settings``: production, DEBUG off, plain HTTP on loopback)
with the full-page cache on, in the Redis database of ``--redis-url``. ``wrk`` then sends
``--connections`` clients round a URL mix (``load_test.lua``): every public page type in each of
``--languages``, searches, the search and content APIs, feeds, the sitemap, action pages, a
static file, and URLs made unique per request (a ``ref`` query or search term) that miss every
cache. Every URL of the mix must answer 200 before the load starts. The warm-up is not measured:
it lasts until each worker has served every URL of the mix once (from gunicorn's access log),
``--warmup`` seconds at least and ``--max-warmup`` at most; the next ``--duration`` seconds are.

Errors are counted by wrk (non-2xx/3xx responses, socket errors, responses slower than
``--timeout``), by the Lua script (statuses), from gunicorn's access log (status per request and
URL kind; no client address is logged) and from its error log (Django's server errors, worker
timeouts and restarts). The resident memory
(VmRSS) of each worker is read every ``--sample-every`` seconds; a worker grows when its mean
over the last third of the measured run exceeds its mean over the first third by more than
``--max-growth-mb`` or ``--max-growth-percent``.

The report goes to ``--output-dir`` (``benchmarks/results/load_test.{md,json}``). At the end,
whatever happened, gunicorn is stopped, the database dropped and the Redis database flushed.
Exit status: 0 when there was no error and no worker grew, 1 otherwise, 2 for bad arguments.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Import from the project root (and not from benchmarks/, whose ``site`` package would shadow
# the standard module of that name).
sys.path[:] = [
    str(ROOT),
    *(entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "benchmarks"),
]

from benchmarks.site.cli import OneLineParser, check_loopback, fail, positive  # noqa: E402
from benchmarks.site.load import GunicornServer, LoadError, ensure_wrk, http_get, run_wrk  # noqa: E402
from benchmarks.site.load_checks import (  # noqa: E402
    ACCESS_LOG_FORMAT,
    RssSampler,
    classifier,
    count_errors,
    coverage,
    matcher,
    memory_verdict,
    mix_paths,
    parse_access_log,
    parse_error_log,
    parse_statuses,
)
from benchmarks.site.load_report import render_markdown  # noqa: E402
from benchmarks.site.scratch import (  # noqa: E402
    build_site_and_mix,
    mix_summary,
    say,
    scratch_environment,
)

PROG = "load_test.py"
LUA_SCRIPT = ROOT / "benchmarks" / "load_test.lua"
WARMUP_CHUNK = 15  # seconds of load between two looks at what the workers have served
SKIPPED = (
    "POST requests (signing an action): the form needs a CSRF cookie and token and a signed "
    "start time at least PORTAL_ACTIONS_MIN_FILL_SECONDS old, and signing is limited to "
    "PORTAL_ACTIONS_RATE_LIMIT submissions per client address and hour; every client here is "
    "127.0.0.1, so a POST share would measure the rate limiter. Signing is covered by the "
    "actions tests and the browser tests instead."
)


def parse_args(argv=None):
    parser = OneLineParser(prog=PROG, description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=positive, default=180, help="measured seconds")
    parser.add_argument("--warmup", type=positive, default=20, help="seconds, at least")
    parser.add_argument(
        "--max-warmup", type=positive, default=360, help="seconds, at most (see warm_up)"
    )
    parser.add_argument("--connections", type=positive, default=50)
    parser.add_argument("--threads", type=positive, default=2, help="wrk threads")
    parser.add_argument("--workers", type=positive, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--timeout", type=positive, default=30, help="seconds before wrk counts a timeout"
    )
    parser.add_argument("--pages", type=positive, default=1000, help="pages in the site")
    parser.add_argument("--languages", default="en,ar,fr,de,zh-hans")
    parser.add_argument("--sample-every", type=positive, default=5, help="seconds")
    parser.add_argument("--max-growth-mb", type=float, default=10.0)
    parser.add_argument("--max-growth-percent", type=float, default=10.0)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--output-dir", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args(argv)
    args.languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    if not args.languages:
        parser.error("--languages needs at least one language code")
    check_loopback(parser, args.pg_url, ("postgres", "postgresql"))
    check_loopback(parser, args.redis_url, ("redis",))
    return args


def check_urls(server, groups):
    """Every URL of the mix answers 200 (``{n}`` filled in), or the test does not start."""
    bad = []
    for path in mix_paths(groups):
        status, _headers = http_get(server.port, path.replace("{n}", "0check"))
        if status != 200:
            bad.append(f"{path} ({status})")
    if bad:
        raise LoadError(f"{len(bad)} URL(s) of the mix do not answer 200: {', '.join(bad[:5])}")
    _status, first = http_get(server.port, groups["page"][0])
    _status, second = http_get(server.port, groups["page"][0])
    return {
        "url": groups["page"][0],
        "x_page_cache": [first.get("X-Page-Cache"), second.get("X-Page-Cache")],
    }


def warm_up(args, load, access_log, groups):
    """Load, unmeasured, until each worker has served every URL of the mix (a unique URL's
    template once), for ``--warmup`` seconds at least and ``--max-warmup`` at most.

    A worker's memory grows while it meets pages, templates and languages for the first time;
    only then can growth mean a leak. Whether to stop depends on the URLs served, never on
    memory."""
    wanted = set(mix_paths(groups))
    match = matcher(groups)
    spent = 0
    statuses = Path(load["urls_file"]).with_name("warmup-statuses.json")
    while True:
        chunk = min(WARMUP_CHUNK, max(args.warmup, args.max_warmup) - spent)
        run_wrk(
            load["wrk"],
            load["url"],
            duration=chunk,
            **load["options"],
            script_args=[load["urls_file"], statuses],
        )
        spent += chunk
        with access_log.open(encoding="utf-8") as handle:
            served = coverage(handle, match)
        covered = {pid: len(urls & wanted) for pid, urls in served.items()}
        complete = len(served) >= args.workers and min(covered.values()) == len(wanted)
        say(f"warm-up: {spent} s, URLs served by each worker: {covered} of {len(wanted)}")
        if spent >= args.warmup and (complete or spent >= args.max_warmup):
            return {"seconds": spent, "urls": len(wanted), "covered": covered, "complete": complete}


def measure(args, wrk, work):
    """Build the site, serve it, load it; the figures of the run (the server is stopped)."""
    import django

    django.setup()
    from django.db import connections

    groups, urls_file, build, machine = build_site_and_mix(
        pages=args.pages, languages=args.languages, work=work, wrk=wrk
    )
    results = {
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine,
        "config": {
            key: getattr(args, key)
            for key in ("duration", "warmup", "connections", "threads", "workers", "timeout")
        }
        | {"pages": args.pages, "languages": args.languages, "sample_every_s": args.sample_every},
        "site": {key: build[key] for key in ("pages_total", "pages_per_language")},
        "mix": mix_summary(groups),
        "not_included": SKIPPED,
    }
    connections.close_all()
    error_log, access_log = work / "gunicorn-error.log", work / "gunicorn-access.log"
    extra = ["--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG_FORMAT]
    options = {"connections": args.connections, "threads": args.threads, "script": LUA_SCRIPT}
    options["timeout"] = args.timeout
    server = GunicornServer(
        workers=args.workers, env=dict(os.environ), log_path=error_log, extra_args=extra
    )
    with server:
        say(f"gunicorn on port {server.port}: checking the {sum(map(len, groups.values()))} URLs…")
        results["page_cache_check"] = check_urls(server, groups)
        url = f"http://127.0.0.1:{server.port}"
        sampler = RssSampler(server.process.pid, args.sample_every)
        sampler.start()
        try:
            load = {"wrk": wrk, "url": url, "urls_file": urls_file, "options": options}
            results["warmup"] = warm_up(args, load, access_log, groups)
            offset = access_log.stat().st_size
            say(f"measured: {args.duration} s, {args.connections} connections…")
            started = time.monotonic()
            sampler.sample()
            figures = run_wrk(
                wrk,
                url,
                duration=args.duration,
                **options,
                script_args=[urls_file, work / "statuses.json"],
            )
            ended = time.monotonic()
            sampler.sample()
        finally:
            sampler.halt.set()
            sampler.join()
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    with access_log.open(encoding="utf-8") as handle:
        handle.seek(offset)
        access = parse_access_log(handle, classifier(groups))
    error_text = error_log.read_text("utf-8", errors="replace")
    log_counts = parse_error_log(error_text)
    statuses = parse_statuses((work / "statuses.json").read_text())
    samples = [
        {"t": round(sample["at"] - started, 1)} | {k: sample[k] for k in ("rss_kb", "master_kb")}
        for sample in sampler.samples
        if sample["at"] <= ended + 1
    ]
    seen = set().union(*(sample["rss_kb"] for sample in sampler.samples))
    errors = count_errors(
        figures, statuses, access, log_counts, workers_seen=len(seen), workers=args.workers
    )
    memory = memory_verdict(
        samples, max_growth_mb=args.max_growth_mb, max_growth_percent=args.max_growth_percent
    )
    memory["thresholds"] = {"mb": args.max_growth_mb, "percent": args.max_growth_percent}
    results |= {
        "wrk": figures,
        "statuses": statuses,
        "server": {"access_log": access, "error_log": log_counts},
        "error_log_excerpt": error_text[-3000:] if sum(errors.values()) else "",
        "errors": errors,
        "errors_total": sum(errors.values()),
        "memory": memory,
        "memory_samples": samples,
    }
    results["verdict"] = "pass" if results["errors_total"] == 0 and memory["ok"] else "fail"
    return results


def main(argv=None):
    args = parse_args(argv)
    try:
        wrk = ensure_wrk()
    except LoadError as error:
        fail(PROG, str(error))
    scratch = scratch_environment(
        PROG, pg_url=args.pg_url, redis_url=args.redis_url, prefix="portal_load"
    )
    try:
        with scratch as (_db_name, work):
            results = measure(args, wrk, work)
    except LoadError as error:
        fail(PROG, str(error))
    output = Path(args.output_dir)
    output.mkdir(parents=True, exist_ok=True)
    (output / "load_test.json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    (output / "load_test.md").write_text(render_markdown(results), "utf-8")
    say(f"{results['verdict']}: written {output / 'load_test.md'} and load_test.json")
    if results["verdict"] != "pass":
        sys.exit(1)


if __name__ == "__main__":
    main()
