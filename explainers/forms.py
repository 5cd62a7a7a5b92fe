from django.utils.translation import gettext_lazy as _

from home.forms import ListingFilterForm, TermChoiceField
from home.models import Topic


class ExplainerFilterForm(ListingFilterForm):
    topic = TermChoiceField(Topic, label=_("Topic"), empty_label=_("Any topic"))

    lookups = {"topic": "topic__slug"}
