import datetime
import time

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import WorkflowState

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage, CampaignPage


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", password="a long editor password")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("moderator", password="a long moderator password")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.mark.django_db
def test_editors_edit_but_cannot_publish(editor, moderator):
    campaign = CampaignPage.objects.filter(locale__language_code="en").first()
    editor_permissions = campaign.permissions_for_user(editor)
    assert editor_permissions.can_edit()
    assert not editor_permissions.can_publish()
    assert campaign.permissions_for_user(moderator).can_publish()


@pytest.mark.django_db
def test_editorial_groups_manage_taxonomies(editor, moderator):
    assert editor.has_perm("core.change_topic")
    assert not editor.has_perm("core.delete_topic")
    assert moderator.has_perm("core.delete_topic")
    assert moderator.has_perm("core.change_portalsettings")
    assert not editor.has_perm("core.change_portalsettings")


@pytest.mark.django_db
def test_moderation_workflow_covers_every_page(editor):
    campaign = CampaignPage.objects.filter(locale__language_code="ar").first()
    workflow = campaign.get_workflow()
    assert workflow is not None and workflow.active
    state = workflow.start(campaign, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_editor_submits_for_moderation_through_the_admin(client, editor):
    campaign = CampaignPage.objects.filter(locale__language_code="en").first()
    client.force_login(editor)
    response = client.get(f"/admin/pages/{campaign.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Submit to Moderators approval" in content
    assert 'name="action-publish"' not in content


@pytest.mark.django_db
def test_preview_renders(client, moderator):
    campaign = CampaignPage.objects.filter(locale__language_code="en").first()
    client.force_login(moderator)
    response = client.get(f"/admin/pages/{campaign.pk}/edit/preview/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_scheduled_publishing(client):
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    page = CampaignPageFactory(parent=index, title="Scheduled campaign", publish=False, live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404
    time.sleep(2.5)
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
