"""The page editor's "Translations" side panel: how the page stands in every language, in the
queue's terms, in a fixed number of queries."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.operations import TranslationCreator

from demand.models import PageDemand
from translations import selectors


@pytest.fixture
def source(db):
    return Page.objects.get(locale__language_code="en", slug="freedom-of-panorama").specific


@pytest.fixture
def editor(client, db):
    admin = get_user_model().objects.create_superuser("panel-admin", password="x" * 16)
    client.force_login(admin)
    return client


def panel_rows(html):
    return dict(re.findall(r'<tr data-language="([^"]+)" data-state="([^"]+)">', html))


@pytest.mark.django_db
def test_every_language_is_shown_in_the_queues_state(source):
    rows = selectors.page_translation_states(source)
    locales = Locale.objects.exclude(language_code="en")
    assert [row["locale"].language_code for row in rows] == sorted(
        locales.values_list("language_code", flat=True)
    )
    for row in rows:
        expected = selectors.queue_queryset(row["locale"]).get(pk=source.pk).state
        assert row["state"] == expected, row["locale"]
    assert {row["state"] for row in rows if row["locale"].language_code == "de"} == {"missing"}


@pytest.mark.django_db
def test_a_started_translation_shows_its_progress(source):
    german = Locale.objects.get(language_code="de")
    TranslationCreator(None, [german]).create_translations(source)
    row = next(r for r in selectors.page_translation_states(source) if r["locale"] == german)
    assert row["state"] == "in_progress" and row["target_id"]
    before = row["percent"]
    segments = list(StringSegment.objects.filter(source__object_id=source.translation_key))
    assert segments
    for segment in segments[: max(1, len(segments) // 2)]:
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=german,
            context=segment.context,
            defaults={"data": "Übersetzt", "translation_type": "manual"},
        )
    row = next(r for r in selectors.page_translation_states(source) if r["locale"] == german)
    assert 0 < row["percent"] <= 100 and row["percent"] > before


@pytest.mark.django_db
def test_the_editor_shows_the_panel(editor, source):
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[source.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-side-panel-toggle="translations"' in html
    rows = panel_rows(html)
    assert rows["de"] == "missing"
    assert set(rows) == set(
        Locale.objects.exclude(language_code="en").values_list("language_code", flat=True)
    )


@pytest.mark.django_db
def test_the_panel_costs_five_queries_for_eight_languages(source):
    assert Locale.objects.exclude(language_code="en").count() == 8
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.page_translation_states(source)
    assert len(rows) == 8
    assert len(queries.captured_queries) == 5, [q["sql"][:120] for q in queries.captured_queries]


@pytest.mark.django_db
def test_the_panel_names_the_languages_most_asked_for(editor, source):
    PageDemand.objects.filter(translation_key=source.translation_key).delete()
    today = timezone.localdate()
    for code, fallback in [("hi", 312), ("de", 40), ("pt-br", 95)]:
        PageDemand.objects.create(
            translation_key=source.translation_key,
            locale=Locale.objects.get(language_code=code),
            day=today,
            views=0,
            fallback_views=fallback,
        )
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[source.pk])).content.decode()
    asked = re.findall(r'class="translations-panel__asked" data-language="([^"]+)"', html)
    assert asked == ["hi", "pt-br", "de"]
    assert "312 readers" in html
