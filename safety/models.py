"""The safety centre: practical guides for people who take part (digital security, legal
risks, what to do when threatened). Every form that collects personal data links to it through
the portal settings (``PortalSettings.safety_page``), so the low-level form code never imports
this app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock
from core.models import BasePage
from core.models.index import ListingIndexPage


class GuideCategory(models.TextChoices):
    DIGITAL = "digital", _("Digital security")
    LEGAL = "legal", _("Legal risks")
    THREATS = "threats", _("When you are threatened")


class SafetyIndexPage(ListingIndexPage):
    """The safety centre: its guides, with the quick-exit control at the top."""

    subpage_types = ["safety.SafetyGuidePage"]
    listing_model = "safety.SafetyGuidePage"
    filter_form = "safety.forms.GuideFilterForm"

    class Meta:
        verbose_name = _("safety centre")


class SafetyGuidePage(BasePage):
    """One guide: what to do, step by step, reviewed on a date readers can see."""

    category = models.CharField(
        _("category"), max_length=20, choices=GuideCategory.choices, default=GuideCategory.DIGITAL
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("Advice on safety ages: review it at least once a year."),
    )

    listing_order = ("category", "title")
    parent_page_types = ["safety.SafetyIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("category"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("category"),
        SynchronizedField("last_reviewed"),
    ]

    class Meta:
        verbose_name = _("safety guide")
