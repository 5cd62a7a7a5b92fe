"""The index follows the pages: publish, unpublish, delete, move, view restrictions and
translations published through wagtail-localize, on every engine, through background tasks."""

import pytest

from django.core.management import call_command

from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from home.models import StandardPage
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def found(api, query, key, lang="en"):
    return key in [result["translation_key"] for result in api(query, lang)["results"]]


@pytest.fixture
def publish(django_capture_on_commit_callbacks, search_engine):
    """Run an editorial action and its index tasks, as a worker would once it commits."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        search_engine.refresh()
        return result

    return run


@pytest.fixture
def quokka(publish):
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    return publish(
        lambda: CampaignPageFactory(
            parent=index,
            title="Quokka archives for everyone",
            slug="quokka-archives",
            summary="Open the quokka archives to every reader.",
        )
    )


def test_publish_unpublish_and_delete(quokka, publish, api):
    key = str(quokka.translation_key)
    assert found(api, "quokka archives", key)
    publish(quokka.unpublish)
    assert not found(api, "quokka archives", key)
    assert not SearchDocument.objects.filter(page_id=quokka.pk).exists()
    publish(lambda: quokka.save_revision().publish())
    assert found(api, "quokka archives", key)
    publish(quokka.delete)
    assert not found(api, "quokka archives", key)


def test_a_draft_is_not_searchable_until_published(quokka, publish, api):
    quokka.title = "Wombat archives for everyone"
    publish(quokka.save_revision)
    assert not found(api, "wombat", str(quokka.translation_key))
    publish(lambda: quokka.get_latest_revision().publish())
    assert found(api, "wombat", str(quokka.translation_key))


def test_moving_under_a_restricted_page_takes_it_out(quokka, publish, api):
    privacy = StandardPage.objects.get(locale__language_code="en", slug="privacy")
    publish(
        lambda: PageViewRestriction.objects.create(
            page=privacy, restriction_type=PageViewRestriction.PASSWORD, password="secret-words"
        )
    )
    publish(lambda: quokka.move(privacy, pos="last-child"))
    assert not found(api, "quokka archives", str(quokka.translation_key))


def test_a_view_restriction_hides_the_subtree(quokka, publish, api):
    index = quokka.get_parent()
    restriction = publish(
        lambda: PageViewRestriction.objects.create(
            page=index, restriction_type=PageViewRestriction.PASSWORD, password="secret-words"
        )
    )
    assert not found(api, "quokka archives", str(quokka.translation_key))
    publish(restriction.delete)
    assert found(api, "quokka archives", str(quokka.translation_key))


def test_a_published_translation_joins_its_group(quokka, publish, api):
    french = Locale.objects.get(language_code="fr")
    publish(lambda: translate_object(quokka, [french]))
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(quokka), target_locale=french
    )
    segment = StringSegment.objects.get(source=translation.source, string__data=quokka.title)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=french,
        context=segment.context,
        defaults={"data": "Les archives des quokkas pour tous", "translation_type": "manual"},
    )
    publish(lambda: translation.save_target(publish=True))
    data = api("quokka", "fr")
    shown = next(r for r in data["results"] if r["translation_key"] == str(quokka.translation_key))
    assert shown["language"] == "fr" and shown["title"] == "Les archives des quokkas pour tous"
    assert [version["language"] for version in shown["also_available"]] == ["en"]
    english = api("quokka", "en")["results"][0]
    assert [version["language"] for version in english["also_available"]] == ["fr"]


def test_reindex_repairs_the_database_index(capsys):
    removed = SearchDocument.objects.filter(language="ru").first()
    page_id = removed.page_id
    removed.delete()
    SearchDocument.objects.filter(language="fr").update(title="stale")
    total = SearchDocument.objects.count() + 1
    call_command("reindex_search")
    output = capsys.readouterr().out
    assert f"documents: {total}/{total} (100%)" in output
    assert "terms" in output and "Search rebuilt" in output
    assert SearchDocument.objects.filter(page_id=page_id).exists()
    assert not SearchDocument.objects.filter(title="stale").exists()
