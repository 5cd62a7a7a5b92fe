"""Demo consultations: an open one on the net neutrality explainer (its proposal in English,
French and Arabic, published comments in the three, one waiting for a moderator) and a closed
one on copyright with its summary, linked from that explainer's change log.

A proposal is the explainer's current sections with the changes the data names (a paragraph
reworded, a section removed, one added), built the same way in each language so that the
translation's segments line up with the English ones. Safe to run again."""

import datetime

from django.conf import settings
from django.utils import timezone

from consultations.diff import plain_text
from consultations.models import CommentState, Consultation, ConsultationComment
from explainers.models import PolicyExplainerPage

from . import content

DATA = "consultations.json"


def _sections(explainer, item, text):
    changes = item["changes"]
    changed = {
        change["anchor"]: (change["paragraph"], paragraph)
        for change, paragraph in zip(changes["changed"], text["changed"], strict=True)
    }
    added = {
        addition["after"]: {"anchor": addition["anchor"], **section}
        for addition, section in zip(changes["added"], text["added"], strict=True)
    }
    sections = []
    for block in explainer.body:
        value = block.value
        anchor = value["anchor"]
        if anchor in changes["removed"]:
            continue
        paragraphs = _paragraphs(value["content"].source)
        if anchor in changed:
            index, paragraph = changed[anchor]
            paragraphs[index] = paragraph
        sections.append(
            {"anchor": anchor, "heading": value["heading"], "content": content.html(paragraphs)}
        )
        if anchor in added:
            extra = added[anchor]
            sections.append(
                {
                    "anchor": extra["anchor"],
                    "heading": extra["heading"],
                    "content": content.html(extra["paragraphs"]),
                }
            )
    return content.stream(f"consultation/{item['slug']}", "section", sections)


def _paragraphs(source):
    return plain_text(source).split("\n")


def fields(explainer, item, text):
    return {
        "title": text["title"],
        "introduction": text["introduction"],
        "proposed_body": _sections(explainer, item, text),
        "summary": text["summary"],
    }


def load_consultations(loader):
    """Give the loader's explainers their demo consultations (``loader``: demo's DemoLoader)."""
    items = content.load(DATA)
    today = timezone.localdate()
    for item in items:
        source = loader.explainers.get(item["explainer"])
        if source is None:  # loaded with --limit
            continue
        consultation = Consultation.objects.filter(
            slug=item["slug"], locale=loader.source_locale
        ).first()
        loader.write(f"  consultation {item['slug']}")
        if consultation is None:
            consultation = Consultation.objects.create(
                locale=loader.source_locale,
                explainer=source,
                slug=item["slug"],
                opens_on=today - datetime.timedelta(days=item["opens_days_ago"]),
                closes_on=today + datetime.timedelta(days=item["closes_in_days"]),
                **fields(source, item, item["content"][settings.LANGUAGE_CODE]),
            )
            loader.counts["created"] += 1
        # Each language's proposal starts from that language's explainer.
        for code in loader.languages_for(item["content"]):
            if consultation.has_translation(loader.locales[code]):
                continue
            explainer = (
                PolicyExplainerPage.objects.filter(
                    translation_key=source.translation_key, locale=loader.locales[code]
                ).first()
                or source
            )
            loader.translate_all(
                consultation,
                {code: item["content"][code]},
                lambda text, explainer=explainer, item=item: fields(explainer, item, text),
                label=f"consultation {item['slug']}",
            )
        _comments(loader, consultation, item)


def _comments(loader, consultation, item):
    if ConsultationComment.objects.filter(
        consultation__translation_key=consultation.translation_key
    ).exists():
        return
    now = timezone.now()
    for code, text in item["content"].items():
        version = consultation.get_translation_or_none(loader.locales[code])
        if version is None:
            continue
        for offset, comment in enumerate(text["comments"]):
            approved = comment["state"] == CommentState.APPROVED
            ConsultationComment.objects.create(
                consultation=version,
                section_anchor=comment["anchor"],
                display_name=comment["name"],
                body=comment["body"],
                language=code,
                state=comment["state"],
                created_at=now - datetime.timedelta(days=3, hours=offset),
                moderated_at=now - datetime.timedelta(days=2) if approved else None,
            )
