from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import EXPORT_PERMISSION, ExportIndexView, export_csv
from .campaign_panel import add_action_view
from .models import CampaignAction


class CampaignActionViewSet(SnippetViewSet):
    model = CampaignAction
    icon = "form"
    menu_label = _("Campaign actions")
    menu_name = "campaign-actions"
    menu_order = 210
    add_to_admin_menu = True
    # The language of each row (Wagtail's default listing has it; a custom one must name it),
    # and the safety setting as a tick or a cross rather than True/False.
    list_display = [
        "title",
        LocaleColumn(label=_("Language")),
        "campaign",
        "kind",
        "goal",
        BooleanColumn("advocate_safety", label=capfirst(_("advocate-safety mode"))),
    ]
    list_filter = ["kind", "advocate_safety"]


register_snippet(CampaignActionViewSet)


@hooks.register("register_admin_urls")
def register_export_urls():
    return [
        path("actions/export/", ExportIndexView.as_view(), name="actions_export"),
        path("actions/export/<int:tally_id>.csv", export_csv, name="actions_export_csv"),
        path("actions/campaign/<int:page_id>/add/", add_action_view, name="actions_campaign_add"),
    ]


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EXPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_export_menu_item():
    return ExportMenuItem(
        _("Export signatures"), reverse("actions_export"), icon_name="download", order=910
    )


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    actions.register_action(
        "actions.export_signatures", _("Export signatures"), _("Signatures exported as CSV")
    )
