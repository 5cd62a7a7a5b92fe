"""Who may do what in the translation workflow: a user's language roles, read from their groups."""

from .models import LocaleRole


def user_locale_roles(user):
    """``{locale_id: {"translator", "reviewer"}}`` for the user's language groups."""
    roles = {}
    for locale_id, role in LocaleRole.objects.filter(group__user=user).values_list(
        "locale_id", "role"
    ):
        roles.setdefault(locale_id, set()).add(role)
    return roles


def is_editorial_staff(user):
    return user.is_superuser or user.groups.filter(name__in=["Editors", "Moderators"]).exists()


def can_work_on(user, locale):
    return is_editorial_staff(user) or locale.pk in user_locale_roles(user)
