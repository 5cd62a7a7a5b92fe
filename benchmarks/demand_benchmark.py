"""Benchmark: counting readers' demand on cached page views.

Loads a small demo (one item of each kind, French translations) into the database named by
DATABASE_URL (default: a scratch SQLite file in /tmp), turns the page cache on, warms it with
four pages (English, French, and a German reader's fallback to the English original), then
serves them from the cache in alternating blocks with counting off and on (ABAB, so drift in
the machine's load falls on both). It reports the queries per cached view (expected: 0), the
write statements of one flush against the number of distinct (page, language, day) keys, and
the time per cached view with and without counting, as a ratio. For example:

    python benchmarks/demand_benchmark.py --views 2000 --rounds 6

It prints a Markdown table (and JSON with --json).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.gettempdir()}/portal-demand-bench.sqlite3"

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


class StatementCounter:
    """Counts every statement sent on a connection (``connection.execute_wrapper``)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)


def paths():
    from campaigns.models import CampaignPage

    slug = CampaignPage.objects.filter(locale__language_code="en").first().slug
    return ["/en/", "/fr/", f"/fr/campaigns/{slug}/", f"/de/campaigns/{slug}/"]


def serve(client, urls, views):
    started = time.perf_counter()
    for number in range(views):
        response = client.get(urls[number % len(urls)])
        if response.get("X-Page-Cache") != "hit":
            raise SystemExit(f"{urls[number % len(urls)]} was not served from the cache")
    return (time.perf_counter() - started) / views * 1e6  # microseconds per view


def measure(views, rounds):
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from demand import counting

    settings.PORTAL_PAGE_CACHE = True
    settings.PORTAL_DEMAND_FLUSH_SECONDS = 10**9
    settings.PORTAL_DEMAND_FLUSH_KEYS = 10**9
    client = Client(HTTP_USER_AGENT=BROWSER)
    urls = paths()
    for url in urls:
        if client.get(url).status_code != 200:
            raise SystemExit(f"{url} did not answer 200")
    counting.discard()

    # Queries per cached view, counting on.
    settings.PORTAL_DEMAND_COUNTING = True
    counter = StatementCounter()
    with connection.execute_wrapper(counter):
        serve(client, urls, 200)
    queries_per_view = len(counter.statements) / 200
    keys = counting.pending()
    counter = StatementCounter()
    with connection.execute_wrapper(counter):
        report = counting.flush()
    writes = [sql for sql in counter.statements if sql.lstrip().upper().startswith("INSERT")]

    timings = {"off": [], "on": []}
    for _round in range(rounds):
        for mode in ("off", "on"):
            settings.PORTAL_DEMAND_COUNTING = mode == "on"
            timings[mode].append(serve(client, urls, views))
        counting.discard()
    off, on = statistics.median(timings["off"]), statistics.median(timings["on"])
    return {
        "cached_views_measured": 200,
        "queries_per_cached_view": queries_per_view,
        "distinct_keys": keys,
        "flush_statements": len(counter.statements),
        "flush_writes": len(writes),
        "rows_written": report.page_rows,
        "us_per_view_off": round(off, 1),
        "us_per_view_on": round(on, 1),
        "ratio_on_off": round(on / off, 3),
        "rounds": rounds,
        "views_per_block": views,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--views", type=int, default=2000, help="cached views per block")
    parser.add_argument("--rounds", type=int, default=6, help="ABAB rounds")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from wagtail.models import Page

    if Page.objects.filter(depth__gt=2).count() < 4:
        with open(os.devnull, "w") as quiet:
            call_command(
                "load_demo", "--no-admin", "--limit", "1", "--languages", "fr", stdout=quiet
            )
    figures = measure(arguments.views, arguments.rounds)
    figures["database"] = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if arguments.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"Demand counting on cached views, {figures['database']}, {os.cpu_count()} cores\n")
    print("| measure | value |\n| --- | --- |")
    for name, value in figures.items():
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
