import re
import time

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from actions.models import CampaignAction
from safeguards.started import started_value


def demo_action(slug, language):
    return CampaignAction.objects.select_related("campaign", "locale").get(
        campaign__slug=slug, campaign__locale__language_code="en", locale__language_code=language
    )


def form_data(email="ana@example.org", **fields):
    """A submission as a person makes it: typed a minute after the page was shown."""
    return {
        "email": email,
        "consent": "on",
        "started": started_value(time.time() - 60),
        "website": "",
        **fields,
    }


def link_in(message):
    """The path of the one portal link in a mail."""
    found = re.findall(r"http://testserver(/\S+)", message.body)
    assert len(found) == 1, message.body
    return found[0]


def last_mail_to(address):
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no mail to {address}"
    return sent[-1]


def translated(language, text):
    """``text`` as the reader sees it in ``language`` (so tests hold once catalogues are full)."""
    with translation.override(language):
        return gettext(text)
