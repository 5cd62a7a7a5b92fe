"""Translatable snippets are translated by their language's team: a permission policy per locale.

Actions (their petition text), taxonomy terms and every other translatable snippet are shown to
readers in their language, so that language's translators and reviewers translate them, not
only Editors. Wagtail asks a model's registered permission policy what a user may do
(``wagtail.permissions.policy_registry``); here each translatable snippet model gets a
``LocaleScopedPolicy``:

- Whoever holds the model's Django permissions (Editors, Moderators, superusers) keeps them, on
  every instance, as with Wagtail's ``ModelPermissionPolicy``.
- A language's translators and reviewers may view the listing and change the instances in
  their own language(s): never the source-language instance, never another language's. They
  may not add source instances nor delete anything. Snippets here have no drafts, so there is
  no "publish" to grant; were a model draftable, reviewers (not translators) would publish.

Where it is attached, without an import downwards: the layers (pyproject.toml) put
``translations`` above ``actions`` and ``core``, which must not import it. So nothing in those
apps names the policy: ``register_policies`` runs in this app's ``ready()`` and registers the
policy for every installed model that is a ``TranslatableMixin`` and not a page, found through
Django's app registry. Wagtail's snippet registration happens later (in ``wagtail.snippets``'s
``ready()``, after this app's, see INSTALLED_APPS) and takes the registered policy instead of
creating a fallback; a system check (``check_snippet_policies``) fails if some translatable
snippet ever ends up with another policy.

wagtail-localize asks about the snippet *type* where the portal needs the *instance*: its
translation editor's string, override, PO file, preview and stop views call
``user_can_edit_instance``, which for a snippet asks ``user.has_perm(<app>.change_<model>)``.
That refuses the Arabic translator everything, and would let anyone with the model permission
edit any language. ``patch_wagtail_localize`` replaces that one function with
``user_can_edit_instance`` below, which asks the policy about the instance (pages unchanged).

The listing: translators see every row (the source they translate from, and what exists in
other languages) and filter by language with Wagtail's own locale filter; a row they may not
edit answers 403 when opened (see ``snippet_hooks``).
"""

from django.apps import apps
from django.core import checks

from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from core import lookups

from .roles import user_locale_roles

TEAM_ACTIONS = {
    "translator": {"view", "change"},
    "reviewer": {"view", "change", "publish"},
}


def locale_roles(user):
    """The user's ``{locale_id: roles}`` outside the source language, kept on the user object
    for the request (a listing asks once per row)."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_portal_locale_roles", None)
    if cached is None:
        source_id = lookups.source_locale_id()
        cached = {
            locale_id: roles
            for locale_id, roles in user_locale_roles(user).items()
            if locale_id != source_id
        }
        user._portal_locale_roles = cached
    return cached


def _team_actions(roles):
    allowed = set()
    for role in roles:
        allowed |= TEAM_ACTIONS.get(role, set())
    return allowed


class LocaleScopedPolicy(ModelPermissionPolicy):
    """Model permissions for whoever holds them; per-language rights for the language teams."""

    def _model_may(self, user, action):
        return super().user_has_permission(user, action)

    def _team_may(self, user, action, locale_id=None):
        held = locale_roles(user)
        if action == "publish" and not issubclass(self.model, DraftStateMixin):
            return False
        if locale_id is not None:
            return action in _team_actions(held.get(locale_id, ()))
        return any(action in _team_actions(roles) for roles in held.values())

    def user_has_permission(self, user, action):
        return self._model_may(user, action) or self._team_may(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._model_may(user, action):
            return True
        if action == "view":
            return self._team_may(user, action)
        return self._team_may(user, action, instance.locale_id)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if any(self._model_may(user, action) for action in actions):
            return manager.all()
        if "view" in actions and self._team_may(user, "view"):
            return manager.all()
        locale_ids = [
            locale_id
            for locale_id in locale_roles(user)
            if any(self._team_may(user, action, locale_id) for action in actions)
        ]
        return manager.filter(locale_id__in=locale_ids)

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        team_roles = [role for role, held in TEAM_ACTIONS.items() if held & set(actions)]
        if not team_roles:
            return users
        team = users.model.objects.filter(is_active=True, groups__locale_role__role__in=team_roles)
        return users.model.objects.filter(pk__in=users.values("pk").union(team.values("pk")))


def scoped_models():
    """Every installed translatable model that is not a page: the snippets the teams translate."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin) and not issubclass(model, Page)
    ]


def register_policies():
    for model in scoped_models():
        if policy_registry.get_by_type(model, fallback=False) is None:
            register_permission_policy(model, LocaleScopedPolicy(model), exact_class=True)


def is_scoped(model):
    return isinstance(policy_registry.get_by_type(model), LocaleScopedPolicy)


def user_can_edit_instance(user, instance):
    """wagtail-localize's check for its translation editor's views, asked of the instance."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_permission_for_instance(user, "change", instance)


def patch_wagtail_localize():
    from wagtail_localize.views import edit_translation  # its views load once apps are ready

    if not callable(getattr(edit_translation, "user_can_edit_instance", None)):
        raise RuntimeError("wagtail-localize no longer has user_can_edit_instance to replace.")
    edit_translation.user_can_edit_instance = user_can_edit_instance


def check_snippet_policies(app_configs=None, **kwargs):
    from wagtail.snippets.models import get_snippet_models  # it loads every wagtail_hooks

    return [
        checks.Error(
            f"{model._meta.label} is a translatable snippet without the locale-scoped policy.",
            hint="Register it before wagtail.snippets registers the snippet viewsets.",
            id="translations.E001",
        )
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin) and not is_scoped(model)
    ]
