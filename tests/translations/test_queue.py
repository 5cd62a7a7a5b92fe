import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale, Page

from demo.queue_states import STORIES
from translations import services
from translations.models import TranslationClaim
from translations.selectors import queue, state_counts


@pytest.fixture
def translator(db):
    user = get_user_model().objects.create_user("traductrice", password="x" * 16)
    user.groups.add(Group.objects.get(name="French translators"))
    return user


@pytest.fixture
def french(db):
    return Locale.objects.get(language_code="fr")


def states(locale):
    return {row.translation_key: row.state for row in queue(locale)}


@pytest.mark.django_db
def test_states_of_the_demo(french):
    german = Locale.objects.get(language_code="de")
    counts_fr, counts_de = state_counts(french), state_counts(german)
    # The demo leaves French and Arabic with pages in every state (demo/queue_states.py): one
    # story deleted, one draft, one sent back (a draft again), one submitted, one outdated.
    # Missing: the deleted story, and the pages the demo writes in English and Arabic only
    # (the Get involved and decisions pages, contributions in English).
    deleted = Page.objects.get(locale__language_code="en", slug=STORIES["missing"])
    assert states(french)[deleted.translation_key] == "missing"
    assert counts_fr["missing"] >= 1 and counts_fr["in_progress"] == 2
    assert counts_fr["awaiting_review"] >= 1 and counts_fr["outdated"] >= 1
    assert counts_fr["done"] > 0
    counts_ar = state_counts(Locale.objects.get(language_code="ar"))
    assert all(counts_ar[state] > 0 for state in counts_ar), counts_ar
    # German has only the home page, indexes, privacy notice and events: nothing in progress.
    assert counts_de["done"] >= 6
    assert counts_de["missing"] + counts_de["done"] == sum(counts_fr.values())


@pytest.mark.django_db
def test_source_republished_makes_translation_outdated(french):
    english = Page.objects.get(locale__language_code="en", slug="freedom-of-panorama").specific
    assert states(french)[english.translation_key] == "done"
    english.summary = "A changed summary."
    english.save_revision().publish()
    assert states(french)[english.translation_key] == "outdated"


@pytest.mark.django_db
def test_draft_translation_is_in_progress_then_awaiting_review(french, translator):
    target = Page.objects.get(locale__language_code="fr", slug="freedom-of-panorama").specific
    target.title = "Liberté de panorama (révision)"
    target.save_revision(user=translator)
    assert states(french)[target.translation_key] == "in_progress"
    target.get_workflow().start(target, translator)
    assert states(french)[target.translation_key] == "awaiting_review"


@pytest.mark.django_db
def test_live_campaigns_first_then_priority_overrides(french):
    rows = list(queue(french))
    live = [row.live_campaign for row in rows]
    assert live == sorted(live, reverse=True)
    last = rows[-1]
    services.set_plan(translation_key=last.translation_key, priority=2)
    assert next(iter(queue(french))).translation_key == last.translation_key


@pytest.mark.django_db
def test_claim_release_and_conflicts(french, translator):
    key = Page.objects.get(locale__language_code="en", slug="privacy-for-readers").translation_key
    services.claim(user=translator, translation_key=key, locale=french)
    other = get_user_model().objects.create_user("autre", password="x" * 16)
    other.groups.add(Group.objects.get(name="French translators"))
    with pytest.raises(services.ClaimError, match="traductrice"):
        services.claim(user=other, translation_key=key, locale=french)
    with pytest.raises(services.ClaimError):
        services.release(user=other, translation_key=key, locale=french)
    russian = get_user_model().objects.create_user("ru", password="x" * 16)
    russian.groups.add(Group.objects.get(name="Russian translators"))
    with pytest.raises(services.ClaimError):
        services.claim(user=russian, translation_key=key, locale=french)
    services.release(user=translator, translation_key=key, locale=french)
    assert not TranslationClaim.objects.exists()


@pytest.mark.django_db
def test_queue_page_for_a_translator(client, translator):
    client.force_login(translator)
    response = client.get("/admin/translation-queue/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<svg" in content and 'data-state="done"' in content
    # Only French appears: translators see their own language.
    assert "?locale=fr" in content and "?locale=ru" not in content
    key = Page.objects.get(locale__language_code="en", slug="privacy-for-readers").translation_key
    response = client.post(
        "/admin/translation-queue/claim/", {"translation_key": key, "locale": "fr", "next": "?"}
    )
    assert response.status_code == 302
    assert "traductrice" in client.get("/admin/translation-queue/").content.decode()
    assert "Your translation queue" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_queue_refuses_people_without_a_language(client):
    nobody = get_user_model().objects.create_user("nobody", password="x" * 16, is_staff=True)
    client.force_login(nobody)
    assert client.get("/admin/translation-queue/").status_code in (302, 403)


@pytest.mark.django_db
def test_bad_queue_input_is_not_a_500(client, translator):
    client.force_login(translator)
    assert (
        client.get(
            "/admin/translation-queue/", {"locale": "xx", "state": "?", "p": "z"}
        ).status_code
        == 200
    )
    response = client.post(
        "/admin/translation-queue/claim/", {"translation_key": "nope", "locale": "fr"}
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/translation-queue/claim/",
        {"translation_key": "6b1f0c1e-7d0a-4f55-9a43-3c8f1e0b6a21", "locale": "ru"},
    )
    assert response.status_code in (302, 403)
    assert not TranslationClaim.objects.filter(locale__language_code="ru").exists()


@pytest.mark.django_db
def test_queue_queries_do_not_grow_with_content(client, django_assert_max_num_queries):
    editor = get_user_model().objects.create_user("ed", password="x" * 16)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    client.get("/admin/translation-queue/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaigns.factories import CampaignPageFactory
    from campaigns.models import CampaignIndexPage

    with CaptureQueriesContext(connection) as before:
        client.get("/admin/translation-queue/")
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    for number in range(15):
        CampaignPageFactory(parent=index, title=f"Queue growth {number}")
    # Publishing renews the lookups (the admin's branding reads the organisation's name and
    # logo from them): refill them once, then count as before.
    client.get("/admin/translation-queue/")
    with CaptureQueriesContext(connection) as after:
        assert client.get("/admin/translation-queue/").status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)
