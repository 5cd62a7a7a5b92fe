from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.selectors import listing_context

from .pages import BasePage


class ListingIndexPage(BasePage):
    """An index of one page type, with filters and pagination, one per home page."""

    intro = models.TextField(_("introduction"), blank=True)

    listing_model: str = ""
    filter_form: str = ""

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            listing_context(
                index_page=self,
                model=apps.get_model(self.listing_model),
                form_class=import_string(self.filter_form),
                request=request,
            )
        )
        return context
