"""An action readers take on a campaign: a petition, a pledge or a sign-up.

The action is a translatable snippet rather than an inline of the campaign page. wagtail-localize
translates a snippet on its own (its text becomes one translation job, its settings are
synchronised), and the action keeps one identity, its ``translation_key``, across languages and
across revisions of the campaign page: the signatures and the count hang off that key (see
``ActionTally``), so a page revision, a restored draft or a re-synchronised translation never
touches them. Inline children of a page get new rows in each translation and are re-created by
revisions, which would tie signatures to rows that come and go.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

# Campaigns in these states still gather support; won, lost and archived ones do not.
OPEN_CAMPAIGN_STATUSES = ("planned", "live", "stalled")


class ActionKind(models.TextChoices):
    PETITION = "petition", _("Petition")
    PLEDGE = "pledge", _("Pledge")
    SIGN_UP = "sign-up", _("Sign-up")


def new_public_id():
    """A public id nobody can guess or walk: 96 random bits, URL-safe."""
    return secrets.token_urlsafe(12)


class CampaignAction(TranslatableMixin, models.Model):
    # The action in public URLs and page anchors, shared by its translations (copied with
    # them, like the translation key); the primary key stays internal.
    public_id = models.CharField(
        _("public id"), max_length=32, default=new_public_id, editable=False, db_index=True
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="campaign_actions",
        help_text=_("Shown on this campaign's page, in every language it is translated into."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ActionKind.choices, default=ActionKind.PETITION
    )
    title = models.CharField(_("title"), max_length=160)
    intro = models.TextField(_("introduction"), blank=True)
    consent_text = models.TextField(
        _("consent text"),
        help_text=_("What signers agree to. They tick a box with this text before signing."),
    )
    thank_you_text = models.TextField(
        _("thank-you text"), blank=True, help_text=_("Shown once a signature is confirmed.")
    )
    share_text = models.CharField(
        _("share text"),
        max_length=200,
        blank=True,
        help_text=_("The message people share with the link. The title is used when empty."),
    )
    goal = models.PositiveIntegerField(_("goal"), default=1000, validators=[MinValueValidator(1)])
    collect_name = models.BooleanField(_("ask for a first name"), default=True)
    collect_country = models.BooleanField(_("ask for a country"), default=True)
    collect_comment = models.BooleanField(_("ask for a comment"), default=False)
    show_recent_signers = models.BooleanField(
        _("show recent signers"),
        default=False,
        help_text=_("First name and country of the latest confirmed signers, never more."),
    )
    advocate_safety = models.BooleanField(
        _("advocate-safety mode"),
        default=False,
        help_text=_(
            "Only an email address is collected, no name or place is ever shown, and personal "
            "data is deleted automatically after the campaign ends."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("days personal data is kept after the campaign ends"),
        null=True,
        blank=True,
        default=90,
        help_text=_(
            "After this many days past the campaign's end date, email addresses and names are "
            "deleted and only the count is kept. Required in advocate-safety mode; leave empty "
            "to keep them until signers ask for deletion."
        ),
    )
    is_open = models.BooleanField(
        _("open for signatures"),
        default=True,
        help_text=_(
            "Closed actions show their final count; they also close when the campaign "
            "ends or is won, lost or archived."
        ),
    )

    panels = [
        FieldPanel("campaign"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("intro"),
                FieldPanel("consent_text"),
                FieldPanel("thank_you_text"),
                FieldPanel("share_text"),
            ],
            heading=_("Wording"),
        ),
        FieldRowPanel([FieldPanel("goal"), FieldPanel("is_open")]),
        MultiFieldPanel(
            [
                FieldPanel("collect_name"),
                FieldPanel("collect_country"),
                FieldPanel("collect_comment"),
                FieldPanel("show_recent_signers"),
            ],
            heading=_("What signers give"),
        ),
        MultiFieldPanel(
            [FieldPanel("advocate_safety"), FieldPanel("retention_days")],
            heading=_("Privacy and advocate safety"),
        ),
    ]
    # Wording is translated; everything else is the same action in every language, so
    # translators cannot override it.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("consent_text"),
        TranslatableField("thank_you_text"),
        TranslatableField("share_text"),
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "campaign",
                "kind",
                "goal",
                "collect_name",
                "collect_country",
                "collect_comment",
                "show_recent_signers",
                "advocate_safety",
                "retention_days",
                "is_open",
            )
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("campaign action")
        verbose_name_plural = _("campaign actions")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self._state.adding and (
            CampaignAction.objects.filter(public_id=self.public_id)
            .exclude(translation_key=self.translation_key)
            .exists()
        ):
            # A copy of another action (the snippet's "Duplicate"): an id of its own.
            self.public_id = new_public_id()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.advocate_safety and self.retention_days is None:
            raise ValidationError(
                {"retention_days": _("Advocate-safety mode needs a number of days.")}
            )

    # -- what the action collects and shows ---------------------------------------------

    @property
    def collects_name(self):
        return self.collect_name and not self.advocate_safety

    @property
    def collects_country(self):
        return self.collect_country and not self.advocate_safety

    @property
    def collects_comment(self):
        return self.collect_comment and not self.advocate_safety

    @property
    def shows_recent_signers(self):
        return self.show_recent_signers and (self.collects_name or self.collects_country)

    # -- dates ------------------------------------------------------------------------------

    @property
    def accepts_signatures(self):
        campaign = self.campaign
        if not self.is_open or campaign.status not in OPEN_CAMPAIGN_STATUSES:
            return False
        return campaign.end_date is None or campaign.end_date >= timezone.localdate()

    @property
    def purge_date(self):
        """The day personal data goes, or None when it is kept until signers ask."""
        if self.retention_days is None or self.campaign.end_date is None:
            return None
        return self.campaign.end_date + datetime.timedelta(days=self.retention_days)
