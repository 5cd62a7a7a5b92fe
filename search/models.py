"""What the public search keeps: one document per published page, the glossary drawn from the
translation memory, and an anonymous log of queries.

``SearchDocument`` is the portal's own copy of each public page as search sees it: its text, its
facets, and the languages its translation group exists in. It never holds who wrote, owns or
published a page. Each database engine adds its full-text index beside it (see
``search.backends.database``); Elasticsearch and OpenSearch index the same documents.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContentKind(models.TextChoices):
    CAMPAIGN = "campaign", _("Campaign")
    STORY = "story", _("Story")
    PARTNER = "partner", _("Partner")
    EXPLAINER = "explainer", _("Policy explainer")
    EVENT = "event", _("Event")


def padded(values):
    """Space-separated values with a space on each side, so ``" slug "`` finds one exactly."""
    values = [value for value in values if value]
    return f" {' '.join(values)} " if values else ""


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    translation_key = models.UUIDField(db_index=True)
    language = models.CharField(max_length=16)
    kind = models.CharField(max_length=20, choices=ContentKind.choices)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The passages written in another language than the page's, {language: text}: each engine
    # indexes them with that language's analysis too (see ``search.passages``).
    passages = models.JSONField(default=dict, blank=True)
    # The page's language, then its passages' languages, padded like the facets.
    text_languages = models.CharField(max_length=200, blank=True)
    # Characters of body indexed when the page's text was longer than the index takes; else null.
    truncated_at = models.PositiveIntegerField(null=True, blank=True)
    # Facets, shared by every translation of a page, as padded space-separated slugs.
    topics = models.CharField(max_length=1000, blank=True)
    regions = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=20, blank=True)
    outcome = models.CharField(max_length=20, blank=True)
    # An event's start, the time zone it is given in, and its place: shown with the result.
    starts_at = models.DateTimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    place = models.CharField(max_length=255, blank=True)
    # Every language this page's translation group is published in, padded like the facets.
    languages = models.CharField(max_length=200, blank=True)
    indexed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("search document")

    def __str__(self):
        return f"{self.title} ({self.language})"

    @property
    def topic_list(self):
        return self.topics.split()

    @property
    def region_list(self):
        return self.regions.split()

    @property
    def language_list(self):
        return self.languages.split()

    @property
    def text_language_list(self):
        return self.text_languages.split() or [self.language]


class GlossaryTerm(models.Model):
    """One language's form of a short string from the translation memory.

    All the forms of one source string share a ``concept`` (the wagtail-localize ``String``), so a
    query that contains one form can be expanded with the others (see ``search.glossary``).
    """

    concept = models.ForeignKey(
        "wagtail_localize.String", on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=16)
    text = models.CharField(max_length=255)
    key = models.CharField(max_length=255, db_index=True)  # analysed terms, space-separated

    class Meta:
        verbose_name = _("glossary term")
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "language", "text"], name="unique_glossary_form"
            )
        ]

    def __str__(self):
        return f"{self.text} ({self.language})"


class QuerySource(models.TextChoices):
    PAGE = "page", _("Search page")
    API = "api", _("API")


class SearchQueryLog(models.Model):
    """A search that was made: no IP address, no user, no session, and only the day it was made."""

    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("reader's language"), max_length=16)
    result_count = models.PositiveIntegerField(_("results"))
    took_ms = models.PositiveIntegerField(_("time (ms)"))
    backend = models.CharField(_("engine"), max_length=20)
    fallback = models.BooleanField(_("answered by the fallback"), default=False)
    source = models.CharField(max_length=10, choices=QuerySource.choices, default=QuerySource.PAGE)
    day = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        indexes = [models.Index(fields=["language", "day"], name="search_log_language_day")]

    def __str__(self):
        return self.query


class EngineIncident(models.Model):
    """The external engine failed or timed out, and the database answered or indexing waited."""

    backend = models.CharField(max_length=20)
    operation = models.CharField(max_length=20)
    error = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("search engine incident")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.backend} {self.operation}: {self.error}"
