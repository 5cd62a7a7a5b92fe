from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import routing
from core.blocks import BodyBlock, CardBlock
from core.models import BasePage
from home.selectors import home_page_context
from stories.models import StoryPage

INDEX_PAGE_TYPES = [
    "campaigns.CampaignIndexPage",
    "stories.StoryIndexPage",
    "partners.PartnerIndexPage",
    "explainers.PolicyExplainerIndexPage",
    "events.EventIndexPage",
    "safety.SafetyIndexPage",
    "affiliates.AffiliateIndexPage",
]


class HomePage(BasePage):
    """The root of each language's site: one per locale, all translations of one another."""

    hero_title = models.CharField(_("hero title"), max_length=160)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("hero button label"), max_length=80, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(_("introduction"), blank=True)
    featured_heading = models.CharField(_("featured campaigns heading"), max_length=120, blank=True)
    featured_campaigns = StreamField(
        [("campaign", blocks.PageChooserBlock(page_type="campaigns.CampaignPage"))],
        blank=True,
        verbose_name=_("featured campaigns"),
    )
    stories_heading = models.CharField(_("latest stories heading"), max_length=120, blank=True)
    topics_heading = models.CharField(_("topics heading"), max_length=120, blank=True)
    get_involved_heading = models.CharField(_("get involved heading"), max_length=120, blank=True)
    get_involved = StreamField(
        [("card", CardBlock())], blank=True, verbose_name=_("get involved entry points")
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        *INDEX_PAGE_TYPES,
        "involvement.GetInvolvedPage",
        "involvement.DecisionsPage",
        "home.StandardPage",
    ]

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("featured_heading"),
        FieldPanel("featured_campaigns"),
        FieldPanel("stories_heading"),
        FieldPanel("topics_heading"),
        FieldPanel("get_involved_heading"),
        FieldPanel("get_involved"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("hero_image"),
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail's routing, for what ``core.routing`` does not find at once: where this
        language has no live translation, the source page (``routing.route_to_source``)."""
        try:
            return super().route(request, path_components)
        except Http404:
            return routing.route_to_source(self, request, path_components)

    # The latest stories: renewed when any story is published (``core.selectors``).
    related_listings = (StoryPage,)

    def related_context(self):
        return home_page_context(self)


class StandardPage(BasePage):
    """A plain page for the privacy notice, 'about us' and the like."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
