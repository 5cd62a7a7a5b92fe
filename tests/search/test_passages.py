"""Passages in their own language, and long pages indexed whole or reported as cut.

A Russian page that is mostly English and a Chinese page with an English sentence are found by
the English inflections of their English passages, on every engine; a page stays one result.
"""

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from search import documents
from search.backends import database_backend, external_backend
from search.backends.base import EngineQuery
from search.models import SearchDocument
from search.passages import detect, paragraphs, passages_by_language, script_runs

pytestmark = pytest.mark.django_db

RUSSIAN = "Коалиция открытых знаний подводит итоги года и благодарит всех участников кампании."
ENGLISH = (
    "The annual letter recaps what the coalition achieved: open access mandates now cover "
    "every publicly funded research project in the region."
)
CHINESE = "我们的联盟致力于知识自由，并与各地的图书馆和档案馆合作。"
CHINESE_WITH_ENGLISH = (
    "联盟的工作继续进行。Librarians and archivists across the region advocates "
    "for a fair copyright reform this year. 我们感谢所有支持者。"
)


# -- detection, without the database -------------------------------------------------------


def test_paragraphs_of_rich_text_stay_apart():
    html = "<p>First &amp; one</p><p>Second <b>one</b></p><ul><li>third</li></ul>"
    assert paragraphs(html) == ["First & one", "Second one", "third"]


def test_a_mixed_script_paragraph_is_cut_where_its_script_changes():
    runs = script_runs(CHINESE_WITH_ENGLISH)
    assert [script for script, _text in runs] == ["cjk", "latin", "cjk"]
    assert runs[1][1].startswith("Librarians") and runs[1][1].endswith("this year.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH, "en"),
        ("La coalition rappelle ses demandes d'accès ouvert à la recherche publique.", "fr"),
        ("Die Koalition fasst ihre Forderungen nach offenem Zugang zusammen.", "de"),
        ("La coalición resume sus demandas de acceso abierto a la investigación.", "es"),
        ("A coalizão resume suas demandas por acesso aberto à pesquisa pública.", "pt-br"),
        (RUSSIAN, "ru"),
        ("يلخص التحالف مطالبه بالوصول المفتوح إلى البحث العام في المنطقة.", "ar"),
        ("गठबंधन सार्वजनिक शोध तक खुली पहुँच की अपनी माँगों को दोहराता है।", "hi"),
        (
            "联盟重申了其对公共研究开放获取的要求，并呼吁政府采取行动，让知识自由传播到每一个角落。",
            "zh-hans",
        ),
    ],
)
def test_each_portal_language_is_detected(text, expected):
    assert detect(text, default="xx") == expected


def test_short_or_uncertain_passages_keep_the_pages_language():
    assert detect("Wikimedia Deutschland e.V.", default="fr") == "fr"
    assert detect("Panorama, Europa, Kultur, Archiv, Museum, Bibliothek", default="fr") == "fr"


def test_passages_in_other_languages_are_kept_apart():
    found = passages_by_language([RUSSIAN, ENGLISH, CHINESE_WITH_ENGLISH], language="ru")
    assert set(found) == {"en"}
    assert ENGLISH in found["en"] and "advocates" in found["en"]
    assert passages_by_language([RUSSIAN, CHINESE], language="ru") == {}


def test_cut_paragraphs_cuts_at_a_word_and_says_where():
    kept, cut = documents.cut_paragraphs(["one two three", "four five six"], limit=18)
    assert kept == ["one two three", "four"]
    assert cut == len("one two three\nfour")
    assert documents.cut_paragraphs(["one", "two"], limit=18) == (["one", "two"], None)


# -- indexing, on every engine --------------------------------------------------------------


@pytest.fixture
def publish(django_capture_on_commit_callbacks, search_engine):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        search_engine.refresh()
        return result

    return run


def _campaign(publish, language, title, texts, slug, **kwargs):
    index = CampaignIndexPage.objects.get(locale__language_code=language)
    body = [{"type": "paragraph", "value": "".join(f"<p>{t}</p>" for t in texts)}]
    return publish(
        lambda: CampaignPageFactory(parent=index, title=title, slug=slug, body=body, **kwargs)
    )


@pytest.fixture
def mixed_pages(publish):
    russian = _campaign(publish, "ru", "Итоги года коалиции", [RUSSIAN, ENGLISH], "itogi")
    chinese = _campaign(
        publish, "zh-hans", "联盟年度工作", [CHINESE, CHINESE_WITH_ENGLISH], "lianmeng"
    )
    return russian, chinese


def _keys(api, query, lang):
    return [result["translation_key"] for result in api(query, lang)["results"]]


def test_documents_keep_their_passages_by_language(mixed_pages):
    russian, chinese = mixed_pages
    document = SearchDocument.objects.get(page_id=russian.pk)
    assert document.language == "ru" and set(document.passages) == {"en"}
    assert "recaps" in document.passages["en"] and "recaps" in document.body
    assert document.text_language_list == ["ru", "en"]
    assert SearchDocument.objects.get(page_id=chinese.pk).text_language_list == ["zh-hans", "en"]


@pytest.mark.parametrize("query", ["recap", "mandates", "mandate"])
def test_an_english_inflection_finds_the_russian_pages_english_passage(mixed_pages, api, query):
    russian, _chinese = mixed_pages
    keys = _keys(api, query, "en")
    assert keys.count(str(russian.translation_key)) == 1


def test_english_stemming_finds_the_english_sentence_of_a_chinese_page(mixed_pages):
    """The engines' side of "advocate" from a Chinese reader: the query stemmed in English
    finds the Chinese page's English sentence ("advocates")."""
    _russian, chinese = mixed_pages
    backend = external_backend() or database_backend()
    hits = backend.search(EngineQuery(text="advocate", stem_languages=("en",), limit=50))
    assert [hit.page_id for hit in hits].count(chinese.pk) == 1


def test_the_pages_own_language_is_still_analysed_as_such(mixed_pages, api):
    russian, chinese = mixed_pages
    assert str(russian.translation_key) in _keys(api, "коалиции", "ru")
    assert str(chinese.translation_key) in _keys(api, "档案馆", "zh-hans")


def test_a_word_near_the_end_of_a_250000_character_body_is_found(publish, api):
    filler = "Libraries keep the public record open for every reader in every town. " * 12
    texts = [filler] * (250_000 // len(filler) + 1) + ["The closing word is quokkalibrarian."]
    page = _campaign(publish, "en", "A very long report", texts, "long-report")
    document = SearchDocument.objects.get(page_id=page.pk)
    assert len(document.body) > 250_000 and document.truncated_at is None
    assert str(page.translation_key) in _keys(api, "quokkalibrarian", "en")


def test_a_body_over_the_limit_is_cut_and_the_report_names_it(
    django_capture_on_commit_callbacks, monkeypatch, admin_client, django_assert_max_num_queries
):
    monkeypatch.setattr(documents, "MAX_BODY_LENGTH", 1_000)
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    body = [{"type": "paragraph", "value": "<p>" + "open archives " * 400 + "</p>"}]
    with django_capture_on_commit_callbacks(execute=True):
        page = CampaignPageFactory(parent=index, title="An overlong manifesto", body=body)
    document = SearchDocument.objects.get(page_id=page.pk)
    assert document.truncated_at is not None and document.truncated_at <= 1_000
    with django_assert_max_num_queries(20):
        response = admin_client.get("/admin/reports/search/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "1 document was cut" in content
    assert "An overlong manifesto (en): cut at" in content
