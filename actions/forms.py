from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import PlainSelect
from safeguards.forms import HONEYPOT, NormalisedEmailField, ProtectedForm

from .countries import country_choices_with_blank


class SignatureForm(ProtectedForm):
    email = NormalisedEmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send you a link to confirm. Your signature counts once you have."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("First name (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    # Read when the form is rendered or validated, not when it is made.
    country = forms.ChoiceField(
        label=_("Country (optional)"),
        required=False,
        choices=country_choices_with_blank,
        widget=PlainSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Please tick this box to sign.")},
    )

    field_order = ["email", "name", "country", "comment", "consent", HONEYPOT]

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault("form_id", f"action-{action.public_id}")
        super().__init__(*args, **kwargs)
        self.action = action
        for name, wanted in (
            ("name", action.collects_name),
            ("country", action.collects_country),
            ("comment", action.collects_comment),
        ):
            if not wanted:
                del self.fields[name]
        self.fields["consent"].label = action.consent_text

    def signer_details(self):
        """The optional details the action collects, from the cleaned data."""
        return {
            name: self.cleaned_data.get(name, "")
            for name in ("name", "country", "comment")
            if name in self.fields
        }


class DataRequestForm(ProtectedForm):
    email = NormalisedEmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The address you signed with. We send a link to it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email", HONEYPOT]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("form_id", "my-data")
        super().__init__(*args, **kwargs)
