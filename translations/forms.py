from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page

from .models import Priority
from .selectors import STATES

STATE_LABELS = {
    "missing": _("Missing"),
    "in_progress": _("In progress"),
    "awaiting_review": _("Awaiting review"),
    "outdated": _("Outdated"),
    "done": _("Done"),
}


class QueueFilterForm(forms.Form):
    locale = forms.ChoiceField(label=_("Language"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *((state, STATE_LABELS[state]) for state in STATES)],
    )
    content_type = forms.TypedChoiceField(
        label=_("Content type"), required=False, coerce=int, empty_value=None
    )
    order = forms.ChoiceField(
        label=_("Order by"),
        required=False,
        choices=[("", _("Priority, due date and demand")), ("demand", _("Readers' demand"))],
    )

    def __init__(self, data, *, locales, content_types):
        super().__init__(data)
        self.fields["locale"].choices = [
            (locale.language_code, locale.get_display_name()) for locale in locales
        ]
        self.fields["content_type"].choices = [("", _("Any type"))] + [
            (content_type.pk, content_type.model_class()._meta.verbose_name.capitalize())
            for content_type in content_types
        ]


class ItemForm(forms.Form):
    """Identifies one queue item: a source page and a target language."""

    translation_key = forms.UUIDField()
    locale = forms.CharField(max_length=20)


class PlanForm(ItemForm):
    priority = forms.TypedChoiceField(choices=Priority.choices, coerce=int)
    due_date = forms.DateField(required=False)


class SubtreeForm(forms.Form):
    """Submit a section of the source site for translation into several languages."""

    page = forms.ModelChoiceField(label=_("Section"), queryset=None)
    locales = forms.ModelMultipleChoiceField(
        label=_("Languages"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = Page.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, depth__in=[2, 3]
        ).order_by("path")
        self.fields["locales"].queryset = Locale.objects.exclude(
            language_code=settings.LANGUAGE_CODE
        ).order_by("language_code")


class LaunchForm(forms.Form):
    """The languages a source page goes live with; none cancels the launch."""

    locales = forms.ModelMultipleChoiceField(
        label=_("Go live together with"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Publishing the page or one of these translations waits until all of them are "
            "approved; then they go live at once. Choose none to cancel the launch."
        ),
    )

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["locales"].queryset = Locale.objects.exclude(
            language_code=settings.LANGUAGE_CODE
        ).order_by("language_code")
