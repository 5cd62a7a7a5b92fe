"""Benchmark: the first view of each page type after a publish elsewhere, and the page cache.

Loads a small demo (three items of each kind, French translations) into the database named by
DATABASE_URL (default: a scratch SQLite file in /tmp), then, for each public page type, in
process (Django test client, no network):

* the queries and CPU time of a warm view (everything kept);
* the same for the first view after a publish of a page it does not show (``unrelated``: a
  page below the privacy notice, in no listing, menu or link), after a publish of a new story
  that names nothing (``story``: the home page and the stories index list it), and after every
  lookup is renewed (``renew all``: ``lookups.bump()``, what any publish did before the
  lookups were narrowed);
* with the page cache on, the microseconds of a page-cache hit and of a miss (the page
  purged, its lookups kept), medians of ``--rounds`` blocks.

Each first view is measured ``--cold`` times (medians; queries: the most). ``--redis URL``
keeps the cache in Redis (a database of its own, emptied first), as deployed, where each read
of generations is a round trip; otherwise in local memory. Run it on two checkouts against the
same database to compare code versions: a checkout from before the lookups were narrowed
gives the ``unrelated`` column of a publish that renewed everything. For example:

    python benchmarks/narrow_lookups_benchmark.py --cold 7 --rounds 5 --redis redis://127.0.0.1:6379/11

It prints a Markdown table (and JSON with --json).
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.gettempdir()}/portal-narrow-bench.sqlite3"


def urls():
    """``[(page type, url)]`` of the demo in English."""
    from campaigns.models import CampaignPage
    from explainers.models import PolicyExplainerPage
    from partners.models import PartnerPage
    from stories.models import StoryPage

    def first(model):
        return model.objects.live().filter(locale__language_code="en").order_by("path").first()

    return [
        ("home", "/en/"),
        ("campaigns index", "/en/campaigns/"),
        ("stories index", "/en/stories/"),
        ("partners index", "/en/partners/"),
        ("campaign detail", first(CampaignPage).url),
        ("story detail", first(StoryPage).url),
        ("partner detail", first(PartnerPage).url),
        ("explainer detail", first(PolicyExplainerPage).url),
    ]


def _view(client, url):
    """``(queries, cpu ms, wall µs)`` of one view."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started_cpu, started = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu = (time.process_time() - started_cpu) * 1000
        wall = (time.perf_counter() - started) * 1e6
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(captured.captured_queries), cpu, wall


def _pages_to_publish():
    from home.models import StandardPage
    from stories.models import StoryIndexPage, StoryPage

    privacy = StandardPage.objects.live().filter(locale__language_code="en").first()
    unrelated = privacy.get_children().filter(slug="bench-unrelated").first()
    if unrelated is None:
        unrelated = privacy.add_child(
            instance=StandardPage(title="Bench unrelated", slug="bench-unrelated", live=False)
        )
    story = StoryPage.objects.filter(slug="bench-story").first()
    if story is None:
        index = StoryIndexPage.objects.get(locale__language_code="en")
        story = index.add_child(
            instance=StoryPage(
                title="Bench story",
                slug="bench-story",
                outcome="success",
                date=datetime.date(2020, 1, 1),
                live=False,
            )
        )
    return unrelated.specific, story.specific


def _publish(page):
    from django.db import transaction

    with transaction.atomic():  # its on-commit renewals run as in a request
        page.save_revision().publish()


def first_views(client, url, change, cold):
    queries, cpu = [], []
    for _ in range(cold):
        client.get(url)
        client.get(url)
        change()
        count, ms, _wall = _view(client, url)
        queries.append(count)
        cpu.append(ms)
    return max(queries), round(statistics.median(cpu), 2)


def page_cache(client, url, rounds, views):
    """µs of a page-cache hit and of a miss (the page purged, the lookups kept)."""
    from django.conf import settings

    from caching import purge

    settings.PORTAL_PAGE_CACHE = True
    hits, misses = [], []
    try:
        client.get(url)
        for _ in range(rounds):
            block = []
            for _ in range(views):
                block.append(_view(client, url)[2])
            hits.append(statistics.median(block))
            block = []
            for _ in range(views):
                purge.purge_paths([url])
                block.append(_view(client, url)[2])
            misses.append(statistics.median(block))
    finally:
        settings.PORTAL_PAGE_CACHE = False
    return round(statistics.median(hits), 1), round(statistics.median(misses), 1)


def measure(cold, rounds, views):
    from django.core.cache import cache
    from django.test import Client

    from core import lookups

    cache.clear()  # the cache of this benchmark alone (its own Redis database)
    client = Client()
    unrelated, story = _pages_to_publish()
    changes = {
        "unrelated": lambda: _publish(unrelated),
        "story": lambda: _publish(story),
        "renew all": lookups.bump,
    }
    rows = []
    for name, url in urls():
        client.get(url)
        warm_queries, warm_cpu, _wall = _view(client, url)
        warm_cpu = statistics.median(_view(client, url)[1] for _ in range(cold))
        row = {"page": name, "url": url, "warm_queries": warm_queries, "warm_cpu_ms": warm_cpu}
        for change_name, change in changes.items():
            queries, cpu = first_views(client, url, change, cold)
            row[f"{change_name}_queries"] = queries
            row[f"{change_name}_cpu_ms"] = cpu
        row["hit_us"], row["miss_us"] = page_cache(client, url, rounds, views)
        rows.append(row)
    return rows


def markdown(rows):
    lines = [
        "| page | warm: queries, CPU ms | after an unrelated publish | after a story published "
        "| after renewing all | page-cache hit µs | miss µs |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row['page']} | {row['warm_queries']}, {row['warm_cpu_ms']:.1f} "
            f"| {row['unrelated_queries']}, {row['unrelated_cpu_ms']:.1f} "
            f"| {row['story_queries']}, {row['story_cpu_ms']:.1f} "
            f"| {row['renew all_queries']}, {row['renew all_cpu_ms']:.1f} "
            f"| {row['hit_us']} | {row['miss_us']} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cold", type=int, default=7, help="first views measured per change")
    parser.add_argument("--rounds", type=int, default=5, help="page-cache blocks")
    parser.add_argument("--views", type=int, default=40, help="views per page-cache block")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--prepare", action="store_true", help="load the demo and stop")
    parser.add_argument("--redis", metavar="URL", help="the shared cache, e.g. redis://…/11")
    arguments = parser.parse_args()

    import django
    from django.conf import settings
    from django.core.management import call_command

    if arguments.redis:  # as deployed: every generation read is a round trip
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": arguments.redis,
            }
        }
    else:  # room for every page and lookup (the test settings' default keeps 300 entries)
        settings.CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = 100_000
    django.setup()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from wagtail.models import Page

    if Page.objects.filter(depth__gt=2).count() < 4:
        with open(os.devnull, "w") as quiet:
            call_command(
                "load_demo", "--no-admin", "--limit", "3", "--languages", "fr", stdout=quiet
            )
    if arguments.prepare:
        _pages_to_publish()
        return
    rows = measure(arguments.cold, arguments.rounds, arguments.views)
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if arguments.json:
        print(json.dumps({"database": database, "rows": rows}, indent=2))
        return
    print(f"{database}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print(markdown(rows))


if __name__ == "__main__":
    main()
