from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.models import GlobalListingOffer


class OfferDecisionForm(WagtailAdminModelForm):
    """Staff decide an offer; a decline says why. Who decided is recorded by the
    ``after_edit_snippet`` hook (``services.decide_offer``)."""

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == GlobalListingOffer.Status.DECLINED
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", forms.ValidationError(_("Say why the offer is declined.")))
        return cleaned
