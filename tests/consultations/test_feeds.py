"""Feeds of the consultations open in each language."""

import pytest

from .conftest import CLOSED, OPEN

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_open_consultations_per_language(client, open_consultation, kind):
    french = client.get(f"/fr/feeds/consultations/{kind}/").content.decode()
    assert (
        "Réviser notre position sur l&#x27;application" in french
        or "Réviser notre position" in french
    )
    assert f"/fr/consultations/{OPEN}/" in french
    assert CLOSED not in french
    english = client.get(f"/en/feeds/consultations/{kind}/").content.decode()
    assert "Revising our position on net neutrality enforcement" in english
    assert CLOSED not in english
    russian = client.get(f"/ru/feeds/consultations/{kind}/")
    assert russian.status_code == 200
    assert OPEN not in russian.content.decode()
