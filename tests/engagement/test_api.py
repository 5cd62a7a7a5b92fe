"""The read-only content API at /api/v2/: public pages and images, a locale filter, 400s with a
reason for bad input, and nothing about the people behind the content."""

import pytest

from wagtail.images import get_image_model

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage, CampaignPage
from stories.models import AuthorMode, StoryPage
from users.models import User

from .support import demo_campaign, make_image, make_private

# Keys that would tell who wrote, edited or published a page, or expose unpublished content.
PRIVATE_KEYS = {
    "owner",
    "latest_revision",
    "live_revision",
    "locked_by",
    "locked_at",
    "last_published_at",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "uploaded_by_user",
    "download_url",
    "file",
    "user",
    "email",
    "username",
}


def keys_in(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from keys_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from keys_in(value)


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def editor(db):
    return User.objects.create_user(
        username="olga.owner", email="olga.owner@owner-mail.invalid", password="a-long-password-1"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "zh-hans"])
def test_locale_filter_lists_one_languages_campaigns(client, language):
    data = get_json(client, f"/api/v2/pages/?type=campaigns.CampaignPage&locale={language}")
    expected = CampaignPage.objects.live().public().filter(locale__language_code=language)
    assert data["meta"]["total_count"] == expected.count() > 0
    assert {item["id"] for item in data["items"]} == set(expected.values_list("pk", flat=True))
    assert {item["meta"]["locale"] for item in data["items"]} == {language}


@pytest.mark.django_db
def test_translation_of_finds_a_pages_translation(client):
    source = demo_campaign("en")
    data = get_json(client, f"/api/v2/pages/?translation_of={source.pk}&locale=ar")
    assert [item["id"] for item in data["items"]] == [demo_campaign("ar").pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (CampaignPage, {"status", "milestones", "body", "topics", "partners", "listing_image"}),
        (StoryPage, {"outcome", "date", "attribution", "what_happened", "methods", "campaign"}),
        ("partners.PartnerPage", {"description", "website", "languages", "logo", "regions"}),
        ("explainers.PolicyExplainerPage", {"position_summary", "key_asks", "last_reviewed"}),
    ],
)
def test_detail_shows_the_page_types_fields_and_no_private_ones(client, model, fields):
    label = model if isinstance(model, str) else model._meta.label
    listing = get_json(client, f"/api/v2/pages/?type={label}&locale=fr&limit=1")
    detail = get_json(client, listing["items"][0]["meta"]["detail_url"])
    assert fields <= set(detail)
    assert detail["meta"]["type"] == label
    assert detail["meta"]["locale"] == "fr"
    assert not PRIVATE_KEYS & set(keys_in(detail))


@pytest.mark.django_db
def test_campaign_detail_values(client):
    campaign = demo_campaign("es")
    data = get_json(client, f"/api/v2/pages/{campaign.pk}/")
    assert data["title"] == campaign.title
    assert data["status"] == campaign.status
    assert data["topics"] == [topic.slug for topic in campaign.topics.all()]
    assert [item["value"]["title"] for item in data["milestones"]] == [
        block.value["title"] for block in campaign.milestones
    ]
    assert data["listing_image"]["width"] and data["listing_image"]["url"].startswith("/media/")
    assert data["meta"]["html_url"].endswith("/es/campaigns/freedom-of-panorama/")


