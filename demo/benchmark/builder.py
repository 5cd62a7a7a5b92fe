"""Builds a large site for the performance benchmark with the apps' factories.

On an empty database the demo site (``load_demo``) is loaded first: it gives the home page,
the four indexes, the privacy notice, the taxonomies and the site settings in all nine
languages. Then the builder adds campaigns, stories, partners and policy explainers until the
tree holds the number of pages asked for (all languages, the tree's root not counted).

Each new page is a translation group: an English source page and, with probability
``translated_share`` for each of the eight other languages, a translation in that language.
Translations are real Wagtail pages in their locale, under that locale's index, sharing the
source's ``translation_key``, slug, dates, status, images and relations, with text of their own
language. They are built directly with the factories (``Factory.build``) and inserted in bulk
(``demo.benchmark.bulk``), not through wagtail-localize's translation sources and segments:
the translation editor and the readers' "outdated translation" notice see no sync history for
them, which costs the same queries as for any translation.
"""

import datetime
import time
import uuid
from dataclasses import dataclass, field
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from wagtail.models import Locale, Page

from caching.purge import purge_all
from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage, CampaignPage
from explainers.factories import PolicyExplainerPageFactory
from explainers.models import PolicyExplainerIndexPage, PolicyExplainerPage
from home.models import HomePage
from partners.factories import PartnerPageFactory
from partners.models import PartnerIndexPage, PartnerPage
from stories.factories import StoryPageFactory
from stories.models import StoryIndexPage

from . import content
from .bulk import TreeCursor, insert_pages

BATCH_PAGES = 1000


class BuildError(Exception):
    """The site cannot be built as asked; the message says why, in one line."""


@dataclass(frozen=True)
class Kind:
    name: str
    factory: type
    index_model: type
    weight: int
    shared: object
    text: object


KINDS = [
    Kind("campaign", CampaignPageFactory, CampaignIndexPage, 30, content.campaign_shared,
         content.campaign_text),
    Kind("story", StoryPageFactory, StoryIndexPage, 35, content.story_shared, content.story_text),
    Kind("partner", PartnerPageFactory, PartnerIndexPage, 20, content.partner_shared,
         content.partner_text),
    Kind("explainer", PolicyExplainerPageFactory, PolicyExplainerIndexPage, 15,
         content.explainer_shared, content.explainer_text),
]  # fmt: skip


@dataclass
class Context:
    """What the content builders draw on: terms, images, and source pages to link to."""

    terms: dict
    term_names: dict
    illustrations: list
    logos: list
    partners: list = field(default_factory=list)
    explainers: list = field(default_factory=list)
    campaigns: list = field(default_factory=list)


def count_pages():
    """Pages in the tree, every language, the root not counted."""
    return Page.objects.filter(depth__gt=1).count()


def build_site(*, pages, translated_share=0.6, seed=7, reindex=True, write=print):
    """Grow the site to ``pages`` pages. Returns a summary of what was done and how long it took."""
    if pages < 1:
        raise BuildError(f"the number of pages must be at least 1, not {pages}")
    if not 0 <= translated_share <= 1:
        raise BuildError(f"the translated share must be between 0 and 1, not {translated_share}")
    timings = {}
    started = time.perf_counter()
    if not HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).exists():
        write("No home page: loading the demo site as the skeleton (load_demo)…")
        call_command("load_demo", "--no-admin", stdout=StringIO())
    timings["skeleton_s"] = time.perf_counter() - started

    before = count_pages()
    summary = {"pages_before": before, "pages_added": 0, "groups_added": 0}
    if before < pages:
        started = time.perf_counter()
        builder = _Builder(seed=seed, translated_share=translated_share, write=write)
        added, groups = builder.grow(pages - before)
        summary.update(pages_added=added, groups_added=groups)
        timings["pages_s"] = time.perf_counter() - started
        # Publishing purges the full-page cache; the bulk insert sends no publish signals.
        purge_all()
        if reindex:
            started = time.perf_counter()
            write("Rebuilding the search index (reindex_search)…")
            call_command("reindex_search", stdout=StringIO())
            timings["search_index_s"] = time.perf_counter() - started
        if connection.vendor == "postgresql":
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give
            timings["analyze_s"] = time.perf_counter() - started
    else:
        write(f"The site already has {before} pages (asked for {pages}): nothing to add.")
    summary["pages_total"] = count_pages()
    summary["pages_per_language"] = dict(sorted(_per_language()))
    summary["seconds"] = {name: round(value, 1) for name, value in timings.items()}
    return summary


