from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm

from .models import GuideCategory


class GuideFilterForm(ListingFilterForm):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("Any category")), *GuideCategory.choices],
    )

    lookups = {"category": "category"}
