"""The taxonomies and the portal settings moved from ``home`` to ``core`` with their tables:
the migration renames their content types, so that what points at them follows."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail_localize.models import TranslatableObject

from core.models import PortalSettings, Topic

moved = importlib.import_module("core.migrations.0001_initial")


def test_tables_keep_their_names():
    assert Topic._meta.db_table == "home_topic"
    assert PortalSettings._meta.db_table == "home_portalsettings"


def test_content_types_move_with_what_points_at_them(db):
    content_type = ContentType.objects.get_for_model(Topic)
    permission = Permission.objects.get(content_type=content_type, codename="change_topic")
    group = Group.objects.create(name="Term keepers")
    group.permissions.add(permission)
    translatable = TranslatableObject.objects.filter(content_type=content_type).count()
    assert translatable > 0  # the demo's topics

    moved.move_content_types_back(apps, None)  # as before the move: home.topic
    assert ContentType.objects.get(pk=content_type.pk).app_label == "home"
    moved.move_content_types(apps, None)

    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Topic).pk == content_type.pk
    assert group.permissions.filter(codename="change_topic").exists()
    assert TranslatableObject.objects.filter(content_type=content_type).count() == translatable
    assert (
        Group.objects.get(name="Editors")
        .permissions.filter(content_type__app_label="core", codename="change_topic")
        .exists()
    )


def test_old_admin_addresses_lead_to_the_new_ones(client):
    response = client.get("/admin/snippets/home/topic/edit/4/?next=%2Fadmin%2F")
    assert response.status_code == 301
    assert response["Location"] == "/admin/snippets/core/topic/edit/4/?next=%2Fadmin%2F"
    response = client.get("/admin/settings/home/portalsettings/1/")
    assert response["Location"] == "/admin/settings/core/portalsettings/1/"
    assert client.get("/admin/snippets/home/homepage/").status_code != 301
