"""Contributed stories, proposals of advocacy, and the contact details kept apart from them.

A submission holds no personal data beyond what its author chose to show (the attribution is on
the draft story page, as they chose it). An email address, when one is given, lives in its own
row (``StatusContact``), used only to tell its owner what happened, and deleted
``PORTAL_CONTRIBUTIONS_CONTACT_DAYS`` after the decision (``purge_contributions``).
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_secret():
    return secrets.token_urlsafe(18)


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")
    ACCEPTED = "accepted", _("Accepted")


class StorySubmission(models.Model):
    """A story an advocate sent in: the draft page it became and the moderators' decision."""

    page = models.OneToOneField(
        "stories.StoryPage",
        verbose_name=_("draft story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )
    language = models.CharField(_("language"), max_length=10)
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("contributed story")
        verbose_name_plural = _("contributed stories")
        ordering = ["-created_at"]

    def __str__(self):
        return self.page.title if self.page_id else str(_("Contributed story"))

    @property
    def decided_at(self):
        return self.declined_at or self.published_at


class ProposalKind(models.TextChoices):
    CAMPAIGN = "campaign", _("A campaign")
    THREAT = "threat", _("A policy threat")


class NameMode(models.TextChoices):
    NAMED = "named", _("Named")
    PSEUDONYMOUS = "pseudonymous", _("Pseudonymous")


class Proposal(models.Model):
    """A proposed campaign or a reported policy threat, triaged by staff."""

    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    title = models.CharField(_("what"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    why_now = models.TextField(_("why now"))
    links = models.TextField(_("links"), blank=True)
    name_mode = models.CharField(
        _("attribution"), max_length=20, choices=NameMode.choices, default=NameMode.PSEUDONYMOUS
    )
    name = models.CharField(_("name or pen name"), max_length=120)
    language = models.CharField(_("language"), max_length=10)
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[(s, s.label) for s in (Status.RECEIVED, Status.ACCEPTED, Status.DECLINED)],
        default=Status.RECEIVED,
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("draft campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )

    class Meta:
        verbose_name = _("advocacy proposal")
        verbose_name_plural = _("advocacy proposals")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class StatusContact(models.Model):
    """An email address given for status mails, of one submission or one proposal. Nothing
    but the confirmation is sent before ``confirmed_at``."""

    submission = models.OneToOneField(
        StorySubmission, null=True, on_delete=models.CASCADE, related_name="contact"
    )
    proposal = models.OneToOneField(
        Proposal, null=True, on_delete=models.CASCADE, related_name="contact"
    )
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_mailed_status = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(submission__isnull=False, proposal__isnull=True)
                | models.Q(submission__isnull=True, proposal__isnull=False),
                name="contact_of_one_contribution",
            )
        ]

    def __str__(self):
        return f"contact #{self.pk}"  # never the address, in logs or the admin

    @property
    def contribution(self):
        return self.submission if self.submission_id else self.proposal
