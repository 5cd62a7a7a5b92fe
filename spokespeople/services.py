"""Writes: offers to speak, the person's confirmation (their consent), staff listing them,
messages relayed from journalists, leaving (deletion) and the purge of unconfirmed offers."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from core.models.taxonomy import Region, Topic
from safeguards import links, mail

from .models import CONSENT_VERSION, Spokesperson

logger = logging.getLogger(__name__)

CONFIRM_SALT = "spokespeople.confirm"
LEAVE_SALT = "spokespeople.leave"


def _link(name, salt, person):
    token = links.make(salt, person.pk, person.email)
    with translation.override(person.language):
        return mail.site_base_url() + reverse(name, args=[token])


def leave_link(person: Spokesperson) -> str:
    """The signed link that removes ``person`` from the directory; in every mail to them."""
    return _link("spokespeople:leave", LEAVE_SALT, person)


def _source_terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs, locale__language_code=settings.LANGUAGE_CODE))


def offer(
    *,
    public_name: str,
    name_kind: str,
    bio: str,
    topic_slugs: list[str],
    region_slugs: list[str],
    languages: list[str],
    email: str,
    language: str,
) -> Spokesperson:
    """Keep an offer (unconfirmed) and mail the link that confirms it. Raises mail.MailError
    when the mail server refuses (nothing is kept then)."""
    with transaction.atomic():
        person = Spokesperson(
            public_name=public_name, name_kind=name_kind, bio=bio, email=email, language=language
        )
        person.language_codes = languages
        person.save()
        person.topics.set(_source_terms(Topic, topic_slugs))
        person.regions.set(_source_terms(Region, region_slugs))
        send_confirmation(person=person)
    return person


def send_confirmation(*, person: Spokesperson) -> None:
    """Mail ``person`` the link where they give their consent (an offer, or staff adding
    them). Raises mail.MailError."""
    mail.send(
        template="spokespeople/email/confirm",
        to=person.email,
        language=person.language,
        context={
            "name": person.public_name,
            "link": _link("spokespeople:confirm", CONFIRM_SALT, person),
            "leave": leave_link(person),
            "days": settings.PORTAL_SPOKESPEOPLE_LINK_DAYS,
        },
    )


def person_for_link(salt, token) -> Spokesperson | None:
    """The person a signed link was mailed to, or None (forged, expired, left, or the address
    changed since)."""
    max_age = settings.PORTAL_SPOKESPEOPLE_LINK_DAYS * 86400 if salt == CONFIRM_SALT else None
    try:
        person_id, value = links.read(salt, token, max_age=max_age)
    except links.BadLink:
        return None
    person = Spokesperson.objects.filter(pk=person_id).first()
    if person is None or not links.matches(person.email, value):
        return None
    return person


def confirm(*, person: Spokesperson) -> Spokesperson:
    """The person agrees, through the mailed link, to be listed: their consent is recorded
    (the text's version and the time) and staff are left to list them."""
    if person.status == Spokesperson.Status.UNCONFIRMED:
        now = timezone.now()
        person.status = Spokesperson.Status.CONFIRMED
        person.consent_version = CONSENT_VERSION
        person.consented_at = now
        person.confirmed_at = now
        person.save(update_fields=["status", "consent_version", "consented_at", "confirmed_at"])
    return person


def leave(*, person: Spokesperson) -> None:
    """The person leaves: their row and everything tied to it are deleted."""
    person.delete()


def relay(
    *, person: Spokesperson, name: str, outlet: str, email: str, message: str, language: str
) -> None:
    """Mail a journalist's message to a listed spokesperson, replies going to the journalist.
    Nothing of the message is kept. Raises mail.MailError."""
    mail.send(
        template="spokespeople/email/relay",
        to=person.email,
        language=person.language,
        reply_to=email,
        context={
            "person": person.public_name,
            "name": name,
            "outlet": outlet,
            "email": email,
            "message": message,
            "language": language,
            "leave": leave_link(person),
        },
    )


def tell_listed(person: Spokesperson) -> None:
    """Tell ``person`` they are now listed (with the link to leave)."""
    try:
        mail.send(
            template="spokespeople/email/listed",
            to=person.email,
            language=person.language,
            context={"name": person.public_name, "leave": leave_link(person)},
        )
    except mail.MailError:
        logger.warning("The listing of spokesperson %s was not mailed", person.pk)


def purge(*, now=None) -> int:
    """Delete offers left unconfirmed ``PORTAL_SPOKESPEOPLE_UNCONFIRMED_DAYS``; how many."""
    now = now or timezone.now()
    _total, per_model = Spokesperson.objects.filter(
        status=Spokesperson.Status.UNCONFIRMED,
        created_at__lt=now - datetime.timedelta(days=settings.PORTAL_SPOKESPEOPLE_UNCONFIRMED_DAYS),
    ).delete()
    return per_model.get(Spokesperson._meta.label, 0)


def save_by_staff(*, person: Spokesperson, new_address: bool, save_m2m) -> Spokesperson:
    """Staff add or edit a person. A new address (someone added, or an address changed) waits
    for its owner's consent: unlisted, its consent cleared, the confirmation link mailed once
    saved. Listing someone mails them the news, with the link to leave."""
    was_listed = (
        person.pk is not None
        and Spokesperson.objects.filter(pk=person.pk, status=Spokesperson.Status.LISTED).exists()
    )
    if new_address:
        person.status = Spokesperson.Status.UNCONFIRMED
        person.consent_version = ""
        person.consented_at = None
        person.confirmed_at = None
    with transaction.atomic():
        person.save()
        save_m2m()
        if new_address:
            transaction.on_commit(lambda: _invite(person))
        elif person.status == Spokesperson.Status.LISTED and not was_listed:
            transaction.on_commit(lambda: tell_listed(person))
    return person


def _invite(person):
    try:
        send_confirmation(person=person)
    except mail.MailError:
        logger.warning("The confirmation link of spokesperson %s was not mailed", person.pk)
