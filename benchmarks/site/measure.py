"""In-process measurements of one URL (queries per request, render time) and the URLs to
measure: one per public page type, chosen from the site in the database."""

import statistics
import time

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Detail pages of the demo content, measured when present (the same as the query-count tests).
PREFERRED_SLUGS = {
    "campaign": "freedom-of-panorama",
    "story": "panorama-photo-marathon",
    "partner": "open-shelf-alliance",
    "explainer": "copyright-reform",
}
SEARCH_QUERY = "copyright"
PREFERRED_TOPIC = "copyright"


def measure_url(client, url, *, repeats=30, warmup=2, sql_repeats=5, cold_repeats=9):
    """Queries of one request, and the median wall-clock and CPU time of ``repeats`` requests,
    through the whole Django stack in this process (no network, no server).

    The first ``warmup`` requests fill what a running server has warm (site root paths,
    templates, image renditions) and are not counted. The time spent in SQL is the median over
    ``sql_repeats`` requests whose queries are recorded (not the timed ones: recording costs).
    """
    if repeats < 1 or sql_repeats < 1 or cold_repeats < 1:
        raise ValueError("repeats, sql_repeats and cold_repeats must be at least 1")
    for _ in range(warmup):
        client.get(url)
    sql_ms = []
    for _ in range(sql_repeats):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        # Read now: the next request clears the connection's query log.
        queries = captured.captured_queries
        sql_ms.append(sum(float(query["time"]) for query in queries) * 1000)
    wall, cpu = [], []
    for _ in range(repeats):
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    # The first view after a site-wide change (a term, the settings, a page in the menu): every
    # cached lookup and fragment (menus, routes, related pages, cards) is renewed by it, so
    # each of these requests reads them all again. A publish renews only what shows the page
    # published (``caching.dependents``; ``benchmarks/narrow_lookups_benchmark.py``).
    from core import lookups

    cold = []
    for _ in range(cold_repeats):
        lookups.bump()
        started_cpu = time.process_time()
        client.get(url)
        cold.append((time.process_time() - started_cpu) * 1000)
    wall.sort()
    return {
        "url": url,
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(queries),
        "query_ms": round(statistics.median(sql_ms), 2),
        "repeats": repeats,
        "render_ms_median": round(statistics.median(wall), 2),
        "render_ms_p90": round(wall[min(len(wall) - 1, int(0.9 * len(wall)))], 2),
        "render_cpu_ms_median": round(statistics.median(cpu), 2),
        "cold_cpu_ms_median": round(statistics.median(cold), 2),
    }


def benchmark_urls(language):
    """``[(name, page_type, url)]``: every public page type in ``language``.

    ``page_type`` groups pages for the reference figures: home, index, detail, search.
    """
    from wagtail.models import Locale

    from campaigns.models import CampaignIndexPage, CampaignPage
    from core.models import Topic
    from explainers.models import PolicyExplainerIndexPage, PolicyExplainerPage
    from home.models import HomePage, StandardPage
    from partners.models import PartnerIndexPage, PartnerPage
    from stories.models import StoryIndexPage, StoryPage

    locale = Locale.objects.get(language_code=language)
    home = HomePage.objects.get(locale=locale)
    topic = _filter_topic(Topic, CampaignPage)

    def index_url(model):
        return model.objects.live().get(locale=locale).url

    campaigns = index_url(CampaignIndexPage)
    stories = index_url(StoryIndexPage)
    urls = [
        ("home", "home", home.url),
        ("campaigns index", "index", campaigns),
        ("campaigns ?status", "index", f"{campaigns}?status=live"),
        ("campaigns ?topic", "index", f"{campaigns}?topic={topic}"),
        ("campaigns ?status&topic", "index", f"{campaigns}?status=live&topic={topic}"),
        ("stories index", "index", stories),
        ("stories ?outcome&topic", "index", f"{stories}?outcome=failure&topic={topic}"),
        ("partners index", "index", index_url(PartnerIndexPage)),
        ("explainers index", "index", index_url(PolicyExplainerIndexPage)),
    ]
    for kind, model in [
        ("campaign", CampaignPage),
        ("story", StoryPage),
        ("partner", PartnerPage),
        ("explainer", PolicyExplainerPage),
    ]:
        urls.append((f"{kind} detail", "detail", _detail_page(model, locale, kind).url))
    privacy = StandardPage.objects.live().filter(locale=locale).order_by("path").first()
    if privacy is not None:
        urls.append(("standard page (privacy)", "detail", privacy.url))
    urls.append(("search", "search", f"/{language}/search/?q={SEARCH_QUERY}"))
    return urls


def _filter_topic(topic_model, page_model):
    """The topic to filter by: the demo's "copyright" if present, else the busiest topic."""
    from django.db.models import Count

    source = topic_model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if source.filter(slug=PREFERRED_TOPIC).exists():
        return PREFERRED_TOPIC
    row = (
        page_model.topics.through.objects.values("topic__slug")
        .annotate(pages=Count("pk"))
        .order_by("-pages", "topic__slug")
        .first()
    )
    return row["topic__slug"] if row else ""


def _detail_page(model, locale, kind):
    """The demo's page of this type in ``locale`` if it exists, else the first one there."""
    pages = model.objects.live().filter(locale=locale)
    return pages.filter(slug=PREFERRED_SLUGS[kind]).first() or pages.order_by("path").first()
