"""A digest email to each language's translators when new work has entered their queue.

Run by the scheduler (``manage.py send_translation_digests``), say daily: one message per
language per run, however many pages changed; nothing when nothing is new. Translators'
addresses go in Bcc, so they are not shown to one another.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from .models import LocaleRole, TranslationDigest
from .selectors import queue


def send_digests(*, now=None):
    """Send the digests that are due. Returns the number of messages sent."""
    now = now or timezone.now()
    sent = 0
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE):
        digest, created = TranslationDigest.objects.get_or_create(
            locale=locale, defaults={"sent_through": now}
        )
        if created:
            continue  # the first run marks the starting point
        new_work = list(
            queue(locale)
            .filter(state__in=["missing", "outdated"])
            .filter(last_published_at__gt=digest.sent_through, last_published_at__lte=now)
        )
        recipients = list(
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__locale_role__locale=locale,
                groups__locale_role__role=LocaleRole.Role.TRANSLATOR,
            )
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if new_work and recipients:
            _send(locale, new_work, recipients)
            sent += 1
        digest.sent_through = now
        digest.save(update_fields=["sent_through"])
    return sent


def _send(locale, items, recipients):
    queue_url = settings.WAGTAILADMIN_BASE_URL + reverse("translations:queue")
    with translation.override(locale.language_code):
        context = {
            "items": items,
            "queue_url": f"{queue_url}?locale={locale.language_code}",
            "language": locale.get_display_name(),
        }
        subject = render_to_string("translations/digest_subject.txt", context).strip()
        body = render_to_string("translations/digest_body.txt", context)
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    ).send()
