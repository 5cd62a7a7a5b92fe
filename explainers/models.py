from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import ItemBlock, SectionBlock
from core.models import BasePage, ChangeNoteMixin, source_locale_only
from core.models.index import ListingIndexPage

from . import selectors


class PolicyExplainerIndexPage(ListingIndexPage):
    subpage_types = ["explainers.PolicyExplainerPage"]
    listing_model = "explainers.PolicyExplainerPage"
    filter_form = "explainers.forms.ExplainerFilterForm"

    class Meta:
        verbose_name = _("policy explainer index")


class PolicyExplainerPage(ChangeNoteMixin, BasePage):
    """A position the movement holds, kept up to date, with its history public."""

    topic = models.ForeignKey(
        "core.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=source_locale_only,
    )
    position_summary = models.TextField(_("position in short"))
    body = StreamField([("section", SectionBlock())], blank=True, verbose_name=_("sections"))
    key_asks = StreamField([("ask", ItemBlock())], blank=True, verbose_name=_("key asks"))
    owner_team = models.CharField(
        _("owner"),
        max_length=150,
        help_text=_("The team responsible for this position. Name a team, not a person."),
    )
    last_reviewed = models.DateField(_("last reviewed"))
    next_review = models.DateField(_("next review"))

    listing_order = ("title",)
    parent_page_types = ["explainers.PolicyExplainerIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("topic"),
        FieldPanel("position_summary"),
        FieldPanel("body"),
        FieldPanel("key_asks"),
        MultiFieldPanel(
            [
                FieldPanel("owner_team"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review")]),
            ],
            heading=_("Ownership and review"),
        ),
        FieldPanel("change_note"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("position_summary"),
        index.SearchField("body"),
        index.SearchField("key_asks"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("topic"),
    ]

    class Meta:
        verbose_name = _("policy explainer")

    def clean(self):
        super().clean()
        errors = {}
        if self.last_reviewed and self.next_review and self.next_review < self.last_reviewed:
            errors["next_review"] = _("The next review is before the last review.")
        anchors = [block.value["anchor"] for block in self.body if block.block_type == "section"]
        repeated = sorted({anchor for anchor in anchors if anchors.count(anchor) > 1})
        if repeated:
            errors["body"] = _("Each section needs its own anchor; repeated: %(anchors)s") % {
                "anchors": ", ".join(repeated)
            }
        if errors:
            raise forms.ValidationError(errors)

    def related_context(self):
        return selectors.explainer_context(self)

    def lazy_context(self):
        return {"sections": lambda: selectors.sections(self)}
