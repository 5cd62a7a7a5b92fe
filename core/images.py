"""Image markup kept per process, for ``{% picture image "fill-480x270|format-webp" class="…" %}``
(``core.templatetags.image_tags``): Wagtail's ``{% image %}`` with its ``<img>`` markup kept.

Wagtail's tag finds the rendition in its cache on every call, then builds the tag: about a
fifth of a millisecond an image, most of a listing's rendering with its nine cards. The markup
depends on the image's row (file, size, focal point, title, description), the rendition spec
and the attributes, all in the key, so an edited image gets new markup at once. The lookups
generation (``core.lookups``) is in the key too: deleting a rendition renews it, so markup
never points at a rendition file that was purged (``wagtail_update_image_renditions``). A
missing original file gives Wagtail's not-found image, never kept.

``widths="320 480 960"`` with ``sizes="…"`` makes the image responsive: the same operation at
each width (``fill-960x540`` gives ``fill-320x180``, ``fill-480x270`` …) fetched together in
one bulk lookup (``Image.get_renditions``), listed in ``srcset`` by their real widths, the
rendition of ``spec`` itself as ``src``. The widths are in the key like any attribute.
"""

import re

from django.utils.safestring import mark_safe

from wagtail.images.models import SourceImageIOError
from wagtail.images.shortcuts import get_rendition_or_not_found

from core import lookups
from core.memo import ProcessMemo

_markup = ProcessMemo("image markup", max_entries=4096, by_generation=True)
_facts = ProcessMemo("image facts", max_entries=4096, by_generation=True)


def _key(request, image, spec, attrs):
    current = lookups.generation(request)
    if current is None:  # no shared cache: nothing tells this process of a purge
        return None
    return (
        current,
        image.pk,
        image.file.name,
        image.file_hash,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        image.title,
        getattr(image, "description", ""),
        spec,
        attrs,
    )


def _kept(memo, key, compute):
    return compute() if key is None else memo.get_or_set(key, compute)


_RESIZE = re.compile(r"^(fill|max|min)-(\d+)x(\d+)(-c\d+)?$|^(width)-(\d+)$")


def scaled_spec(spec, width):
    """``spec`` with its resize operation at ``width`` pixels, the aspect ratio kept."""
    operations = spec.split("|")
    for index, operation in enumerate(operations):
        found = _RESIZE.match(operation)
        if not found:
            continue
        if found.group(5):
            operations[index] = f"width-{width}"
        else:
            name, base_width, base_height, crop = found.group(1, 2, 3, 4)
            height = max(1, round(width * int(base_height) / int(base_width)))
            operations[index] = f"{name}-{width}x{height}{crop or ''}"
        return "|".join(operations)
    raise ValueError(f"{spec!r} has no fill, max, min or width operation to scale")


def _responsive(image, spec, widths, attrs):
    """``<img>`` of the rendition of ``spec`` with a ``srcset`` of its scaled renditions."""
    specs = [spec, *(scaled_spec(spec, width) for width in widths)]
    renditions = image.get_renditions(*specs)  # one bulk lookup for those not in the cache
    by_width = {}
    for name in specs[1:]:
        rendition = renditions.get(name) or image.get_rendition(name)
        by_width.setdefault(rendition.width, rendition)  # a small original gives equal widths
    srcset = ", ".join(f"{r.url} {width}w" for width, r in sorted(by_width.items()))
    fallback = renditions.get(spec) or image.get_rendition(spec)
    return fallback.img_tag({**attrs, "srcset": srcset})


def image_markup(image, spec, request=None, **attrs):
    key = _key(request, image, spec, tuple(sorted(attrs.items())))
    widths = [int(width) for width in str(attrs.pop("widths", "")).split()]

    def compute():
        if widths:
            return _responsive(image, spec, widths, attrs)
        return image.get_rendition(spec).img_tag(attrs)

    try:
        markup = _kept(_markup, key, compute)
    except SourceImageIOError:
        return get_rendition_or_not_found(image, spec).img_tag(attrs)
    return mark_safe(markup)  # noqa: S308 - built by Wagtail's img_tag, which escapes


def rendition_facts(image, spec, request=None):
    """``{"path", "width", "height"}`` of a rendition of ``image``, kept like the markup;
    ``None`` when the original file is missing."""

    def compute():
        rendition = image.get_rendition(spec)
        return {"path": rendition.url, "width": rendition.width, "height": rendition.height}

    try:
        return _kept(_facts, _key(request, image, spec, ()), compute)
    except SourceImageIOError:
        return None
