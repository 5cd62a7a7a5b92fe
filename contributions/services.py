"""Business operations: contributing a story, proposing advocacy, the decisions on them, the
status mails and the purge of contact details."""

import contextlib
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import WorkflowPage, WorkflowState

from campaigns.models import CampaignIndexPage, CampaignPage, CampaignStatus
from core.models import Region, Topic
from safeguards.mail import MailError, send, site_base_url
from stories.models import AuthorMode, StoryIndexPage, StoryPage

from . import images, tokens
from .models import Proposal, Status, StatusContact, StorySubmission


class NoIndex(Exception):
    """The language has no stories (or campaigns) index to file the draft under."""


class AlreadyDecided(Exception):
    """The contribution was decided on already."""


def paragraphs(text):
    """Plain text as rich text: one paragraph per blank-line separated block, escaped."""
    blocks = [" ".join(block.split()) for block in (text or "").replace("\r", "").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def free_slug(parent, title, fallback):
    """A slug for a new child of ``parent``: from the title where it has Latin letters or
    digits (slugs are ASCII), else ``fallback``; ``-2``, ``-3`` … when taken."""
    base = slugify(title)[:60].strip("-") or fallback
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def moderation_workflow(page):
    """The Moderators' workflow (the one on the root page, Wagtail's "Moderators approval"),
    for contributions in every language: a contributed story is new content to moderate, not
    a translation for the language's reviewers. The page's own workflow where there is none."""
    assignment = (
        WorkflowPage.objects.filter(page__depth=1, workflow__active=True)
        .select_related("workflow")
        .first()
    )
    return assignment.workflow if assignment is not None else page.get_workflow()


@transaction.atomic
def submit_story(
    *,
    language: str,
    title: str,
    outcome: str,
    date: datetime.date,
    context: str,
    methods_used: str,
    what_happened: str,
    evidence: list[tuple[str, str]],
    lessons: list[str],
    region_ids: list[int],
    topic_ids: list[int],
    author_mode: str,
    author_name: str,
    email: str = "",
    image=None,
) -> StorySubmission:
    """A draft story in ``language`` under that language's stories index, submitted to the
    moderators; nothing is published until they do."""
    index = StoryIndexPage.objects.filter(locale__language_code=language).first()
    if index is None:
        raise NoIndex(language)
    page = StoryPage(
        title=title,
        slug=free_slug(index, title, "story"),
        locale=index.locale,
        live=False,
        outcome=outcome,
        date=date,
        context=paragraphs(context),
        methods_used=paragraphs(methods_used),
        what_happened=paragraphs(what_happened),
        evidence=[("link", {"title": name, "url": url}) for name, url in evidence],
        lessons=[("lesson", lesson) for lesson in lessons],
        author_mode=author_mode,
        author_name="" if author_mode == AuthorMode.ANONYMOUS else author_name,
    )
    page.topics = list(Topic.objects.filter(pk__in=topic_ids))
    page.regions = list(Region.objects.filter(pk__in=region_ids))
    if image is not None:
        page.listing_image = get_image_model().objects.create(
            title=title[:255], file=images.stripped(image)
        )
    index.add_child(instance=page)
    page.save_revision(user=None)
    moderation_workflow(page).start(page, None)
    submission = StorySubmission.objects.create(page=page, language=language)
    if email:
        _add_contact(submission=submission, email=email, language=language)
    return submission


@transaction.atomic
def submit_proposal(
    *,
    language: str,
    kind: str,
    title: str,
    country: str,
    why_now: str,
    links: str,
    name_mode: str,
    name: str,
    email: str = "",
) -> Proposal:
    proposal = Proposal.objects.create(
        language=language,
        kind=kind,
        title=title,
        country=country,
        why_now=why_now,
        links=links,
        name_mode=name_mode,
        name=name,
    )
    if email:
        _add_contact(proposal=proposal, email=email, language=language)
    return proposal


def _add_contact(*, email, language, **contribution):
    contact = StatusContact.objects.create(email=email, language=language, **contribution)
    transaction.on_commit(lambda: _send_confirmation(contact))
    return contact


def _send_confirmation(contact):
    link = site_base_url() + _localized(
        contact.language, "contributions:confirm", tokens.confirm_token(contact)
    )
    # The status link on the thanks page works without the mail.
    with contextlib.suppress(MailError):
        send(
            template="contributions/email/confirm",
            to=contact.email,
            language=contact.language,
            context={"link": link, "days": settings.PORTAL_CONTRIBUTIONS_CONFIRMATION_DAYS},
        )


def _localized(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


# -- status ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusView:
    code: str
    label: str
    url: str = ""
    reason: str = ""


def story_status(submission) -> StatusView:
    """What the contributor sees: received (nobody has acted yet), in review (a moderator has
    edited, locked or sent it back), published (with its link), or declined (with the reason)."""
    page = submission.page
    if submission.declined_at is not None or page is None:
        return StatusView(Status.DECLINED, Status.DECLINED.label, reason=submission.decline_reason)
    if page.live:
        return StatusView(Status.PUBLISHED, Status.PUBLISHED.label, url=page.url or "")
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .first()
    )
    revision = page.latest_revision
    untouched = state is not None and not page.locked and (revision is None or not revision.user_id)
    if untouched:
        return StatusView(Status.RECEIVED, Status.RECEIVED.label)
    return StatusView(Status.IN_REVIEW, Status.IN_REVIEW.label)


def proposal_status(proposal) -> StatusView:
    if proposal.status == Status.ACCEPTED:
        return StatusView(Status.ACCEPTED, Status.ACCEPTED.label, reason=proposal.reason)
    if proposal.status == Status.DECLINED:
        return StatusView(Status.DECLINED, Status.DECLINED.label, reason=proposal.reason)
    return StatusView(Status.RECEIVED, Status.RECEIVED.label)


def status_of(contribution) -> StatusView:
    if isinstance(contribution, Proposal):
        return proposal_status(contribution)
    return story_status(contribution)


# -- decisions ---------------------------------------------------------------------------------


@transaction.atomic
def decline_story(*, submission: StorySubmission, reason: str, user) -> None:
    """Declined with a reason the contributor reads; the draft leaves the moderators' queue."""
    if submission.declined_at is not None or (submission.page and submission.page.live):
        raise AlreadyDecided
    submission.decline_reason = reason
    submission.declined_at = timezone.now()
    submission.save(update_fields=["decline_reason", "declined_at"])
    if submission.page is not None and (state := submission.page.current_workflow_state):
        state.cancel(user=user)
    _forget_picture(submission.page)
    transaction.on_commit(lambda: notify(submission))


def _forget_picture(page) -> None:
    """A declined story's picture is deleted (file and renditions): it was sent for this story
    only, and may show who or where the contributor is."""
    if page is None or page.listing_image_id is None:
        return
    picture = page.listing_image
    page.listing_image = None
    page.save_revision(user=None, log_action=False)
    StoryPage.objects.filter(pk=page.pk).update(listing_image=None)
    picture.delete()


def story_published(page) -> None:
    """Called when a page is published: the contributed story's decision is made."""
    submission = StorySubmission.objects.filter(page=page, published_at__isnull=True).first()
    if submission is None:
        return
    submission.published_at = timezone.now()
    submission.save(update_fields=["published_at"])
    transaction.on_commit(lambda: notify(submission))


@transaction.atomic
def accept_proposal(*, proposal: Proposal, user, reason: str = "") -> CampaignPage:
    """A draft campaign in the proposal's language, linked to the proposal."""
    if proposal.status != Status.RECEIVED:
        raise AlreadyDecided
    index = CampaignIndexPage.objects.filter(locale__language_code=proposal.language).first()
    if index is None:
        raise NoIndex(proposal.language)
    campaign = CampaignPage(
        title=proposal.title,
        slug=free_slug(index, proposal.title, "campaign"),
        locale=index.locale,
        live=False,
        status=CampaignStatus.PLANNED,
        summary=" ".join(proposal.why_now.split())[:500],
        body=[("paragraph", paragraphs(proposal.why_now))],
    )
    index.add_child(instance=campaign)
    campaign.save_revision(user=user)
    proposal.status = Status.ACCEPTED
    proposal.reason = reason
    proposal.decided_at = timezone.now()
    proposal.campaign = campaign
    proposal.save(update_fields=["status", "reason", "decided_at", "campaign"])
    transaction.on_commit(lambda: notify(proposal))
    return campaign


@transaction.atomic
def decline_proposal(*, proposal: Proposal, reason: str, user) -> None:
    if proposal.status != Status.RECEIVED:
        raise AlreadyDecided
    proposal.status = Status.DECLINED
    proposal.reason = reason
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "reason", "decided_at"])
    transaction.on_commit(lambda: notify(proposal))


