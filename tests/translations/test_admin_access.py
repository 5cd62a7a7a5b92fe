"""A refused page editor answers 403 Forbidden (translations/admin_access.py), not Wagtail's
redirect to the dashboard; people allowed in still get the editor."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page


def person(username, group):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def french_page(db):
    return Page.objects.get(locale__language_code="fr", slug="freedom-of-panorama")


@pytest.fixture
def english_page(db):
    return Page.objects.get(locale__language_code="en", slug="freedom-of-panorama")


def edit(client, page):
    return client.get(f"/admin/pages/{page.pk}/edit/")


@pytest.mark.django_db
def test_russian_translator_on_a_french_page_gets_403(client, french_page):
    client.force_login(person("ru-translator", "Russian translators"))
    response = edit(client, french_page)
    assert response.status_code == 403
    assert "Location" not in response
    content = response.content.decode()
    assert "Error 403" in content and "You do not have permission to edit this page." in content
    # Nothing of the page leaks into the refusal.
    assert french_page.title not in content


@pytest.mark.django_db
def test_french_translator_on_a_french_page_gets_the_editor(client, french_page):
    client.force_login(person("fr-translator", "French translators"))
    response = edit(client, french_page)
    assert response.status_code == 200
    # wagtail-localize's translation editor, with the step to submit for review.
    assert "js-translation-editor" in response.content.decode()
    assert "Submit for review" in response.content.decode()


@pytest.mark.django_db
def test_french_translator_on_the_english_source_gets_403(client, english_page):
    client.force_login(person("fr-translator", "French translators"))
    assert edit(client, english_page).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login(client, french_page):
    response = edit(client, french_page)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.django_db
def test_editors_still_get_the_editor(client, french_page, english_page):
    client.force_login(person("ed", "Editors"))
    assert edit(client, french_page).status_code == 200
    assert edit(client, english_page).status_code == 200


@pytest.mark.django_db
def test_other_refused_admin_pages_keep_wagtails_redirect(client, french_page):
    # Only the page editor changed: the dashboard redirect stays for, e.g., page history.
    client.force_login(person("ru-translator", "Russian translators"))
    response = client.get(f"/admin/pages/{french_page.pk}/history/")
    assert response.status_code in (302, 403)
