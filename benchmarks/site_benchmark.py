"""Site benchmark: queries, render time and throughput of every public page type, at several
site sizes, compared with a trivial Django view and the reference figures of issue #6.

Run it on a scratch PostgreSQL database (it migrates, loads the demo as the skeleton, then grows
the site to each size with ``build_benchmark_site``):

    psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE portal_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python benchmarks/site_benchmark.py --sizes 1000,10000

For each size and each public page type (home, indexes with and without filters, each detail
page type, the privacy page, search with a query):

* in process (Django test client, settings ``benchmarks.site.settings``): queries per request
  in each language of ``--languages``, and the median render time (wall and CPU) of
  ``--repeats`` requests in the first language;
* under gunicorn (``--workers`` sync workers, the same settings) with ``wrk`` on loopback for
  ``--duration`` seconds per URL: requests/s, latency, worker CPU ms per request (and the
  PostgreSQL sessions' CPU), each as a ratio to ``/_bench/trivial/`` on the same server. The
  server runs once per ``--cache-modes`` entry with ``PORTAL_PAGE_CACHE`` set to it
  (``off``: uncached, ``on``: through the full-page cache, once it exists).

The report goes to ``--output-dir`` (``benchmarks/results/site_benchmark.{md,json}``), rewritten
after each size. ``--report-only FILE.json`` renders the Markdown again from saved results.
"""

import argparse
import json
import os
import platform
import subprocess
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
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.site.settings"

from benchmarks.site.cli import OneLineParser, fail, positive  # noqa: E402
from benchmarks.site.report import add_ratios, render_markdown, write_report  # noqa: E402

PROG = "site_benchmark.py"
TRIVIAL = "/_bench/trivial/"


