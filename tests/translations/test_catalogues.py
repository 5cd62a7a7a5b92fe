"""Every interface string marked for translation has a translation in every language."""

from pathlib import Path

import polib
import pytest

from django.conf import settings

CATALOGUES = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize(
    "code", [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
)
def test_catalogue_is_complete(code):
    language, _, variant = code.partition("-")
    folder = language + (
        "_" + (variant.upper() if len(variant) == 2 else variant.title()) if variant else ""
    )
    catalogue = polib.pofile(str(CATALOGUES / folder / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert not missing, f"{code}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]


def test_no_locale_package():
    assert not (CATALOGUES / "__init__.py").exists()
