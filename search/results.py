"""What a search returns: hits grouped by translation, the versions shown, facets."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from wagtail.models import Site

from core import lookups

from .analysis import profile_for
from .facets import FACETS


def language_label(code):
    return settings.PORTAL_LANGUAGE_LABELS.get(code, code)


def is_rtl(code):
    return code.split("-")[0] in settings.LANGUAGES_BIDI


@dataclass
class Group:
    translation_key: str
    score: float
    hits: list = field(default_factory=list)

    @property
    def first(self):
        return self.hits[0]

    @property
    def languages(self):
        return self.first.languages

    def display_language(self, reader_language, filter_language=None, query_script=""):
        """The version to show: the filtered language, the reader's, else the best match.

        Scores of different languages are not comparable (a Chinese bigram is rarer than an
        English word), so "best match" looks first among the versions written in the query's
        script (a reader who typed Latin letters reads a Latin-script language), then takes the
        source language, then any.
        """
        if filter_language and filter_language in self.languages:
            return filter_language
        if reader_language in self.languages:
            return reader_language
        same_script = [hit for hit in self.hits if profile_for(hit.language).script == query_script]
        if same_script:
            return max(same_script, key=lambda hit: hit.score).language
        if settings.LANGUAGE_CODE in self.languages:
            return settings.LANGUAGE_CODE
        return max(self.hits, key=lambda hit: hit.score).language


def hit_key(hit, reader_language=None, *, foreign_query=False):
    """How good one matching version is, best first, in this explicit order:

    1. the exact tier: the page has the query's exact words (a Chinese run as a phrase) rather
       than only their stems, so a stem shared by two languages ("petition", "petits") never
       puts the other language's page first. A ``foreign_query`` (written in none of the
       scripts of the reader's language: "licence" for a Hindi reader) cannot be in the
       reader's language, so the reader's pages can only have matched it in a passage of the
       query's language, with no stem of the reader's language to collide: they join this tier;
    2. the reader-language tier: the version is in the reader's language;
    3. the engine's score.
    """
    in_reader_language = hit.language == reader_language
    return (hit.exact or (foreign_query and in_reader_language), in_reader_language, hit.score)


def is_foreign_query(query_scripts, reader_language):
    """Whether none of the query's scripts is the reader's language's script."""
    script = profile_for(reader_language).script if reader_language else ""
    return bool(script and query_scripts) and script not in query_scripts


def group_hits(hits, *, reader_language=None, query_scripts=()):
    """Hits grouped by translation, ordered by the best ``hit_key`` of each group's versions;
    ``query_scripts``: the writing systems of the query (``analysis.scripts_of``)."""
    foreign_query = is_foreign_query(query_scripts, reader_language)
    groups, keys = {}, {}
    for hit in hits:
        group = groups.get(hit.translation_key)
        if group is None:
            group = groups[hit.translation_key] = Group(hit.translation_key, hit.score)
        group.hits.append(hit)
        group.score = max(group.score, hit.score)
        key = hit_key(hit, reader_language, foreign_query=foreign_query)
        keys[hit.translation_key] = max(keys.get(hit.translation_key, key), key)
    return sorted(
        groups.values(),
        key=lambda group: tuple(-value for value in keys[group.translation_key]),
    )


def count_facets(groups):
    counts = {name: {} for name in FACETS}

    def add(name, value):
        if value:
            counts[name][value] = counts[name].get(value, 0) + 1

    for group in groups:
        hit = group.first
        add("type", hit.kind)
        add("status", hit.status)
        add("outcome", hit.outcome)
        for topic in hit.topics:
            add("topic", topic)
        for region in hit.regions:
            add("region", region)
        for language in hit.languages:
            add("language", language)
    return counts


# -- what the page and the API show --------------------------------------------------------------


@dataclass
class Version:
    language: str
    label: str
    url: str
    title: str

    @property
    def rtl(self):
        return is_rtl(self.language)


@dataclass
class Result:
    translation_key: str
    kind: str
    kind_label: str
    title: str
    url: str
    language: str
    language_label: str
    in_reader_language: bool
    summary: str
    snippet: str
    also_available: list
    status: str = ""
    outcome: str = ""
    # An event's start, the time zone it is given in, and its place.
    when: object = None
    zone: str = ""
    place: str = ""
    section: str = ""  # the affiliate whose section the page is in (core.sections)

    @property
    def rtl(self):
        return is_rtl(self.language)

    def as_dict(self):
        return {
            "translation_key": self.translation_key,
            "type": self.kind,
            "type_label": str(self.kind_label),
            "title": self.title,
            "url": self.url,
            "language": self.language,
            "language_label": str(self.language_label),
            "in_reader_language": self.in_reader_language,
            "summary": self.summary,
            "snippet": str(self.snippet),
            "status": self.status,
            "outcome": self.outcome,
            "section": self.section,
            "also_available": [
                {"language": v.language, "label": str(v.label), "url": v.url, "title": v.title}
                for v in self.also_available
            ],
        }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    language: str
    groups: list
    page_obj: object
    results: list
    facets: dict
    backend: str
    fallback: bool
    took_ms: int
    expansions: list
    capped: bool

    @cached_property
    def count(self):
        return len(self.groups)


class PageUrls:
    """Public URLs of pages from their ``url_path``, as ``Page.get_url(request)`` makes them.

    ``Page.get_url`` reverses the URL pattern once per page; a results page links to up to nine
    versions of twelve pages, so the language prefix is reversed once per language instead.
    ``tests/search`` checks that both agree.
    """

    def __init__(self, request=None):
        self.root_paths = Site.get_site_root_paths()
        self.single_site = len({root.site_id for root in self.root_paths}) == 1
        site = lookups.site_for_request(request) if request is not None else None
        self.current_site_id = site.pk if site else None
        self.prefixes = {}

    def __call__(self, url_path):
        roots = [root for root in self.root_paths if url_path.startswith(root.root_path)]
        if not roots:
            return ""
        root = next((r for r in roots if r.site_id == self.current_site_id), roots[0])
        if root.language_code not in self.prefixes:
            with translation.override(root.language_code):
                self.prefixes[root.language_code] = reverse("wagtail_serve", args=("",))
        path = self.prefixes[root.language_code] + url_path[len(root.root_path) :]
        if self.single_site or root.site_id == self.current_site_id:
            return path
        return root.root_url + path
