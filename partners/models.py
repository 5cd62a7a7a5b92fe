from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage, TaxonomyMixin
from core.models.index import ListingIndexPage
from core.spoken_languages import MODEL_CHOICES, language_name

from . import selectors


class PartnerIndexPage(ListingIndexPage):
    subpage_types = ["partners.PartnerPage"]
    listing_model = "partners.PartnerPage"
    filter_form = "partners.forms.PartnerFilterForm"

    class Meta:
        verbose_name = _("partner directory")

    def related_context(self):
        return selectors.network_directory(self.locale)


class PartnerPage(TaxonomyMixin, BasePage):
    """An organisation in the network. The page title is the organisation's name."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(
        _("description"), features=["bold", "italic", "link", "ol", "ul"], blank=True
    )
    website = models.URLField(_("website"), blank=True)

    listing_order = ("title",)
    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldPanel("website"),
        InlinePanel("languages", label=_("working languages")),
        *TaxonomyMixin.taxonomy_panels,
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("description")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *TaxonomyMixin.taxonomy_translatable_fields,
        SynchronizedField("logo"),
    ]

    class Meta:
        verbose_name = _("partner")

    def related_context(self):
        return selectors.partner_context(self)


class PartnerLanguage(Orderable):
    page = ParentalKey(PartnerPage, related_name="languages", on_delete=models.CASCADE)
    code = models.CharField(_("language"), max_length=10, choices=MODEL_CHOICES)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("working language")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="unique_partner_language")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        """The language's name in the reader's language."""
        return language_name(self.code)
