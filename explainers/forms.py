from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm, TermChoiceField
from core.models import Topic


class ExplainerFilterForm(ListingFilterForm):
    topic = TermChoiceField(Topic, label=_("Topic"), empty_label=_("Any topic"))

    lookups = {"topic": "topic__slug"}
