"""Demo actions: three campaigns get one each, written in every language their campaign has,
translated through wagtail-localize like the rest of the demo (the loader's ``translate_all``).
Safe to run again: an action that exists is left alone, and only missing translations are made.
"""

import json
from pathlib import Path

from django.conf import settings

from actions.factories import CampaignActionFactory
from actions.models import CampaignAction

DATA = Path(__file__).resolve().parent / "data" / "actions.json"
TEXT_FIELDS = ("title", "intro", "consent_text", "thank_you_text", "share_text")


def text_fields(text):
    return {name: text[name] for name in TEXT_FIELDS}


def load_actions(loader):
    """Give the loader's campaigns their demo actions (``loader`` is demo's DemoLoader)."""
    with open(DATA, encoding="utf-8") as handle:
        items = json.load(handle)
    for item in items:
        campaign = loader.campaigns.get(item["campaign"])
        if campaign is None:  # loaded with --limit
            continue
        action = CampaignAction.objects.filter(
            campaign=campaign, locale=loader.source_locale
        ).first()
        if action is None:
            action = CampaignActionFactory(
                campaign=campaign,
                locale=loader.source_locale,
                **item["settings"],
                **text_fields(item["content"][settings.LANGUAGE_CODE]),
            )
            loader.counts["created"] += 1
        loader.write(f"  action on {item['campaign']}")
        loader.translate_all(
            action, item["content"], text_fields, label=f"action on {item['campaign']}"
        )
