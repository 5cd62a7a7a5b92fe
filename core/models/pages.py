"""The abstract base page and field mixins shared by every public page type."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core import lookups, selectors

# Wagtail hook: ``hold(page, revision, *, user, skip_permission_checks)`` returns True to hold
# a publish (the app that holds it takes it over).
HOLD_PUBLISH_HOOK = "portal_hold_publish"


def source_locale_only():
    """Limit relation choices to terms and pages in the default (source) language.

    Pages link to the source-language object; every translation of the page shares that link and
    the reader sees the object's translation in their own language (see ``core.selectors``).
    """
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class BasePage(Page):
    """Fields every public page has: a summary and an image for listings and sharing."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences, shown in listings, search results and link previews."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_image")], heading=_("Listings and sharing"), classname="collapsed"
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("listing_image"),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    # Hooks for page types. ``related_context``: a method giving what the page shows of other
    # pages and terms (a dict), kept under the lookups generation and the page's scope
    # (``core.selectors.related_content``); ``None`` where it shows
    # none. ``lazy_context``: a method giving ``{name: function}`` for parts of the page's own
    # content worked out only where its markup is not kept (``{% own_markup %}``).
    related_context = None
    lazy_context = None
    # The page models whose listings ``related_context`` reads beyond the pages this page names
    # (the home page's latest stories): a publish of any of them renews it.
    related_listings = ()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.related_context is not None:
            context.update(selectors.related_content(request, self, self.related_context))
        if self.lazy_context is not None:
            for name, compute in self.lazy_context().items():
                context[name] = SimpleLazyObject(compute)
        return context

    def get_view_restrictions(self):
        # Wagtail checks the page and each ancestor on every view (two queries); the restricted
        # paths are a cached lookup, and a page under none of them has no restriction.
        if not lookups.is_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve(self, request, *args, **kwargs):
        # A page under a view restriction is shown to the readers allowed to see it only:
        # nothing of it is kept for others (kept markup, page cache, shared caches).
        private = lookups.has_view_restriction(self, request)
        if private:
            request.portal_private = True
        response = super().serve(request, *args, **kwargs)
        if private:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def serve_password_required_response(self, request, form, action_url):
        # Wagtail's password form, in the portal's layout and the reader's language. Nothing of
        # the page is given to the template: its title, summary and links stay behind the form.
        response = TemplateResponse(
            request, "password_required.html", {"form": form, "action_url": action_url}
        )
        patch_cache_control(response, private=True, no_store=True)
        return response

    def publish(self, revision, user=None, skip_permission_checks=False, **kwargs):
        # Every way of publishing ends here. An app may hold a publish (``hold_publish`` hooks:
        # a page planned for a coordinated launch with its translations waits until all of them
        # are approved, see translations.launches); the first hook that holds it wins.
        for hold in hooks.get_hooks(HOLD_PUBLISH_HOOK):
            if hold(self, revision, user=user, skip_permission_checks=skip_permission_checks):
                return None
        return super().publish(
            revision, user=user, skip_permission_checks=skip_permission_checks, **kwargs
        )


class TaxonomyMixin(models.Model):
    """Topics and regions, linked to the source-language terms and shared by translations."""

    topics = ParentalManyToManyField(
        "core.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        limit_choices_to=source_locale_only,
    )
    regions = ParentalManyToManyField(
        "core.Region",
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
        limit_choices_to=source_locale_only,
    )

    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Topics and regions"),
        )
    ]
    taxonomy_translatable_fields = [SynchronizedField("topics"), SynchronizedField("regions")]

    class Meta:
        abstract = True


class ChangeNoteMixin(models.Model):
    """A sentence for the page's public change log, published with each version: the log is
    built from the publish history (``core.selectors.change_log``) and shown by
    ``components/change_log.html``."""

    change_note = models.CharField(
        _("what changed"),
        max_length=255,
        blank=True,
        help_text=_("A sentence for the public change log, published with this version."),
    )

    class Meta:
        abstract = True
