"""One glossary rule: what publishing leaves in the glossary is what a rebuild makes, for every
page type (home and index pages included) and for snippets."""

import pytest

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from campaigns.models import CampaignIndexPage
from search import glossary
from search.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def terms():
    return set(GlossaryTerm.objects.values_list("concept_id", "language", "text", "key"))


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run an editorial action and its tasks, as a worker would once it commits."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def french_index():
    """The French campaigns index: its translation, and its title's translated string."""
    source_page = CampaignIndexPage.objects.get(locale__language_code="en")
    french = Locale.objects.get(language_code="fr")
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(source_page), target_locale=french
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    string_translation = StringTranslation.objects.get(
        translation_of=segment.string, locale=french, context=segment.context
    )
    page = CampaignIndexPage.objects.get(locale=french, translation_key=source_page.translation_key)
    return translation, string_translation, page


def retitle(publish, translation, string_translation, title):
    string_translation.data = title
    string_translation.save()
    publish(lambda: translation.save_target(publish=True))


def test_the_glossary_publishing_built_is_what_a_rebuild_makes():
    # The demo was loaded through publish hooks only: index and home page titles included.
    published = terms()
    glossary.rebuild()
    assert terms() == published
    assert any(language == "fr" for _c, language, _t, _k in published)


def test_publishing_an_index_page_title_gives_what_a_rebuild_gives(publish, french_index):
    translation, string_translation, _page = french_index
    original = string_translation.data
    glossary.rebuild()
    rebuilt = terms()
    retitle(publish, translation, string_translation, "Toutes nos campagnes du moment")
    after_publish = terms()
    assert ("fr", "Toutes nos campagnes du moment") in {(t[1], t[2]) for t in after_publish}
    assert ("fr", original) not in {(t[1], t[2]) for t in after_publish}
    glossary.rebuild()
    assert terms() == after_publish
    # And back: the glossary is the one a rebuild made before the change.
    retitle(publish, translation, string_translation, original)
    assert terms() == rebuilt


def test_unpublishing_a_translation_takes_its_forms_out_as_a_rebuild_would(publish, french_index):
    _translation, string_translation, page = french_index
    assert ("fr", string_translation.data) in {(t[1], t[2]) for t in terms()}
    publish(page.unpublish)
    after = terms()
    assert ("fr", string_translation.data) not in {(t[1], t[2]) for t in after}
    glossary.rebuild()
    assert terms() == after


def test_the_rule_is_one_function_both_paths_call(publish, french_index):
    translation, string_translation, page = french_index
    GlossaryTerm.objects.all().delete()
    publish(lambda: page.save_revision().publish())
    published = terms()
    assert ("fr", string_translation.data) in {(t[1], t[2]) for t in published}
    rows = glossary.glossary_rows(concepts=[concept for concept, *_rest in published])
    assert {(r.concept_id, r.language, r.text, r.key) for r in rows} == published
