"""Exporting signatures is for staff with the "export signatures" permission only; editors and
moderators manage actions themselves."""

import csv
import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import ModelLogEntry

from actions.factories import SignatureFactory
from actions.models import ActionTally, CampaignAction
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def person(username, *groups, perms=()):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    user.groups.set(Group.objects.filter(name__in=groups))
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def signed(panorama):
    SignatureFactory(
        action=panorama,
        email="ana@example.org",
        name="Ana",
        country="ES",
        comment='=HYPERLINK("http://evil.example")',
        confirmed_at=timezone.now(),
    )
    SignatureFactory(action=panorama, email="pending@example.org")
    return ActionTally.objects.get(key=panorama.translation_key)


@pytest.mark.parametrize(
    ("who", "groups"),
    [("translator", ["French translators"]), ("editor", ["Editors"]), ("mod", ["Moderators"])],
)
def test_staff_without_the_permission_are_refused(client, signed, who, groups):
    client.force_login(person(who, *groups))
    for path in ("/admin/actions/export/", f"/admin/actions/export/{signed.pk}.csv"):
        response = client.get(path)
        # Wagtail answers a refusal with a 403, or a redirect to the dashboard with a message.
        assert response.status_code == 403 or (
            response.status_code == 302 and response["Location"] == "/admin/"
        ), path
        assert "ana@example.org" not in response.content.decode()
    assert "/admin/actions/export/" not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, signed):
    for path in ("/admin/actions/export/", f"/admin/actions/export/{signed.pk}.csv"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_exporters_download_confirmed_signatures_as_csv(client, signed, panorama):
    exporter = person("exporter", "Editors", perms=["export_signatures"])
    client.force_login(exporter)
    index = soup(client.get("/admin/actions/export/"))
    link = index.select_one(f"a[href='/admin/actions/export/{signed.pk}.csv']")
    assert link is not None
    # The menu shows the export to those who may use it.
    assert "/admin/actions/export/" in client.get("/admin/").content.decode()

    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "signed_at",
        "confirmed_at",
        "language",
        "email",
        "first_name",
        "country",
        "comment",
    ]
    assert len(rows) == 2  # the unconfirmed signature is not exported
    assert rows[1][3:6] == ["ana@example.org", "Ana", "Spain"]
    assert rows[1][6].startswith("'=")  # a formula is never run by a spreadsheet
    english = CampaignAction.objects.get(
        translation_key=panorama.translation_key, locale__language_code="en"
    )
    assert ModelLogEntry.objects.filter(
        action="actions.export_signatures", object_id=str(english.pk), user=exporter
    ).exists()


def test_unknown_tally_is_a_404_for_exporters(client):
    client.force_login(person("exporter", "Editors", perms=["export_signatures"]))
    assert client.get("/admin/actions/export/999999.csv").status_code == 404


def test_editors_add_actions_in_the_admin(client, english_campaign):
    client.force_login(person("editor", "Editors"))
    response = client.get("/admin/snippets/actions/campaignaction/add/?locale=en")
    assert response.status_code == 200
    document = soup(response)
    for name in ("campaign", "kind", "title", "consent_text", "goal", "advocate_safety"):
        assert document.select_one(f"[name={name}]"), name


def test_translators_cannot_edit_action_settings(client, panorama):
    client.force_login(person("translator", "French translators"))
    response = client.get(f"/admin/snippets/actions/campaignaction/edit/{panorama.pk}/")
    assert response.status_code in (302, 403)


def test_the_actions_listing_names_each_rows_language_and_shows_safety_as_an_icon(client):
    client.force_login(person("editor", "Editors"))
    document = soup(client.get("/admin/snippets/actions/campaignaction/?locale="))
    headings = [cell.get_text(strip=True) for cell in document.select("table.listing thead th")]
    assert "Language" in headings
    safety = headings.index("Advocate-safety mode")
    cells = [row.select("td")[safety] for row in document.select("table.listing tbody tr")]
    # A tick or a cross (its word is for screen readers only), not the bare True/False.
    assert cells and all(cell.select_one("svg.icon-check, svg.icon-cross") for cell in cells)
    assert all(cell.select_one(".w-sr-only") for cell in cells)
