from django import forms
from django.utils.translation import gettext_lazy as _

from core import lookups
from core.forms import ListingFilterForm, TermChoiceField
from core.models import Region, Topic
from core.spoken_languages import language_choices

from .models import PartnerLanguage, PartnerPage


def _languages_in_use():
    """The working languages some partner lists: a cached lookup in the partners' listing
    scope, renewed when a partner is published (its languages change only then)."""
    return frozenset(PartnerLanguage.objects.values_list("code", flat=True).distinct())


class PartnerFilterForm(ListingFilterForm):
    region = TermChoiceField(Region, label=_("Region"), empty_label=_("Any region"))
    language = forms.ChoiceField(
        label=_("Working language"),
        required=False,
        choices=[("", _("Any language"))],
    )
    topic = TermChoiceField(Topic, label=_("Topic"), empty_label=_("Any topic"))

    lookups = {"region": "regions__slug", "language": "languages__code", "topic": "topics__slug"}

    def __init__(self, data, *, locale):
        super().__init__(data, locale=locale)
        in_use = lookups.cached(
            None,
            "partner-languages",
            _languages_in_use,
            scopes=(lookups.listing_scope(PartnerPage),),
        )
        self.fields["language"].choices = [("", _("Any language")), *language_choices(in_use)]
