"""The admin report: top and zero-result queries per language, and the engine's health."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import SearchReportView


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search/", SearchReportView.as_view(), name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchquerylog")


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Search queries"), reverse("search_report"), icon_name="search", order=900
    )
