"""Benchmark: the translator queue with many source pages.

Builds N English campaign pages (and French translations of a tenth of them) in the database
named by DATABASE_URL, then times the queue selector and the queue page for a translator and
counts their queries. Run on a scratch database, for example:

    createdb -h 127.0.0.1 -U postgres queue_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/queue_bench \\
        python benchmarks/translation_queue.py --pages 10000

It migrates, loads nothing else, and prints a Markdown table (and JSON with --json).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")


def build(pages, translated_share):
    from django.conf import settings

    from wagtail.models import Locale, Page

    from campaigns.models import CampaignIndexPage, CampaignPage
    from home.models import HomePage

    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    french = Locale.objects.get(language_code="fr")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Home", slug="bench-home", hero_title="Hi"))
    index = CampaignIndexPage.objects.filter(locale=english).first()
    if index is None:
        index = home.add_child(instance=CampaignIndexPage(title="Campaigns", slug="campaigns"))
    existing = CampaignPage.objects.filter(locale=english).count()
    started = time.perf_counter()
    for number in range(existing, pages):
        page = index.add_child(
            instance=CampaignPage(
                title=f"Campaign {number}", slug=f"campaign-{number}", status="live"
            )
        )
        if number % round(1 / translated_share) == 0:
            page.copy_for_translation(french, copy_parents=True)
    return time.perf_counter() - started


def measure(repeats):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wagtail.models import Locale

    from translations.selectors import progress, queue, state_counts
    from translations.services import ensure_locale_roles

    ensure_locale_roles()
    french = Locale.objects.get(language_code="fr")
    user, _created = get_user_model().objects.get_or_create(username="bench-translator")
    user.groups.add(Group.objects.get(name="French translators"))
    client = Client()
    client.force_login(user)

    def selector():
        rows = list(queue(french)[:50])
        progress(rows, french)
        state_counts(french)

    def view():
        response = client.get("/admin/translation-queue/")
        if response.status_code != 200:
            raise SystemExit(f"queue page answered {response.status_code}")

    figures = {}
    for name, run in [("selector (50 rows, counts)", selector), ("queue page", view)]:
        run()
        with CaptureQueriesContext(connection) as queries:
            run()
        # The page's queries are not seen here (the request handler's connection handling
        # resets the log); tests/translations/test_queue.py asserts they do not grow.
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
        figures[name] = {
            "queries": len(queries.captured_queries) if run is selector else None,
            "median_ms": round(statistics.median(timings), 1),
            "max_ms": round(max(timings), 1),
        }
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    build_seconds = build(arguments.pages, translated_share=0.1)
    from wagtail.models import Page

    report = {
        "pages": Page.objects.count(),
        "source_pages": arguments.pages,
        "build_seconds": round(build_seconds, 1),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "figures": measure(arguments.repeats),
    }
    if arguments.json:
        print(json.dumps(report, indent=2))
        return
    print(
        f"Translator queue, {report['source_pages']} source pages ({report['pages']} in all), "
        f"{report['database']}, {os.cpu_count()} cores\n"
    )
    print("| measure | queries | median ms | max ms |\n| --- | --- | --- | --- |")
    for name, figure in report["figures"].items():
        queries = "see tests" if figure["queries"] is None else figure["queries"]
        print(f"| {name} | {queries} | {figure['median_ms']} | {figure['max_ms']} |")


if __name__ == "__main__":
    main()
