"""Uploaded photos: checked, then re-encoded without their metadata before anything is stored.

A photo from a phone carries where it was taken (EXIF GPS), the device and its serial number,
sometimes the owner's name: an advocate at risk must not give them away by sharing a picture.
The picture is decoded, turned upright as its EXIF orientation says, and encoded again from its
pixels only: no EXIF, XMP, ICC profile, comment or other ``info`` is written.
"""

import io
import secrets

from PIL import Image, ImageOps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


def validate_upload(upload):
    """Raise ValidationError unless ``upload`` is a JPEG, PNG or WebP picture within limits."""
    limit = settings.PORTAL_CONTRIBUTIONS_IMAGE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The picture is too large: at most %(size)s MB, please.")
            % {"size": limit // (1024 * 1024)},
            code="too_large",
        )
    kind, width, height = None, 0, 0
    try:
        upload.seek(0)
        with Image.open(upload) as picture:
            kind, (width, height) = picture.format, picture.size
            if kind in FORMATS and width * height <= MAX_PIXELS:
                picture.load()  # decoded in full: a broken file is refused here, not later
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of error for a broken file
        kind = None
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise ValidationError(
            _("Please send a JPEG, PNG or WebP picture."),
            code="bad_type",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(_("The picture has too many pixels."), code="too_many_pixels")
    return kind


def stripped(upload):
    """A ContentFile of the picture's pixels only, re-encoded in its own format."""
    upload.seek(0)
    with Image.open(upload) as picture:
        kind = picture.format
        upright = ImageOps.exif_transpose(picture)
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA")
        if kind == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        clean = Image.new(upright.mode, upright.size)
        clean.paste(upright)
    buffer = io.BytesIO()
    options = {"quality": 88} if kind in ("JPEG", "WEBP") else {}
    clean.save(buffer, format=kind, **options)
    # Not the uploaded name either, which can say who took the picture; and not a name anyone
    # could guess to fetch the file from the media folder before the story is published.
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_urlsafe(16)}.{FORMATS[kind]}")
