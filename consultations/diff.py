"""Section-by-section comparison of an explainer's current text with a proposal.

Sections are matched by their anchors (which stay the same when a section is reworded or its
heading changed): a section in both is compared word by word, one only in the proposal is
added, one only in the current text removed. Text is compared as plain text, paragraph breaks
kept; marks are ``<ins>`` and ``<del>`` with a hidden word for screen readers, never colour
alone. Words are runs of letters; Chinese and Japanese characters count one by one, since those
languages write no spaces.
"""

import difflib
import html
import re
from dataclasses import dataclass, field

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Ideographs and kana one by one; other words as runs; spaces; each other character alone.
TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    r"|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
    r"|\s+|."
)
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(rich_html):
    """The text of a rich text field: one line per paragraph or list item."""
    text = BLOCK_END.sub("\n", str(rich_html or ""))
    text = html.unescape(strip_tags(text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def tokens(text):
    return TOKEN.findall(text)


def _marked(tag, text, label):
    if not text:
        return ""
    return f'<{tag}><span class="visually-hidden">{label} </span>{_lines(text)}</{tag}>'


def _lines(text):
    return escape(text).replace("\n", "<br>")


def _runs(before, after):
    """``(changed, left, right)`` runs of text; spaces alone between two changes join them,
    so that a reworded phrase is one mark rather than one per word."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    runs = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = "".join(before[i1:i2]), "".join(after[j1:j2])
        runs.append([op != "equal", left, right])
    merged = []
    for index, run in enumerate(runs):
        between = 0 < index < len(runs) - 1 and runs[index + 1][0]
        if not run[0] and between and merged and merged[-1][0] and not run[1].strip():
            run = [True, run[1], run[2]]
        if merged and merged[-1][0] and run[0]:
            merged[-1][1] += run[1]
            merged[-1][2] += run[2]
        else:
            merged.append(run)
    return merged


def word_diff(current, proposed):
    """``(current, proposed)``: each text as HTML, with what the other lacks marked: removed
    words in ``<del>`` in the current text, added words in ``<ins>`` in the proposal."""
    old, new = [], []
    removed, added = _("removed:"), _("added:")
    for changed, left, right in _runs(tokens(current), tokens(proposed)):
        if changed:
            old.append(_marked("del", left, removed))
            new.append(_marked("ins", right, added))
        else:
            old.append(_lines(left))
            new.append(_lines(right))
    return mark_safe("".join(old)), mark_safe("".join(new))  # noqa: S308 - escaped above


@dataclass
class SectionDiff:
    anchor: str
    status: str  # "changed", "unchanged", "added" or "removed"
    heading: str
    current_heading: SafeString | str = ""
    proposed_heading: SafeString | str = ""
    current: SafeString | str = ""
    proposed: SafeString | str = ""
    comments: list = field(default_factory=list)

    @property
    def commentable(self):
        return self.status != "removed"


def _section(value):
    return str(value["heading"]), plain_text(getattr(value["content"], "source", value["content"]))


def compare_sections(current_sections, proposed_sections):
    """One ``SectionDiff`` per anchor, in the proposal's order, with removed sections placed
    after the proposed section that preceded them in the current text."""
    current = {value["anchor"]: _section(value) for value in current_sections}
    proposed = [(value["anchor"], _section(value)) for value in proposed_sections]
    proposed_anchors = {anchor for anchor, _value in proposed}
    diffs = []
    for anchor, (heading, text) in proposed:
        if anchor not in current:
            diffs.append(
                SectionDiff(
                    anchor,
                    "added",
                    heading,
                    proposed_heading=escape(heading),
                    proposed=mark_safe(_lines(text)),  # noqa: S308 - escaped
                )
            )
            continue
        old_heading, old_text = current[anchor]
        status = "unchanged" if (old_heading, old_text) == (heading, text) else "changed"
        old_h, new_h = word_diff(old_heading, heading)
        old_t, new_t = word_diff(old_text, text)
        diffs.append(SectionDiff(anchor, status, heading, old_h, new_h, old_t, new_t))
    # Removed sections, after the section they followed (at the start if they led).
    order = [value["anchor"] for value in current_sections]
    for index, anchor in enumerate(order):
        if anchor in proposed_anchors:
            continue
        heading, text = current[anchor]
        removed = SectionDiff(
            anchor,
            "removed",
            heading,
            current_heading=escape(heading),
            current=mark_safe(_lines(text)),  # noqa: S308 - escaped
        )
        before = next((a for a in reversed(order[:index]) if a in proposed_anchors), None)
        position = 0
        if before is not None:
            position = next(i for i, diff in enumerate(diffs) if diff.anchor == before) + 1
            while position < len(diffs) and diffs[position].status == "removed":
                position += 1
        diffs.insert(position, removed)
    return diffs
