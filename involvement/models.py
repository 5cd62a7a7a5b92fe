"""How to take part, and how the movement decides: one "Get involved" page and one "How
decisions are made" page per language, both children of the home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import SectionBlock
from core.models import BasePage, ChangeNoteMixin
from core.selectors import change_log, localized_pages_by_id

from .blocks import ContactsBlock, WaysBlock


class GetInvolvedPage(BasePage):
    """The ways to take part, and whom to write to by region and language."""

    intro = models.TextField(_("introduction"), blank=True)
    ways = StreamField(WaysBlock(), blank=True, verbose_name=_("ways to take part"))
    contacts_heading = models.CharField(_("contacts heading"), max_length=120, blank=True)
    contacts = StreamField(ContactsBlock(), blank=True, verbose_name=_("contacts"))

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("ways"),
        FieldPanel("contacts_heading"),
        FieldPanel("contacts"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("ways"),
    ]

    class Meta:
        verbose_name = _("get involved page")


class DecisionsPage(ChangeNoteMixin, BasePage):
    """Who decides, how to propose, how positions are reviewed; with a public change log built
    from its published revisions, like the policy explainers'."""

    body = StreamField([("section", SectionBlock())], blank=True, verbose_name=_("sections"))
    proposal_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("proposal form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where readers propose advocacy; leave empty while there is none."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("proposal_page"),
        FieldPanel("change_note"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("proposal_page"),
    ]

    class Meta:
        verbose_name = _("how decisions are made page")

    def related_context(self):
        pages = localized_pages_by_id([self.proposal_page_id], self.locale)
        return {"change_log": change_log(self), "proposal_page": pages.get(self.proposal_page_id)}

    def lazy_context(self):
        return {"sections": lambda: [b.value for b in self.body if b.block_type == "section"]}
