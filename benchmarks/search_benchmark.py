"""Search benchmark: latency p50/p95 and full-reindex time with 10,000 pages in nine locales.

Run it against an empty PostgreSQL database (it migrates, loads the site's skeleton, then
generates pages):

    createdb -h 127.0.0.1 -U postgres search_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench \\
        .venv/bin/python benchmarks/search_benchmark.py --pages 10000

``--engines database,opensearch`` chooses what is measured: ``database`` is PostgreSQL full-text
search (or SQLite's FTS5 if DATABASE_URL says so); ``opensearch`` is the OpenSearch code path on
osmem-server, started on a free local port (or the cluster at ``--opensearch-url``). A second run
with ``--reuse`` skips generating the pages. Targets: p95 <= 50 ms on PostgreSQL, full reindex
<= 60 s.

What is timed:
* reindex: ``reindex_search``'s work, i.e. documents and the database's full-text index rebuilt
  from the pages, and the glossary rebuilt; for a cluster, the new index filled and swapped in.
* engine: one ``backend.search`` call, the part that grows with the number of pages.
* api: a whole ``GET /api/search/?q=…&lang=…`` through Django (glossary, engine, grouping,
  documents of the shown results, snippets, JSON, the log entry), without a network.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "False")  # no query log, as in production

from demo.benchmark.languages import FAKER_LOCALES, LANGUAGES  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(samples):
    return {
        "n": len(samples),
        "p50_ms": round(percentile(samples, 0.5), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
        "mean_ms": round(statistics.fmean(samples), 2),
    }


def database_version(connection):
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.cursor().connection.info.server_version, 10000)
        return f"{major}.{minor}"
    import sqlite3

    return sqlite3.sqlite_version


def setup_django():
    import django

    django.setup()


def prepare_site():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from home.models import HomePage

    if not HomePage.objects.exists():
        call_command("load_demo", "--no-admin", "--limit", "1", verbosity=0, stdout=sys.stderr)


class quiet_signals:  # noqa: N801 - a context manager named like one
    """Generate pages without indexing them one by one: the benchmark times the reindex."""

    def _handlers(self):
        from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler

        from django.db.models.signals import post_delete, post_save

        from search import signals
        from search.documents import searchable_models

        for model in searchable_models().values():
            label = model._meta.label
            yield post_save, signals.page_saved, model, f"search-save-{label}"
            yield post_delete, signals.page_deleted, model, f"search-delete-{label}"
            yield post_save, post_save_signal_handler, model, None
            yield post_delete, post_delete_signal_handler, model, None

    def __enter__(self):
        for signal, handler, model, uid in self._handlers():
            signal.disconnect(handler, sender=model, dispatch_uid=uid)
        return self

    def __exit__(self, *exc):
        for signal, handler, model, uid in self._handlers():
            signal.connect(handler, sender=model, dispatch_uid=uid)
        return False


def generate_pages(total, seed=7):
    """``total`` pages of the four kinds in nine languages: each translation group exists in
    English and in a random subset of the other languages, as on the real site."""
    from faker import Faker

    from wagtail.models import Locale

    from campaigns.models import CampaignIndexPage, CampaignPage
    from core.models import Region, Topic
    from explainers.models import PolicyExplainerIndexPage, PolicyExplainerPage
    from partners.models import PartnerIndexPage, PartnerPage
    from stories.models import StoryIndexPage, StoryPage

    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    fakers = {code: Faker(FAKER_LOCALES[code]) for code in LANGUAGES}
    for code, faker in fakers.items():
        faker.seed_instance(seed + LANGUAGES.index(code))
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    kinds = [
        (CampaignPage, CampaignIndexPage),
        (StoryPage, StoryIndexPage),
        (PartnerPage, PartnerIndexPage),
        (PolicyExplainerPage, PolicyExplainerIndexPage),
    ]
    indexes = {
        (index_model, code): index_model.objects.get(locale=locales[code])
        for _model, index_model in kinds
        for code in LANGUAGES
    }
    topics = list(Topic.objects.filter(locale__language_code="en"))
    regions = list(Region.objects.filter(locale__language_code="en"))
    created = 0
    group = 0
    started = time.perf_counter()
    while created < total:
        model, index_model = kinds[group % len(kinds)]
        key = uuid.uuid4()
        others = [code for code in LANGUAGES if code != "en" and rng.random() < 0.55]
        group_topics = rng.sample(topics, 2)
        group_regions = rng.sample(regions, 1)
        for code in ["en", *others]:
            if created >= total:
                break
            faker = fakers[code]
            fields = {
                "title": faker.sentence(nb_words=6)[:200],
                "slug": f"bench-{group}-{code}",
                "summary": faker.paragraph(nb_sentences=2),
                "locale": locales[code],
                "translation_key": key,
            }
            paragraphs = [
                ("paragraph", f"<p>{faker.paragraph(nb_sentences=8)}</p>") for _ in range(3)
            ]
            if model is CampaignPage:
                fields.update(
                    body=paragraphs, status=rng.choice(["live", "won", "lost", "planned"])
                )
            elif model is StoryPage:
                fields.update(
                    what_happened="".join(value for _kind, value in paragraphs),
                    outcome=rng.choice(["success", "failure", "mixed"]),
                    date="2025-01-01",
                )
            elif model is PartnerPage:
                fields.update(description="".join(value for _kind, value in paragraphs))
            else:
                fields.update(
                    position_summary=faker.paragraph(nb_sentences=3),
                    owner_team="Policy team",
                    last_reviewed="2025-01-01",
                    next_review="2026-01-01",
                    topic=group_topics[0],
                )
            page = model(**fields)
            if hasattr(page, "regions"):
                page.topics = group_topics
                page.regions = group_regions
            indexes[(index_model, code)].add_child(instance=page)
            created += 1
        group += 1
        if group % 200 == 0:
            rate = created / (time.perf_counter() - started)
            print(f"  generated {created}/{total} pages ({rate:.0f}/s)", file=sys.stderr)
    return created


def queries(rng, count):
    """A query mix: single words and pairs taken from the pages, in every language, plus the
    glossary's phrases, some with a filter."""
    from search.analysis import word_spans
    from search.models import GlossaryTerm, SearchDocument

    words = {code: [] for code in LANGUAGES}
    for language, title in SearchDocument.objects.values_list("language", "title").order_by("?")[
        :3000
    ]:
        for start, end, kind in word_spans(title):
            word = title[start:end]
            if kind == "cjk":
                word = word[:2]
            if len(word) >= 2:
                words[language].append(word)
    glossary = list(GlossaryTerm.objects.values_list("text", "language")[:500])
    mix = []
    for number in range(count):
        language = LANGUAGES[number % len(LANGUAGES)]
        roll = rng.random()
        if roll < 0.15 and glossary:
            text, _language = rng.choice(glossary)
        elif roll < 0.55 or len(words[language]) < 2:
            text = rng.choice(words[language] or words["en"])
        else:
            text = " ".join(rng.sample(words[language], 2))
        filters = {}
        if rng.random() < 0.2:
            filters = rng.choice([{"type": "story"}, {"type": "campaign"}, {"language": language}])
        mix.append((text, language, filters))
    return mix


