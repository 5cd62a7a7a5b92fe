"""The registration form: an email address, on the public form safeguards."""

from django import forms
from django.utils.translation import gettext_lazy as _

from safeguards.forms import HONEYPOT, NormalisedEmailField, ProtectedForm


class RegistrationForm(ProtectedForm):
    email = NormalisedEmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send you a link to confirm. You are registered once you have."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email", HONEYPOT]

    def __init__(self, *args, event, **kwargs):
        kwargs.setdefault("form_id", f"register-{event.pk}")
        super().__init__(*args, **kwargs)
        self.event = event
