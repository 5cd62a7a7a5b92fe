"""The organisation's name and logo in templates (the header, the admin's branding)."""

from django import template
from django.conf import settings
from django.utils.html import format_html

from core.identity import organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_name(context):
    """The organisation's name in the active language."""
    request = context.get("request")
    if request is None:
        return settings.WAGTAIL_SITE_NAME
    return organisation(request).name


@register.simple_tag(takes_context=True)
def organisation_logo(context, css_class="site-logo"):
    """The logo as an <img> (never inline markup), or nothing. Its alt text is empty: the
    organisation's name is written beside it."""
    request = context.get("request")
    if request is None:
        return ""
    logo = organisation(request).logo
    if logo is None:
        return ""
    header = logo["header"]
    return format_html(
        '<img class="{}" src="{}" width="{}" height="{}" alt="">',
        css_class,
        header["path"],
        header["width"] // 2 or header["width"],
        header["height"] // 2 or header["height"],
    )
