"""Reads: the directory (listed people only, filtered), a listed person for the relay form."""

from dataclasses import dataclass

from core.models.taxonomy import Region, Topic
from core.selectors import term_by_id

from .models import Spokesperson


@dataclass(frozen=True)
class Entry:
    """What the directory shows of one person: never the address."""

    pk: int
    public_name: str
    is_pseudonym: bool
    bio: str
    languages: list
    topics: list
    regions: list


def _term_ids(relation, people_ids):
    through = getattr(Spokesperson, relation).through
    column = f"{through._meta.get_field(relation[:-1]).attname}"
    found = {}
    for person_id, term_id in through.objects.filter(spokesperson_id__in=people_ids).values_list(
        "spokesperson_id", column
    ):
        found.setdefault(person_id, []).append(term_id)
    return found


def _named(model, ids, locale):
    terms = [term_by_id(model, pk, locale) for pk in ids]
    return sorted((term.name for term in terms if term is not None), key=str.casefold)


def listed():
    return Spokesperson.objects.filter(status=Spokesperson.Status.LISTED)


def directory(*, locale, topic="", region="", language=""):
    """The listed people matching the filters (slugs of source-language terms, a language
    code), their terms named in ``locale``: three queries."""
    people = listed()
    if topic:
        people = people.filter(topics__slug=topic)
    if region:
        people = people.filter(regions__slug=region)
    if language:
        people = people.filter(languages__contains=f",{language},")
    people = list(people.distinct().only("pk", "public_name", "name_kind", "bio", "languages"))
    ids = [person.pk for person in people]
    topics = _term_ids("topics", ids) if ids else {}
    regions = _term_ids("regions", ids) if ids else {}
    return [
        Entry(
            pk=person.pk,
            public_name=person.public_name,
            is_pseudonym=person.is_pseudonym,
            bio=person.bio,
            languages=person.language_names,
            topics=_named(Topic, topics.get(person.pk, ()), locale),
            regions=_named(Region, regions.get(person.pk, ()), locale),
        )
        for person in people
    ]


def listed_person(person_id):
    """A listed person (for the relay form), or None."""
    return listed().filter(pk=person_id).first()


def languages_spoken():
    """The language codes of listed people (the directory's language filter): one query."""
    codes = set()
    for value in listed().values_list("languages", flat=True):
        codes.update(code for code in value.split(",") if code)
    return sorted(codes)
