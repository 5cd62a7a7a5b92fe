"""PO files for offline work: a language's whole batch out, one or many files back in.

An import is all or nothing: every file is checked first (readable, made by this portal, for
this language, for a translation the user may edit, every entry matching its source), and
nothing is applied unless every check passes.
"""

import io
import uuid
import zipfile

import polib

from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Page
from wagtail_localize.models import Translation

from .roles import is_editorial_staff

HEADER = "X-WagtailLocalize-TranslationID"
MAX_FILES = 500
MAX_BYTES = 20 * 1024 * 1024


class ImportRejected(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def export_locale(locale):
    """A zip of one PO file per enabled translation into ``locale``."""
    buffer = io.BytesIO()
    translations = Translation.objects.filter(target_locale=locale, enabled=True).select_related(
        "source"
    )
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for translation in translations:
            name = f"{slugify(translation.source.object_repr)[:60] or 'item'}-{translation.pk}.po"
            archive.writestr(name, str(translation.export_po()))
    return buffer.getvalue()


def read_upload(name, data):
    """``[(file name, bytes)]`` from an uploaded .po file or a .zip of them."""
    if len(data) > MAX_BYTES:
        raise ImportRejected([f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB"])
    if name.lower().endswith(".po"):
        return [(name, data)]
    if not name.lower().endswith(".zip"):
        raise ImportRejected([f"{name}: upload a .po file or a .zip of .po files"])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
        if len(entries) > MAX_FILES or sum(entry.file_size for entry in entries) > MAX_BYTES:
            raise ImportRejected([f"{name}: too many files or too large once unpacked"])
        bad = [entry.filename for entry in entries if not entry.filename.lower().endswith(".po")]
        if bad:
            raise ImportRejected([f"{name}: not a PO file inside the zip: {', '.join(bad[:5])}"])
        return [(entry.filename, archive.read(entry)) for entry in entries]
    except zipfile.BadZipFile:
        raise ImportRejected([f"{name}: not a readable zip file"]) from None


def _can_edit(user, translation):
    instance = translation.get_target_instance()
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return is_editorial_staff(user)


def _check(user, locale, name, data):
    try:
        po = polib.pofile(data.decode("utf-8"))
    except (UnicodeDecodeError, OSError, ValueError) as error:
        return None, f"{name}: not a readable PO file ({error})"
    try:
        translation_uuid = uuid.UUID(po.metadata.get(HEADER, ""))
    except ValueError:
        return None, f"{name}: no {HEADER} header, so it was not exported from this portal"
    translation = (
        Translation.objects.filter(uuid=translation_uuid)
        .select_related("target_locale", "source")
        .first()
    )
    if translation is None:
        return None, f"{name}: it belongs to no translation on this portal"
    if translation.target_locale_id != locale.pk:
        return None, (
            f"{name}: it is for {translation.target_locale.get_display_name()}, "
            f"not {locale.get_display_name()}"
        )
    if not _can_edit(user, translation):
        return (
            None,
            f"{name}: you may not edit the translation of “{translation.source.object_repr}”",
        )
    return (po, translation), None


@transaction.atomic
def import_files(*, user, locale, files):
    """Apply every file or none. Returns the number of translations updated."""
    if not files:
        raise ImportRejected(["no PO file was uploaded"])
    checked, problems = [], []
    for name, data in files:
        result, problem = _check(user, locale, name, data)
        if problem:
            problems.append(problem)
        else:
            checked.append((name, *result))
    if problems:
        raise ImportRejected(problems)
    for name, po, translation in checked:
        warnings = translation.import_po(po, user=user, tool_name="PO file")
        if warnings:
            lines = ", ".join(str(warning.index + 1) for warning in warnings[:5])
            problems.append(f"{name}: entries {lines} do not match the source text")
    if problems:
        raise ImportRejected(problems)  # rolls back what was applied
    for _name, _po, translation in checked:
        translation.save_target(user=user, publish=False)
    return len(checked)
