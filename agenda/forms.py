from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from core import lookups
from core.forms import ListingFilterForm, TermChoiceField
from core.models import Region, Topic
from core.spoken_languages import language_choices

from .models import EventKind, EventLanguage, EventPage

UPCOMING, PAST = "upcoming", "past"


def _languages_spoken():
    """The languages some event is held in: a cached lookup in the events' listing scope,
    renewed when an event is published."""
    return frozenset(EventLanguage.objects.values_list("code", flat=True).distinct())


class EventFilterForm(ListingFilterForm):
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming events")), (PAST, _("Past events"))],
    )
    language = forms.ChoiceField(
        label=_("Language spoken"), required=False, choices=[("", _("Any language"))]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *EventKind.choices]
    )
    region = TermChoiceField(Region, label=_("Region"), empty_label=_("Any region"))
    topic = TermChoiceField(Topic, label=_("Topic"), empty_label=_("Any topic"))

    # ``when`` is no lookup: past and upcoming are split by the clock (agenda.selectors).
    lookups = {
        "language": "languages__code",
        "kind": "kind",
        "region": "regions__slug",
        "topic": "topics__slug",
    }

    def __init__(self, data, *, locale):
        super().__init__(data, locale=locale)
        self.data["when"] = data.get("when", "")
        in_use = lookups.cached(
            None,
            "event-languages",
            _languages_spoken,
            scopes=(lookups.listing_scope(EventPage),),
        )
        self.fields["language"].choices = [("", _("Any language")), *language_choices(in_use)]
        self.order_fields(["when", "language", "kind", "region", "topic"])

    def wants_past(self):
        self.is_valid()
        return self.cleaned_data.get("when") == PAST

    def querystring(self, *, without_time=False):
        self.is_valid()
        return urlencode(
            {
                key: value
                for key, value in self.cleaned_data.items()
                if value and not (without_time and key == "when")
            }
        )
