from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.models import GlobalListingOffer

from . import services
from .forms import OfferDecisionForm


class GlobalListingOfferViewSet(SnippetViewSet):
    """Affiliates' campaigns offered to the global campaigns listing: staff accept or
    decline them (a decline with its reason)."""

    model = GlobalListingOffer
    icon = "list-ul"
    menu_label = _("Campaign offers")
    menu_name = "campaign-offers"
    menu_order = 222
    add_to_admin_menu = True
    list_display = ["title", "status", "offered_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    edit_handler = ObjectList(
        [FieldPanel("title", read_only=True), FieldPanel("status"), FieldPanel("reason")],
        base_form_class=OfferDecisionForm,
    )


register_snippet(GlobalListingOfferViewSet)


@hooks.register("after_edit_snippet")
def record_offer_decision(request, instance):
    if isinstance(instance, GlobalListingOffer):
        services.decide_offer(
            offer=instance, status=instance.status, reason=instance.reason, user=request.user
        )
