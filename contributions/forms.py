import datetime
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actions.countries import country_choices_with_blank
from core.widgets import PlainSelect
from safeguards.forms import HONEYPOT, NormalisedEmailField, ProtectedForm
from stories.models import AuthorMode, StoryOutcome

from . import images
from .models import NameMode, ProposalKind

MAX_LINKS = 10
MAX_LESSONS = 10

EMAIL_HELP = _(
    "Optional. Only to tell you what happened: we send a link to confirm it first, and delete "
    "the address once the decision is made."
)


def _lines(text):
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def _clean_links(text):
    links = _lines(text)
    if len(links) > MAX_LINKS:
        raise ValidationError(
            _("At most %(count)s links, please.") % {"count": MAX_LINKS}, code="too_many"
        )
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise ValidationError(
                _("“%(link)s” is not a web address (https://…).") % {"link": link[:80]},
                code="invalid",
            ) from None
    return links


class StoryForm(ProtectedForm):
    title = forms.CharField(label=_("Title of your story"), max_length=200)
    outcome = forms.ChoiceField(
        label=_("Was it a success or a failure?"),
        choices=StoryOutcome.choices,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("When did it happen?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    context = forms.CharField(
        label=_("Context"),
        help_text=_("Where and when, and what was at stake."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    methods_used = forms.CharField(
        label=_("Methods used (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_happened = forms.CharField(
        label=_("What happened"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )
    evidence = forms.CharField(
        label=_("Evidence links (optional)"),
        help_text=_("One web address per line."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lessons = forms.CharField(
        label=_("Lessons (optional)"),
        help_text=_("One lesson per line."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    region = forms.TypedChoiceField(
        label=_("Region (optional)"), required=False, coerce=int, widget=PlainSelect
    )
    topics = forms.TypedMultipleChoiceField(
        label=_("Topics (optional)"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    author_mode = forms.ChoiceField(
        label=_("How should we name you?"),
        choices=AuthorMode.choices,
        initial=AuthorMode.ANONYMOUS,
        widget=forms.RadioSelect,
        help_text=_("Anonymous: no name is kept. Pseudonymous: a pen name is shown."),
    )
    author_name = forms.CharField(
        label=_("Your name or pen name"),
        required=False,
        max_length=120,
        help_text=_("Needed for a named or pseudonymous story."),
    )
    image = forms.FileField(
        label=_("A picture (optional)"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. We remove its hidden data (location, device) "
            "before keeping it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    email = NormalisedEmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        help_text=EMAIL_HELP,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = [
        "title",
        "outcome",
        "date",
        "context",
        "methods_used",
        "what_happened",
        "evidence",
        "lessons",
        "region",
        "topics",
        "author_mode",
        "author_name",
        "image",
        "email",
        HONEYPOT,
    ]

    def __init__(self, *args, region_choices=(), topic_choices=(), **kwargs):
        kwargs.setdefault("form_id", "story")
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Choose a region")), *region_choices]
        self.fields["topics"].choices = list(topic_choices)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate() or date < datetime.date(1900, 1, 1):
            raise ValidationError(_("Please give a date in the past."), code="future")
        return date

    def clean_evidence(self):
        return _clean_links(self.cleaned_data.get("evidence"))

    def clean_lessons(self):
        lessons = _lines(self.cleaned_data.get("lessons"))
        if len(lessons) > MAX_LESSONS:
            raise ValidationError(
                _("At most %(count)s lessons, please.") % {"count": MAX_LESSONS}, code="too_many"
            )
        return lessons

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image:
            images.validate_upload(image)
        return image or None

    def clean(self):
        cleaned_data = super().clean()
        mode = cleaned_data.get("author_mode")
        if mode == AuthorMode.ANONYMOUS:
            cleaned_data["author_name"] = ""
        elif mode and not cleaned_data.get("author_name", "").strip():
            self.add_error(
                "author_name",
                ValidationError(
                    _("Give a name or a pen name, or choose anonymous."), code="required"
                ),
            )
        return cleaned_data

    def story_details(self):
        data = self.cleaned_data
        region = data.get("region")
        return {
            "title": data["title"],
            "outcome": data["outcome"],
            "date": data["date"],
            "context": data["context"],
            "methods_used": data["methods_used"],
            "what_happened": data["what_happened"],
            "evidence": [(_link_title(url), url) for url in data["evidence"]],
            "lessons": data["lessons"],
            "region_ids": [region] if region else [],
            "topic_ids": data["topics"],
            "author_mode": data["author_mode"],
            "author_name": data["author_name"].strip(),
            "email": data["email"],
            "image": data["image"],
        }


def _link_title(url):
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")[:120] or url[:120]


class ProposalForm(ProtectedForm):
    kind = forms.ChoiceField(
        label=_("What do you propose?"), choices=ProposalKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("What is it about?"),
        max_length=200,
        help_text=_("In one sentence: the campaign, or the law or policy that threatens."),
    )
    country = forms.ChoiceField(
        label=_("Where (country)"), choices=country_choices_with_blank, widget=PlainSelect
    )
    why_now = forms.CharField(
        label=_("Why now?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    links = forms.CharField(
        label=_("Links (optional)"),
        help_text=_("One web address per line."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name_mode = forms.ChoiceField(
        label=_("How should we name you?"),
        choices=NameMode.choices,
        initial=NameMode.PSEUDONYMOUS,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Your name or pen name"), max_length=120)
    email = NormalisedEmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        help_text=EMAIL_HELP,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["kind", "title", "country", "why_now", "links", "name_mode", "name", "email"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("form_id", "proposal")
        super().__init__(*args, **kwargs)

    def clean_links(self):
        return "\n".join(_clean_links(self.cleaned_data.get("links")))

    def proposal_details(self):
        return {
            name: self.cleaned_data[name]
            for name in ("kind", "title", "country", "why_now", "links", "name_mode", "name")
        } | {"email": self.cleaned_data["email"]}
