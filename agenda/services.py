"""Registering for an event: double opt-in, one registration per address and event (in every
language), purged once the event is over."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from safeguards import mail

from . import tokens
from .models import EventPage, Registration


class RegistrationClosed(Exception):
    """The event is over or no longer takes registrations on this site."""


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    already_confirmed: bool


def register(*, event: EventPage, email: str, language: str) -> Outcome:
    """An unconfirmed registration of ``email`` for ``event`` (or the one it already has):
    nothing counts until the address's owner follows the emailed link."""
    if not event.takes_registrations:
        raise RegistrationClosed
    found = Registration.objects.filter(event_key=event.translation_key, email=email).first()
    if found is None:
        try:
            with transaction.atomic():
                found = Registration.objects.create(
                    event=event, event_key=event.translation_key, email=email, language=language
                )
        except IntegrityError:  # registered at the same moment by another request
            found = Registration.objects.get(event_key=event.translation_key, email=email)
    return Outcome(registration=found, already_confirmed=found.is_confirmed)


def notify(*, outcome: Outcome, event: EventPage, language: str) -> None:
    """The confirmation link, or word that the address is registered already: the same
    answer on the site either way, so the form tells nobody who registered."""
    registration = outcome.registration
    with translation.override(language):
        link = mail.site_base_url() + reverse(
            "events:confirm", args=[tokens.confirmation_token(registration)]
        )
        event_url = mail.site_base_url() + (event.get_url() or "")
    template = "events/email/already" if outcome.already_confirmed else "events/email/confirm"
    mail.send(
        template=template,
        to=registration.email,
        language=language,
        context={
            "event": event,
            "link": link,
            "event_url": event_url,
            "days": settings.PORTAL_ACTIONS_CONFIRMATION_DAYS,
        },
    )


def confirm(*, registration_id: int, digest: str) -> Registration | None:
    """Confirm the registration the link was sent for; None where the link matches none."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().filter(pk=registration_id).first()
        if registration is None or not tokens.matches(registration, digest):
            return None
        if registration.confirmed_at is None:
            registration.confirmed_at = timezone.now()
            registration.save(update_fields=["confirmed_at"])
    return registration


def purge_event_registrations(*, now: datetime.datetime | None = None) -> int:
    """Delete the registrations of events over for ``PORTAL_EVENTS_REGISTRATION_KEEP_HOURS``,
    and those never confirmed within the confirmation link's life. Returns how many."""
    now = now or timezone.now()
    over = now - datetime.timedelta(hours=settings.PORTAL_EVENTS_REGISTRATION_KEEP_HOURS)
    unconfirmed = now - datetime.timedelta(days=settings.PORTAL_ACTIONS_CONFIRMATION_DAYS)
    ended_keys = EventPage.objects.filter(end__lte=over).values("translation_key")
    deleted, _by_model = Registration.objects.filter(event_key__in=ended_keys).delete()
    stale, _by_model = Registration.objects.filter(
        confirmed_at__isnull=True, created_at__lt=unconfirmed
    ).delete()
    return deleted + stale
