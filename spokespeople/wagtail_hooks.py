from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import SpokespersonAdminForm
from .models import Spokesperson


class SpokespersonViewSet(SnippetViewSet):
    """Offers from the public form, and people staff add. Nobody can be listed before they
    have given their consent through the link mailed to them (staff adding someone mails it);
    staff then set the status to "listed"."""

    model = Spokesperson
    icon = "user"
    menu_label = _("Spokespeople")
    menu_name = "spokespeople"
    menu_order = 222
    add_to_admin_menu = True
    list_display = ["public_name", "name_kind", "status", "language", "created_at"]
    list_filter = ["status", "name_kind"]
    edit_handler = ObjectList(
        [
            FieldPanel("public_name"),
            FieldPanel("name_kind"),
            FieldPanel("bio"),
            FieldPanel("topics"),
            FieldPanel("regions"),
            FieldPanel("language_codes"),
            FieldPanel("email"),
            FieldPanel("language"),
            FieldPanel("status"),
            MultiFieldPanel(
                [
                    FieldPanel("consent_version", read_only=True),
                    FieldPanel("consented_at", read_only=True),
                ],
                heading=_("Consent"),
            ),
        ],
        base_form_class=SpokespersonAdminForm,
    )


register_snippet(SpokespersonViewSet)
