"""The anonymous search log and the admin report built from it."""

import pytest

from django.contrib.auth.models import Permission

from search.models import SearchQueryLog
from search.services import redact

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_search_log")]


def test_a_search_is_logged_without_personal_data(client):
    client.get("/fr/search/", {"q": "  Pétition  de jane.doe@example.org +33 6 12 34 56 78 "})
    entry = SearchQueryLog.objects.get()
    assert entry.query == "pétition de [email] [number]"
    assert entry.language == "fr" and entry.result_count > 0 and entry.backend == "database"
    fields = {field.name for field in SearchQueryLog._meta.get_fields()}
    assert not fields & {"ip", "ip_address", "user", "user_id", "session", "user_agent"}
    # Further pages of the same search, autocomplete and empty searches are not logged again.
    client.get("/fr/search/", {"q": "pétition", "page": "2"})
    client.get("/api/search/autocomplete/", {"q": "péti", "lang": "fr"})
    client.get("/fr/search/", {"q": ""})
    assert SearchQueryLog.objects.count() == 1


def test_redaction_keeps_ordinary_words_and_years():
    assert redact("Copyright 2019 reform") == "copyright 2019 reform"
    assert redact("call 0044 20 7946 0958 now") == "call [number] now"


def test_the_report_shows_top_and_zero_result_queries_per_language(admin_client, client):
    for query, lang in [
        ("petition", "en"),
        ("petition", "en"),
        ("zzyzx", "en"),
        ("网络", "zh-hans"),
    ]:
        client.get("/api/search/", {"q": query, "lang": lang})
    response = admin_client.get("/admin/reports/search/")
    assert response.status_code == 200
    html = response.content.decode()
    english = html[html.index('id="report-en"') : html.index('id="report-zh-hans"')]
    assert "petition" in english and "zzyzx" in english
    assert "3 searches, 1 with no result" in english
    assert "网络" in html[html.index('id="report-zh-hans"') :]


def test_the_report_needs_its_permission(client, django_user_model):
    editor = django_user_model.objects.create_user(
        username="editor", email="editor@example.org", password="a-long-password-1"
    )
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/reports/search/").status_code in (302, 403)
    editor.user_permissions.add(Permission.objects.get(codename="view_searchquerylog"))
    editor = django_user_model.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get("/admin/reports/search/").status_code == 200
