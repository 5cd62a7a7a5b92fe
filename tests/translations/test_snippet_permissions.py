"""Translatable snippets are translated by their language's team (snippet_permissions.py):
the policy per role and language, and every admin path a Russian translator might take to a
French action."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.permissions import policy_registry

from actions.models import CampaignAction
from core.models import Method, Region, Topic
from tests.actions.helpers import demo_action
from translations.snippet_permissions import LocaleScopedPolicy, user_can_edit_instance

pytestmark = pytest.mark.django_db


def person(username, *groups):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def panorama():
    return {code: demo_action("freedom-of-panorama", code) for code in ("en", "fr", "ar", "ru")}


@pytest.mark.parametrize("model", [CampaignAction, Topic, Region, Method])
def test_every_translatable_snippet_has_the_locale_scoped_policy(model):
    policy = policy_registry.get_by_type(model)
    assert isinstance(policy, LocaleScopedPolicy)
    assert model.snippet_viewset.permission_policy is policy


def test_french_translator_changes_french_only(panorama):
    policy = policy_registry.get_by_type(CampaignAction)
    user = person("fr-t", "French translators")
    may = {
        code: policy.user_has_permission_for_instance(user, "change", panorama[code])
        for code in panorama
    }
    assert may == {"en": False, "fr": True, "ar": False, "ru": False}
    assert policy.user_has_permission(user, "view")
    assert policy.user_has_permission(user, "change")
    for action in ("add", "delete", "publish"):
        assert not policy.user_has_permission(user, action)
        assert not policy.user_has_permission_for_instance(user, action, panorama["fr"])
    editable = policy.instances_user_has_permission_for(user, "change")
    assert set(editable.values_list("locale__language_code", flat=True)) == {"fr"}
    assert user_can_edit_instance(user, panorama["fr"])
    assert not user_can_edit_instance(user, panorama["ru"])


def test_french_reviewer_changes_french_but_publishes_nothing_without_drafts(panorama):
    policy = policy_registry.get_by_type(CampaignAction)
    user = person("fr-r", "French reviewers")
    assert policy.user_has_permission_for_instance(user, "change", panorama["fr"])
    assert not policy.user_has_permission_for_instance(user, "change", panorama["en"])
    assert not policy.user_has_permission_for_instance(user, "delete", panorama["fr"])


def test_editor_and_superuser_keep_model_permissions(panorama):
    policy = policy_registry.get_by_type(CampaignAction)
    editor = person("ed", "Editors")
    moderator = person("mod", "Moderators")
    admin = get_user_model().objects.create_superuser("root", password="x" * 16)
    for code in panorama:
        assert policy.user_has_permission_for_instance(editor, "change", panorama[code])
        assert policy.user_has_permission_for_instance(admin, "delete", panorama[code])
        assert policy.user_has_permission_for_instance(moderator, "delete", panorama[code])
    assert policy.user_has_permission(editor, "add")
    assert not policy.user_has_permission(editor, "delete")  # as before: moderators delete


def test_someone_without_a_team_gets_nothing(panorama):
    policy = policy_registry.get_by_type(Topic)
    user = person("nobody")
    assert not policy.user_has_any_permission(user, {"view", "change", "add", "delete"})
    assert not policy.instances_user_has_permission_for(user, "change").exists()


def test_users_with_permission_include_the_teams():
    policy = policy_registry.get_by_type(CampaignAction)
    translator = person("fr-t", "French translators")
    editor = person("ed", "Editors")
    changers = set(policy.users_with_permission("change"))
    assert {translator, editor} <= changers
    assert translator not in set(policy.users_with_permission("delete"))
