"""The admin's list of event registrations: who registered for what, for the organisers to
write to before the event. Listed, inspected and deleted; never added or edited (an address
counts only when its owner confirms it)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Registration


class ListAndDeleteOnly(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Registered for the model (Wagtail 8's way; a policy set on the viewset is deprecated).
register_permission_policy(Registration, ListAndDeleteOnly(Registration))


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "date"
    menu_label = _("Event registrations")
    name = "event-registrations"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["email", "event", "language", "created_at", "confirmed_at"]
    list_filter = ["event"]
    search_fields = ["email"]
    form_fields = ["email"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return Registration.objects.select_related("event")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()
