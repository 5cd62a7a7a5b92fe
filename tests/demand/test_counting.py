"""Readers' views are counted per page, reader language and day, in memory, cached views
included, and written in one batched upsert; nothing personal is kept."""

import datetime
import uuid

import pytest

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

from demand import counting, selectors, services
from demand.models import PageDemand, SearchDemand

from .conftest import BROWSER

TRANSLATED = "/fr/campaigns/freedom-of-panorama/"
UNTRANSLATED = "/de/campaigns/freedom-of-panorama/"  # German: the original, as a fallback


def key_of(slug="freedom-of-panorama"):
    return Page.objects.get(locale__language_code="en", slug=slug).translation_key


def buffered():
    return {(key, language): counts for (key, language, _day), counts in counting._pages.items()}


@pytest.mark.django_db
def test_a_translation_view_and_a_fallback_view_are_counted(reader, counting_on):
    assert reader.get(TRANSLATED).status_code == 200
    assert reader.get(UNTRANSLATED).status_code == 200
    assert reader.get(UNTRANSLATED).status_code == 200
    key = str(key_of())
    assert buffered() == {(key, "fr"): [1, 0], (key, "de"): [0, 2]}


@pytest.mark.django_db
def test_a_cache_hit_is_counted_without_a_query(
    reader, counting_on, page_cache, django_assert_num_queries
):
    assert reader.get(UNTRANSLATED)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = reader.get(UNTRANSLATED)
    assert response["X-Page-Cache"] == "hit"
    assert buffered() == {(str(key_of()), "de"): [0, 2]}


@pytest.mark.django_db
def test_head_404_bots_prefetches_and_admin_previews_are_not_counted(
    reader, counting_on, admin_client
):
    assert reader.head(TRANSLATED).status_code == 200
    assert reader.get("/fr/campaigns/no-such-campaign/").status_code == 404
    bot = Client(HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    assert bot.get(TRANSLATED).status_code == 200
    assert Client().get(TRANSLATED).status_code == 200  # no user agent at all
    assert reader.get(TRANSLATED, HTTP_SEC_PURPOSE="prefetch").status_code == 200
    page = Page.objects.get(locale__language_code="fr", slug="freedom-of-panorama")
    preview = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/", HTTP_USER_AGENT=BROWSER)
    assert preview.status_code == 200
    assert buffered() == {}


@pytest.mark.django_db
def test_nothing_is_counted_when_counting_is_off(reader, settings):
    settings.PORTAL_DEMAND_COUNTING = False
    counting.discard()
    reader.get(UNTRANSLATED)
    assert counting.pending() == 0


@pytest.mark.django_db
def test_a_flush_is_one_statement_and_adds_to_the_days_rows(reader, counting_on):
    for path in [TRANSLATED, UNTRANSLATED, UNTRANSLATED, "/de/stories/panorama-photo-marathon/"]:
        reader.get(path)
    assert counting.pending() == 3
    with CaptureQueriesContext(connection) as queries:
        report = counting.flush()
    # The locales are a cached lookup, read above already; savepoints aside, one statement.
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 1 and statements[0].startswith("INSERT INTO")
    assert report == counting.FlushReport(page_rows=3, search_rows=0, statements=1)
    reader.get(UNTRANSLATED)
    counting.flush()  # adds to the existing row, never overwrites it
    german = PageDemand.objects.get(
        translation_key=key_of(), locale__language_code="de", day=timezone.localdate()
    )
    assert (german.views, german.fallback_views, german.day) == (0, 3, timezone.localdate())
    assert counting.pending() == 0 and counting.flush().statements == 0


@pytest.mark.django_db
def test_a_due_flush_runs_after_the_response(reader, counting_on, settings):
    settings.PORTAL_DEMAND_FLUSH_KEYS = 1
    reader.get(TRANSLATED)
    assert counting.pending() == 0
    row = PageDemand.objects.get(
        translation_key=key_of(), locale__language_code="fr", day=timezone.localdate()
    )
    assert row.views == 1


@pytest.mark.django_db
def test_purge_keeps_the_retention_period_only(settings, locales):
    settings.PORTAL_DEMAND_RETENTION_DAYS = 90
    today = datetime.date(2026, 3, 31)
    PageDemand.objects.all().delete()  # the demo's counters
    for age in (0, 90, 91, 200):
        day = today - datetime.timedelta(days=age)
        PageDemand.objects.create(translation_key=key_of(), locale=locales["hi"], day=day, views=1)
        SearchDemand.objects.create(locale=locales["hi"], day=day, found_nothing=1)
    call_command("purge_demand", "--today", today.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115
    kept = sorted((today - row.day).days for row in PageDemand.objects.all())
    assert kept == [0, 90]
    assert SearchDemand.objects.filter(locale__language_code="hi").count() == 2
    assert services.purge_demand(today=today) == 0


def test_nothing_personal_is_stored():
    assert [field.name for field in PageDemand._meta.get_fields()] == [
        "id", "translation_key", "locale", "day", "views", "fallback_views",
    ]  # fmt: skip
    assert [field.name for field in SearchDemand._meta.get_fields()] == [
        "id", "locale", "day", "found_elsewhere", "found_nothing",
    ]  # fmt: skip


@pytest.mark.django_db
def test_selectors(locales):
    key = uuid.uuid4()
    today = timezone.localdate()
    for code, views, fallback in [("hi", 40, 40), ("pt-br", 12, 12), ("fr", 30, 0), ("ar", 5, 5)]:
        PageDemand.objects.create(
            translation_key=key,
            locale=locales[code],
            day=today,
            views=views,
            fallback_views=fallback,
        )
    PageDemand.objects.create(  # too old for the last 30 days
        translation_key=key, locale=locales["ar"], day=today - datetime.timedelta(days=30),
        views=100, fallback_views=100,
    )  # fmt: skip
    assert selectors.most_asked_for(key) == [("hi", 40), ("pt-br", 12), ("ar", 5)]
    assert selectors.most_asked_for(key, limit=1) == [("hi", 40)]
    assert selectors.page_demand([key], locales["fr"]) == {key: {"views": 30, "fallback_views": 0}}
    assert selectors.language_demand()[locales["hi"].pk]["fallback_views"] >= 40


@pytest.mark.django_db
def test_the_demo_has_plausible_demand(locales):
    from demo.demand import load_demand  # the demo loader's own step, run again

    assert load_demand() == 0  # loaded with the demo already, not twice
    asked = dict(selectors.most_asked_for(key_of("panorama-photo-marathon"), limit=9))
    assert {"hi", "pt-br"} <= set(asked) and "fr" not in asked
    by_language = selectors.language_demand()
    assert by_language[locales["hi"].pk]["fallback_views"] > 100
    assert by_language[locales["fr"].pk]["views"] > by_language[locales["fr"].pk]["fallback_views"]
