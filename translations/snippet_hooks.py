"""The admin's snippet screens for language teams (see ``snippet_permissions``).

- A snippet's editor refuses, with 403 Forbidden rather than Wagtail's redirect to the
  dashboard, whoever the policy does not let change that instance: a Russian translator who
  opens a French action's edit URL, or wagtail-localize's translation editor at that URL. The
  ``before_edit_snippet`` hook runs after Wagtail's model-wide check (which lets the teams in)
  and before wagtail-localize's own hook (which would open the translation editor).
- A source row of the listing offers its translators "Translate into <their language>" where
  that translation does not exist yet.
"""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from core import lookups

from .admin_access import forbidden
from .snippet_permissions import LocaleScopedPolicy, is_scoped, locale_roles


def refuse_other_languages(request, instance):
    policy = policy_registry.get_by_type(type(instance))
    if isinstance(policy, LocaleScopedPolicy) and not policy.user_has_permission_for_instance(
        request.user, "change", instance
    ):
        return forbidden(request, _("You do not have permission to edit this item."))
    return None


hooks.register("before_edit_snippet", refuse_other_languages, order=-10)


def label(locale):
    """The language's name in the admin's language."""
    return str(settings.PORTAL_LANGUAGE_LABELS.get(locale.language_code, locale.language_code))


def start_url(instance, locale):
    model = type(instance)
    return reverse(
        "translations:start_snippet",
        args=[
            model._meta.app_label,
            model._meta.model_name,
            quote(instance.pk),
            locale.language_code,
        ],
    )


def missing_team_locales(user, instance):
    """The user's team languages that the source ``instance`` is not translated into yet."""
    held = locale_roles(user)
    if not held or instance.locale_id != lookups.source_locale_id():
        return []
    done = set(instance.get_translations().values_list("locale_id", flat=True))
    return [
        locale
        for pk, locale in sorted(lookups.locales().items(), key=lambda item: item[1].language_code)
        if pk in held and pk not in done
    ]


@hooks.register("register_snippet_listing_buttons")
def translate_into_own_language(snippet, user, next_url=None):
    if not is_scoped(type(snippet)):
        return
    for locale in missing_team_locales(user, snippet):
        yield Button(
            _("Translate into %(language)s") % {"language": label(locale)},
            start_url(snippet, locale),
            icon_name="wagtail-localize-language",
            priority=90,
        )
