from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm, TermChoiceField
from core.models import Method, Region, Topic

from .models import StoryOutcome


class StoryFilterForm(ListingFilterForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("Any outcome")), *StoryOutcome.choices],
    )
    method = TermChoiceField(Method, label=_("Method"), empty_label=_("Any method"))
    topic = TermChoiceField(Topic, label=_("Topic"), empty_label=_("Any topic"))
    region = TermChoiceField(Region, label=_("Region"), empty_label=_("Any region"))

    lookups = {
        "outcome": "outcome",
        "method": "methods__slug",
        "topic": "topics__slug",
        "region": "regions__slug",
    }
