"""Writes: endorsements recorded, requested, confirmed, decided, renewed and withdrawn."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from safeguards import mail

from . import tokens
from .models import Endorsement, EndorsementRequest
from .selectors import earlier_endorsements, source_page

logger = logging.getLogger(__name__)


def record(
    *, partner, page, statement: str = "", contact_email: str = "", endorsed_at=None
) -> Endorsement:
    """Record that ``partner`` stands behind ``page`` (any translation of a policy explainer or
    campaign): of its source page, of the version live now."""
    endorsement = Endorsement(
        partner=partner, page=page, statement=statement, contact_email=contact_email
    )
    if endorsed_at is not None:
        endorsement.endorsed_at = endorsed_at
    prepare(endorsement)
    endorsement.full_clean()
    endorsement.save()
    return endorsement


def prepare(endorsement: Endorsement) -> None:
    """Name the source page, and the version live now when none is named yet."""
    if endorsement.page_id is None:
        return
    endorsement.page = source_page(endorsement.page)
    endorsement.kind = Endorsement.kind_for(endorsement.page) or ""
    if endorsement.revision_id is None:
        endorsement.revision_id = endorsement.page.live_revision_id


def withdraw(*, endorsement: Endorsement, at=None) -> Endorsement:
    """The partner no longer stands behind it: dated, and its contact address forgotten."""
    endorsement.withdrawn_at = at or timezone.now()
    endorsement.contact_email = ""
    endorsement.save(update_fields=["withdrawn_at", "contact_email"])
    return endorsement


# -- Requests through the public form ---------------------------------------------------------


def request_endorsement(
    *, page, organisation: str, website: str, contact_email: str, statement: str, language: str
) -> EndorsementRequest:
    """Keep the request (unconfirmed) and mail its confirmation link. Raises mail.MailError
    when the mail server refuses (the request is not kept then)."""
    with transaction.atomic():
        request = EndorsementRequest.objects.create(
            page=source_page(page),
            organisation=organisation,
            website=website,
            contact_email=contact_email,
            statement=statement,
            language=language,
        )
        token = tokens.make(tokens.CONFIRM_SALT, request.pk, contact_email)
        with translation.override(language):
            link = reverse("network:confirm", args=[token])
        mail.send(
            template="network/email/confirm",
            to=contact_email,
            language=language,
            context={
                "organisation": organisation,
                "title": page.title,
                "link": mail.site_base_url() + link,
                "days": settings.PORTAL_NETWORK_LINK_DAYS,
            },
        )
    return request


def confirm_request(*, request_id: int, digest: str) -> EndorsementRequest | None:
    """The contact followed the link: the request waits for staff. None when the link does
    not match a request (deleted, or mailed to another address)."""
    request = EndorsementRequest.objects.filter(pk=request_id).first()
    if request is None or not tokens.matches(request.contact_email, digest):
        return None
    if request.status == EndorsementRequest.Status.UNCONFIRMED:
        request.status = EndorsementRequest.Status.CONFIRMED
        request.save(update_fields=["status"])
    return request


def decide(*, request: EndorsementRequest) -> EndorsementRequest:
    """Save staff's decision; an approval records the endorsement (of the version live now)
    under the partner profile chosen. The organisation is told either way."""
    decided = request.status in (
        EndorsementRequest.Status.APPROVED,
        EndorsementRequest.Status.DECLINED,
    )
    with transaction.atomic():
        if decided and request.decided_at is None:
            request.decided_at = timezone.now()
            if request.status == EndorsementRequest.Status.APPROVED:
                existing = Endorsement.objects.filter(
                    partner=request.partner, page=request.page, withdrawn_at__isnull=True
                ).first()
                if existing is None:
                    endorsement = record(
                        partner=request.partner,
                        page=request.page,
                        statement=request.statement,
                        contact_email=request.contact_email,
                    )
                    endorsement.language = request.language
                    endorsement.save(update_fields=["language"])
            request.save()
            if request.contact_email:
                transaction.on_commit(lambda: _tell_decision(request))
        else:
            request.save()
    return request


def _tell_decision(request):
    page = source_page(request.page)
    translated = page.get_translation_or_none(_locale(request.language)) or page
    try:
        mail.send(
            template=f"network/email/{request.status}",
            to=request.contact_email,
            language=request.language,
            context={
                "organisation": request.organisation,
                "title": translated.title,
                "reason": request.reason,
                "link": mail.site_base_url() + (translated.url or ""),
            },
        )
    except mail.MailError:
        logger.warning("The decision on endorsement request %s was not mailed", request.pk)


def _locale(language):
    return Locale.objects.filter(language_code=language).first()


# -- A new version of a position ---------------------------------------------------------------


def invite_renewals(*, page) -> int:
    """Mail each organisation that endorsed an earlier version of ``page``'s position (and
    left an address) a link to endorse the current one, once per version. Returns how many
    were mailed."""
    sent = 0
    for endorsement in earlier_endorsements(page):
        if not endorsement.contact_email or endorsement.invited_revision_id == (
            endorsement.page.live_revision_id
        ):
            continue
        token = tokens.make(
            tokens.RENEW_SALT,
            endorsement.pk,
            endorsement.contact_email,
            extra=endorsement.page.live_revision_id,
        )
        language = endorsement.language or settings.LANGUAGE_CODE
        with translation.override(language):
            link = reverse("network:renew", args=[token])
        try:
            mail.send(
                template="network/email/renew",
                to=endorsement.contact_email,
                language=language,
                context={
                    "organisation": endorsement.partner.title,
                    "title": endorsement.page.title,
                    "link": mail.site_base_url() + link,
                    "days": settings.PORTAL_NETWORK_LINK_DAYS,
                },
            )
        except mail.MailError:
            logger.warning(
                "The renewal invitation of endorsement %s was not mailed", endorsement.pk
            )
            continue
        Endorsement.objects.filter(pk=endorsement.pk).update(
            invited_revision_id=endorsement.page.live_revision_id
        )
        sent += 1
    return sent


def renew(*, endorsement_id: int, digest: str, revision_id) -> Endorsement | None:
    """The organisation endorses the version it was invited to (the live one, if that has not
    changed again since). None when the link does not match a standing endorsement."""
    endorsement = (
        Endorsement.objects.filter(pk=endorsement_id, withdrawn_at__isnull=True)
        .select_related("page")
        .first()
    )
    if endorsement is None or not tokens.matches(endorsement.contact_email, digest):
        return None
    if endorsement.page.live_revision_id != revision_id:
        return None
    endorsement.revision_id = revision_id
    endorsement.endorsed_at = timezone.now()
    endorsement.save(update_fields=["revision", "endorsed_at"])
    return endorsement


# -- Retention ----------------------------------------------------------------------------------


def purge_requests(*, now=None) -> tuple[int, int]:
    """Delete unconfirmed requests past ``PORTAL_NETWORK_UNCONFIRMED_DAYS``; forget the address
    of requests decided ``PORTAL_NETWORK_REQUEST_DAYS`` ago. Returns (deleted, emptied)."""
    now = now or timezone.now()
    deleted, _rows = EndorsementRequest.objects.filter(
        status=EndorsementRequest.Status.UNCONFIRMED,
        created_at__lt=now - datetime.timedelta(days=settings.PORTAL_NETWORK_UNCONFIRMED_DAYS),
    ).delete()
    emptied = (
        EndorsementRequest.objects.filter(
            decided_at__lt=now - datetime.timedelta(days=settings.PORTAL_NETWORK_REQUEST_DAYS)
        )
        .exclude(contact_email="")
        .update(contact_email="")
    )
    return deleted, emptied
