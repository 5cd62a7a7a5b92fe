"""Language analysis and the glossary, without an engine."""

import pytest

from wagtail.models import Locale
from wagtail_localize.models import String, StringTranslation, TranslationContext

from explainers.models import PolicyExplainerPage
from search import glossary
from search.analysis import analyse, cjk_bigrams, script_of
from search.backends import Phrase
from search.highlight import snippet
from search.models import GlossaryTerm


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        ("en", "campaigns", "campaign"),
        ("fr", "bibliothèques", "bibliothèque"),
        ("de", "Kampagnen", "Kampagne"),
        ("es", "bibliotecas", "biblioteca"),
        ("pt-br", "campanhas", "campanha"),
        ("ru", "библиотеками", "библиотека"),
        ("hi", "नीतियों", "नीति"),
        ("ar", "المكتبات", "مَكْتَبَة"),
    ],
)
def test_inflections_share_a_term(language, first, second):
    assert analyse(first, language) == analyse(second, language) != []


def test_stop_words_are_dropped_per_language():
    assert analyse("the right of the reader", "en") == ["right", "reader"]
    assert analyse("le droit du lecteur", "fr") == ["droit", "lecteur"]
    assert analyse("the", "fr") == ["the"]  # not a French stop word


def test_chinese_is_indexed_as_bigrams():
    assert analyse("网络中立", "zh-hans") == ["网络", "络中", "中立"]
    assert analyse("Lumen事实", "zh-hans") == ["lumen", "事实"]
    assert cjk_bigrams("支持网络中立!") == " 支持 持网 网络 络中 中立 !"


def test_script_of_a_query():
    assert [
        script_of(text) for text in ("neutralité", "кампания", "网络", "حياد", "नीति", "42")
    ] == [
        "latin",
        "cyrillic",
        "cjk",
        "arabic",
        "devanagari",
        "",
    ]


def test_snippets_mark_stems_and_escape_the_rest():
    html = snippet(
        ["<b>Libraries</b> & a library's readers"], phrases=[("library", None)], language="en"
    )
    assert (
        html
        == "&lt;b&gt;<mark>Libraries</mark>&lt;/b&gt; &amp; a <mark>library</mark>&#x27;s readers"
    )


@pytest.mark.django_db
def test_the_glossary_expands_a_query_into_other_languages():
    phrases, matched = glossary.expand("neutralité du net", reader_language="fr")
    assert Phrase("Net neutrality", "en") in phrases
    assert Phrase("Netzneutralität", "de") in phrases
    assert Phrase("网络中立", "zh-hans") in phrases
    assert not any(phrase.language == "fr" for phrase in phrases)  # the reader's own words
    assert matched[0] == "Neutralité du net"


@pytest.mark.django_db
def test_the_longest_glossary_match_wins():
    # "Open data" is a topic; "open" alone is no concept; a longer phrase takes precedence
    # over a shorter one inside it.
    phrases, matched = glossary.expand("open data portal")
    assert Phrase("Données ouvertes", "fr") in phrases
    assert "Open data" in matched and len(matched) == len(set(matched))


@pytest.mark.django_db
def test_unpublished_translations_stay_out_of_the_glossary():
    english, hindi = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="hi")
    explainer = PolicyExplainerPage.objects.get(slug="net-neutrality", locale=english)
    # A translator's draft of the explainer's title in Hindi: the explainer is not published
    # in Hindi, so readers cannot see it yet.
    StringTranslation.objects.create(
        translation_of=String.objects.get(locale=english, data="Net neutrality"),
        locale=hindi,
        context=TranslationContext.objects.get(object_id=explainer.translation_key, path="title"),
        data="मसौदा तटस्थता",
        translation_type="manual",
    )
    glossary.rebuild()
    assert not GlossaryTerm.objects.filter(text="मसौदा तटस्थता").exists()
    # The topic "Net neutrality" is published in Hindi: its translation is in the glossary.
    assert GlossaryTerm.objects.filter(language="hi", text="नेट तटस्थता").exists()
    assert GlossaryTerm.objects.filter(text="Neutralité du net").exists()
