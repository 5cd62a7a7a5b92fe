"""A consultation on a policy explainer, and readers' comments on its sections.

The proposal is a translatable snippet holding the explainer's body as it would be, a
StreamField of the same section blocks, rather than a pointer to an unpublished revision of the
explainer. A revision belongs to the page: publishing the page (to fix a typo during the
consultation) would publish or strand the proposal, its translation follows the page's own
translation rather than the proposal's, and it cannot be opened and closed on dates of its
own. A snippet is translated through wagtail-localize like the campaign actions (its text one
job per language, its dates and explainer synchronised), keeps one identity (its
``translation_key``) across languages, and the comments hang off that key.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import freshness
from core.blocks import SectionBlock


class Consultation(TranslatableMixin, models.Model):
    explainer = models.ForeignKey(
        "explainers.PolicyExplainerPage",
        verbose_name=_("policy explainer"),
        on_delete=models.CASCADE,
        related_name="consultations",
        help_text=_("The position this consultation proposes to revise, in every language."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("The consultation's address: /<language>/consultations/<slug>/."),
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("What the revision proposes, and why.")
    )
    proposed_body = StreamField(
        [("section", SectionBlock())],
        blank=True,
        verbose_name=_("proposed sections"),
        help_text=_(
            "The explainer's sections as they would read. Keep a section's anchor to compare it "
            "with the current text; a new anchor is an added section, a missing one removed."
        ),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    summary = models.TextField(
        _("summary of the outcome"),
        blank=True,
        help_text=_(
            "Once the consultation has closed: what changed and why. Shown on the consultation "
            "and linked from the explainer's change log."
        ),
    )

    panels = [
        FieldPanel("explainer"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("proposed_body"),
        FieldPanel("summary"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("introduction"),
        TranslatableField("proposed_body"),
        TranslatableField("summary"),
        SynchronizedField("explainer"),
        SynchronizedField("slug"),
        SynchronizedField("opens_on"),
        SynchronizedField("closes_on"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="consultation_slug_per_locale")
        ]
        permissions = [("moderate_comments", "Can moderate consultation comments")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The consultation closes before it opens.")
        anchors = [block.value["anchor"] for block in self.proposed_body]
        repeated = sorted({anchor for anchor in anchors if anchors.count(anchor) > 1})
        if repeated:
            errors["proposed_body"] = _(
                "Each section needs its own anchor; repeated: %(anchors)s"
            ) % {"anchors": ", ".join(repeated)}
        if errors:
            raise ValidationError(errors)

    def state_on(self, day: datetime.date) -> str:
        if day < self.opens_on:
            return "upcoming"
        return "open" if day <= self.closes_on else "closed"

    @property
    def state(self):
        return self.state_on(timezone.localdate())

    @property
    def is_open(self):
        return self.state == "open"

    def next_change(self, day: datetime.date | None = None) -> datetime.datetime | None:
        """When the state next changes (it opens, or it closes), or None once closed."""
        state = self.state_on(day or timezone.localdate())
        if state == "upcoming":
            return freshness.start_of_day(self.opens_on)
        if state == "open":
            return freshness.start_of_day_after(self.closes_on)
        return None

    def section_anchors(self):
        return [block.value["anchor"] for block in self.proposed_body]


class CommentState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ConsultationComment(models.Model):
    """A reader's comment on one section, shown once a moderator approves it.

    No email address, no IP address, no account: a display name the reader may leave empty
    (shown as "Anonymous"), the text, the language it was written in, the section. The
    consultation is the version the reader saw; comments are shown on every version (same
    ``translation_key``)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    section_anchor = models.CharField(_("section"), max_length=60)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    body = models.TextField(_("comment"), max_length=2000)
    language = models.CharField(_("language"), max_length=10, db_index=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=CommentState.choices,
        default=CommentState.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["consultation", "state"])]

    def __str__(self):
        return f"{self.section_anchor}: {self.body[:40]}"
