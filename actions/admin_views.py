"""Exporting confirmed signatures as CSV, for staff with "actions.export_signatures" only."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import selectors
from .countries import country_name
from .models import ActionTally

EXPORT_PERMISSION = "actions.export_signatures"
# Cells a spreadsheet would run as a formula are prefixed with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def require_export_permission(request):
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied


class ExportIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "actions/admin/export.html"
    page_title = _("Export signatures")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        require_export_permission(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "actions": selectors.export_actions()}


class _Echo:
    def write(self, value):
        return value


def safe_cell(value):
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_csv(request, tally_id):
    require_export_permission(request)
    tally = ActionTally.objects.filter(pk=tally_id).first()
    if tally is None:
        raise Http404
    action = selectors.action_for_tally(tally.pk, "en")
    if action is not None:
        log(instance=action, action="actions.export_signatures", user=request.user)
    writer = csv.writer(_Echo())
    header = ["signed_at", "confirmed_at", "language", "email", "first_name", "country", "comment"]

    def rows():
        yield writer.writerow(header)
        for signature in selectors.export_signatures(tally.pk):
            yield writer.writerow(
                safe_cell(value)
                for value in (
                    signature.created_at.isoformat(),
                    signature.confirmed_at.isoformat(),
                    signature.language,
                    signature.email,
                    signature.name,
                    country_name(signature.country, "en") if signature.country else "",
                    signature.comment,
                )
            )

    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signatures-{tally.pk}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
