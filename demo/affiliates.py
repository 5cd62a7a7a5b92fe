"""The demo's affiliates: two chapters running their own sections, one working in Arabic and
English, one in French and English, each with a campaign, a story and an event of its own,
their editors' and moderators' groups, and one campaign offered to the global listing."""

import datetime

from django.conf import settings
from django.utils import timezone

from affiliates.factories import AffiliateIndexPageFactory, AffiliatePageFactory
from affiliates.models import AffiliateIndexPage
from affiliates.services import decide_offer, ensure_affiliate_roles, offer_campaign
from agenda.factories import EventPageFactory
from campaigns.factories import CampaignPageFactory
from campaigns.models import GlobalListingOffer
from stories.factories import StoryPageFactory

from .content import block_id, html

INDEX = {
    "slug": "affiliates",
    "content": {
        "en": {"title": "Affiliates", "intro": "Chapters that run their own campaigns."},
        "ar": {"title": "الفروع", "intro": "فروع تدير حملاتها الخاصة."},
        "fr": {"title": "Antennes", "intro": "Des antennes qui mènent leurs propres campagnes."},
        "es": {"title": "Filiales", "intro": "Filiales que llevan sus propias campañas."},
        "ru": {"title": "Отделения", "intro": "Отделения, которые ведут свои кампании."},
        "zh-hans": {"title": "分支机构", "intro": "开展自己运动的分支机构。"},
        "de": {"title": "Ortsgruppen", "intro": "Ortsgruppen mit eigenen Kampagnen."},
        "hi": {"title": "संबद्ध शाखाएँ", "intro": "अपने अभियान चलाने वाली शाखाएँ।"},
        "pt-br": {"title": "Afiliadas", "intro": "Afiliadas que conduzem suas próprias campanhas."},
    },
}

# The group names of the demo's role accounts (demo/accounts.py) follow these English names.
AFFILIATES = [
    {
        "slug": "levant-reading-rooms",
        "languages": ["ar", "en"],
        "regions": ["middle-east-north-africa"],
        "contact_email": "info@levant-reading-rooms.example.org",
        "partner": None,
        "offer": GlobalListingOffer.Status.ACCEPTED,
        "content": {
            "en": {
                "title": "Levant Reading Rooms",
                "summary": "A chapter of librarians and readers in Amman and Beirut.",
                "description": "<p>We open shared digital reading rooms and campaign for "
                "lending e-books across borders.</p>",
            },
            "ar": {
                "title": "قاعات المطالعة في المشرق",
                "summary": "فرع من أمناء المكتبات والقرّاء في عمّان وبيروت.",
                "description": "<p>نفتح قاعات مطالعة رقمية مشتركة ونناضل من أجل إعارة "
                "الكتب الإلكترونية عبر الحدود.</p>",
            },
        },
        "campaign": {
            "slug": "lend-e-books-across-borders",
            "en": {
                "title": "Lend e-books across borders",
                "summary": "Libraries in the region should lend the e-books they license to "
                "readers in neighbouring countries.",
                "body": "Publishers' licences stop a library in Amman lending to a reader in "
                "Irbid's refugee camps across a border of paperwork. We ask for one regional "
                "licence.",
            },
            "ar": {
                "title": "إعارة الكتب الإلكترونية عبر الحدود",
                "summary": "على مكتبات المنطقة أن تعير الكتب الإلكترونية المرخّصة لها لقرّاء "
                "في البلدان المجاورة.",
                "body": "تمنع تراخيص الناشرين مكتبة في عمّان من إعارة قارئ خلف حدود من "
                "الأوراق. نطالب بترخيص إقليمي واحد.",
            },
        },
        "story": {
            "slug": "a-reading-room-in-a-bus",
            "en": {
                "title": "A reading room in a bus",
                "summary": "We turned a city bus into a lending room for a summer; 600 "
                "readers signed up.",
                "text": "Volunteers drove the bus to six neighbourhoods a week with tablets "
                "loaded with licensed books.",
            },
            "ar": {
                "title": "قاعة مطالعة في حافلة",
                "summary": "حوّلنا حافلة مدينة إلى قاعة إعارة طوال صيف واحد؛ وسجّل 600 قارئ.",
                "text": "قاد متطوعون الحافلة إلى ستة أحياء كل أسبوع ومعهم أجهزة لوحية محمّلة "
                "بكتب مرخّصة.",
            },
        },
        "event": {
            "slug": "reading-rooms-open-evening",
            "time_zone": "Asia/Amman",
            "days_from_today": 40,
            "en": {
                "title": "Reading rooms open evening",
                "summary": "An evening online to meet the chapter and its volunteers.",
            },
            "ar": {
                "title": "أمسية مفتوحة لقاعات المطالعة",
                "summary": "أمسية عبر الإنترنت للتعرّف إلى الفرع ومتطوعيه.",
            },
        },
    },
    {
        "slug": "sahel-open-libraries",
        "languages": ["fr", "en"],
        "regions": ["africa"],
        "contact_email": "contact@sahel-open-libraries.example.org",
        "partner": "savanna-digital-rights",
        "offer": GlobalListingOffer.Status.OFFERED,
        "content": {
            "en": {
                "title": "Sahel Open Libraries",
                "summary": "A chapter of school and community libraries in Dakar and Bamako.",
                "description": "<p>We help community libraries share catalogues and campaign "
                "for open school books.</p>",
            },
            "fr": {
                "title": "Bibliothèques ouvertes du Sahel",
                "summary": "Une antenne de bibliothèques scolaires et associatives à Dakar "
                "et Bamako.",
                "description": "<p>Nous aidons les bibliothèques associatives à partager "
                "leurs catalogues et militons pour des manuels scolaires ouverts.</p>",
            },
        },
        "campaign": {
            "slug": "open-school-books-sahel",
            "en": {
                "title": "Open school books for the Sahel",
                "summary": "School books paid for by the state should be free to copy.",
                "body": "Parents pay twice for books the ministry already paid to write. We "
                "ask for an open licence on every state-funded school book.",
            },
            "fr": {
                "title": "Des manuels scolaires ouverts au Sahel",
                "summary": "Les manuels payés par l’État doivent pouvoir être copiés librement.",
                "body": "Les parents paient deux fois des livres que le ministère a déjà "
                "financés. Nous demandons une licence ouverte pour chaque manuel public.",
            },
        },
        "story": {
            "slug": "one-catalogue-for-twelve-libraries",
            "en": {
                "title": "One catalogue for twelve libraries",
                "summary": "Twelve community libraries now share one catalogue on a laptop "
                "that travels between them.",
                "text": "The catalogue lives on a laptop and a USB key; each library adds "
                "its books when the laptop visits.",
            },
            "fr": {
                "title": "Un catalogue pour douze bibliothèques",
                "summary": "Douze bibliothèques associatives partagent désormais un seul "
                "catalogue, sur un ordinateur qui circule entre elles.",
                "text": "Le catalogue tient sur un ordinateur et une clé USB ; chaque "
                "bibliothèque ajoute ses livres lors du passage de l’ordinateur.",
            },
        },
        "event": {
            "slug": "catalogue-day-dakar",
            "time_zone": "Africa/Dakar",
            "days_from_today": 45,
            "en": {
                "title": "Catalogue day in Dakar",
                "summary": "A day online to add books to the shared catalogue together.",
            },
            "fr": {
                "title": "Journée catalogue à Dakar",
                "summary": "Une journée en ligne pour ajouter ensemble des livres au "
                "catalogue partagé.",
            },
        },
    },
]


