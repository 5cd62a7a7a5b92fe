from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.encoding import punycode
from django.utils.translation import gettext_lazy as _

from .mail import normalize_email
from .started import started_age, started_value, use_started

HONEYPOT = "website"


class ProtectedForm(forms.Form):
    """A public form with a honeypot field and a minimum fill time.

    The honeypot is a text field people never see (hidden by CSS, out of the tab order, hidden
    from screen readers); bots that fill in every field fill it. The form carries the time it
    was rendered, signed, in a hidden ``started`` input: a submission faster than
    PORTAL_ACTIONS_MIN_FILL_SECONDS, one replayed long after, or one whose start time was
    already used by an accepted submission (a replay), is refused with a message and the form
    comes back with what was typed. A start time is used up only by a submission that passes
    every check, so one with a typo can be corrected and sent again at once.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, form_id="form", **kwargs):
        kwargs.setdefault("auto_id", f"{form_id}-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.form_id = form_id

    @property
    def visible_fields_in_order(self):
        return [field for field in self if field.name != HONEYPOT]

    used_started = False

    @property
    def started(self):
        """The signed start time to render: the submitted one while still usable, else now."""
        if self.is_bound and not self.used_started:
            age = started_age(self.data.get("started"))
            if age is not None and age <= settings.PORTAL_ACTIONS_FORM_MAX_AGE:
                return self.data["started"]
        return started_value()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT):
            raise ValidationError(
                _("This form could not be sent. Please leave the hidden field empty."),
                code="honeypot",
            )
        age = started_age(self.data.get("started"))
        if age is None or age > settings.PORTAL_ACTIONS_FORM_MAX_AGE:
            raise ValidationError(
                _("This form was open for too long. Please check your details and send it again."),
                code="stale",
            )
        if age < settings.PORTAL_ACTIONS_MIN_FILL_SECONDS:
            raise ValidationError(
                _(
                    "That was quicker than we expected. "
                    "Please check your details and send it again."
                ),
                code="too_fast",
            )
        if not self._errors:
            self.used_started = True
            if not use_started(self.data.get("started")):
                raise ValidationError(
                    _("This form was already sent. Please check your details and send it again."),
                    code="replayed",
                )
        return cleaned_data


class NormalisedEmailField(forms.EmailField):
    """Lower-cased, trimmed and NFKC-normalised before it is validated; the domain must have
    an ASCII (IDNA) form, which the mail sent to the address needs."""

    def to_python(self, value):
        return normalize_email(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        try:
            punycode(value.rpartition("@")[2])
        except UnicodeError as error:  # e.g. a label over 63 characters once encoded
            raise ValidationError(EmailValidator.message, code="invalid") from error
