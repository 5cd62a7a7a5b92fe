"""200 signatures at once on PostgreSQL, then racing confirmations and deletions: the count
ends exact, none lost and none counted twice.

Each submission runs in its own thread with its own database connection, on committed data
(a test transaction would hide every thread's rows from the others). The test creates its
own action on a demo campaign and deletes everything it made at the end: it does not use a
transactional test case, which would flush the demo site loaded once per run.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from django.db import connection, connections

from actions import services
from actions.factories import CampaignActionFactory
from actions.models import ActionTally, CampaignAction, Signature
from actions.tokens import email_digest
from campaigns.models import CampaignPage

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one write at a time, so the races this test provokes cannot happen",
)

ADDRESSES = 150  # distinct signers
REPEATS = 50  # of them sign a second time, spelt differently, at the same moment: 200 in all
# Connections open at once: PostgreSQL's default of 100 is shared with other test runs.
PARALLEL = 40


@pytest.mark.django_db
def test_one_signature_per_address_is_a_database_constraint():
    """The guarantee the race below relies on. Being a database test, this also makes sure the
    test database is set up when this module runs on its own."""
    constraints = {constraint.name for constraint in Signature._meta.constraints}
    assert "actions_one_signature_each" in constraints
    with connection.cursor() as cursor:
        names = {
            name
            for name, _info in connection.introspection.get_constraints(
                cursor, Signature._meta.db_table
            ).items()
        }
    assert "actions_one_signature_each" in names


def race(function, arguments):
    """Run ``function`` on each argument in its own thread, all released at once; each thread
    uses its own connection, at most PARALLEL of them open at a time."""
    start = threading.Event()
    gate = threading.BoundedSemaphore(PARALLEL)

    def run(argument):
        start.wait()
        with gate:
            try:
                return function(argument)
            finally:
                connections.close_all()

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        futures = [pool.submit(run, argument) for argument in arguments]
        start.set()
        return [future.result() for future in futures]


def test_concurrent_signatures_and_confirmations_count_exactly(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        campaign = CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")
        action = CampaignActionFactory(campaign=campaign, title="Concurrency check")
        key = action.translation_key
        try:
            _check(action, key)
        finally:
            Signature.objects.filter(tally__key=key).delete()
            ActionTally.objects.filter(key=key).delete()
            CampaignAction.objects.filter(translation_key=key).delete()
            connection.close()


def _check(action, key):
    submissions = []
    for number in range(ADDRESSES):
        submissions.append(f"signer{number}@example.org")
        if number < REPEATS:  # the same person again, next to the first: they race
            submissions.append(f"  SIGNER{number}@Example.ORG ")
    assert len(submissions) == 200

    statuses = race(
        lambda email: services.sign(action=action, email=email, language="en").status,
        submissions,
    )
    assert Counter(statuses)[services.NEW] == ADDRESSES
    assert Signature.objects.filter(tally__key=key).count() == ADDRESSES
    assert ActionTally.objects.filter(key=key).count() == 1
    assert ActionTally.objects.get(key=key).confirmed_count == 0  # nothing counts unconfirmed

    # Everyone clicks their confirmation link twice at the same moment.
    signatures = list(Signature.objects.filter(tally__key=key))
    attempts = [(s.pk, email_digest(s.email)) for s in signatures for _twice in range(2)]
    outcomes = race(lambda args: services.confirm(signature_id=args[0], digest=args[1]), attempts)
    assert sum(outcome.newly_confirmed for outcome in outcomes) == ADDRESSES
    assert ActionTally.objects.get(key=key).confirmed_count == ADDRESSES

    # Then some ask for deletion (twice at once) while others sign again and re-confirm.
    leaving = [s.pk for s in signatures[:30]]
    work = [("delete", pk) for pk in leaving for _twice in range(2)]
    work += [("sign", s.email.upper()) for s in signatures[30:60]]
    work += [("confirm", (s.pk, email_digest(s.email))) for s in signatures[60:90]]

    def do(item):
        kind, value = item
        if kind == "delete":
            return services.delete_signatures(signature_ids=[value])
        if kind == "sign":
            return services.sign(action=action, email=value, language="fr").status
        return services.confirm(signature_id=value[0], digest=value[1]).newly_confirmed

    results = race(do, work)
    assert (
        sum(result for (kind, _v), result in zip(work, results, strict=True) if kind == "delete")
        == 30
    )
    remaining = Signature.objects.filter(tally__key=key, confirmed_at__isnull=False).count()
    assert remaining == ADDRESSES - 30
    assert ActionTally.objects.get(key=key).confirmed_count == remaining
