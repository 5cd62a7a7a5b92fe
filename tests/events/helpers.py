import datetime
import re
import time

from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from agenda.factories import EventPageFactory
from agenda.models import EventIndexPage, EventPage
from safeguards.started import started_value


def demo_event(slug, language="en"):
    return EventPage.objects.get(slug=slug, locale__language_code=language)


def index(language="en"):
    return EventIndexPage.objects.get(locale__language_code=language)


def new_event(*, days=3, hours=1, **fields):
    start = timezone.now() + datetime.timedelta(days=days)
    return EventPageFactory(
        parent=index(),
        start=start,
        end=start + datetime.timedelta(hours=hours),
        **fields,
    )


def form_data(email="ana@example.org", **fields):
    """A submission as a person makes it: typed a minute after the page was shown."""
    return {"email": email, "started": started_value(time.time() - 60), "website": "", **fields}


def link_in(message):
    found = re.findall(r"http://testserver(/\S+)", message.body)
    assert found, message.body
    return found[0]


def last_mail_to(address):
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no mail to {address}"
    return sent[-1]


def translated(language, text):
    with translation.override(language):
        return gettext(text)
