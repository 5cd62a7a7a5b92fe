from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from core.models.pages import HOLD_PUBLISH_HOOK

from . import launches, selectors, urls
from .roles import is_editorial_staff

# A page planned for a coordinated launch is held at publish until its translations are approved.
hooks.register(HOLD_PUBLISH_HOOK, launches.hold)


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [path("translation-queue/", include(urls, namespace="translations"))]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(selectors.visible_locales(request.user))


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        _("Translation queue"), reverse("translations:queue"), icon_name="doc-full", order=250
    )


class QueuePanel(Component):
    name = "translation_queue"
    template_name = "translations/dashboard_panel.html"
    order = 60

    def __init__(self, counts):
        self.counts = counts

    def get_context_data(self, parent_context):
        return {"counts": self.counts, "queue_url": reverse("translations:queue")}


class CoveragePanel(Component):
    name = "own_pages_coverage"
    template_name = "translations/coverage_panel.html"
    order = 70

    def __init__(self, coverage):
        self.coverage = coverage

    def get_context_data(self, parent_context):
        return {**self.coverage, "queue_url": reverse("translations:queue")}


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if is_editorial_staff(request.user):
        # Editorial staff open the full queue from the menu; here, how their pages stand.
        panels.append(CoveragePanel(selectors.own_pages_coverage(request.user)))
        return
    locales = selectors.visible_locales(request.user)
    if locales:
        panels.append(QueuePanel([(locale, selectors.state_counts(locale)) for locale in locales]))


from . import admin_access, review_submission, snippet_hooks  # noqa: F401,E402
