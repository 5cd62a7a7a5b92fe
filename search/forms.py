import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from campaigns.models import CampaignStatus
from core.forms import ListingFilterForm, TermChoiceField
from core.models import Region, Topic
from stories.models import StoryOutcome

from .analysis import analyse
from .facets import FILTER_OF_FACET
from .models import ContentKind


class SearchFilterForm(ListingFilterForm):
    """Facet filters. As in the listings, an unknown or malformed value is ignored and reported,
    never an error page."""

    type = forms.ChoiceField(
        label=_("Content type"),
        required=False,
        choices=[("", _("Any type")), *ContentKind.choices],
    )
    topic = TermChoiceField(Topic, label=_("Topic"), empty_label=_("Any topic"))
    region = TermChoiceField(Region, label=_("Region"), empty_label=_("Any region"))
    status = forms.ChoiceField(
        label=_("Campaign status"),
        required=False,
        choices=[("", _("Any status")), *CampaignStatus.choices],
    )
    outcome = forms.ChoiceField(
        label=_("Story outcome"),
        required=False,
        choices=[("", _("Any outcome")), *StoryOutcome.choices],
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[])

    # Form field → the engines' filter name: the fields are the facets.
    lookups = FILTER_OF_FACET

    def __init__(self, data, *, locale):
        super().__init__(data, locale=locale)
        self.fields["language"].choices = [
            ("", _("Any language")),
            *(
                (code, settings.PORTAL_LANGUAGE_LABELS.get(code, name))
                for code, name in settings.LANGUAGES
            ),
        ]

    def engine_filters(self):
        self.is_valid()
        return {
            self.lookups[name]: value
            for name, value in self.cleaned_data.items()
            if value and name in self.lookups
        }

    def labels(self, name):
        """``{value: label}`` of a filter's choices, in the reader's language."""
        return {str(value): label for value, label in self.fields[name].choices if value}


class QueryMessage:
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_WORDS = "no_words"
    UNKNOWN_LANGUAGE = "unknown_language"
    IGNORED_FILTERS = "ignored_filters"


def clean_query(raw):
    """The query as the engines get it, and what to tell the reader about it.

    Control and format characters (NUL included: PostgreSQL refuses it) are dropped, spacing is
    collapsed, and an over-long query is cut at a word boundary.
    """
    messages = []
    text = "".join(
        " " if unicodedata.category(character) in ("Cc", "Zl", "Zp") else character
        for character in (raw or "")
        if unicodedata.category(character) not in ("Cf", "Cs", "Co") or character == "\u200d"
    )
    text = " ".join(text.split())
    limit = settings.PORTAL_SEARCH_MAX_QUERY_LENGTH
    if len(text) > limit:
        cut = text[:limit]
        text = cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut
        messages.append(QueryMessage.TOO_LONG)
    if raw is not None and not text:
        messages.append(QueryMessage.EMPTY)
    elif text and not any(analyse(text, code) for code, _name in settings.LANGUAGES):
        messages.append(QueryMessage.NO_WORDS)
    return text, messages