def _numbers(text, kind=int):
    try:
        values = sorted({kind(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not values or values[0] < 1:
        raise argparse.ArgumentTypeError(f"give positive numbers: {text!r}")
    return values


def parse_args(argv=None):
    parser = OneLineParser(prog=PROG, description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=_numbers, default=[1000, 10_000], help="pages, e.g. 1000,10000"
    )
    parser.add_argument("--repeats", type=positive, default=30)
    parser.add_argument("--duration", type=positive, default=10, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=positive, default=8)
    parser.add_argument("--threads", type=positive, default=2, help="wrk threads")
    parser.add_argument("--workers", type=positive, default=2, help="gunicorn sync workers")
    parser.add_argument("--languages", default="en,ar", help="first one is measured under load")
    parser.add_argument("--cache-modes", default="off,on", help="PORTAL_PAGE_CACHE values")
    parser.add_argument("--no-load", action="store_true", help="in-process measurements only")
    parser.add_argument("--translated-share", type=float, default=0.6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output-dir", default=str(ROOT / "benchmarks" / "results"))
    parser.add_argument("--report-only", metavar="JSON", help="render saved results again")
    args = parser.parse_args(argv)
    args.languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    args.cache_modes = [mode.strip() for mode in args.cache_modes.split(",") if mode.strip()]
    unknown = [mode for mode in args.cache_modes if mode not in {"off", "on"}]
    if unknown or not args.cache_modes:
        parser.error(f"--cache-modes takes off and/or on, not {','.join(unknown) or 'nothing'}")
    if not 0 <= args.translated_share <= 1:
        parser.error("--translated-share must be between 0 and 1")
    return args


def machine_info(wrk):
    import django
    from django.db import connection

    import wagtail

    version = ""
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.cursor().connection.info.server_version, 10000)
        version = f"{major}.{minor}"
    wrk_version = ""
    if wrk:
        result = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
        wrk_version = (result.stdout or result.stderr).split("\n")[0].split(" Copyright")[0]
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database": connection.vendor,
        "database_version": version,
        "wrk": wrk_version,
        "load_average_at_start": os.getloadavg()[0],
    }


def measure_in_process(args):
    """Every page in every language of ``--languages``: rows for the first (measured under load
    later), and the other languages' figures by name."""
    from django.test import Client

    from benchmarks.site.measure import benchmark_urls, measure_url

    client = Client()
    rows, queries_by_language, other_languages = [], {}, {}
    for position, language in enumerate(args.languages):
        queries_by_language[language] = {}
        for name, page_type, url in benchmark_urls(language):
            figures = measure_url(client, url, repeats=args.repeats)
            queries_by_language[language][name] = figures["queries"]
            print(
                f"  {language} {name}: {figures['status']}, {figures['queries']} queries, "
                f"{figures['render_ms_median']} ms ({figures['render_cpu_ms_median']} ms CPU)",
                file=sys.stderr,
            )
            if position == 0:
                rows.append({"name": name, "type": page_type, **figures, "load": {}})
            else:
                other_languages.setdefault(language, {})[name] = figures
    return rows, queries_by_language, other_languages


def measure_under_load(args, wrk, rows):
    """Each page under gunicorn, right after the trivial view on the same server: the load on a
    shared machine changes from minute to minute, so each page has its own yardstick."""
    import statistics

    from django.conf import settings

    from benchmarks.site.load import GunicornServer, LoadError, load_url

    trivial = {}
    options = {"duration": args.duration, "connections": args.connections, "threads": args.threads}
    for mode in args.cache_modes:
        env = {**os.environ, "PORTAL_PAGE_CACHE": mode}
        log = Path(settings.BENCH_DIR) / "logs" / f"gunicorn-{mode}.log"
        print(f"  gunicorn, PORTAL_PAGE_CACHE={mode}", file=sys.stderr)
        yardsticks = []
        with GunicornServer(workers=args.workers, env=env, log_path=log) as server:
            for row in rows:
                try:
                    yardstick = load_url(server, wrk, TRIVIAL, **options)
                    figures = load_url(server, wrk, row["url"], **options)
                except LoadError as error:
                    row["load"][mode] = None
                    row.setdefault("errors", []).append(str(error))
                    print(f"    {row['name']}: {error}", file=sys.stderr)
                    continue
                yardsticks.append(yardstick)
                figures["trivial"] = {
                    key: yardstick[key] for key in ("requests_per_s", "worker_cpu_ms_per_request")
                }
                row["load"][mode] = figures
                print(
                    f"    {row['name']}: {figures['requests_per_s']:.0f} req/s "
                    f"(trivial {yardstick['requests_per_s']:.0f}), "
                    f"{figures['worker_cpu_ms_per_request']} ms CPU/req",
                    file=sys.stderr,
                )
        if yardsticks:
            rates = [run["requests_per_s"] for run in yardsticks]
            trivial[mode] = {
                "requests_per_s": round(statistics.median(rates), 1),
                "requests_per_s_range": [min(rates), max(rates)],
                "worker_cpu_ms_per_request": round(
                    statistics.median(run["worker_cpu_ms_per_request"] for run in yardsticks), 3
                ),
                "runs": len(yardsticks),
            }
    add_ratios(rows, trivial)
    return trivial


def main(argv=None):
    args = parse_args(argv)
    if args.report_only:
        try:
            results = json.loads(Path(args.report_only).read_text("utf-8"))
        except (OSError, ValueError) as error:
            fail(PROG, f"cannot read {args.report_only}: {error}")
        Path(args.report_only).with_suffix(".md").write_text(render_markdown(results), "utf-8")
        return
    if not os.environ.get("DATABASE_URL"):
        fail(
            PROG,
            "set DATABASE_URL to a scratch database, e.g. postgres://postgres@127.0.0.1:5432/portal_bench",
        )
    # In process, pages are measured uncached whatever the environment says.
    os.environ["PORTAL_PAGE_CACHE"] = "off"

    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import OperationalError, connection

    django.setup()
    known = {code for code, _name in settings.LANGUAGES}
    if unknown := [code for code in args.languages if code not in known]:
        fail(PROG, f"unknown language(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    try:
        connection.ensure_connection()
    except OperationalError as error:
        fail(PROG, f"cannot connect to DATABASE_URL: {str(error).strip().splitlines()[0]}")
    from benchmarks.site.load import LoadError, ensure_wrk
    from demo.benchmark.builder import BuildError, build_site

    try:
        wrk = None if args.no_load else ensure_wrk()
    except LoadError as error:
        fail(PROG, str(error))
    print("migrate, collectstatic…", file=sys.stderr)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    results = {
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine_info(wrk),
        "config": {
            key: getattr(args, key)
            for key in ("sizes", "repeats", "duration", "connections", "threads", "workers")
        }
        | {"languages": args.languages, "cache_modes": [] if args.no_load else args.cache_modes},
        "runs": [],
    }
    for size in args.sizes:
        print(f"Site of {size} pages", file=sys.stderr)
        try:
            build = build_site(
                pages=size,
                translated_share=args.translated_share,
                seed=args.seed,
                write=lambda line: print(line, file=sys.stderr),
            )
        except BuildError as error:
            fail(PROG, str(error))
        rows, queries_by_language, other_languages = measure_in_process(args)
        run = {"pages": build["pages_total"], "build": build, "pages_measured": rows}
        run["queries_by_language"] = queries_by_language
        run["other_languages"] = other_languages
        if not args.no_load:
            try:
                run["trivial"] = measure_under_load(args, wrk, rows)
            except LoadError as error:
                fail(PROG, str(error))
        else:
            add_ratios(rows, {})
        results["runs"].append(run)
        json_path, markdown_path = write_report(results, args.output_dir)
        print(f"Written {markdown_path} and {json_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
