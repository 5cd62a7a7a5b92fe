"""``{% picture image "fill-480x270|format-webp" class="…" %}``: Wagtail's ``{% image %}`` with
its ``<img>`` markup kept per process.

Wagtail's tag finds the rendition in its cache on every call, then builds the tag: about a
fifth of a millisecond an image, most of a listing's rendering with its nine cards. The markup
depends on the image's row (file, size, focal point, title, description), the rendition spec
and the attributes, all in the key, so an edited image gets new markup at once. The lookups
generation (``home.lookups``) is in the key too: deleting a rendition renews it, so markup
never points at a rendition file that was purged (``wagtail_update_image_renditions``). A
missing original file gives Wagtail's not-found image, never kept.
"""

from django import template
from django.utils.safestring import mark_safe

from wagtail.images.models import SourceImageIOError
from wagtail.images.shortcuts import get_rendition_or_not_found

from home import lookups
from home.memo import ProcessMemo

register = template.Library()

_markup = ProcessMemo(max_entries=4096)
_facts = ProcessMemo(max_entries=4096)


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


def image_markup(image, spec, request=None, **attrs):
    key = _key(request, image, spec, tuple(sorted(attrs.items())))
    try:
        markup = _kept(_markup, key, lambda: image.get_rendition(spec).img_tag(attrs))
    except SourceImageIOError:
        return get_rendition_or_not_found(image, spec).img_tag(attrs)
    return mark_safe(markup)  # noqa: S308 - built by Wagtail's img_tag, which escapes


@register.simple_tag(takes_context=True)
def picture(context, image, spec, **attrs):
    """The ``<img>`` of ``image`` in the rendition ``spec``; nothing without an image."""
    if not image:
        return ""
    return image_markup(image, spec, context.get("request"), **attrs)


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
