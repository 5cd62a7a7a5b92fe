"""Contributing a story: the form in each language, the draft it becomes, the moderators'
workflow, the private status link through each status, the contact's double opt-in, the
picture's metadata, and the purge of addresses."""

import datetime
import io

import pytest
from PIL import Image

from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.models import WorkflowState

from contributions import services, tokens
from contributions.models import StatusContact, StorySubmission
from stories.models import StoryIndexPage
from tests.helpers import soup

from .helpers import jpeg_with_gps, link_in, mails_to, story_data

pytestmark = pytest.mark.django_db


def translated(language, text):
    with translation.override(language):
        return gettext(text)


def submit(client, language="es", **fields):
    return client.post(f"/{language}/contribute/story/", story_data(**fields))


def submitted(client, language="es", **fields):
    response = submit(client, language, **fields)
    assert response.status_code == 302, soup(response).select_one(".action-form__errors")
    return response["Location"], StorySubmission.objects.latest("pk")


def status_text(client, url):
    document = soup(client.get(url))
    return document.select_one(".contribution-status strong").get_text()


def test_the_form_has_labelled_fields_in_the_readers_language(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        response = client.get("/es/contribute/story/")
    assert response.status_code == 200
    document = soup(response)
    form = document.select_one("form.contribution-form")
    assert form["enctype"] == "multipart/form-data"
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert form.select_one("input[name=started]")["value"]
    for name in ("title", "date", "context", "what_happened", "author_name", "email", "image"):
        field = form.select_one(f"[name={name}]")
        assert form.select_one(f"label[for={field['id']}]").get_text().strip(), name
    legends = [legend.get_text() for legend in form.select("fieldset legend")]
    assert translated("es", "Was it a success or a failure?") in legends
    assert document.select_one("h1").get_text() == translated("es", "Tell us your story")


def test_a_story_becomes_a_draft_under_the_language_index_in_the_moderators_workflow(client):
    location, submission = submitted(client)
    page = submission.page
    assert not page.live
    assert page.locale.language_code == "es"
    assert page.get_parent().specific_class is StoryIndexPage
    assert page.get_parent().locale.language_code == "es"
    assert (page.outcome, page.author_mode, page.author_name) == (
        "failure",
        "pseudonymous",
        "Lectora del sur",
    )
    assert "<p>Nadie respondió.</p>" in page.what_happened
    assert [block.value["url"] for block in page.evidence] == [
        "https://example.org/acta",
        "https://example.org/carta",
    ]
    assert [block.value for block in page.lessons] == [
        "Empezar antes.",
        "Buscar aliados en el pleno.",
    ]
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Moderators approval"
    assert state.requested_by is None
    assert location.startswith("/es/contribute/status/")
    # Nothing is public: the draft is not in the Spanish listing.
    assert page.title not in client.get("/es/stories/").content.decode()


def test_an_anonymous_story_keeps_no_name(client):
    _location, submission = submitted(client, author_mode="anonymous", author_name="Real Name")
    assert submission.page.author_name == ""


def test_a_named_story_needs_a_name_and_the_form_comes_back_with_what_was_typed(client):
    before = StorySubmission.objects.count()
    response = submit(client, author_mode="named", author_name="   ", title="Mi título")
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one("[role=alert]")
    assert document.select_one("input[name=title]")["value"] == "Mi título"
    assert translated("es", "Give a name or a pen name, or choose anonymous.") in (
        document.get_text()
    )
    assert StorySubmission.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2999-01-01"}, "Please give a date in the past."),
        ({"evidence": "javascript:alert(1)"}, "is not a web address"),
        ({"website": "http://spam.example"}, "Please leave the hidden field empty."),
    ],
)
def test_bad_input_is_refused_with_a_message(client, fields, message):
    before = StorySubmission.objects.count()
    response = submit(client, "en", **fields)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&quot;", '"')
    assert StorySubmission.objects.count() == before


