from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm, TermChoiceField
from core.models import Region, Topic

from .models import CampaignStatus


class CampaignFilterForm(ListingFilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *CampaignStatus.choices],
    )
    topic = TermChoiceField(Topic, label=_("Topic"), empty_label=_("Any topic"))
    region = TermChoiceField(Region, label=_("Region"), empty_label=_("Any region"))

    lookups = {"status": "status", "topic": "topics__slug", "region": "regions__slug"}