def measure(engine_name, mix, *, client):
    from django.conf import settings

    from search.backends import EngineQuery, get_backend
    from search.forms import SearchFilterForm
    from search.selectors import stem_languages
    from search.views import _locale

    backend = get_backend()
    if backend.name != engine_name:
        raise RuntimeError(f"{engine_name} is not the configured engine ({backend.name})")
    engine_samples, api_samples, counts = [], [], []
    for warmup in mix[:20]:
        client.get("/api/search/", {"q": warmup[0], "lang": warmup[1], **warmup[2]})
    for text, language, filters in mix:
        form = SearchFilterForm(filters, locale=_locale(language))
        started = time.perf_counter()
        filters_ = form.engine_filters()
        hits = backend.search(
            EngineQuery(
                text=text,
                stem_languages=stem_languages(text, language, filters_.get("language")),
                filters=filters_,
                limit=settings.PORTAL_SEARCH_MAX_MATCHES,
            )
        )
        engine_samples.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        response = client.get("/api/search/", {"q": text, "lang": language, **filters})
        api_samples.append((time.perf_counter() - started) * 1000)
        data = response.json()
        if response.status_code != 200 or data["engine"] != engine_name or data["fallback"]:
            raise RuntimeError(f"{text!r} was not answered by {engine_name}: {data}")
        counts.append(len(hits))
    return {
        "engine": summary(engine_samples),
        "api": summary(api_samples),
        "matches_per_query_median": statistics.median(counts),
        "queries_with_results": sum(1 for count in counts if count),
    }


def reindex(engine_name):
    from search import services

    timings = {}
    started = time.perf_counter()
    documents = services.rebuild_documents()
    timings["documents_and_database_index_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    terms = services.rebuild_glossary()
    timings["glossary_s"] = round(time.perf_counter() - started, 2)
    if engine_name != "database":
        started = time.perf_counter()
        services.rebuild_cluster()
        timings["cluster_index_s"] = round(time.perf_counter() - started, 2)
    timings["total_s"] = round(sum(timings.values()), 2)
    timings["documents"] = documents
    timings["glossary_terms"] = terms
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--engines", default="database,opensearch")
    parser.add_argument("--opensearch-url", default="")
    parser.add_argument("--reuse", action="store_true", help="keep the pages already generated")
    parser.add_argument("--output", default="", help="write the figures to this JSON file")
    args = parser.parse_args()

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from search.backends.cluster import close_clients
    from search.documents import searchable_models

    prepare_site()
    existing = sum(model.objects.count() for model in searchable_models().values())
    if not args.reuse or existing < args.pages:
        print(f"Generating {args.pages - existing} pages…", file=sys.stderr)
        with quiet_signals():
            generate_pages(args.pages - existing)
    pages = sum(model.objects.count() for model in searchable_models().values())
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "database": connection.vendor,
            "database_version": database_version(connection),
        },
        "pages": pages,
        "languages": len(settings.LANGUAGES),
        "engines": {},
    }
    client = Client(HTTP_HOST="localhost")
    for engine_name in args.engines.split(","):
        server = None
        overrides = {"PORTAL_SEARCH_BACKEND": engine_name}
        if engine_name == "opensearch":
            url = args.opensearch_url
            if not url:
                from osmem_server import OsmemServer

                server = OsmemServer.start(japanese=False)
                url = server.url
                # osmem-server has no Arabic or Hindi analyzer (a real cluster does).
                overrides["PORTAL_SEARCH_ANALYZERS"] = {"ar": "standard", "hi": "standard"}
            overrides.update(PORTAL_SEARCH_URLS=[url], PORTAL_SEARCH_INDEX="portal-search-bench")
        with override_settings(**overrides):
            print(f"{engine_name}: reindex…", file=sys.stderr)
            timing = reindex(engine_name)
            print(f"{engine_name}: {args.queries} queries…", file=sys.stderr)
            mix = queries(random.Random(11), args.queries)  # noqa: S311
            latency = measure(engine_name, mix, client=client)
        results["engines"][engine_name] = {"reindex": timing, **latency}
        if server is not None:
            results["engines"][engine_name]["server"] = f"osmem-server {server.version}"
            close_clients()
            server.close()
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