def test_the_status_link_shows_received_then_in_review_then_published(
    client, moderator, django_assert_max_num_queries
):
    location, submission = submitted(client)
    document = soup(client.get(location))
    assert document.select_one("h1").get_text() == translated("es", "Thank you")
    assert "http://testserver/es/contribute/status/" in document.select_one("code").get_text()
    status_url = location.split("?")[0]
    with django_assert_max_num_queries(14):
        assert status_text(client, status_url) == translated("es", "Received")

    page = submission.page
    page.save_revision(user=moderator)  # a moderator edits the draft
    assert status_text(client, status_url) == translated("es", "In review")

    page.get_latest_revision().publish(user=moderator)
    document = soup(client.get(status_url))
    assert document.select_one(".contribution-status strong").get_text() == translated(
        "es", "Published"
    )
    page.refresh_from_db()
    assert document.select_one(".action-step a")["href"] == page.url
    submission.refresh_from_db()
    assert submission.published_at is not None


def test_a_declined_story_shows_the_reason(client, moderator):
    location, submission = submitted(client)
    services.decline_story(
        submission=submission, reason="Faltan fuentes verificables.", user=moderator
    )
    document = soup(client.get(location.split("?")[0]))
    assert document.select_one(".contribution-status strong").get_text() == translated(
        "es", "Declined"
    )
    assert document.select_one(".contribution-reason").get_text() == "Faltan fuentes verificables."
    # The draft has left the moderators' queue.
    assert submission.page.current_workflow_state is None


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the secret
        lambda token: token.replace(".", "x", 1),  # the signed part
        lambda token: token.split(".")[0],  # cut short
        lambda token: "1" + token,
    ],
)
def test_a_tampered_status_link_is_refused_with_a_reason(client, change):
    location, _submission = submitted(client)
    token = location.split("/")[-2]
    response = client.get(f"/es/contribute/status/{change(token)}/")
    assert response.status_code == 400
    assert translated("es", "This link does not work") in response.content.decode()


def test_a_status_link_for_another_contribution_is_refused(client):
    _location, first = submitted(client)
    _location, second = submitted(client, title="Otra historia")
    signed = tokens.status_token(first).rpartition(".")[0]
    response = client.get(f"/es/contribute/status/{signed}.{second.secret}/")
    assert response.status_code == 400


