from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import EndorsementForm, EndorsementRequestAdminForm
from .models import Endorsement, EndorsementRequest


class EndorsementViewSet(SnippetViewSet):
    model = Endorsement
    icon = "group"
    menu_label = _("Endorsements")
    menu_name = "endorsements"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["partner", "page", "kind", "endorsed_at", "withdrawn_at"]
    list_filter = ["kind"]
    edit_handler = ObjectList(
        [
            PageChooserPanel("partner", "partners.PartnerPage"),
            PageChooserPanel("page", ["explainers.PolicyExplainerPage", "campaigns.CampaignPage"]),
            FieldPanel("statement"),
            FieldPanel("endorsed_at"),
            FieldPanel("withdrawn_at"),
        ],
        base_form_class=EndorsementForm,
    )


register_snippet(EndorsementViewSet)


class EndorsementRequestViewSet(SnippetViewSet):
    """Requests from the public form. Staff approve one by choosing the organisation's partner
    profile (the endorsement is then recorded, of the version live now), or decline it with a
    reason; the organisation is mailed either way. Unconfirmed requests are listed last."""

    model = EndorsementRequest
    icon = "mail"
    menu_label = _("Endorsement requests")
    menu_name = "endorsement-requests"
    menu_order = 221
    add_to_admin_menu = True
    list_display = ["organisation", "page", "status", "language", "created_at"]
    list_filter = ["status", "language"]
    edit_handler = ObjectList(
        [
            FieldPanel("organisation", read_only=True),
            FieldPanel("website", read_only=True),
            FieldPanel("statement", read_only=True),
            FieldPanel("page", read_only=True),
            FieldPanel("language", read_only=True),
            FieldPanel("status"),
            PageChooserPanel("partner", "partners.PartnerPage"),
            FieldPanel("reason"),
        ],
        base_form_class=EndorsementRequestAdminForm,
    )


register_snippet(EndorsementRequestViewSet)
