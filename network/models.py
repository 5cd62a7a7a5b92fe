"""An endorsement: a partner organisation stands behind a policy explainer (of one published
version) or has joined a campaign's coalition.

An endorsement is of the position, whatever the language it is read in: it names the source
page (the page in the language it was written in) and the revision of it that was live when
the partner endorsed it. The explainer is read in nine languages; the position is one.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Endorsement(models.Model):
    class Kind(models.TextChoices):
        ENDORSEMENT = "endorsement", _("endorses the position")
        COALITION = "coalition", _("member of the campaign's coalition")

    partner = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="positions_endorsed",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("position or campaign"),
        on_delete=models.CASCADE,
        related_name="endorsements",
        help_text=_("A policy explainer or a campaign, in the language it was written in."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version endorsed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The published revision the partner endorsed; set when it is recorded."),
    )
    statement = models.TextField(_("statement"), max_length=1000, blank=True)
    contact_email = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_(
            "An address of the organisation (a role address, not a person's), used only to "
            "invite it to renew when the position changes; removed when it withdraws."
        ),
    )
    language = models.CharField(_("language of the mails"), max_length=10, blank=True, default="")
    invited_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("invited to renew for"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(_("endorsed on"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-endorsed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "page"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_standing_endorsement_per_partner_and_page",
            )
        ]

    def __str__(self):
        return f"{self.partner} → {self.page}"

    @classmethod
    def kind_for(cls, page):
        """ENDORSEMENT for a policy explainer, COALITION for a campaign, else None."""
        return {
            "policyexplainerpage": cls.Kind.ENDORSEMENT,
            "campaignpage": cls.Kind.COALITION,
        }.get(page.specific_class._meta.model_name if page.specific_class else "")

    def clean(self):
        if self.page_id is not None:
            kind = self.kind_for(self.page)
            if kind is None:
                raise ValidationError(
                    {"page": _("Partners endorse policy explainers and join campaigns.")}
                )
            self.kind = kind
        if self.withdrawn_at and self.withdrawn_at < self.endorsed_at:
            raise ValidationError({"withdrawn_at": _("A withdrawal comes after the endorsement.")})


class EndorsementRequest(models.Model):
    """An organisation asks, through the public form, to endorse a position or join a
    campaign's coalition. It counts for nothing until its contact confirms by email, and shows
    nowhere until staff approve it (linking it to the organisation's partner profile).

    The contact address is kept to tell the organisation the outcome and, once approved, on the
    endorsement, to invite it to renew when the position changes; an unconfirmed request is
    deleted after ``PORTAL_NETWORK_UNCONFIRMED_DAYS``, a decided one loses its address after
    ``PORTAL_NETWORK_REQUEST_DAYS`` (``purge_endorsement_requests``)."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("waiting for the email confirmation")
        CONFIRMED = "confirmed", _("confirmed, waiting for staff")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("position or campaign"),
        on_delete=models.CASCADE,
        related_name="endorsement_requests",
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact address"), blank=True)
    statement = models.TextField(_("statement"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    partner = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name=_("partner profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation's profile in the partner directory; needed to approve."),
    )
    reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("endorsement request")
        verbose_name_plural = _("endorsement requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} → {self.page}"
