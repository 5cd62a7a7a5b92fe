"""A side panel in the page editor: how the page stands in every language.

Editors see, for each language, whether the translation is missing, in progress (with the
share of segments translated), awaiting review, outdated since the source's last publication,
or live, with a link to it; and in which languages readers most ask for it (the demand counted
by ``demand``). The panel is added by this app's page edit view (``admin_access.EditView``).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.side_panels import BaseSidePanel

from demand.selectors import most_asked_for

from . import selectors
from .forms import STATE_LABELS


class TranslationsSidePanel(BaseSidePanel):
    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = _("Toggle translations")
        icon_name = "globe"
        has_counter = False

    name = "translations"
    title = _("Translations")
    template_name = "translations/editor_panel.html"
    order = 320

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows = selectors.page_translation_states(self.object)
        for row in rows:
            row["label"] = STATE_LABELS[row["state"]]
            row["edit_url"] = (
                reverse("wagtailadmin_pages:edit", args=[row["target_id"]])
                if row["target_id"]
                else ""
            )
        context.update(
            {
                "rows": rows,
                "asked_for": most_asked_for(self.object.translation_key) if rows else [],
                "queue_url": reverse("translations:queue"),
                "is_source": selectors.is_source(self.object),
            }
        )
        return context
