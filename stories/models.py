from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import ItemBlock, LinkBlock
from core.models import BasePage, TaxonomyMixin, source_locale_only
from core.models.index import ListingIndexPage

from . import selectors

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class StoryOutcome(models.TextChoices):
    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")
    MIXED = "mixed", _("Mixed")


class AuthorMode(models.TextChoices):
    NAMED = "named", _("Named")
    PSEUDONYMOUS = "pseudonymous", _("Pseudonymous")
    ANONYMOUS = "anonymous", _("Anonymous")


class StoryIndexPage(ListingIndexPage):
    subpage_types = ["stories.StoryPage"]
    listing_model = "stories.StoryPage"
    filter_form = "stories.forms.StoryFilterForm"

    class Meta:
        verbose_name = _("story index")


class StoryPage(TaxonomyMixin, BasePage):
    """A case in the knowledge base: what was tried, what happened, and what we learned."""

    outcome = models.CharField(_("outcome"), max_length=20, choices=StoryOutcome.choices)
    date = models.DateField(_("date"), help_text=_("When the events in the story happened."))
    context = RichTextField(_("context"), features=RICH_TEXT_FEATURES, blank=True)
    methods_used = RichTextField(_("methods used"), features=RICH_TEXT_FEATURES, blank=True)
    what_happened = RichTextField(_("what happened"), features=RICH_TEXT_FEATURES, blank=True)
    evidence = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("evidence and links")
    )
    lessons = StreamField(
        [("lesson", ItemBlock())],
        blank=True,
        verbose_name=_("lessons learned"),
        help_text=_("What we would do differently, and what we would repeat."),
    )
    methods = ParentalManyToManyField(
        "core.Method",
        verbose_name=_("methods"),
        blank=True,
        related_name="+",
        limit_choices_to=source_locale_only,
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("related campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        limit_choices_to=source_locale_only,
    )
    partners = ParentalManyToManyField(
        "partners.PartnerPage",
        verbose_name=_("partners"),
        blank=True,
        related_name="stories",
        limit_choices_to=source_locale_only,
    )
    author_mode = models.CharField(
        _("author attribution"),
        max_length=20,
        choices=AuthorMode.choices,
        default=AuthorMode.ANONYMOUS,
        help_text=_(
            "Anonymous by default. An anonymous story stores no author name at all; "
            "choose a pseudonym when the author could be at risk."
        ),
    )
    author_name = models.CharField(
        _("author name or pen name"),
        max_length=120,
        blank=True,
        help_text=_("Shown only for named and pseudonymous stories."),
    )

    listing_order = ("-date", "title")
    parent_page_types = ["stories.StoryIndexPage", "affiliates.AffiliatePage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("outcome"), FieldPanel("date")], heading=_("Outcome and date")),
        FieldPanel("context"),
        FieldPanel("methods_used"),
        FieldPanel("what_happened"),
        FieldPanel("evidence"),
        FieldPanel("lessons"),
        MultiFieldPanel(
            [FieldPanel("author_mode"), FieldPanel("author_name")], heading=_("Attribution")
        ),
        *TaxonomyMixin.taxonomy_panels,
        MultiFieldPanel(
            [
                FieldPanel("methods", widget=forms.CheckboxSelectMultiple),
                FieldPanel("campaign"),
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Related content"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("context"),
        index.SearchField("what_happened"),
        index.SearchField("methods_used"),
        index.SearchField("lessons"),
        index.FilterField("outcome"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *TaxonomyMixin.taxonomy_translatable_fields,
        SynchronizedField("methods"),
        SynchronizedField("partners"),
        SynchronizedField("author_name"),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def clean(self):
        super().clean()
        if self.author_mode == AuthorMode.ANONYMOUS:
            # Never keep a name for an anonymous story: what is not stored cannot leak.
            self.author_name = ""
        elif not self.author_name.strip():
            raise forms.ValidationError(
                {"author_name": _("Give a name or a pen name, or make the story anonymous.")}
            )

    def save(self, *args, **kwargs):
        if self.author_mode == AuthorMode.ANONYMOUS:
            self.author_name = ""
        super().save(*args, **kwargs)

    @property
    def attribution(self):
        """The author line readers see; anonymous stories never expose a name."""
        if self.author_mode == AuthorMode.ANONYMOUS or not self.author_name:
            return ""
        return self.author_name

    def related_context(self):
        return selectors.story_context(self)
