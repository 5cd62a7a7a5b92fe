"""Content for the benchmark site: text in each language, a few images, taxonomy terms, and the
fields of each page type.

Text comes from a pool of Faker sentences and paragraphs per language, drawn once, so that
10,000 pages cost little to write while every language has real words for search to stem. The
English summary of each page names its topic (and each translation the topic's name in that
language), so a search for a topic finds more pages as the site grows.
"""

import datetime
import random
import uuid

from faker import Faker

from django.utils.html import escape
from django.utils.text import slugify

from core.factories import MethodFactory, RegionFactory, TopicFactory
from demo import images
from demo.benchmark.languages import FAKER_LOCALES, LANGUAGES

# Extra terms on top of the demo's: enough for filter menus of a realistic length.
EXTRA_TERMS = {"topics": 16, "regions": 8, "methods": 8}
TERM_FACTORIES = {"topics": TopicFactory, "regions": RegionFactory, "methods": MethodFactory}
ILLUSTRATIONS = 6
LOGOS = 4
NAMESPACE = uuid.UUID("0b6f3c52-1c3e-4a9e-9d0f-5b1e2f6a7c80")


class TextPool:
    """Sentences and paragraphs in each language, drawn from Faker once."""

    def __init__(self, seed):
        self.titles, self.sentences, self.paragraphs, self.words = {}, {}, {}, {}
        for offset, code in enumerate(LANGUAGES):
            faker = Faker(FAKER_LOCALES[code])
            faker.seed_instance(seed + offset)
            self.titles[code] = [faker.sentence(nb_words=5).rstrip(".。") for _ in range(80)]
            self.sentences[code] = [faker.sentence(nb_words=10) for _ in range(120)]
            self.paragraphs[code] = [faker.paragraph(nb_sentences=5) for _ in range(80)]
            self.words[code] = [faker.word().capitalize() for _ in range(60)]

    def html(self, rng, code, count):
        return "".join(f"<p>{escape(rng.choice(self.paragraphs[code]))}</p>" for _ in range(count))


