from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock, CardBlock, MilestoneBlock
from core.models import BasePage, TaxonomyMixin, source_locale_only
from core.models.index import ListingIndexPage

from . import selectors


class CampaignStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    LIVE = "live", _("Live")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    STALLED = "stalled", _("Stalled")
    ARCHIVED = "archived", _("Archived")


class CampaignIndexPage(ListingIndexPage):
    subpage_types = ["campaigns.CampaignPage"]
    listing_model = "campaigns.CampaignPage"
    filter_form = "campaigns.forms.CampaignFilterForm"

    class Meta:
        verbose_name = _("campaign index")


class CampaignPage(TaxonomyMixin, BasePage):
    status = models.CharField(
        _("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.PLANNED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    milestones = StreamField(
        [("milestone", MilestoneBlock())], blank=True, verbose_name=_("milestones")
    )
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("What the campaign achieved, once it is over.")
    )
    offer_to_global_listing = models.BooleanField(
        _("offer to the global campaigns listing"),
        default=False,
        help_text=_(
            "For a campaign of an affiliate's section: once published, staff are asked to "
            "list it with the organisation's campaigns too."
        ),
    )
    get_involved = StreamField(
        [("action", CardBlock())], blank=True, verbose_name=_("ways to get involved")
    )
    partners = ParentalManyToManyField(
        "partners.PartnerPage",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="campaigns",
        limit_choices_to=source_locale_only,
    )
    explainers = ParentalManyToManyField(
        "explainers.PolicyExplainerPage",
        verbose_name=_("related policy explainers"),
        blank=True,
        related_name="campaigns",
        limit_choices_to=source_locale_only,
    )

    listing_order = ("-start_date", "title")
    parent_page_types = ["campaigns.CampaignIndexPage", "affiliates.AffiliatePage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Status and dates"),
        ),
        FieldPanel("body"),
        FieldPanel("milestones"),
        FieldPanel("outcome"),
        FieldPanel("get_involved"),
        FieldPanel("offer_to_global_listing"),
        *TaxonomyMixin.taxonomy_panels,
        MultiFieldPanel(
            [
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("explainers", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Related content"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("milestones"),
        index.SearchField("outcome"),
        index.FilterField("status"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *TaxonomyMixin.taxonomy_translatable_fields,
        SynchronizedField("partners"),
        SynchronizedField("explainers"),
        SynchronizedField("offer_to_global_listing"),
    ]

    class Meta:
        verbose_name = _("campaign")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise forms.ValidationError({"end_date": _("The end date is before the start date.")})

    def related_context(self):
        return selectors.campaign_context(self)

    @classmethod
    def global_listing(cls, queryset, request=None):
        """The campaigns of the global listing: those in no section, and a section's campaigns
        that staff accepted (``GlobalListingOffer``)."""
        return selectors.in_global_listing(queryset, request)

    def lazy_context(self):
        return {"milestones": lambda: selectors.milestones(self)}


class GlobalListingOffer(models.Model):
    """A campaign run in a section of its own (an affiliate's), offered to the global
    campaigns listing, and the staff's decision. Kept apart from the page, by translation key,
    so that publishing an older draft of the campaign cannot undo a decision."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    translation_key = models.UUIDField(_("campaign"), unique=True, editable=False)
    title = models.CharField(_("campaign title"), max_length=255, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OFFERED
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was declined, told to the section's team.")
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    offered_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("offer to the global listing")
        verbose_name_plural = _("offers to the global listing")
        ordering = ["-offered_at"]

    def __str__(self):
        return self.title
