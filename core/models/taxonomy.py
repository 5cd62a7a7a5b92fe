"""Translatable taxonomies. Pages link to the source-language term; readers see its translation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Term(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Used in filter links. Shared by every translation of this term."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(Term):
    description = models.TextField(_("description"), blank=True)

    panels = [*Term.panels, FieldPanel("description")]
    translatable_fields = [*Term.translatable_fields, TranslatableField("description")]

    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        db_table = "home_topic"  # created by the home app, moved here with its rows
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]


class Region(Term):
    class Meta(Term.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        db_table = "home_region"  # created by the home app, moved here with its rows
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_region_slug_per_locale")
        ]


class Method(Term):
    description = models.TextField(_("description"), blank=True)

    panels = [*Term.panels, FieldPanel("description")]
    translatable_fields = [*Term.translatable_fields, TranslatableField("description")]

    class Meta(Term.Meta):
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        db_table = "home_method"  # created by the home app, moved here with its rows
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_method_slug_per_locale")
        ]
