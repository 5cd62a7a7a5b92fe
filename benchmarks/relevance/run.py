"""Judged relevance benchmark: MRR@10, recall@10 and latency per reader language and engine.

Loads the judged documents (``documents/*.json``) as real pages into a scratch database, with
the demo site as the skeleton and as competition, indexes them through ``search.services``,
runs every judged query (``queries.json``) through the public search selector for its reader
language and writes ``benchmarks/results/relevance-<engine>.{md,json}``.

    # SQLite (a scratch file in /tmp unless DATABASE_URL names one)
    .venv/bin/python benchmarks/relevance/run.py
    # PostgreSQL, on an empty scratch database
    psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE relevance_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/relevance_bench \\
        .venv/bin/python benchmarks/relevance/run.py
    # The OpenSearch code path on osmem-server (or --url / OPENSEARCH_URL for a real cluster)
    .venv/bin/python benchmarks/relevance/run.py --engine opensearch

A database that already holds the judged pages is reused as it is (``DATABASE_URL`` pointing
at an earlier run's SQLite file or PostgreSQL database).
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The project root, not benchmarks/ (whose ``site`` package would shadow the standard module).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "False")  # no query log, as in production

from benchmarks.relevance import judged  # noqa: E402
from benchmarks.relevance.report import render_markdown  # noqa: E402

CLUSTER_ENV = {"opensearch": "OPENSEARCH_URL", "elasticsearch": "ELASTICSEARCH_URL"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["database", "opensearch", "elasticsearch"],
                        default="database")  # fmt: skip
    parser.add_argument("--url", default="", help="a cluster's URL (default: osmem-server)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--output-dir", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args(argv)
    args.url = args.url or os.environ.get(CLUSTER_ENV.get(args.engine, ""), "")
    if args.engine == "elasticsearch" and not args.url:
        parser.error("--engine elasticsearch needs --url or ELASTICSEARCH_URL")
    return args


def setup_database():
    """A scratch SQLite file unless DATABASE_URL names a database; then Django."""
    if not os.environ.get("DATABASE_URL"):
        path = Path(tempfile.gettempdir()) / f"relevance-{os.getpid()}.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        print(f"Scratch database: {path}", file=sys.stderr)
    import django  # noqa: PLC0415 - settings read DATABASE_URL, set just above

    django.setup()


def prepare(documents):
    """Migrate, load the demo skeleton, add the judged pages (once), rebuild the index."""
    from django.core.management import call_command  # noqa: PLC0415 - after django.setup()

    from wagtail.models import Page  # noqa: PLC0415 - a model

    from benchmarks.relevance import pages  # noqa: PLC0415 - imports models
    from home.models import HomePage  # noqa: PLC0415 - a model
    from search import services  # noqa: PLC0415 - imports models
    from search.models import SearchDocument  # noqa: PLC0415 - a model

    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        print("Loading the demo site (load_demo)…", file=sys.stderr)
        call_command("load_demo", "--no-admin", verbosity=0, stdout=sys.stderr)
    existing = dict(
        Page.objects.filter(slug__startswith=pages.SLUG_PREFIX).values_list("pk", "slug")
    )
    if existing:
        built = {pk: slug.removeprefix(pages.SLUG_PREFIX) for pk, slug in existing.items()}
    else:
        print(f"Adding {len(documents)} judged pages…", file=sys.stderr)
        built = pages.build_pages(documents)
    started = time.perf_counter()
    services.rebuild_documents()
    services.rebuild_glossary()
    timings = {"documents_s": round(time.perf_counter() - started, 2)}
    return built, timings, SearchDocument.objects.count()


def run_queries(queries, keys, *, repeats):
    from django.conf import settings  # noqa: PLC0415 - after django.setup()

    from benchmarks.relevance import pages  # noqa: PLC0415 - imports models

    rows, samples = [], []
    for query in queries:
        ranking, results = pages.ranking(query, keys)  # warm-up, and the ranking scored
        if results.fallback:
            raise pages.EngineFailed(f"{query.id}: answered by the database fallback")
        row = judged.score(query, ranking, page_size=settings.PORTAL_PAGE_SIZE)
        row["results"] = len(results.groups)
        rows.append(row)
        for _ in range(repeats):
            started = time.perf_counter()
            pages.ranking(query, keys)
            samples.append((time.perf_counter() - started) * 1000)
    return rows, samples


def machine(engine_label, server_version):
    from django.db import connection  # noqa: PLC0415 - after django.setup()

    version = connection.cursor().connection
    if connection.vendor == "postgresql":
        major, minor = divmod(version.info.server_version, 10000)
        database_version = f"{major}.{minor}"
    else:
        import sqlite3  # noqa: PLC0415 - only for SQLite

        database_version = sqlite3.sqlite_version
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "database": f"{connection.vendor} {database_version}",
        "engine": engine_label,
        "server": server_version,
    }


def main(argv=None):
    args = parse_args(argv)
    setup_database()
    from django.db import connection  # noqa: PLC0415 - after django.setup()
    from django.test.utils import override_settings  # noqa: PLC0415 - after django.setup()

    from benchmarks.relevance import pages  # noqa: PLC0415 - imports models
    from search import services  # noqa: PLC0415 - imports models
    from search.backends.cluster import close_clients  # noqa: PLC0415 - imports models

    documents = judged.load_documents()
    queries = judged.load_queries(documents=documents)
    built, timings, indexed = prepare(documents)
    server, overrides, label, server_version = None, {}, connection.vendor, ""
    if args.engine != "database":
        url = args.url
        label = args.engine
        if not url:
            from osmem_server import OsmemServer  # noqa: PLC0415 - only for the stand-in

            server = OsmemServer.start(japanese=False)
            url, label, server_version = server.url, "osmem", f"osmem-server {server.version}"
            # osmem-server has no Arabic or Hindi analyzer (a real cluster does).
            overrides["PORTAL_SEARCH_ANALYZERS"] = {"ar": "standard", "hi": "standard"}
        overrides.update(
            PORTAL_SEARCH_BACKEND=args.engine,
            PORTAL_SEARCH_URLS=[url],
            PORTAL_SEARCH_INDEX="portal-search-relevance",
            PORTAL_SEARCH_TIMEOUT=10.0,
        )
    try:
        with override_settings(**overrides):
            if args.engine != "database":
                started = time.perf_counter()
                services.rebuild_cluster()
                timings["cluster_index_s"] = round(time.perf_counter() - started, 2)
            keys = pages.judged_keys(built)
            print(f"{label}: {len(queries)} judged queries…", file=sys.stderr)
            rows, samples = run_queries(queries, keys, repeats=args.repeats)
    finally:
        if server is not None:
            close_clients()
            server.close()
    report = {
        "machine": machine(label, server_version),
        "documents": {"judged": len(documents), "indexed": indexed},
        "indexing": timings,
        "latency": judged.latency(samples),
        **judged.summarise(rows),
        "queries": rows,
    }
    output = Path(args.output_dir)
    output.mkdir(parents=True, exist_ok=True)
    (output / f"relevance-{label}.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (output / f"relevance-{label}.md").write_text(render_markdown(report), encoding="utf-8")
    overall = report["overall"]
    print(
        f"{label}: MRR@10 {overall['mrr_at_10']}, recall@10 {overall['recall_at_10']}, "
        f"{overall['on_first_page']}/{overall['queries']} on the first page, "
        f"p95 {report['latency']['p95_ms']} ms",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
