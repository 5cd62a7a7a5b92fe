"""Snippets with the query's words marked, in the language of the version shown.

The version a reader sees is often not the one that matched (it is the one in their language),
and glossary expansions are words the reader never typed, so an engine's own highlighting of the
matching document would mark the wrong text. Instead each engine's answer is highlighted here,
with the Python analyser of the shown version's language: a word is marked when its stem is one
of the query's (or an expansion's) stems in that language.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .analysis import analyser, word_spans

SCAN_LIMIT = 8_000
WINDOW_LIMIT = 400  # once a word is marked, marks further than this are not needed
CONTEXT_BEFORE = 60


def query_terms(phrases, language):
    """The terms of ``phrases`` (``(text, language or None)``) as ``language`` indexes them."""
    terms = set()
    current = analyser(language)
    for text, phrase_language in phrases:
        if phrase_language in (None, language):
            terms.update(current.terms(text))
    return terms


def _marks(text, terms, language):
    current = analyser(language)
    marks = []
    for start, end, kind in word_spans(text[:SCAN_LIMIT]):
        if marks and start > marks[0][0] + WINDOW_LIMIT:
            break
        if kind == "cjk":
            run = text[start:end]
            for offset in range(len(run)):
                for size in (2, 1):
                    if run[offset : offset + size] in terms and (size == 2 or len(run) == 1):
                        marks.append((start + offset, start + offset + size))
        elif current.term(text[start:end]) in terms:
            marks.append((start, end))
    merged = []
    for start, end in sorted(marks):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text, marks, length):
    if not marks:
        return 0, min(len(text), length)
    start = max(0, marks[0][0] - CONTEXT_BEFORE)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space > start - 20 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > end - 20 else end
    return start, end


def snippet(texts, *, phrases, language, length=220):
    """HTML-safe excerpt of the first text among ``texts`` that has a match, with ``<mark>``."""
    terms = query_terms(phrases, language)
    texts = [text for text in texts if text]
    if not texts:
        return ""
    chosen, marks = texts[0], []
    if terms:
        for text in texts:
            found = _marks(text, terms, language)
            if found:
                chosen, marks = text, found
                break
    start, end = _window(chosen, marks, length)
    parts, position = [], start
    for mark_start, mark_end in marks:
        if mark_end <= start or mark_start >= end:
            continue
        mark_start, mark_end = max(mark_start, start), min(mark_end, end)
        parts.append(escape(chosen[position:mark_start]))
        parts.append(f"<mark>{escape(chosen[mark_start:mark_end])}</mark>")
        position = mark_end
    parts.append(escape(chosen[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(chosen) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part is escaped
