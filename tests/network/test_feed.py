"""The endorsements' feed: each endorsement given or withdrawn, in the reader's language, renewed
in the page cache when an endorsement changes."""

import pytest

from network.models import Endorsement
from network.services import record, withdraw
from partners.models import PartnerPage


@pytest.fixture
def endorsement(db):
    found = Endorsement.objects.filter(kind=Endorsement.Kind.ENDORSEMENT).first()
    if found is None:
        pytest.skip("the demo has no endorsement")
    return found


@pytest.mark.parametrize("form", ["rss", "atom"])
def test_the_feed_tells_who_endorsed_and_who_withdrew(client, endorsement, form):
    response = client.get(f"/en/feeds/endorsements/{form}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert f"{endorsement.partner.title} endorses “{endorsement.page.title}”" in text
    withdrawn = Endorsement.objects.filter(withdrawn_at__isnull=False).first()
    assert withdrawn is not None, "the demo has a withdrawn endorsement"
    assert f"{withdrawn.partner.title} withdrew its support for" in text
    assert "@" not in text.split("<entry>", 1)[-1].split("<item>", 1)[-1], "no address"


def test_the_feed_speaks_the_readers_language(client, endorsement):
    text = client.get("/fr/feeds/endorsements/rss/").content.decode()
    assert 'xml:lang="fr"' in text or "<language>fr</language>" in text
    assert "soutient" in text or "a rejoint" in text or "a retiré" in text


def test_the_feed_costs_a_bounded_number_of_queries(
    client, endorsement, django_assert_max_num_queries
):
    client.get("/en/feeds/endorsements/rss/")
    with django_assert_max_num_queries(8):
        client.get("/en/feeds/endorsements/rss/")


def test_an_endorsement_recorded_or_withdrawn_renews_the_kept_feed(
    client, page_cache, endorsement, django_capture_on_commit_callbacks
):
    url = "/en/feeds/endorsements/rss/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    partner = (
        PartnerPage.objects.live()
        .filter(locale=endorsement.page.locale)
        .exclude(positions_endorsed__page=endorsement.page)
        .first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = record(partner=partner, page=endorsement.page.specific, statement="")
    renewed = client.get(url)
    assert renewed["X-Page-Cache"] == "miss"
    assert f"{partner.title} endorses" in renewed.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(endorsement=new)
    assert f"{partner.title} withdrew" in client.get(url).content.decode()
