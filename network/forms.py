from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from safeguards.forms import HONEYPOT, NormalisedEmailField, ProtectedForm

from . import services
from .models import EndorsementRequest


class EndorsementForm(WagtailAdminModelForm):
    """The admin's form: the endorsement is of the source page, and of its live version when
    recorded (an edit keeps the version first recorded)."""

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("page") is not None:
            self.instance.page = cleaned_data["page"]
            services.prepare(self.instance)
            cleaned_data["page"] = self.instance.page
        return cleaned_data


class EndorsementRequestForm(ProtectedForm):
    """An organisation asks to endorse a position or join a coalition (public)."""

    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_website = forms.URLField(
        label=_("Organisation's website (optional)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    contact_email = NormalisedEmailField(
        label=_("Contact address of the organisation"),
        max_length=254,
        help_text=_(
            "A role address rather than a person's, if you have one. We send a link to confirm, "
            "tell you our decision, and ask you again if the position changes."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    statement = forms.CharField(
        label=_("Statement (optional)"),
        max_length=1000,
        required=False,
        help_text=_("Shown beside your organisation's name once approved."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # (ProtectedForm's honeypot is the field named "website".)
    field_order = ["organisation", "organisation_website", "contact_email", "statement", HONEYPOT]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("form_id", "endorse")
        super().__init__(*args, **kwargs)


class EndorsementRequestAdminForm(WagtailAdminModelForm):
    """Staff decide: approve (with the partner profile it is recorded under) or decline (with
    a reason the organisation is told)."""

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        if status == EndorsementRequest.Status.APPROVED and not cleaned_data.get("partner"):
            self.add_error("partner", _("Choose the organisation's partner profile to approve."))
        if status == EndorsementRequest.Status.DECLINED and not cleaned_data.get("reason"):
            self.add_error("reason", _("Say why, for the organisation."))
        return cleaned_data

    def save(self, commit=True):
        request = super().save(commit=False)
        if commit:
            services.decide(request=request)
        return request
