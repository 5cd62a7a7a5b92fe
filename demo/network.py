"""The demo's network: partners standing behind positions (some of an earlier version, one
withdrawn) and a coalition on a live campaign."""

import datetime

from django.utils import timezone

from wagtail.models import PageLogEntry

from network.models import Endorsement
from network.services import record, withdraw

# (explainer, partner, statement, which published version: 0 the first, -1 the live one)
ENDORSEMENTS = [
    (
        "copyright-reform",
        "open-shelf-alliance",
        "Libraries lend what they buy; this position says so plainly.",
        -1,
    ),
    ("copyright-reform", "red-abierta", "Respaldamos cada una de estas demandas.", -1),
    ("copyright-reform", "scholars-for-open-science", "", -1),
    (
        "copyright-reform",
        "pacific-commons-lab",
        "We endorsed the position before its sections on upload filters were rewritten.",
        1,
    ),
    ("copyright-reform", "savanna-digital-rights", "", 0),
    ("net-neutrality", "south-asia-open-knowledge-forum", "", -1),
    ("net-neutrality", "savanna-digital-rights", "", -1),
    ("privacy-and-surveillance", "cedar-press-freedom-network", "", -1),
]
WITHDRAWN = [("net-neutrality", "lumen-fact-check-network", 0, 200)]  # days ago it withdrew
COALITION = ("no-upload-filters", ["red-abierta", "open-shelf-alliance", "pacific-commons-lab"])


def load_network(loader):
    """A partial load (``--limit``) leaves out what its pages or partners were not loaded."""
    if Endorsement.objects.exists():
        return
    for slug, partner, statement, version in ENDORSEMENTS:
        if slug in loader.explainers and partner in loader.partners:
            _endorse(loader, slug, partner, statement, version)
    for slug, partner, version, days in WITHDRAWN:
        if slug in loader.explainers and partner in loader.partners:
            endorsement = _endorse(loader, slug, partner, "", version)
            withdraw(endorsement=endorsement, at=timezone.now() - datetime.timedelta(days=days))
    campaign, partners = COALITION
    if campaign in loader.campaigns:
        for partner in partners:
            if partner in loader.partners:
                record(partner=loader.partners[partner], page=loader.campaigns[campaign])


def _endorse(loader, slug, partner, statement, version):
    """Record the endorsement of the ``version``-th published version of the explainer, ten
    days after that version was published (as the change log dates it)."""
    page = loader.explainers[slug]
    published = list(
        PageLogEntry.objects.filter(page=page, action="wagtail.publish")
        .exclude(revision__isnull=True)
        .order_by("timestamp", "pk")
        .values_list("revision_id", "timestamp")
    )
    revision_id, published_at = published[version]
    endorsement = record(partner=loader.partners[partner], page=page, statement=statement)
    endorsement.revision_id = revision_id
    endorsement.endorsed_at = min(timezone.now(), published_at + datetime.timedelta(days=10))
    endorsement.save(update_fields=["revision", "endorsed_at"])
    return endorsement
