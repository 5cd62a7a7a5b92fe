"""The benchmark site builder, at a tiny size on the test database (the demo site)."""

import subprocess
import sys
from collections import defaultdict
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page

from campaigns.models import CampaignPage
from stories.models import StoryPage
from tests.conftest import ALL_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


def build(pages, **options):
    call_command(
        "build_benchmark_site",
        pages=pages,
        translated_share="1",
        skip_search_index=True,
        stdout=StringIO(),
        **options,
    )


@pytest.fixture
def grown_site(db):
    """27 new pages: three translation groups, each in all nine languages."""
    before = Page.objects.filter(depth__gt=1).count()
    last_pk = Page.objects.order_by("-pk").values_list("pk", flat=True).first()
    build(before + 27)
    return Page.objects.filter(pk__gt=last_pk).select_related("locale")


def test_builder_adds_exactly_the_pages_asked_for(grown_site):
    assert grown_site.count() == 27
    assert all(page.live for page in grown_site)


def test_translations_are_pages_in_every_locale_linked_by_translation_key(grown_site):
    groups = defaultdict(set)
    for page in grown_site:
        groups[page.translation_key].add(page.locale.language_code)
    assert len(groups) == 3
    assert all(codes == set(ALL_LANGUAGES) for codes in groups.values())
    for page in grown_site.specific():
        source = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
        assert page.slug == source.slug
        assert page.url_path == f"{page.get_parent().url_path}{page.slug}/"
        assert type(page).__name__ == type(source).__name__


def test_tree_stays_valid_and_pages_have_a_live_revision(grown_site):
    # treebeard's own consistency check: paths, depth and numchild of every node.
    assert Page.find_problems() == ([], [], [], [], [])
    for page in grown_site:
        assert page.live_revision_id is not None
        assert page.live_revision_id == page.latest_revision_id


def test_generated_pages_are_served_in_their_language(grown_site, client):
    page = grown_site.filter(locale__language_code="fr").first().specific
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_relations_and_images_are_shared_by_translations(grown_site):
    pages = [page.specific for page in grown_site]
    with_topics = [p for p in pages if isinstance(p, (CampaignPage, StoryPage))]
    for page in with_topics:
        source = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
        assert list(page.topics.all()) == list(source.specific.topics.all())
        assert page.topics.exists()
        assert page.listing_image_id == source.specific.listing_image_id


def test_growing_again_continues_without_clashing_slugs(grown_site):
    total = Page.objects.filter(depth__gt=1).count()
    build(total + 9)
    assert Page.objects.filter(depth__gt=1).count() == total + 9
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_nothing_added_when_the_site_is_already_big_enough():
    before = Page.objects.count()
    build(5)
    assert Page.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"pages": "many"}, "--pages must be a number"),
        ({"pages": "0"}, "at least 1"),
        ({"pages": "10", "translated_share": "1.5"}, "between 0 and 1"),
    ],
)
def test_bad_arguments_are_refused_with_the_reason(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("build_benchmark_site", stdout=StringIO(), **options)


def test_bad_arguments_on_the_command_line_exit_non_zero_with_one_line():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "build_benchmark_site", "--pages", "lots"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip() == "CommandError: --pages must be a number, not 'lots'"
