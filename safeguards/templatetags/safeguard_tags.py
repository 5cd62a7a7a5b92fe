"""The safety notice of every form that collects personal data, and the quick-exit control.

The safety centre is the page the portal settings name (``PortalSettings.safety_page``), in the
reader's language where translated: read through ``core.selectors`` (a cached lookup), so this
low-level app never imports the ``safety`` app that defines the page type. The markup is a
cached lookup too, renewed with the settings and the pages it shows.
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from core import languages, lookups
from core.selectors import safety_page

register = template.Library()


def _quick_exit_context():
    return {"quick_exit_url": settings.PORTAL_QUICK_EXIT_URL}


@register.inclusion_tag("safeguards/quick_exit.html")
def quick_exit(sticky=False):
    """ "Leave this site quickly": a link to a plain, common site that the script follows with
    ``location.replace()`` (so the page leaves the back history), also on Escape pressed
    twice; without JavaScript, a plain link that sends no referrer. ``sticky``: kept at the
    top of the window (the safety pages)."""
    return {**_quick_exit_context(), "sticky": sticky}


@register.simple_tag(takes_context=True)
def form_safety(context):
    """A short notice, a link to the safety centre in the reader's language and the quick-exit
    control: included in every form that collects personal data."""
    request = context.get("request")
    if request is None:
        return render_to_string("safeguards/form_safety.html", _quick_exit_context())
    site = lookups.site_for_request(request)
    language = translation.get_language()
    name = f"form-safety:{getattr(site, 'pk', None)}:{language}:{get_script_prefix()}"

    def render():
        page = safety_page(
            request, lookups.portal_settings(request), lookups.active_locale(request)
        )
        url = languages.reader_url(request, page) if page is not None else ""
        return render_to_string(
            "safeguards/form_safety.html", {**_quick_exit_context(), "safety_url": url}
        )

    return mark_safe(lookups.cached(request, name, render))  # noqa: S308 - rendered by a template