@pytest.mark.django_db
def test_no_user_data_even_with_every_field(client, editor):
    campaign = demo_campaign("en")
    campaign.owner = editor
    campaign.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    for url in (
        f"/api/v2/pages/{campaign.pk}/",
        "/api/v2/pages/?type=campaigns.CampaignPage&fields=*&limit=50",
        "/api/v2/pages/?fields=*&limit=50",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "olga" not in body and "owner-mail" not in body
        assert not PRIVATE_KEYS & set(keys_in(response.json()))


@pytest.mark.django_db
def test_anonymous_story_has_no_author(client):
    story = StoryPage.objects.filter(author_mode=AuthorMode.ANONYMOUS).live().first()
    assert story is not None
    assert get_json(client, f"/api/v2/pages/{story.pk}/")["attribution"] == ""


@pytest.mark.django_db
def test_only_live_public_pages_even_for_a_signed_in_superuser(client):
    draft = demo_campaign("en", "privacy-for-readers")
    draft.unpublish()
    private = demo_campaign("en", "zero-rating-fair-access")
    make_private(private)
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    never_published = CampaignPageFactory(
        parent=index, title="Embargoed campaign", live=False, publish=False
    )
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x" * 16))
    for page in (draft, private, never_published):
        get_json(client, f"/api/v2/pages/{page.pk}/", status=404)
    listed = get_json(client, "/api/v2/pages/?type=campaigns.CampaignPage&limit=50")
    ids = {item["id"] for item in listed["items"]}
    assert not {draft.pk, private.pk, never_published.pk} & ids
    assert demo_campaign("en", "freedom-of-panorama").pk in ids


@pytest.mark.django_db
def test_links_to_unpublished_pages_are_left_out(client):
    campaign = demo_campaign("en")
    partner = campaign.partners.first()
    assert partner is not None
    before = get_json(client, f"/api/v2/pages/{campaign.pk}/")["partners"]
    assert {"id": partner.pk, "title": partner.title} in before
    partner.unpublish()
    after = get_json(client, f"/api/v2/pages/{campaign.pk}/")["partners"]
    assert partner.pk not in {item["id"] for item in after}
    assert len(after) == len(before) - 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("locale=xx", "locale 'xx'"),
        ("owner=1", "owner"),
        ("latest_revision=1", "latest_revision"),
        ("fields=owner", "unknown fields: owner"),
        ("fields=latest_revision", "unknown fields"),
        ("fields=_,last_published_at", "unknown fields"),
        ("order=owner", "owner"),
        ("site=example.org", "site"),
        ("type=nope.Nope", "type"),
        ("limit=many", "limit"),
        ("limit=1000", "limit"),
        ("child_of=abc", "child_of"),
        ("type=campaigns.CampaignPage&start_date=not-a-date", "start_date"),
        ("type=campaigns.CampaignPage&status=bogus", "status"),
        ("type=campaigns.CampaignPage&topics=copyright", "topics"),
        ("type=campaigns.CampaignPage&body=x", "body"),
        ("type=campaigns.CampaignPage&listing_image=abc", "listing_image"),
    ],
)
def test_bad_input_answers_400_with_a_reason(client, query, reason):
    data = get_json(client, f"/api/v2/pages/?{query}", status=400)
    assert reason in data["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["owner=1", "fields=file", "uploaded_by_user=1", "title=&x=1"])
def test_images_bad_input_answers_400(client, query):
    assert get_json(client, f"/api/v2/images/?{query}", status=400)["message"]


@pytest.mark.django_db
def test_field_filter_with_a_good_value(client):
    data = get_json(client, "/api/v2/pages/?type=campaigns.CampaignPage&locale=en&status=won")
    expected = CampaignPage.objects.live().filter(locale__language_code="en", status="won")
    assert {item["id"] for item in data["items"]} == set(expected.values_list("pk", flat=True))
    assert data["items"]


@pytest.mark.django_db
def test_read_only_and_json_only(client):
    response = client.post("/api/v2/pages/", {"title": "New"})
    assert response.status_code == 405
    # What a browser asks for: the JSON, not Django REST framework's browsable HTML pages.
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert get_json(client, "/api/v2/pages/?format=api", status=400)["message"]
    assert get_json(client, "/api/v2/pages/?format=json&limit=1")["items"]


@pytest.mark.django_db
def test_images_are_those_public_pages_use_as_renditions(
    client, django_capture_on_commit_callbacks
):
    campaign = demo_campaign("en")
    unused = make_image("Unused upload")
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    draft_image = make_image("Image of an embargoed campaign")
    with django_capture_on_commit_callbacks(execute=True):
        CampaignPageFactory(parent=index, listing_image=draft_image, live=False, publish=False)
    data = get_json(client, "/api/v2/images/?limit=50")
    for image in (unused, draft_image):
        get_json(client, f"/api/v2/images/{image.pk}/", status=404)
        assert get_json(client, f"/api/v2/images/?id={image.pk}")["items"] == []
    detail = get_json(client, f"/api/v2/images/{campaign.listing_image_id}/")
    assert detail["rendition"]["url"].endswith(".jpg")
    assert detail["rendition"]["alt"] == campaign.listing_image.description
    assert not PRIVATE_KEYS & set(keys_in(detail))
    assert get_image_model().objects.count() > data["meta"]["total_count"]


@pytest.mark.django_db
def test_image_used_only_by_an_unpublished_page_disappears(
    client, django_capture_on_commit_callbacks
):
    campaign = demo_campaign("en", "privacy-for-readers")
    image = make_image("Only here")
    campaign.listing_image = image
    with django_capture_on_commit_callbacks(execute=True):
        campaign.save_revision().publish()
    assert get_json(client, f"/api/v2/images/?id={image.pk}")["items"][0]["id"] == image.pk
    with django_capture_on_commit_callbacks(execute=True):
        campaign.unpublish()
    get_json(client, f"/api/v2/images/{image.pk}/", status=404)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v2/pages/999999/", "/api/v2/images/999999/"])
def test_not_found_is_a_json_404_not_a_redirect(client, url):
    assert get_json(client, url, status=404)["message"]


@pytest.mark.django_db
def test_the_search_api_still_answers(client):
    data = get_json(client, "/api/search/?q=copyright")
    assert data["count"] > 0
