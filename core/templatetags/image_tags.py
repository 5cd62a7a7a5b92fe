"""``{% picture image "fill-480x270|format-webp" class="…" %}``: an image's ``<img>``, its
markup kept per process (``core.images``)."""

from django import template

from core.images import image_markup

register = template.Library()


@register.simple_tag(takes_context=True)
def picture(context, image, spec, **attrs):
    """The ``<img>`` of ``image`` in the rendition ``spec``; nothing without an image."""
    if not image:
        return ""
    return image_markup(image, spec, context.get("request"), **attrs)
