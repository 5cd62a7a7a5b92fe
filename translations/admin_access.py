"""A page editor the user may not open answers 403 Forbidden, not a redirect.

Wagtail's admin turns every ``PermissionDenied`` raised by one of its views into a redirect to
the dashboard with a message (``wagtail.admin.auth.require_admin_access`` wraps every admin
URL). So a Russian translator who opens a French page's edit URL got a 302, indistinguishable
from a successful action for scripts, logs and monitoring. Here the page editor answers through
Django's 403 view instead (``django.views.defaults.permission_denied``, with an admin-styled
template), with a 403 status and Django's "Forbidden (Permission denied)" log line.

Wagtail's ``before_edit_page`` hook cannot do this: the edit view calls it only after its own
permission check has refused the user (and a ``PermissionDenied`` raised by the hook would be
turned into the same redirect). The refusal is therefore made in the edit view itself, before
Wagtail's check, through Wagtail's page viewset: ``register_admin_viewset`` registers this
viewset for ``Page`` after Wagtail's own base viewset (which Wagtail registers with
``order=-1``), so every page type is edited through it. Anonymous users still go to the login
page, and users without admin access are still refused by ``require_admin_access``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.log import log_response
from django.views.defaults import permission_denied

from wagtail import hooks
from wagtail.admin.views.pages.edit import EditView as WagtailEditView
from wagtail.admin.viewsets.pages import PageViewSet as WagtailPageViewSet
from wagtail.models import Page

from .editor_panel import TranslationsSidePanel


def forbidden(request, reason=""):
    """A 403 response from Django's 403 view, logged as Django logs a refused request.
    ``reason`` replaces the page's "You do not have permission to edit this page."."""
    response = permission_denied(
        request, PermissionDenied(reason), template_name="translations/admin_403.html"
    )
    log_response(
        "Forbidden (Permission denied): %s", request.path, response=response, request=request
    )
    return response


class EditView(WagtailEditView):
    def dispatch(self, request, page_id, **kwargs):
        page = get_object_or_404(Page, pk=page_id)
        if not page.permissions_for_user(request.user).can_edit():
            return forbidden(request)
        return super().dispatch(request, page_id, **kwargs)

    def get_side_panels(self):
        panels = super().get_side_panels()
        if not self.expects_json_response:
            panels.append(TranslationsSidePanel(self.page, self.request))
        return panels


class PageViewSet(WagtailPageViewSet):
    edit_view_class = EditView


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return PageViewSet()