# -- contacts ----------------------------------------------------------------------------------


def contact_for_link(*, kind: str, pk: int, contact_id: int, secret: str):
    """The contact a confirmation link was made for, or None."""
    model = Proposal if kind == "proposal" else StorySubmission
    contribution = model.objects.filter(pk=pk).first()
    if not tokens.secret_matches(contribution, secret):
        return None
    contact = getattr(contribution, "contact", None)
    if contact is None or contact.pk != contact_id:
        return None
    return contact


def confirm_contact(*, contact: StatusContact) -> bool:
    """Confirm the address; True when it was not confirmed before. The status link is mailed
    now, then at each change."""
    if contact.confirmed_at is not None:
        return False
    contact.confirmed_at = timezone.now()
    contact.save(update_fields=["confirmed_at"])
    transaction.on_commit(lambda: notify(contact.contribution))
    return True


def notify(contribution) -> bool:
    """Mail the contributor the current status with the status link, if they gave and
    confirmed an address and were not told this status before. True when a mail went."""
    contact = StatusContact.objects.filter(
        **{"proposal" if isinstance(contribution, Proposal) else "submission": contribution},
        confirmed_at__isnull=False,
    ).first()
    if contact is None:
        return False
    status = status_of(contribution)
    if contact.last_mailed_status == status.code:
        return False
    link = site_base_url() + _localized(
        contact.language, "contributions:status", tokens.status_token(contribution)
    )
    page_url = status.url
    if page_url.startswith("/"):
        page_url = site_base_url() + page_url
    try:
        send(
            template="contributions/email/status",
            to=contact.email,
            language=contact.language,
            context={"status": status, "link": link, "page_url": page_url},
        )
    except MailError:
        return False
    contact.last_mailed_status = status.code
    contact.save(update_fields=["last_mailed_status"])
    return True


def purge_contacts(*, now=None) -> int:
    """Delete the contact details no longer needed: unconfirmed ones once their link has
    expired, and the others ``PORTAL_CONTRIBUTIONS_CONTACT_DAYS`` after the decision (or after
    the story's page was deleted). Returns how many were deleted."""
    now = now or timezone.now()
    unconfirmed = now - datetime.timedelta(days=settings.PORTAL_CONTRIBUTIONS_CONFIRMATION_DAYS)
    decided = now - datetime.timedelta(days=settings.PORTAL_CONTRIBUTIONS_CONTACT_DAYS)
    doomed = StatusContact.objects.filter(
        Q(confirmed_at__isnull=True, created_at__lt=unconfirmed)
        | Q(submission__declined_at__lt=decided)
        | Q(submission__published_at__lt=decided)
        | Q(submission__isnull=False, submission__page__isnull=True, created_at__lt=decided)
        | Q(proposal__decided_at__lt=decided)
    )
    count, _by_model = doomed.delete()
    return count
