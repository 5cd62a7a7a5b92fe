"""Every interface string marked for translation has a translation in every language.

The marked strings are extracted from the project's own Python files and templates (the way
``makemessages`` sees them: templates through Django's ``templatize``), so a string that was
marked but never added to the catalogues fails the test too.
"""

import io
from functools import cache
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_python

from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
CATALOGUES = ROOT / "locale"
SKIP = {".venv", "tests", "migrations", "locale", "node_modules", "static", "media", "benchmarks"}
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def project_files(suffix):
    for path in ROOT.rglob(f"*{suffix}"):
        if not SKIP.intersection(path.relative_to(ROOT).parts):
            yield path


def _template_code(path):
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    # templatize keeps the template's indentation; Python's tokenizer wants none.
    return io.BytesIO("\n".join(line.lstrip() for line in code.splitlines()).encode("utf-8"))


def _msgids(source):
    for _line, function, messages, _comments in extract_python(source, KEYWORDS, [], {}):
        if isinstance(messages, tuple):
            messages = (
                messages[1] if function.startswith(("pgettext", "npgettext")) else messages[0]
            )
        if messages:
            yield messages


@cache
def marked_strings():
    found = set()
    for path in project_files(".py"):
        with open(path, "rb") as handle:
            found.update(_msgids(handle))
    for path in [*project_files(".html"), *project_files(".txt")]:
        if "templates" in path.parts:
            found.update(_msgids(_template_code(path)))
    return found


def catalogue_path(code):
    language, _sep, variant = code.partition("-")
    if variant:
        language += "_" + (variant.upper() if len(variant) == 2 else variant.title())
    return CATALOGUES / language / "LC_MESSAGES" / "django.po"


def test_extraction_finds_the_portal_strings():
    strings = marked_strings()
    assert "Skip to content" in strings and "Translation queue" in strings
    assert len(strings) > 150


@pytest.mark.parametrize(
    "code", [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
)
def test_catalogue_translates_every_marked_string(code):
    catalogue = polib.pofile(str(catalogue_path(code)))
    translated = {entry.msgid for entry in catalogue if entry.translated() and not entry.obsolete}
    missing = sorted(marked_strings() - translated)
    assert not missing, f"{code}: {len(missing)} strings untranslated, e.g. {missing[:5]}"
    assert not [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]


def test_no_locale_package():
    assert not (CATALOGUES / "__init__.py").exists()