def test_an_address_gets_only_the_confirmation_until_confirmed(
    client, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _location, submission = submitted(client, email="Lectora@Example.org ")
    contact = StatusContact.objects.get(submission=submission)
    assert contact.email == "lectora@example.org"
    assert contact.confirmed_at is None
    [confirmation] = mails_to("lectora@example.org")
    assert "/es/contribute/confirm/" in confirmation.body
    assert "/contribute/status/" not in confirmation.body
    # Published before the address is confirmed: no mail.
    with django_capture_on_commit_callbacks(execute=True):
        submission.page.save_revision(user=moderator).publish(user=moderator)
    assert len(mails_to("lectora@example.org")) == 1

    path = link_in(confirmation)
    assert client.get(path).status_code == 200
    assert StatusContact.objects.get(pk=contact.pk).confirmed_at is None  # a click is needed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.confirmed_at is not None
    status_mail = mails_to("lectora@example.org")[-1]
    assert link_in(status_mail).startswith("/es/contribute/status/")
    assert translated("es", "Published") in status_mail.subject
    assert len(mails_to("lectora@example.org")) == 2


def test_the_decision_is_mailed_to_a_confirmed_address(
    client, moderator, django_capture_on_commit_callbacks
):
    _location, submission = submitted(client, email="lectora@example.org")
    contact = StatusContact.objects.get(submission=submission)
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_contact(contact=contact)
    assert translated("es", "Received") in mails_to("lectora@example.org")[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_story(submission=submission, reason="Duplicada.", user=moderator)
    last = mails_to("lectora@example.org")[-1]
    assert translated("es", "Declined") in last.subject
    assert "Duplicada." in last.body


def test_a_tampered_confirmation_link_is_refused(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted(client, email="lectora@example.org")
    path = link_in(mails_to("lectora@example.org")[0])
    response = client.post(path[:-3] + "xyz/")
    assert response.status_code == 400
    assert StatusContact.objects.get().confirmed_at is None


def test_the_picture_is_stored_without_its_metadata(client):
    upload = jpeg_with_gps()
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(0x8825)  # the test picture does say where
    upload.seek(0)
    _location, submission = submitted(client, image=upload)
    image = submission.page.listing_image
    assert image is not None
    with image.file.open("rb") as stored_file:
        data = stored_file.read()
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (64, 48)
        assert not stored.getexif()
        assert "exif" not in stored.info and "comment" not in stored.info
    assert b"ExamplePhone" not in data and b"taken at home" not in data
    assert "foto" not in image.file.name


def test_a_declined_storys_picture_is_deleted_and_its_name_is_not_guessable(
    client, moderator, django_capture_on_commit_callbacks
):
    _location, submission = submitted(client, image=jpeg_with_gps())
    image = submission.page.listing_image
    name = image.file.name
    assert "contribution." not in name and len(name.rsplit("/", 1)[-1]) > 20
    storage = image.file.storage
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail deletes files on commit
        services.decline_story(submission=submission, reason="No.", user=moderator)
    assert not storage.exists(name)
    assert not type(image).objects.filter(pk=image.pk).exists()
    submission.page.refresh_from_db()
    assert submission.page.listing_image_id is None
    assert submission.page.get_latest_revision_as_object().listing_image_id is None


def test_a_picture_too_large_or_not_a_picture_is_refused_with_a_clear_error(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = StorySubmission.objects.count()
    response = submit(
        client, "en", image=SimpleUploadedFile("notes.jpg", b"not a picture", "image/jpeg")
    )
    assert response.status_code == 200
    assert "Please send a JPEG, PNG or WebP picture." in response.content.decode()
    settings.PORTAL_CONTRIBUTIONS_IMAGE_MAX_BYTES = 100
    response = submit(client, "en", image=jpeg_with_gps(size=(400, 300)))
    assert "The picture is too large" in response.content.decode()
    assert StorySubmission.objects.count() == before


def test_purge_deletes_addresses_after_the_decision_and_unconfirmed_ones(
    client, moderator, settings
):
    before = StorySubmission.objects.count()
    _location, declined = submitted(client, email="a@example.org")
    _location, waiting = submitted(client, email="b@example.org", title="Otra")
    _location, unconfirmed = submitted(client, email="c@example.org", title="Tercera")
    StatusContact.objects.exclude(submission=unconfirmed).update(confirmed_at=timezone.now())
    services.decline_story(submission=declined, reason="No.", user=moderator)
    long_ago = timezone.now() - datetime.timedelta(
        days=settings.PORTAL_CONTRIBUTIONS_CONTACT_DAYS + 1
    )
    StorySubmission.objects.filter(pk=declined.pk).update(declined_at=long_ago)
    StatusContact.objects.filter(submission=unconfirmed).update(created_at=long_ago)
    call_command("purge_contributions", stdout=io.StringIO())
    assert set(StatusContact.objects.values_list("email", flat=True)) == {"b@example.org"}
    # The story and its decision stay; only the address went.
    assert StorySubmission.objects.count() == before + 3


def test_the_rate_limit_refuses_with_429(client, settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 1
    submitted(client)
    response = submit(client, title="Otra")
    assert response.status_code == 429
    assert soup(response).select_one("input[name=title]")["value"] == "Otra"


def test_a_title_without_latin_letters_gets_a_slug_of_its_own(client):
    _location, first = submitted(client, "ar", title="قصة نجاح")
    _location, second = submitted(client, "ar", title="قصة أخرى")
    assert first.page.slug.startswith("story")  # the demo's Arabic story may have "story"
    assert second.page.slug.startswith("story-")
    assert first.page.slug != second.page.slug
    assert first.page.locale.language_code == "ar"
