"""Pages protected by a password or a sign-in open for the readers allowed to see them, and are
never kept for other readers (page cache, kept markup)."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from wagtail.models import PageViewRestriction

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from core import lookups
from tests.helpers import soup

PASSWORD = "open-sesame-42"  # noqa: S105 - a page's view password in a test
URL = "/en/campaigns/members-only-campaign/"
SECRET = "Only members may read this summary."


@pytest.fixture
def protected_page(db):
    return CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(locale__language_code="en"),
        title="Members only campaign",
        slug="members-only-campaign",
        summary=SECRET,
    )


def restrict(page, restriction_type, **fields):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )
    lookups.bump()
    return restriction


def unlock(client):
    form = soup(client.get(URL)).select_one("form")
    assert form is not None
    response = client.post(form["action"], {"password": PASSWORD, "return_url": URL})
    assert response.status_code == 302
    assert response["Location"] == URL
    return client.get(URL)


@pytest.mark.django_db
def test_password_protected_page_asks_for_the_password_then_opens(client, protected_page):
    restrict(protected_page, PageViewRestriction.PASSWORD, password=PASSWORD)
    response = client.get(URL)
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    form = soup(response).select_one("form")
    assert form["action"].startswith("/en/_util/authenticate_with_password/")
    # In the portal's layout, with nothing of the page but the form.
    assert soup(response).select_one("nav.main-menu") is not None
    assert "Members only campaign" not in response.content.decode()
    # A wrong password: the form again, with an error, never a 404 or a 500.
    wrong = client.post(form["action"], {"password": "wrong", "return_url": URL})
    assert wrong.status_code == 200
    assert SECRET not in wrong.content.decode()
    assert soup(wrong).select_one("form") is not None
    opened = unlock(client)
    assert opened.status_code == 200
    assert SECRET in opened.content.decode()
    assert soup(opened).find("h1").get_text(strip=True) == "Members only campaign"


@pytest.mark.django_db
def test_password_form_keeps_the_readers_language(client, protected_page):
    restrict(protected_page, PageViewRestriction.PASSWORD, password=PASSWORD)
    response = client.get("/fr/campaigns/members-only-campaign/")
    assert response.status_code == 200
    form = soup(response).select_one("form")
    assert form["action"].startswith("/fr/_util/authenticate_with_password/")
    assert soup(response).find("html")["lang"] == "fr"


@pytest.mark.django_db
def test_login_protected_page_sends_readers_to_sign_in(client, protected_page):
    restrict(protected_page, PageViewRestriction.LOGIN)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/_util/login/?next=")
    sign_in = client.get(response["Location"])
    assert sign_in.status_code == 200
    assert soup(sign_in).select_one("form input[name=password]") is not None
    user = get_user_model().objects.create_user(username="reader", password=PASSWORD)
    signed_in = client.post(
        "/en/_util/login/", {"username": user.username, "password": PASSWORD, "next": URL}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == URL
    opened = client.get(URL)
    assert opened.status_code == 200
    assert SECRET in opened.content.decode()


@pytest.mark.django_db
def test_protected_page_is_never_kept_for_other_readers(page_cache, protected_page):
    restrict(protected_page, PageViewRestriction.PASSWORD, password=PASSWORD)
    reader = Client()
    opened = unlock(reader)
    assert SECRET in opened.content.decode()
    assert "private" in opened.get("Cache-Control", "")
    # Read again by the reader who unlocked it, then by anyone else: each other reader is
    # asked for the password, however the page was kept.
    assert SECRET in reader.get(URL).content.decode()
    for _ in range(2):
        stranger = Client()
        response = stranger.get(URL)
        assert SECRET not in response.content.decode()
        assert soup(response).select_one("form") is not None
    # No kept markup holds the page's content.
    assert not any(
        SECRET in value for value in lookups._markup._values.values() if isinstance(value, str)
    )
