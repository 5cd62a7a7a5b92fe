"""Starting a snippet's translation into one's language (``services.start_snippet_translation``).

GET asks to confirm (a listing button and the campaign's actions panel are links); POST starts
the translation and opens wagtail-localize's editor on it. Whoever may not start it gets 403.
"""

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Locale

from core import lookups

from . import roles, services
from .admin_access import forbidden
from .snippet_hooks import label
from .snippet_permissions import is_scoped


def edit_url(instance):
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])


def _snippet(app_label, model_name, pk):
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise Http404 from None
    if not is_scoped(model) or not hasattr(model, "snippet_viewset"):
        raise Http404
    instance = model._default_manager.filter(pk=unquote(pk)).first()
    if instance is None:
        raise Http404
    return instance


def start_snippet_view(request, app_label, model_name, pk, language_code):
    instance = _snippet(app_label, model_name, pk)
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise Http404
    if (
        not roles.can_work_on(request.user, locale)
        or locale.pk == lookups.source_locale_id()
        or instance.locale_id != lookups.source_locale_id()
    ):
        return forbidden(request, _("You do not translate this item into this language."))
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return HttpResponseRedirect(edit_url(existing))
    if request.method != "POST":
        return TemplateResponse(
            request,
            "translations/start_snippet.html",
            {"instance": instance, "language": label(locale), "model": type(instance)},
        )
    try:
        translated = services.start_snippet_translation(
            user=request.user, instance=instance, locale=locale
        )
    except services.ClaimError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(request.path)
    return HttpResponseRedirect(edit_url(translated))
