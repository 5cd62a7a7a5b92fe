from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage, TaxonomyMixin, source_locale_only
from core.sections import SectionRoot
from core.spoken_languages import MODEL_CHOICES, language_name

from . import selectors


class AffiliateIndexPage(BasePage):
    """The network's affiliates, with the map of where they work: /<lang>/affiliates/."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["affiliates.AffiliatePage"]
    max_count_per_parent = 1
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("affiliate index")

    def related_context(self):
        return selectors.directory_context(self.locale)


class AffiliatePage(SectionRoot, TaxonomyMixin, BasePage):
    """A chapter or affiliate's own section: its campaigns, stories and events are its
    subpages, edited by its editors and published by its moderators
    (``setup_affiliate_roles``). The page title is the affiliate's name."""

    description = RichTextField(
        _("description"), features=["bold", "italic", "link", "ol", "ul"], blank=True
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("An organisational address only (such as info@), never a person's."),
    )
    website = models.URLField(_("website"), blank=True)
    partner = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name=_("partner page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=source_locale_only,
        help_text=_("When the affiliate is also a partner organisation."),
    )

    parent_page_types = ["affiliates.AffiliateIndexPage"]
    subpage_types = ["campaigns.CampaignPage", "stories.StoryPage", "events.EventPage"]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        InlinePanel("languages", label=_("working languages")),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("website"), FieldPanel("partner")],
            heading=_("Contacts"),
        ),
        *TaxonomyMixin.taxonomy_panels,
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("description")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *TaxonomyMixin.taxonomy_translatable_fields,
        SynchronizedField("contact_email"),
        SynchronizedField("website"),
        SynchronizedField("partner"),
    ]

    class Meta:
        verbose_name = _("affiliate")

    def related_context(self):
        return selectors.affiliate_context(self)


class AffiliateLanguage(Orderable):
    page = ParentalKey(AffiliatePage, related_name="languages", on_delete=models.CASCADE)
    code = models.CharField(_("language"), max_length=10, choices=MODEL_CHOICES)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("working language")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="unique_affiliate_language")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return language_name(self.code)
