"""Loads the demo site: English content, then its translations through wagtail-localize."""

import datetime

from django.conf import settings
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from agenda.factories import EventIndexPageFactory
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from core.factories import MethodFactory, RegionFactory, TopicFactory
from demo.actions import load_actions
from demo.affiliates import load_affiliates
from demo.consultations import load_consultations
from demo.contributions import load_contributions
from demo.demand import load_demand
from demo.events import load_events
from demo.network import load_network
from demo.spokespeople import load_spokespeople
from explainers.factories import PolicyExplainerIndexPageFactory, PolicyExplainerPageFactory
from explainers.models import PolicyExplainerPage
from home.factories import HomePageFactory, StandardPageFactory
from home.models import HomePage, StandardPage
from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from translations.services import ensure_locale_roles

from . import content, images
from .dates import backdate_first_publication, backdate_publications
from .organisation import configure_settings
from .queue_states import LEFT_UNTRANSLATED
from .safety import load_involvement, load_safety
from .translation import translate

INDEX_FACTORIES = {
    "campaigns": CampaignIndexPageFactory,
    "stories": StoryIndexPageFactory,
    "partners": PartnerIndexPageFactory,
    "explainers": PolicyExplainerIndexPageFactory,
    "events": EventIndexPageFactory,
}
TERM_FACTORIES = {"topics": TopicFactory, "regions": RegionFactory, "methods": MethodFactory}


