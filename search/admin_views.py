from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import reports

PERIODS = (7, 30, 90)


class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    """What readers search for, per language, what finds nothing, and whether the engine held."""

    template_name = "search/admin/report.html"
    page_title = _("Search queries")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("search.view_searchquerylog"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            days = int(self.request.GET.get("days", PERIODS[1]))
        except ValueError:
            days = PERIODS[1]
        days = days if days in PERIODS else PERIODS[1]
        codes = [code for code, _name in settings.LANGUAGES]
        language = self.request.GET.get("language")
        language = language if language in codes else None
        context.update(
            report=reports.search_report(days=days, language=language),
            periods=PERIODS,
            language=language,
            language_choices=[
                (code, settings.PORTAL_LANGUAGE_LABELS.get(code, code)) for code in codes
            ],
        )
        return context
