from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import ListingFilterForm, TermChoiceField
from home.models import Region, Topic

from .languages import language_choices


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
        from .models import PartnerLanguage

        super().__init__(data, locale=locale)
        in_use = set(PartnerLanguage.objects.values_list("code", flat=True).distinct())
        self.fields["language"].choices = [("", _("Any language")), *language_choices(in_use)]
