"""Turns the demo's JSON text into page and snippet field values.

The same function builds the English page and, from a translation's text, the ephemeral
translated instance whose segments become the translators' strings. StreamField block ids are
derived from the item's slug and position, so that English and translated segments line up.
"""

import json
import uuid
from pathlib import Path

from django.utils.html import escape

DATA_DIR = Path(__file__).resolve().parent / "data"
NAMESPACE = uuid.UUID("5b0f6c1e-7d0a-4f55-9a43-3c8f1e0b6a21")


def load(relative_path):
    with open(DATA_DIR / relative_path, encoding="utf-8") as handle:
        return json.load(handle)


def load_folder(folder):
    return [load(path.relative_to(DATA_DIR)) for path in sorted((DATA_DIR / folder).glob("*.json"))]


def html(paragraphs):
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def block_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def stream(key, block_type, values):
    return [
        {"type": block_type, "value": value, "id": block_id(key, index)}
        for index, value in enumerate(values)
    ]


def term_fields(text):
    return {key: text[key] for key in ("name", "description") if key in text}


def index_fields(text):
    return {"title": text["title"], "intro": text["intro"]}


def home_fields(text, *, slug, index_pages):
    cards = [
        {"title": card["title"], "text": card["text"], "page": page.pk, "url": ""}
        for card, page in zip(text["get_involved"], index_pages, strict=True)
    ]
    return {
        "title": text["title"],
        "summary": text["hero_text"],
        "hero_title": text["hero_title"],
        "hero_text": text["hero_text"],
        "hero_cta_label": text["hero_cta_label"],
        "intro": text["intro"],
        "featured_heading": text["featured_heading"],
        "stories_heading": text["stories_heading"],
        "topics_heading": text["topics_heading"],
        "get_involved_heading": text["get_involved_heading"],
        "get_involved": stream(f"{slug}/get-involved", "card", cards),
    }


def standard_page_fields(text, *, slug):
    blocks = []
    for section in text["sections"]:
        blocks.append({"type": "heading", "value": section["heading"]})
        blocks.append({"type": "paragraph", "value": html(section["paragraphs"])})
    return {
        "title": text["title"],
        "summary": text["summary"],
        "body": [
            {**block, "id": block_id(slug, "body", index)} for index, block in enumerate(blocks)
        ],
    }


def _body_block(block):
    if block["type"] == "paragraph":
        return {"type": "paragraph", "value": html([block["value"]])}
    return {"type": block["type"], "value": block["value"]}


def campaign_fields(text, *, item):
    slug = item["slug"]
    milestones = [
        {"date": date, "title": milestone["title"], "description": milestone["description"]}
        for date, milestone in zip(item["milestone_dates"], text["milestones"], strict=True)
    ]
    actions = [
        {"title": action["title"], "text": action["text"], "page": None, "url": url}
        for action, url in zip(text["get_involved"], item["get_involved_urls"], strict=True)
    ]
    return {
        "title": text["title"],
        "summary": text["summary"],
        "body": [
            {**_body_block(block), "id": block_id(slug, "body", index)}
            for index, block in enumerate(text["body"])
        ],
        "milestones": stream(f"{slug}/milestones", "milestone", milestones),
        "outcome": text["outcome"],
        "get_involved": stream(f"{slug}/actions", "action", actions),
    }


def story_fields(text, *, item):
    slug = item["slug"]
    evidence = [
        {"title": title, "url": url}
        for title, url in zip(text["evidence"], item["evidence_urls"], strict=True)
    ]
    return {
        "title": text["title"],
        "summary": text["summary"],
        "context": html(text["context"]),
        "what_happened": html(text["what_happened"]),
        "methods_used": html(text["methods_used"]),
        "evidence": stream(f"{slug}/evidence", "link", evidence),
        "lessons": stream(f"{slug}/lessons", "lesson", text["lessons"]),
    }


def partner_fields(text, *, item):
    return {
        "title": text["title"],
        "summary": text["summary"],
        "description": html(text["description"]),
    }


def explainer_fields(text, *, item, revision=-1):
    slug = item["slug"]
    sections = [
        {"anchor": anchor, "heading": section["heading"], "content": html(section["paragraphs"])}
        for anchor, section in zip(item["section_anchors"], text["sections"], strict=True)
    ]
    return {
        "title": text["title"],
        "summary": text["summary"],
        "position_summary": text["position_summary"],
        "body": stream(f"{slug}/sections", "section", sections),
        "key_asks": stream(f"{slug}/asks", "ask", text["key_asks"]),
        "owner_team": text["owner"],
        "change_note": text["history"][revision],
    }
