from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, services
from .models import Consultation


class ConsultationViewSet(SnippetViewSet):
    model = Consultation
    icon = "comment"
    menu_label = _("Consultations")
    menu_name = "consultations"
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "title",
        LocaleColumn(label=_("Language")),
        "explainer",
        "opens_on",
        "closes_on",
    ]


register_snippet(ConsultationViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "consultations/moderation/",
            admin_views.ModerationIndexView.as_view(),
            name="consultations_moderation",
        ),
        path(
            "consultations/moderation/<uuid:key>/",
            admin_views.QueueView.as_view(),
            name="consultations_queue",
        ),
        path(
            "consultations/moderation/comment/<int:comment_id>/",
            admin_views.moderate_comment,
            name="consultations_moderate",
        ),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return services.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Consultation comments"),
        reverse("consultations_moderation"),
        name="consultation-comments",
        icon_name="comment",
        order=221,
    )
