"""Demo images drawn locally with Pillow: abstract, deterministic, no download."""

import hashlib
import io
import math
import random

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

PALETTES = [
    ((18, 52, 86), (242, 169, 59), (235, 235, 225)),
    ((40, 84, 48), (228, 214, 167), (155, 41, 21)),
    ((60, 34, 92), (94, 201, 180), (250, 240, 230)),
    ((112, 30, 40), (240, 200, 120), (40, 40, 60)),
    ((20, 90, 110), (250, 220, 90), (230, 90, 70)),
    ((30, 30, 30), (120, 200, 240), (240, 120, 160)),
]


def _rng(key):
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:16], 16))  # noqa: S311


def draw_illustration(key, *, size=(1200, 675)):
    """An abstract composition of circles and bands, different for every key."""
    rng = _rng(key)
    background, accent, light = rng.choice(PALETTES)
    image = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    width, height = size
    for _ in range(6):
        x, y = rng.randint(0, width), rng.randint(0, height)
        radius = rng.randint(height // 8, height // 2)
        colour = rng.choice([accent, light])
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            outline=colour,
            width=rng.randint(6, 24),
        )
    for index in range(3):
        top = rng.randint(0, height)
        draw.rectangle((0, top, width, top + 8 + index * 6), fill=accent)
    return image


def draw_logo(key, initials, *, size=(480, 240)):
    rng = _rng(key)
    background, accent, light = rng.choice(PALETTES)
    image = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    draw.ellipse((24, 24, size[1] - 24, size[1] - 24), fill=background)
    font = ImageFont.load_default(size=96)
    draw.text((size[1] + 10, size[1] // 2), initials, fill=background, font=font, anchor="lm")
    draw.rectangle(
        (size[1] // 2 - 30, size[1] // 2 - 30, size[1] // 2 + 30, size[1] // 2 + 30), fill=accent
    )
    return image


def get_or_create_image(*, title, description, picture):
    """Save ``picture`` as a library image titled ``title``, once."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    slug = hashlib.sha256(title.encode()).hexdigest()[:12]
    image = Image(title=title, description=description)
    image.file = ImageFile(buffer, name=f"demo-{slug}.png")
    image.save()
    return image


def draw_organisation_logo(*, size=512):
    """The demo organisation's mark: an open book under a rising sun, on a round badge."""
    navy, amber, paper = PALETTES[0]
    image = PILImage.new("RGB", (size, size), paper)
    draw = ImageDraw.Draw(image)
    unit = size / 16
    draw.ellipse((unit, unit, size - unit, size - unit), fill=navy)
    # The sun, half risen behind the book.
    draw.pieslice((5 * unit, 3.5 * unit, 11 * unit, 9.5 * unit), 180, 360, fill=amber)
    for angle in range(0, 181, 30):
        radians = math.radians(180 + angle)
        inner, outer = 3.6 * unit, 4.6 * unit
        centre = (8 * unit, 6.5 * unit)
        draw.line(
            (
                centre[0] + inner * math.cos(radians),
                centre[1] + inner * math.sin(radians),
                centre[0] + outer * math.cos(radians),
                centre[1] + outer * math.sin(radians),
            ),
            fill=amber,
            width=max(2, int(unit / 3)),
        )
    # Two pages of the open book.
    draw.polygon(
        [
            (3 * unit, 7 * unit),
            (8 * unit, 8 * unit),
            (8 * unit, 12.5 * unit),
            (3 * unit, 11.5 * unit),
        ],
        fill=paper,
    )
    draw.polygon(
        [
            (13 * unit, 7 * unit),
            (8 * unit, 8 * unit),
            (8 * unit, 12.5 * unit),
            (13 * unit, 11.5 * unit),
        ],
        fill=paper,
    )
    draw.line((8 * unit, 8 * unit, 8 * unit, 12.5 * unit), fill=navy, width=max(2, int(unit / 4)))
    return image


def initials(name):
    return "".join(word[0] for word in name.split()[:3] if word[:1].isalpha()).upper() or "•"
