"""The demo's safety centre (three guides in English, Spanish, French and Arabic), its "Get
involved" page and its "How decisions are made" page (English and Arabic, two entries in the
change log). Other languages fall back to the original with the "not translated yet" notice."""

from django.conf import settings

from wagtail.models import Site

from core.models import PortalSettings
from involvement.factories import DecisionsPageFactory, GetInvolvedPageFactory
from involvement.models import DecisionsPage, GetInvolvedPage
from safety.factories import SafetyGuidePageFactory, SafetyIndexPageFactory
from safety.models import SafetyGuidePage, SafetyIndexPage

from . import content
from .dates import backdate_publications
from .translation import translate


def guide_fields(text, *, slug):
    return content.standard_page_fields(text, slug=f"safety/{slug}")


def load_safety(loader):
    data = content.load("safety/index.json")
    english = data["content"][settings.LANGUAGE_CODE]
    index = SafetyIndexPage.objects.child_of(loader.home).filter(slug=data["slug"]).first()
    if index is None:
        index = SafetyIndexPageFactory(
            parent=loader.home,
            slug=data["slug"],
            show_in_menus=True,
            **content.index_fields(english),
        )
        loader.counts["created"] += 1
    loader.translate_all(index, data["content"], content.index_fields, label=data["slug"])
    for item in loader.items("safety/guides"):
        slug = item["slug"]
        page = SafetyGuidePage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = SafetyGuidePageFactory(
                parent=index,
                slug=slug,
                category=item["category"],
                last_reviewed=item["last_reviewed"],
                **guide_fields(item["content"][settings.LANGUAGE_CODE], slug=slug),
            )
            loader.counts["created"] += 1
        loader.write(f"  guide {slug}")
        loader.translate_all(
            page, item["content"], lambda text, slug=slug: guide_fields(text, slug=slug), label=slug
        )
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    if portal_settings.safety_page_id is None:
        portal_settings.safety_page = index
        portal_settings.save()
    return index


def get_involved_fields(text, *, item, links):
    slug = item["slug"]
    ways = [
        {"title": way["title"], "text": way["text"], "page": page, "url": ""}
        for way, page in zip(text["ways"], links, strict=True)
    ]
    contacts = [
        {**contact, "email": shared["email"]}
        for contact, shared in zip(text["contacts"], item["contacts"], strict=True)
    ]
    return {
        "title": text["title"],
        "summary": text["summary"],
        "intro": text["intro"],
        "ways": content.stream(f"{slug}/ways", "way", ways),
        "contacts_heading": text["contacts_heading"],
        "contacts": content.stream(f"{slug}/contacts", "contact", contacts),
    }


def decisions_fields(text, *, item, revision=-1):
    slug = item["slug"]
    sections = [
        {
            "anchor": anchor,
            "heading": section["heading"],
            "content": content.html(section["paragraphs"]),
        }
        for anchor, section in zip(item["section_anchors"], text["sections"], strict=True)
    ]
    return {
        "title": text["title"],
        "summary": text["summary"],
        "body": content.stream(f"{slug}/sections", "section", sections),
        "change_note": text["history"][revision],
    }


def load_involvement(loader):
    data = content.load("involvement.json")
    decisions = _load_decisions(loader, data["decisions"])
    item = data["get_involved"]
    targets = {**loader.indexes, "decisions": decisions}
    links = [targets[way["link"]].pk if way["link"] else None for way in item["ways"]]
    build = lambda text: get_involved_fields(text, item=item, links=links)  # noqa: E731
    page = GetInvolvedPage.objects.child_of(loader.home).filter(slug=item["slug"]).first()
    if page is None:
        page = GetInvolvedPageFactory(
            parent=loader.home,
            slug=item["slug"],
            show_in_menus=True,
            **build(item["content"][settings.LANGUAGE_CODE]),
        )
        loader.counts["created"] += 1
    loader.translate_all(page, item["content"], build, label=item["slug"])
    return page


def _load_decisions(loader, item):
    english = item["content"][settings.LANGUAGE_CODE]
    page = DecisionsPage.objects.child_of(loader.home).filter(slug=item["slug"]).first()
    if page is not None:
        return page
    page = DecisionsPageFactory(
        parent=loader.home, slug=item["slug"], **decisions_fields(english, item=item, revision=0)
    )
    loader.counts["created"] += 1
    # One published revision per entry of the history, in every language, as for the
    # explainers, so that the change log tells the same story everywhere.
    for revision in range(len(item["history_dates"])):
        if revision:
            page.change_note = english["history"][revision]
            page.save_revision().publish()
        for code in loader.languages_for(item["content"]):
            ephemeral = DecisionsPage.objects.get(pk=page.pk)
            fields = decisions_fields(item["content"][code], item=item, revision=revision)
            for field, value in fields.items():
                setattr(ephemeral, field, value)
            translate(page, loader.locales[code], ephemeral)
    loader.counts["translated"] += len(loader.languages_for(item["content"]))
    for version in page.get_translations(inclusive=True):
        backdate_publications(version, item["history_dates"])
    return page
