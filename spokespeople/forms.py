from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import ListingFilterForm, TermChoiceField
from core.models.taxonomy import Region, Topic
from core.selectors import terms_for_locale
from core.spoken_languages import CODES, language_choices
from core.widgets import PlainSelect
from safeguards.forms import HONEYPOT, NormalisedEmailField, ProtectedForm

from . import services
from .models import Spokesperson


class OfferForm(ProtectedForm):
    """Someone offers to speak to the media (public). Nothing is shown before they confirm
    through the mailed link and staff list them."""

    public_name = forms.CharField(
        label=_("Public name"),
        max_length=120,
        help_text=_("Your real name or a pseudonym: it is the only name shown."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    name_kind = forms.ChoiceField(
        label=_("This name is"),
        choices=Spokesperson.NameKind.choices,
        initial=Spokesperson.NameKind.REAL,
        widget=forms.RadioSelect,
    )
    bio = forms.CharField(
        label=_("A few lines about you"),
        max_length=600,
        help_text=_("What you can speak about, and from what experience. Shown publicly."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak to the media in"),
        help_text=_("Choose one or more."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    email = NormalisedEmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_(
            "Never shown. We send a link to confirm; journalists' messages are forwarded to it."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to be listed with this name, biography, topics, languages and regions, "
            "and to receive journalists' messages by email. I can leave at any time."
        )
    )
    field_order = [
        "public_name",
        "name_kind",
        "bio",
        "topics",
        "regions",
        "languages",
        "email",
        "consent",
        HONEYPOT,
    ]

    def __init__(self, *args, locale, **kwargs):
        kwargs.setdefault("form_id", "offer")
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = terms_for_locale(Topic, locale)
        self.fields["regions"].choices = terms_for_locale(Region, locale)
        self.fields["languages"].choices = language_choices()


class RelayForm(ProtectedForm):
    """A journalist writes to a spokesperson (public). The message is mailed on, not kept."""

    name = forms.CharField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    outlet = forms.CharField(
        label=_("Media outlet"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = NormalisedEmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The spokesperson replies to it, if they wish. We do not keep it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        help_text=_("Say what it is about, your deadline and how to reach you."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    field_order = ["name", "outlet", "email", "message", HONEYPOT]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("form_id", "relay")
        super().__init__(*args, **kwargs)


class DirectoryFilterForm(ListingFilterForm):
    topic = TermChoiceField(Topic, label=_("Topic"), empty_label=_("Any topic"))
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    region = TermChoiceField(Region, label=_("Region"), empty_label=_("Any region"))

    lookups = {"topic": "topics__slug", "language": "languages", "region": "regions__slug"}

    def __init__(self, data, *, locale, languages):
        super().__init__(data, locale=locale)
        choices = [("", _("Any language")), *language_choices(languages)]
        self.fields["language"].choices = choices
        self.fields["language"].widget = PlainSelect(choices=choices)


class SpokespersonAdminForm(WagtailAdminModelForm):
    """Staff add or list a person. Someone added by staff is mailed the link where they give
    their consent; nobody is listed before they have given it themselves."""

    language_codes = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=[(code, code) for code in CODES],
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language_codes"].choices = language_choices()
        self.fields["language_codes"].initial = self.instance.language_codes
        self.fields["language"].widget = forms.Select(choices=settings.LANGUAGES)

    def clean(self):
        cleaned_data = super().clean()
        new_address = self.instance.pk is None or "email" in self.changed_data
        if cleaned_data.get("status") == Spokesperson.Status.LISTED and (
            new_address or self.instance.consented_at is None
        ):
            self.add_error(
                "status",
                _("Only people who have confirmed through the mailed link can be listed."),
            )
        return cleaned_data

    def save(self, commit=True):
        person = super().save(commit=False)
        person.language_codes = self.cleaned_data["language_codes"]
        if commit:
            services.save_by_staff(
                person=person,
                new_address=self.instance._state.adding or "email" in self.changed_data,
                save_m2m=self.save_m2m,
            )
        return person
