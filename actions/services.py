"""Signing, confirming and deleting signatures, and purging personal data.

The confirmed count is an F() update made in the same transaction as the change of state of
one signature row, guarded by that row: a signature is inserted once per (action, address)
thanks to a unique constraint, confirmed by an UPDATE that matches only while it is
unconfirmed, and deleted under a row lock. However many requests race, each confirmed
signature is counted exactly once.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from safeguards import mail as emails

from . import tokens
from .models import ActionTally, CampaignAction, Signature
from .selectors import action_in_language
from .signals import campaign_actions_changed

NEW, PENDING, ALREADY = "new", "pending", "already"
# A repeat submission re-sends its mail at most this often (seconds).
RESEND_INTERVAL = 60


class ActionClosed(Exception):
    """The action no longer takes signatures."""


@dataclass(frozen=True)
class SignOutcome:
    signature: Signature
    status: str  # NEW, PENDING (signed before, not confirmed yet) or ALREADY (confirmed)
    # This submission's language and details, carried by its confirmation link.
    language: str = ""
    details: dict | None = None


@dataclass(frozen=True)
class ConfirmOutcome:
    signature: Signature
    newly_confirmed: bool


@dataclass(frozen=True)
class PurgeReport:
    actions: int
    signatures: int
    unconfirmed: int


def tally_for(action: CampaignAction) -> ActionTally:
    tally, _created = ActionTally.objects.get_or_create(key=action.translation_key)
    return tally


def sign(
    *,
    action: CampaignAction,
    email: str,
    language: str,
    name: str = "",
    country: str = "",
    comment: str = "",
) -> SignOutcome:
    """Record an unconfirmed signature, or find the one this address already made."""
    if not action.accepts_signatures:
        raise ActionClosed
    email = emails.normalize_email(email)
    details = {
        "name": name if action.collects_name else "",
        "country": country if action.collects_country else "",
        "comment": comment if action.collects_comment else "",
    }
    tally = tally_for(action)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                signature = Signature.objects.create(
                    tally=tally, email=email, language=language, **details
                )
            return SignOutcome(signature=signature, status=NEW, language=language, details=details)
        except IntegrityError:
            signature = Signature.objects.filter(tally=tally, email=email).first()
        if signature is not None:
            break
    else:  # pragma: no cover - the row vanished three times in a row
        raise IntegrityError("Could not record the signature.")
    if signature.is_confirmed:
        return SignOutcome(signature=signature, status=ALREADY, language=language)
    # Not confirmed yet: the stored details stand. Anyone who knows an address can submit it,
    # so a new submission's details travel in its own confirmation link, sent to the address,
    # and replace the stored ones only if its owner confirms through that link.
    return SignOutcome(signature=signature, status=PENDING, language=language, details=details)


def notify_signer(*, outcome: SignOutcome, action: CampaignAction) -> bool:
    """Mail the confirmation link, or a welcome back to those who already signed.

    Returns False when a mail went to this signature less than a minute ago (nothing sent).
    Raises emails.MailError when the mail server refuses.
    """
    signature = outcome.signature
    # False: a mail went out less than RESEND_INTERVAL ago. None: the cache is unreachable
    # (django-redis ignoring the error), and the mail is sent rather than lost.
    if cache.add(f"actions:mailed:{signature.pk}", 1, timeout=RESEND_INTERVAL) is False:
        return False
    language = outcome.language or signature.language
    action = action_in_language(action, language)
    with translation.override(language):
        if outcome.status == ALREADY:
            template = "already_signed"
            link = reverse("actions:my_data")
        else:
            template = "confirm"
            token = tokens.confirmation_token(signature, language=language, details=outcome.details)
            link = reverse("actions:confirm", args=[token])
    try:
        emails.send(
            template=f"actions/email/{template}",
            to=signature.email,
            language=language,
            context={
                "action": action,
                "link": emails.site_base_url() + link,
                "days": settings.PORTAL_ACTIONS_CONFIRMATION_DAYS,
            },
        )
    except emails.MailError:
        cache.delete(f"actions:mailed:{signature.pk}")
        raise
    return True


def confirm(
    *, signature_id: int, digest: str, submitted: dict | None = None
) -> ConfirmOutcome | None:
    """Confirm a signature from its link; None when the link matches no signature.

    ``submitted``: the language and details of the submission the link was sent for, written
    with the confirmation (the signer chose them: the link went to their address)."""
    signature = Signature.objects.filter(pk=signature_id).first()
    if signature is None or not tokens.matches(signature, digest):
        return None
    with transaction.atomic():
        updated = Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now(), **(submitted or {})
        )
        if updated:
            ActionTally.objects.filter(pk=signature.tally_id).update(
                confirmed_count=F("confirmed_count") + 1
            )
            _count_changed(signature.tally_id)
    return ConfirmOutcome(signature=signature, newly_confirmed=bool(updated))


def _count_changed(tally_id):
    """Pages served from the page cache show the new count from the next view on
    (``caching.invalidation`` purges them once the transaction commits)."""
    keys = ActionTally.objects.filter(pk=tally_id).values("key")
    campaign_actions_changed.send(
        sender=Signature,
        campaign_ids=CampaignAction.objects.filter(translation_key__in=keys).values_list(
            "campaign_id", flat=True
        ),
    )


def delete_signatures(*, signature_ids: list[int]) -> int:
    """Delete signatures, taking confirmed ones off their count. Returns how many went."""
    deleted = 0
    for pk in signature_ids:
        with transaction.atomic():
            signature = Signature.objects.select_for_update().filter(pk=pk).first()
            if signature is None:
                continue
            if signature.is_confirmed:
                ActionTally.objects.filter(pk=signature.tally_id).update(
                    confirmed_count=F("confirmed_count") - 1
                )
                _count_changed(signature.tally_id)
            Signature.objects.filter(pk=pk).delete()
            deleted += 1
    return deleted


def request_data_link(*, email: str, language: str) -> None:
    """Mail a link to see and delete one's signatures, if this address has any.

    Run as a task (``actions.tasks``), enqueued the same way for every address: the request
    does the same work whether or not the address has signed, so neither its answer nor its
    timing tells.
    """
    email = emails.normalize_email(email)
    signatures = list(Signature.objects.filter(email=email).order_by("pk"))
    if not signatures:
        return
    with translation.override(language):
        link = reverse("actions:my_data_detail", args=[tokens.data_token(signatures)])
    emails.send(
        template="actions/email/data_link",
        to=email,
        language=language,
        context={
            "link": emails.site_base_url() + link,
            "hours": settings.PORTAL_ACTIONS_DATA_LINK_HOURS,
        },
    )


@transaction.atomic
def purge_personal_data(*, today: datetime.date | None = None) -> PurgeReport:
    """Delete the personal data that is no longer needed, keeping the counts. Idempotent.

    - every signature of an action whose campaign ended ``retention_days`` ago or more;
    - every signature of an action that no longer exists in any language;
    - unconfirmed signatures whose confirmation link has expired.
    """
    today = today or timezone.localdate()
    due_keys = set()
    live_keys = set()
    for action in CampaignAction.objects.select_related("campaign").order_by("pk"):
        live_keys.add(action.translation_key)
        purge_date = action.purge_date
        if purge_date is not None and purge_date <= today:
            due_keys.add(action.translation_key)
    due = ActionTally.objects.filter(key__in=due_keys) | ActionTally.objects.exclude(
        key__in=live_keys
    )
    due_ids = list(due.values_list("pk", flat=True))
    signatures, _by_model = Signature.objects.filter(tally_id__in=due_ids).delete()
    newly_purged = ActionTally.objects.filter(pk__in=due_ids, purged_at__isnull=True).update(
        purged_at=timezone.now()
    )
    expired = timezone.now() - datetime.timedelta(days=settings.PORTAL_ACTIONS_CONFIRMATION_DAYS)
    unconfirmed, _by_model = Signature.objects.filter(
        confirmed_at__isnull=True, created_at__lt=expired
    ).delete()
    return PurgeReport(actions=newly_purged, signatures=signatures, unconfirmed=unconfirmed)
