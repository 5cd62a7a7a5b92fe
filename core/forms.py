from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm

from core.selectors import terms_for_locale
from core.widgets import PlainSelect


class AltTextRequiredImageForm(BaseImageForm):
    """Every image in the library needs a description: it is the alt text readers hear."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].label = _("Description (alternative text)")
            self.fields["description"].help_text = _(
                "Describe the image for people who cannot see it."
            )


class TermChoiceField(forms.ChoiceField):
    """A filter on a taxonomy; its choices are the terms named in the reader's language."""

    def __init__(self, model, *, empty_label, **kwargs):
        self.model = model
        self.empty_label = empty_label
        super().__init__(required=False, **kwargs)


class ListingFilterForm(forms.Form):
    """GET filters for a listing. Unknown or malformed values are ignored, never an error page.

    Subclasses declare their fields and, in ``lookups``, the queryset lookup for each.
    """

    lookups: dict[str, str] = {}

    def __init__(self, data, *, locale):
        super().__init__(data={key: data.get(key, "") for key in self.lookups})
        self.locale = locale
        for field in self.fields.values():
            if isinstance(field, TermChoiceField):
                field.choices = [("", field.empty_label), *terms_for_locale(field.model, locale)]
            if type(field.widget) is forms.Select:
                field.widget = PlainSelect(attrs=field.widget.attrs, choices=field.choices)

    def apply(self, queryset):
        self.is_valid()
        for name, lookup in self.lookups.items():
            value = self.cleaned_data.get(name)
            if value:
                queryset = queryset.filter(**{lookup: value})
        return queryset

    def ignored_filters(self):
        return sorted(self.errors)

    def querystring(self):
        """The valid filters, to carry over into pagination links."""
        self.is_valid()
        return urlencode({key: value for key, value in self.cleaned_data.items() if value})