def _per_language():
    return (
        Page.objects.filter(depth__gt=1)
        .order_by()
        .values("locale__language_code")
        .annotate(count=Count("pk"))
        .values_list("locale__language_code", "count")
    )


class _Builder:
    def __init__(self, *, seed, translated_share, write):
        self.seed = seed
        self.share = translated_share
        self.write = write
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        missing = [code for code in content.LANGUAGES if code not in self.locales]
        if missing:
            raise BuildError(f"locales missing: {', '.join(missing)} (run load_demo first)")
        self.indexes = {}
        for kind in KINDS:
            for code in content.LANGUAGES:
                index = kind.index_model.objects.filter(locale=self.locales[code]).first()
                if index is None:
                    raise BuildError(
                        f"no {kind.index_model._meta.verbose_name} in {code}: the site needs "
                        f"every index in all nine languages (load_demo makes them)"
                    )
                self.indexes[(kind.name, code)] = index
        self.pool = content.TextPool(seed)
        terms, names = content.ensure_terms(self.locales, self.pool)
        illustrations, logos = content.ensure_images()
        english = self.locales[settings.LANGUAGE_CODE]

        def sources(model):
            return list(model.objects.live().filter(locale=english).only("id", "translation_key"))

        self.ctx = Context(
            terms=terms,
            term_names=names,
            illustrations=illustrations,
            logos=logos,
            partners=sources(PartnerPage),
            explainers=sources(PolicyExplainerPage),
            campaigns=sources(CampaignPage),
        )
        # Slugs end with a number unique to this run, so runs that grow the site never clash.
        self.base = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    def grow(self, count):
        cursor = TreeCursor()
        created, number = 0, 0
        started = time.perf_counter()
        while created < count:
            items = []
            while len(items) < BATCH_PAGES and created + len(items) < count:
                items.extend(self.group(number, limit=count - created - len(items)))
                number += 1
            saved = insert_pages(items, cursor=cursor, published_at=lambda page: page._published)
            created += len(saved)
            for page in saved:
                if page.locale.language_code == settings.LANGUAGE_CODE:
                    pool = {
                        PartnerPage: self.ctx.partners,
                        PolicyExplainerPage: self.ctx.explainers,
                        CampaignPage: self.ctx.campaigns,
                    }.get(type(page))
                    if pool is not None:
                        pool.append(page)
            rate = created / (time.perf_counter() - started)
            self.write(f"  {created}/{count} pages ({rate:.0f} pages/s)")
        return created, number

    def group(self, number, *, limit):
        """One source page and its translations, as ``(parent, unsaved page)`` pairs."""
        rng = content.reproducible_rng(self.seed, self.base, number)
        kind = rng.choices(KINDS, [kind.weight for kind in KINDS])[0]
        shared = kind.shared(rng, self.ctx)
        fields = {key: value for key, value in shared.items() if key not in content.NOT_FIELDS}
        codes = ["en", *(code for code in content.LANGUAGES[1:] if rng.random() < self.share)]
        key = uuid.UUID(int=rng.getrandbits(128), version=4)
        english_title = rng.choice(self.pool.titles["en"])
        slug = content.slug_for(english_title, self.base + number)
        published = timezone.make_aware(
            datetime.datetime.combine(content.random_date(rng, 2020, 2026), datetime.time(9))
        )
        topic = shared.get("topic") or shared["topics"][0]
        items = []
        for code in codes[:limit]:
            text_rng = content.reproducible_rng(self.seed, self.base, number, code)
            topic_name = self.ctx.term_names.get((topic.translation_key, code), topic.name)
            page = kind.factory.build(
                parent=None,
                title=english_title if code == "en" else text_rng.choice(self.pool.titles[code]),
                slug=slug,
                summary=f"{topic_name}: {text_rng.choice(self.pool.sentences[code])}",
                locale=self.locales[code],
                translation_key=key,
                **fields,
                **kind.text(self.pool, code, text_rng, key, shared),
            )
            page._published = published
            items.append((self.indexes[(kind.name, code)], page))
        return items
