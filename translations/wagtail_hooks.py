from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from core.models.pages import HOLD_PUBLISH_HOOK

from . import launches, notices, selectors, urls
from .roles import is_editorial_staff

# A page planned for a coordinated launch is held at publish until its translations are approved.
hooks.register(HOLD_PUBLISH_HOOK, launches.hold)


@hooks.register("insert_global_admin_css")
def translations_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("translations/admin.css"))


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [path("translation-queue/", include(urls, namespace="translations"))]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(selectors.visible_locales(request.user))

    def render_component(self, request):
        # One count per admin page: the user's unread notices, shown after the label.
        count = selectors.unread_notice_count(request.user)
        if not count:
            return super().render_component(request)
        label = ngettext(
            "%(label)s (%(count)d unread notice)", "%(label)s (%(count)d unread notices)", count
        ) % {"label": self.label, "count": count}
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


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


class NoticesPanel(Component):
    name = "translation_notices"
    template_name = "translations/notices_panel.html"
    order = 55  # above the queue

    def __init__(self, notices):
        self.notices = notices

    def get_context_data(self, parent_context):
        return {
            "notices": [
                {
                    "notice": notice,
                    "text": notices.describe(notice),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[notice.page_id]),
                    "read_url": reverse("translations:notice_read", args=[notice.pk]),
                }
                for notice in self.notices
            ],
            "csrf_token": get_token(parent_context["request"]),
        }


@hooks.register("construct_homepage_panels")
def add_notices_panel(request, panels):
    unread = selectors.unread_notices(request.user)
    if unread:
        panels.append(NoticesPanel(unread))


@hooks.register("before_edit_page", order=-1)  # before wagtail-localize answers for the page
def read_notices_on_edit(request, page):
    """Opening a page's editor reads the user's notices about it."""
    if request.method == "GET":
        notices.mark_read(user=request.user, page_id=page.pk)


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
