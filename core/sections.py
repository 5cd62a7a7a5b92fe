"""Sections run by their own teams (an affiliate's campaigns, stories and events under its own
page). Core knows a section's root page by the ``SectionRoot`` mixin only: the app that makes
section roots sits above the content apps, and they never import it.

The roots are few; they are read in one query and kept under the lookups generation, so naming
the section a page belongs to (a card's or a search result's "by ...") costs no query."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import Page

from . import lookups


class SectionRoot:
    """Mixin for a page type whose subtree is a section of its own."""


def section_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SectionRoot) and not model._meta.abstract
    ]


def section_roots(request=None):
    """Every section root page, live or not: ``pk``, ``path``, ``url_path``, ``title``,
    ``locale_id``, ``live``."""

    def compute():
        models = section_models()
        if not models:
            return []
        types = ContentType.objects.get_for_models(*models).values()
        return list(
            Page.objects.filter(content_type__in=types)
            .order_by("path")
            .values("pk", "path", "url_path", "title", "locale_id", "live")
        )

    return lookups.cached(request, "section-roots", compute)


def section_of(url_path, request=None):
    """The section root (a dict, see ``section_roots``) above the page at ``url_path``, or
    ``None`` for a page outside every section (and for a root itself)."""
    if not url_path:
        return None
    for root in section_roots(request):
        if url_path != root["url_path"] and url_path.startswith(root["url_path"]):
            return root
    return None


def outside_sections(request=None):
    """A filter on pages: those in no section."""
    condition = Q()
    for root in section_roots(request):
        condition &= ~Q(path__startswith=root["path"])
    return condition