def _index(loader):
    index = AffiliateIndexPage.objects.child_of(loader.home).filter(slug=INDEX["slug"]).first()
    if index is None:
        english = INDEX["content"][settings.LANGUAGE_CODE]
        index = AffiliateIndexPageFactory(
            parent=loader.home, slug=INDEX["slug"], show_in_menus=False, **english
        )
        loader.counts["created"] += 1
    loader.translate_all(index, INDEX["content"], lambda text: text, label=INDEX["slug"])
    return index


def _in_languages(item, languages):
    """``item``'s text in the affiliate's languages: the source language first."""
    return {code: item[code] for code in languages if code in item} | {
        settings.LANGUAGE_CODE: item[settings.LANGUAGE_CODE]
    }


def load_affiliates(loader):
    """Idempotent; a partial load (``--limit``, ``--languages``) loads the affiliates' pages
    in the languages asked for and leaves out a partner page that was not loaded."""
    index = _index(loader)
    for item in AFFILIATES[: loader.limit] if loader.limit else AFFILIATES:
        partners = getattr(loader, "partners", {})
        partner = partners.get(item["partner"]) if item["partner"] else None
        loader.indexes[f"affiliate:{item['slug']}"] = index
        affiliate = loader.load_page(
            "affiliate",
            {"slug": item["slug"], "content": item["content"]},
            index=f"affiliate:{item['slug']}",
            factory=AffiliatePageFactory,
            build=lambda text: dict(text),
            shared={
                "contact_email": item["contact_email"],
                "partner": partner,
                "language_codes": item["languages"],
                **loader.relations(item, "regions"),
            },
        )
        del loader.indexes[f"affiliate:{item['slug']}"]
        _section(loader, item, affiliate)
    ensure_affiliate_roles()


def _section(loader, item, affiliate):
    key = f"section:{item['slug']}"
    loader.indexes[key] = affiliate
    regions = loader.relations(item, "regions")
    campaign = item["campaign"]
    started = timezone.localdate() - datetime.timedelta(days=30)
    page = loader.load_page(
        "campaign",
        {"slug": campaign["slug"], "content": _in_languages(campaign, item["languages"])},
        index=key,
        factory=CampaignPageFactory,
        build=lambda text, slug=campaign["slug"]: {
            "title": text["title"],
            "summary": text["summary"],
            "body": [{"type": "paragraph", "value": html([text["body"]]), "id": block_id(slug, 0)}],
        },
        shared={
            "status": "live",
            "start_date": started,
            "offer_to_global_listing": True,
            **regions,
        },
        published_on=started - datetime.timedelta(days=10),  # announced before it started
    )
    offer = offer_campaign(page=page)
    if offer.status == GlobalListingOffer.Status.OFFERED and item["offer"] != offer.status:
        decide_offer(offer=offer, status=item["offer"], user=None)
    story = item["story"]
    loader.load_page(
        "story",
        {"slug": story["slug"], "content": _in_languages(story, item["languages"])},
        index=key,
        factory=StoryPageFactory,
        build=lambda text: {
            "title": text["title"],
            "summary": text["summary"],
            "what_happened": html([text["text"]]),
        },
        shared={"date": timezone.localdate() - datetime.timedelta(days=60), **regions},
    )
    event = item["event"]
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=event["days_from_today"]
    )
    loader.load_page(
        "event",
        {"slug": event["slug"], "content": _in_languages(event, item["languages"])},
        index=key,
        factory=EventPageFactory,
        build=lambda text: {"title": text["title"], "summary": text["summary"]},
        shared={
            "kind": "event",
            "attendance": "online",
            "time_zone": event["time_zone"],
            "start": start,
            "end": start + datetime.timedelta(hours=2),
            "registration": "none",
            "language_codes": item["languages"],
            **regions,
        },
    )
    del loader.indexes[key]
