"""An action's address with a malformed public id is a 404, on every database: PostgreSQL
refuses text with a NUL byte in a query, which once turned such an address into a 500."""

import pytest

from .helpers import demo_action

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["", "check-your-email/", "thanks/", "count/"])
@pytest.mark.parametrize("public_id", ["%00", "abc%00def", "a%20b", "x" * 33, "%C3%A9t%C3%A9"])
def test_a_malformed_public_id_is_not_found(client, public_id, suffix):
    assert client.get(f"/en/actions/{public_id}/{suffix}").status_code == 404


def test_a_real_public_id_still_resolves(client):
    action = demo_action("freedom-of-panorama", "en")
    assert client.get(f"/en/actions/{action.public_id}/").status_code in {200, 302}
    assert client.get(f"/en/embed/actions/{action.public_id}/").status_code != 404