class DemoLoader:
    def __init__(self, *, write, languages=None, limit=None):
        self.write = write
        self.only_languages = set(languages) if languages else None
        self.limit = limit
        self.counts = {"created": 0, "translated": 0, "skipped": 0}

    # -- helpers ---------------------------------------------------------------------------

    def languages_for(self, text_by_language):
        codes = [code for code in text_by_language if code != settings.LANGUAGE_CODE]
        if self.only_languages is not None:
            codes = [code for code in codes if code in self.only_languages]
        return codes

    def items(self, folder):
        found = content.load_folder(folder)
        return found[: self.limit] if self.limit else found

    def translate_all(self, obj, text_by_language, build, *, label, resync=False):
        """Translate ``obj`` into every language of ``text_by_language`` it lacks; with
        ``resync``, also bring existing translations up to date with a changed source."""
        done = []
        for code in self.languages_for(text_by_language):
            locale = self.locales[code]
            if (getattr(obj, "slug", None), code) in LEFT_UNTRANSLATED:
                continue  # the queue's "missing" example (demo/queue_states.py)
            if not resync and obj.has_translation(locale):
                self.counts["skipped"] += 1
                continue
            ephemeral = type(obj).objects.get(pk=obj.pk)
            for field, value in build(text_by_language[code]).items():
                setattr(ephemeral, field, value)
            translate(obj, locale, ephemeral)
            self.counts["translated"] += 1
            done.append(code)
        if done:
            self.write(f"    {label}: translated into {', '.join(done)}")

    def image(self, key, title):
        return images.get_or_create_image(
            title=title,
            description=f"Abstract illustration for “{title}”",
            picture=images.draw_illustration(key),
        )

    # -- steps -----------------------------------------------------------------------------

    def run(self):
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        missing = [code for code, _name in settings.LANGUAGES if code not in self.locales]
        for code in missing:
            self.locales[code] = Locale.objects.create(language_code=code)
        self.source_locale = self.locales[settings.LANGUAGE_CODE]
        site_data = content.load("site.json")

        self.write("Taxonomies")
        self.terms = {name: self.load_terms(name, site_data[name]) for name in TERM_FACTORIES}
        self.write("Home and index pages")
        self.home = self.load_home(site_data["home"])
        self.indexes = {
            key: self.load_index(key, data) for key, data in site_data["indexes"].items()
        }
        self.privacy = self.load_privacy(content.load("privacy.json"))
        self.translate_site(site_data)
        self.write("Partners")
        self.partners = {item["slug"]: self.load_partner(item) for item in self.items("partners")}
        self.write("Policy explainers")
        self.explainers = {
            item["slug"]: self.load_explainer(item) for item in self.items("explainers")
        }
        self.write("Campaigns")
        self.campaigns = {
            item["slug"]: self.load_campaign(item) for item in self.items("campaigns")
        }
        self.write("Campaign actions")
        load_actions(self)
        self.write("Endorsements and a coalition")
        load_network(self)
        self.write("Consultations")
        load_consultations(self)
        self.write("Stories")
        for item in self.items("stories"):
            self.load_story(item)
        self.write("Events")
        load_events(self)
        self.write("Affiliates and their sections")
        load_affiliates(self)
        self.write("Featured campaigns and site settings")
        self.feature_campaigns(site_data["home"])
        configure_settings(privacy_page=self.privacy)
        self.write("Safety centre, get involved, how decisions are made")
        load_safety(self)
        load_involvement(self)
        self.write("Readers' demand")
        load_demand(write=self.write)
        self.write("Translation roles for every language")
        ensure_locale_roles()
        self.write("Contributed stories and proposals")
        load_contributions(write=self.write)
        self.write("Spokespeople")
        load_spokespeople(write=self.write)
        self.write(
            "Done: {created} created, {translated} translated, {skipped} already there.".format(
                **self.counts
            )
        )

    def load_terms(self, name, entries):
        factory = TERM_FACTORIES[name]
        model = factory._meta.model
        terms = {}
        for entry in entries:
            english = entry["content"][settings.LANGUAGE_CODE]
            term = model.objects.filter(locale=self.source_locale, slug=entry["slug"]).first()
            if term is None:
                term = factory(slug=entry["slug"], **content.term_fields(english))
                self.counts["created"] += 1
            self.translate_all(term, entry["content"], content.term_fields, label=entry["slug"])
            terms[entry["slug"]] = term
        return terms

    def load_home(self, data):
        english = data["content"][settings.LANGUAGE_CODE]
        home = HomePage.objects.filter(locale=self.source_locale).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's own welcome page stands where the home page goes.
            for page in root.get_children().filter(content_type__model="page", numchild=0):
                page.delete()
            home = HomePageFactory(
                parent=root,
                slug="home",
                title=english["title"],
                hero_title=english["hero_title"],
                hero_image=self.image("home", english["hero_title"]),
                summary=english["hero_text"],
            )
            self.counts["created"] += 1
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname, site.port = site.hostname or "localhost", site.port or 80
        site.root_page = home
        site.site_name = english["title"]
        site.save()
        return home

    def load_index(self, key, data):
        model = INDEX_FACTORIES[key]._meta.model
        index = model.objects.child_of(self.home).filter(slug=data["slug"]).first()
        english = data["content"][settings.LANGUAGE_CODE]
        if index is None:
            index = INDEX_FACTORIES[key](
                parent=self.home,
                slug=data["slug"],
                show_in_menus=True,
                **content.index_fields(english),
            )
            self.counts["created"] += 1
        return index

    def load_privacy(self, data):
        page = StandardPage.objects.child_of(self.home).filter(slug=data["slug"]).first()
        english = data["content"][settings.LANGUAGE_CODE]
        if page is None:
            page = StandardPageFactory(
                parent=self.home,
                slug=data["slug"],
                **content.standard_page_fields(english, slug=data["slug"]),
            )
            self.counts["created"] += 1
        return page

    def relations(self, item, *names):
        lookups = {
            "topics": self.terms["topics"],
            "regions": self.terms["regions"],
            "methods": self.terms["methods"],
            "partners": getattr(self, "partners", {}),
            "explainers": getattr(self, "explainers", {}),
        }
        return {
            name: [lookups[name][slug] for slug in item.get(name, []) if slug in lookups[name]]
            for name in names
        }

    def load_page(self, kind, item, *, index, factory, build, shared, published_on=None):
        """Create the English page once, then translate it into each language it lacks.

        ``build(text)`` gives the translatable fields from one language's text; ``shared`` the
        fields every translation shares (dates, statuses, relations). A page created here is
        dated as first published on ``published_on`` (a date), its translations a day later.
        """
        english = item["content"][settings.LANGUAGE_CODE]
        page = factory._meta.model.objects.filter(
            locale=self.source_locale, slug=item["slug"]
        ).first()
        if page is None:
            page = factory(
                parent=self.indexes[index],
                slug=item["slug"],
                listing_image=self.image(f"{kind}/{item['slug']}", english["title"]),
                **build(english),
                **shared,
            )
            self.counts["created"] += 1
            created = True
        else:
            created = False
        self.write(f"  {kind} {item['slug']}")
        self.translate_all(page, item["content"], build, label=item["slug"])
        if created and published_on is not None:
            backdate_first_publication(page, published_on)
        return page

    def load_partner(self, item):
        name = item["content"][settings.LANGUAGE_CODE]["title"]
        logo = images.get_or_create_image(
            title=f"{name} logo",
            description=f"Logo of {name}",
            picture=images.draw_logo(item["slug"], images.initials(name)),
        )
        return self.load_page(
            "partner",
            item,
            index="partners",
            factory=PartnerPageFactory,
            build=lambda text: content.partner_fields(text, item=item),
            shared={
                "website": item["website"],
                "logo": logo,
                "language_codes": item["languages"],
                **self.relations(item, "topics", "regions"),
            },
        )

    def load_explainer(self, item):
        english = item["content"][settings.LANGUAGE_CODE]
        page = PolicyExplainerPage.objects.filter(
            locale=self.source_locale, slug=item["slug"]
        ).first()
        self.write(f"  explainer {item['slug']}")
        if page is not None:
            self.translate_all(
                page,
                item["content"],
                lambda text: content.explainer_fields(text, item=item),
                label=item["slug"],
            )
            return page
        page = PolicyExplainerPageFactory(
            parent=self.indexes["explainers"],
            slug=item["slug"],
            topic=self.terms["topics"].get(item["topic"]),
            last_reviewed=item["last_reviewed"],
            next_review=item["next_review"],
            listing_image=self.image(f"explainer/{item['slug']}", english["title"]),
            **content.explainer_fields(english, item=item, revision=0),
        )
        self.counts["created"] += 1
        # One published revision per entry of the history, in every language, so that the
        # public change log tells the same story everywhere.
        for revision in range(len(item["history_dates"])):
            if revision:
                page.change_note = english["history"][revision]
                page.save_revision().publish()
            for code in self.languages_for(item["content"]):
                ephemeral = PolicyExplainerPage.objects.get(pk=page.pk)
                for field, value in content.explainer_fields(
                    item["content"][code], item=item, revision=revision
                ).items():
                    setattr(ephemeral, field, value)
                translate(page, self.locales[code], ephemeral)
        self.counts["translated"] += len(self.languages_for(item["content"]))
        for version in page.get_translations(inclusive=True):
            backdate_publications(version, item["history_dates"])
        return page

    def load_campaign(self, item):
        return self.load_page(
            "campaign",
            item,
            index="campaigns",
            factory=CampaignPageFactory,
            build=lambda text: content.campaign_fields(text, item=item),
            # Announced a week before it starts (or before the demo is loaded, if planned).
            published_on=min(
                datetime.date.fromisoformat(str(item["start_date"])), timezone.localdate()
            )
            - datetime.timedelta(days=7),
            shared={
                "status": item["status"],
                "start_date": item["start_date"],
                "end_date": item["end_date"],
                **self.relations(item, "topics", "regions", "partners", "explainers"),
            },
        )

    def load_story(self, item):
        return self.load_page(
            "story",
            item,
            index="stories",
            factory=StoryPageFactory,
            build=lambda text: content.story_fields(text, item=item),
            # Written up a few days after it happened.
            published_on=min(
                datetime.date.fromisoformat(str(item["date"])) + datetime.timedelta(days=3),
                timezone.localdate() - datetime.timedelta(days=1),
            ),
            shared={
                "outcome": item["outcome"],
                "date": item["date"],
                "campaign": self.campaigns.get(item["campaign"]),
                "author_mode": item["author"]["mode"],
                "author_name": item["author"]["name"],
                **self.relations(item, "topics", "regions", "methods", "partners"),
            },
        )

    def index_pages(self):
        return [self.indexes[key] for key in ("campaigns", "stories", "partners", "explainers")]

    def home_builder(self, text):
        return content.home_fields(text, slug="home", index_pages=self.index_pages())

    def translate_site(self, site_data):
        """The home page, the indexes and the privacy notice, in every language."""
        home_data = site_data["home"]
        home = HomePage.objects.get(pk=self.home.pk)
        build_home = self.home_builder
        if not home.hero_text:
            for field, value in build_home(home_data["content"][settings.LANGUAGE_CODE]).items():
                setattr(home, field, value)
            home.hero_cta_page = self.indexes["campaigns"]
            home.save_revision().publish()
        self.translate_all(home, home_data["content"], build_home, label="home")
        for key, index in self.indexes.items():
            self.translate_all(
                index, site_data["indexes"][key]["content"], content.index_fields, label=index.slug
            )
        privacy_data = content.load("privacy.json")
        self.translate_all(
            self.privacy,
            privacy_data["content"],
            lambda text: content.standard_page_fields(text, slug=privacy_data["slug"]),
            label="privacy",
        )

    def feature_campaigns(self, home_data):
        home = HomePage.objects.get(pk=self.home.pk)
        if home.featured_campaigns:
            return
        rank = {"live": 0, "won": 1, "planned": 2}
        by_status = sorted(self.campaigns.values(), key=lambda page: rank.get(page.status, 9))
        home.featured_campaigns = [("campaign", page) for page in by_status[:3]]
        home.save_revision().publish()
        self.translate_all(
            home, home_data["content"], self.home_builder, label="home links", resync=True
        )