def block_id(*parts):
    """The same id for a block and its translations (StreamField structure is synchronised)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def ensure_images():
    """A few Pillow-drawn images, reused by every page: (illustrations, logos)."""
    illustrations = [
        images.get_or_create_image(
            title=f"Benchmark illustration {number}",
            description="Abstract illustration",
            picture=images.draw_illustration(f"benchmark/{number}"),
        )
        for number in range(ILLUSTRATIONS)
    ]
    logos = [
        images.get_or_create_image(
            title=f"Benchmark logo {number}",
            description="Logo of a partner organisation",
            picture=images.draw_logo(f"benchmark-logo/{number}", f"B{number}"),
        )
        for number in range(LOGOS)
    ]
    return illustrations, logos


def ensure_terms(locales, pool):
    """Extra topics, regions and methods in all nine languages (once), linked by translation
    key. Returns every source-language term of each taxonomy, and each term's name per
    language as ``{(translation_key, language_code): name}``."""
    source = locales["en"]
    for taxonomy, count in EXTRA_TERMS.items():
        factory = TERM_FACTORIES[taxonomy]
        for number in range(count):
            slug = f"bench-{taxonomy[:-1]}-{number}"
            english = factory(locale=source, slug=slug, name=f"{pool.words['en'][number]} {number}")
            for code in LANGUAGES[1:]:
                factory(
                    locale=locales[code],
                    slug=slug,
                    name=f"{pool.words[code][number]} {number}",
                    translation_key=english.translation_key,
                )
    terms, names = {}, {}
    codes = {locale.pk: code for code, locale in locales.items()}
    for taxonomy, factory in TERM_FACTORIES.items():
        model = factory._meta.model
        terms[taxonomy] = list(model.objects.filter(locale=source).order_by("pk"))
        for key, locale_id, name in model.objects.values_list("translation_key", "locale", "name"):
            names[(key, codes.get(locale_id))] = name
    return terms, names


def slug_for(title, number):
    return f"{slugify(title)[:40].strip('-') or 'page'}-{number}"


def random_date(rng, start_year=2019, end_year=2026):
    start = datetime.date(start_year, 1, 1).toordinal()
    return datetime.date.fromordinal(rng.randint(start, datetime.date(end_year, 6, 30).toordinal()))


# -- shared fields: the same in every translation (synchronised fields and relations) -------


def campaign_shared(rng, ctx):
    status = rng.choices(["live", "planned", "won", "lost", "stalled"], [5, 2, 2, 1, 1])[0]
    start = random_date(rng)
    finished = status in {"won", "lost"}
    return {
        "status": status,
        "start_date": start,
        "end_date": start + datetime.timedelta(days=rng.randint(60, 900)) if finished else None,
        "topics": rng.sample(ctx.terms["topics"], rng.randint(1, 3)),
        "regions": rng.sample(ctx.terms["regions"], rng.randint(1, 2)),
        "partners": rng.sample(ctx.partners, min(len(ctx.partners), rng.randint(0, 3))),
        "explainers": rng.sample(ctx.explainers, min(len(ctx.explainers), rng.randint(0, 2))),
        "listing_image": rng.choice(ctx.illustrations),
        "milestone_dates": sorted(random_date(rng) for _ in range(3)),
        "figure": rng.choice(ctx.illustrations),
    }


def campaign_text(pool, code, rng, key, shared):
    body = [
        ("heading", rng.choice(pool.titles[code])),
        ("paragraph", pool.html(rng, code, 2)),
        ("quote", {"text": rng.choice(pool.sentences[code]), "attribution": ""}),
        ("image", {"image": shared["figure"].pk, "alt_text": "", "decorative": True}),
        ("heading", rng.choice(pool.titles[code])),
        ("paragraph", pool.html(rng, code, 2)),
    ]
    milestones = [
        {"date": date.isoformat(), "title": rng.choice(pool.titles[code]), "description": ""}
        for date in shared["milestone_dates"]
    ]
    actions = [
        {"title": rng.choice(pool.titles[code]), "text": rng.choice(pool.sentences[code])}
        | {"page": None, "url": f"https://example.org/act/{number}"}
        for number in range(2)
    ]
    return {
        "body": _stream(key, "body", body),
        "milestones": _stream(key, "milestones", [("milestone", m) for m in milestones]),
        "outcome": rng.choice(pool.sentences[code]) if shared["end_date"] else "",
        "get_involved": _stream(key, "actions", [("action", action) for action in actions]),
    }


def story_shared(rng, ctx):
    named = rng.random() < 0.3
    return {
        "outcome": rng.choices(["success", "failure", "mixed"], [5, 3, 2])[0],
        "date": random_date(rng),
        "author_mode": "named" if named else "anonymous",
        "author_name": rng.choice(["Amina K.", "Lucía P.", "Chen Wei"]) if named else "",
        "topics": rng.sample(ctx.terms["topics"], rng.randint(1, 3)),
        "regions": rng.sample(ctx.terms["regions"], 1),
        "methods": rng.sample(ctx.terms["methods"], rng.randint(1, 2)),
        "partners": rng.sample(ctx.partners, min(len(ctx.partners), rng.randint(0, 2))),
        "campaign": rng.choice(ctx.campaigns) if ctx.campaigns and rng.random() < 0.5 else None,
        "listing_image": rng.choice(ctx.illustrations),
    }


def story_text(pool, code, rng, key, shared):
    links = [
        ("link", {"title": rng.choice(pool.titles[code]), "url": f"https://example.org/e/{n}"})
        for n in range(2)
    ]
    lessons = [("lesson", rng.choice(pool.sentences[code])) for _ in range(3)]
    return {
        "context": pool.html(rng, code, 1),
        "methods_used": pool.html(rng, code, 1),
        "what_happened": pool.html(rng, code, 3),
        "evidence": _stream(key, "evidence", links),
        "lessons": _stream(key, "lessons", lessons),
    }


def partner_shared(rng, ctx):
    return {
        "logo": rng.choice(ctx.logos),
        "website": f"https://example.org/partner/{rng.randint(1, 10**6)}",
        "language_codes": rng.sample(["en", "fr", "es", "ar", "sw", "pt", "hi", "ru"], 2),
        "topics": rng.sample(ctx.terms["topics"], rng.randint(1, 3)),
        "regions": rng.sample(ctx.terms["regions"], rng.randint(1, 2)),
        "listing_image": rng.choice(ctx.illustrations) if rng.random() < 0.5 else None,
    }


def partner_text(pool, code, rng, key, shared):
    return {"description": pool.html(rng, code, 2)}


def explainer_shared(rng, ctx):
    reviewed = random_date(rng, 2024, 2026)
    return {
        "topic": rng.choice(ctx.terms["topics"]),
        "last_reviewed": reviewed,
        "next_review": reviewed + datetime.timedelta(days=365),
        "owner_team": "Policy working group",
        "anchors": ["context", "position", "asks"],
        "listing_image": rng.choice(ctx.illustrations),
    }


def explainer_text(pool, code, rng, key, shared):
    sections = [
        {"anchor": anchor, "heading": rng.choice(pool.titles[code])}
        | {"content": pool.html(rng, code, 2)}
        for anchor in shared["anchors"]
    ]
    return {
        "position_summary": rng.choice(pool.paragraphs[code]),
        "body": _stream(key, "sections", [("section", section) for section in sections]),
        "key_asks": _stream(
            key, "asks", [("ask", rng.choice(pool.sentences[code])) for _ in range(3)]
        ),
        "change_note": rng.choice(pool.sentences[code]),
    }


# Fields the shared builders return that are not model fields (inputs of the text builders).
NOT_FIELDS = {"milestone_dates", "figure", "anchors"}


def _stream(key, name, blocks):
    return [
        {"type": block_type, "value": value, "id": block_id(key, name, index)}
        for index, (block_type, value) in enumerate(blocks)
    ]


def reproducible_rng(seed, *parts):
    return random.Random("/".join(str(part) for part in (seed, *parts)))  # noqa: S311
