"""Business operations shared across the portal."""

from django.contrib.auth.models import Group, Permission

# What comms staff may do beyond Wagtail's default page permissions. Moderators publish
# (Wagtail's own page permissions); both groups look after taxonomies and submit translations.
EDITORIAL_PERMISSIONS = {
    "Editors": [
        "core.add_topic",
        "core.change_topic",
        "core.add_region",
        "core.change_region",
        "core.add_method",
        "core.change_method",
        "wagtail_localize.submit_translation",
    ],
    "Moderators": [
        "core.add_topic",
        "core.change_topic",
        "core.delete_topic",
        "core.add_region",
        "core.change_region",
        "core.delete_region",
        "core.add_method",
        "core.change_method",
        "core.delete_method",
        "core.change_portalsettings",
        "wagtail_localize.submit_translation",
        "search.view_searchquerylog",
    ],
}


def ensure_editorial_roles(*, permissions=None):
    """Give the Editors and Moderators groups the portal's permissions. Idempotent."""
    for group_name, codenames in (permissions or EDITORIAL_PERMISSIONS).items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
