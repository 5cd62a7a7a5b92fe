"""Demo spokespeople: two listed people, one under her own name who speaks English and Spanish
on open education in Latin America, one under a public pseudonym who speaks Arabic, French and
English on privacy and free expression in the Middle East and North Africa. Their consent is
recorded as if given through the mailed link. Safe to run again (a person is found by their
address); terms that were not loaded (a partial load) are left out."""

from django.conf import settings
from django.utils import timezone

from core.models.taxonomy import Region, Topic
from spokespeople.models import CONSENT_VERSION, Spokesperson

PEOPLE = [
    {
        "email": "lucia.ferreyra@example.org",
        "public_name": "Lucía Ferreyra",
        "name_kind": Spokesperson.NameKind.REAL,
        "bio": "Secondary-school teacher in Córdoba who has written open textbooks with her "
        "students for ten years; speaks about open educational resources and school "
        "copyright rules.",
        "languages": ["es", "en"],
        "language": "es",
        "topics": ["open-education", "copyright"],
        "regions": ["latin-america"],
    },
    {
        "email": "nour.relay@example.org",
        "public_name": "Nour al-Sahil",
        "name_kind": Spokesperson.NameKind.PSEUDONYM,
        "bio": "Security trainer for newsrooms and libraries, speaking under a pseudonym; "
        "explains in plain words how surveillance laws and content blocking affect readers "
        "and writers in the region.",
        "languages": ["ar", "fr", "en"],
        "language": "ar",
        "topics": ["privacy-surveillance", "free-expression"],
        "regions": ["middle-east-north-africa"],
    },
]


def _terms(model, slugs):
    return model.objects.filter(slug__in=slugs, locale__language_code=settings.LANGUAGE_CODE)


def load_spokespeople(write=lambda _line: None):
    created = 0
    for item in PEOPLE:
        if Spokesperson.objects.filter(email=item["email"]).exists():
            continue
        now = timezone.now()
        person = Spokesperson(
            email=item["email"],
            public_name=item["public_name"],
            name_kind=item["name_kind"],
            bio=item["bio"],
            language=item["language"],
            status=Spokesperson.Status.LISTED,
            consent_version=CONSENT_VERSION,
            consented_at=now,
            confirmed_at=now,
        )
        person.language_codes = item["languages"]
        person.save()
        person.topics.set(_terms(Topic, item["topics"]))
        person.regions.set(_terms(Region, item["regions"]))
        created += 1
    write(f"  {created} spokespeople listed")
    return created
