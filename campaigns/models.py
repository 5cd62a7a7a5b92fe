from django import forms
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
    parent_page_types = ["campaigns.CampaignIndexPage"]
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
    ]

    class Meta:
        verbose_name = _("campaign")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise forms.ValidationError({"end_date": _("The end date is before the start date.")})

    def related_context(self):
        return selectors.campaign_context(self)

    def lazy_context(self):
        return {"milestones": lambda: selectors.milestones(self)}
