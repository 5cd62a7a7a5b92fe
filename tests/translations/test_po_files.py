import io
import uuid
import zipfile

import polib
import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation


def user_in(group):
    user = get_user_model().objects.create_user(f"po-{uuid.uuid4().hex[:8]}", password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


def french_translation(slug="freedom-of-panorama", language="fr"):
    english = Page.objects.get(locale__language_code="en", slug=slug)
    return Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code=language
    )


def edited_po(translation, new_text):
    po = translation.export_po()
    entry = next(entry for entry in po if entry.msgctxt == "title")
    entry.msgstr = new_text
    return po


def upload(client, name, data, locale="fr"):
    return client.post(
        "/admin/translation-queue/po/import/",
        {"locale": locale, "file": SimpleUploadedFile(name, data), "next": "?"},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.django_db
def test_export_gives_one_po_per_translation(client):
    client.force_login(user_in("French translators"))
    response = client.get("/admin/translation-queue/po/export/", {"locale": "fr"})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files = archive.namelist()
    french = Locale.objects.get(language_code="fr")
    assert len(files) == Translation.objects.filter(target_locale=french, enabled=True).count()
    po = polib.pofile(archive.read(files[0]).decode())
    assert po.metadata["X-WagtailLocalize-TranslationID"]


@pytest.mark.django_db
def test_export_refuses_another_language(client):
    client.force_login(user_in("Russian translators"))
    response = client.get("/admin/translation-queue/po/export/", {"locale": "fr"})
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_import_a_zip_applies_every_file_as_drafts(client):
    client.force_login(user_in("French translators"))
    first, second = french_translation(), french_translation("privacy-for-readers")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("one.po", str(edited_po(first, "Titre importé un")))
        archive.writestr("two.po", str(edited_po(second, "Titre importé deux")))
    response = upload(client, "batch.zip", buffer.getvalue())
    assert any("2 translations updated" in message for message in messages_of(response))
    french = Locale.objects.get(language_code="fr")
    assert StringTranslation.objects.filter(locale=french, data="Titre importé un").exists()
    target = first.get_target_instance()
    target.refresh_from_db()
    assert target.has_unpublished_changes  # a draft for the reviewers, not published


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("broken.po", lambda: b"\xff\xfe\x00 not text", "not a readable PO file"),
        ("unterminated.po", lambda: b'msgid "unterminated', "not exported from this portal"),
        ("plain.po", lambda: b'msgid "hello"\nmsgstr "bonjour"\n', "header"),
        ("notes.txt", lambda: b"hello", "upload a .po file"),
        (
            "russian.po",
            lambda: str(french_translation(language="ru").export_po()).encode(),
            "Русский",
        ),
    ],
)
def test_bad_files_are_rejected_with_a_reason_and_nothing_applied(client, name, make, reason):
    client.force_login(user_in("French translators"))
    good = edited_po(french_translation(), "Ne doit pas apparaître")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("good.po", str(good))
        if name.endswith(".po"):
            archive.writestr(name, make())
    if name.endswith(".po"):
        response = upload(client, "batch.zip", buffer.getvalue())
    else:
        response = upload(client, name, make())
    text = " ".join(messages_of(response))
    assert "Nothing was imported" in text and reason in text
    assert not StringTranslation.objects.filter(data="Ne doit pas apparaître").exists()


@pytest.mark.django_db
def test_entries_that_do_not_match_the_source_reject_the_whole_import(client):
    client.force_login(user_in("French translators"))
    po = edited_po(french_translation(), "Titre valable")
    po.append(polib.POEntry(msgctxt="title", msgid="A string the source never had", msgstr="x"))
    response = upload(client, "item.po", str(po).encode())
    assert "do not match the source" in " ".join(messages_of(response))
    assert not StringTranslation.objects.filter(data="Titre valable").exists()
