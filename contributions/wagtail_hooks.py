"""The admin's triage of contributions: contributed stories (with "Decline with reason") and
advocacy proposals (accept, which makes a draft campaign, or decline with a reason). Only staff
with the models' permissions see them (Moderators triage; Editors read the listings).

Contributions come from the public forms only: there is no "add" or "copy", and a row opens its
triage page (``admin_views``), not a form over the model's fields.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import Proposal, StorySubmission


def _no_adding(request, *args, **kwargs):
    raise PermissionDenied


class TriageViewSet(ModelViewSet):
    copy_view_enabled = False
    decide_view_class = None
    form_fields = []

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}

    @property
    def add_view(self):
        return _no_adding

    @property
    def edit_view(self):
        return self.decide_view_class.as_view()


class StorySubmissionViewSet(TriageViewSet):
    model = StorySubmission
    icon = "doc-full"
    menu_label = _("Contributed stories")
    decide_view_class = admin_views.DecideStoryView
    list_display = [
        Column("title", label=_("Story"), accessor=str),
        Column("attribution", label=_("Attribution"), accessor=admin_views.attribution),
        Column("status", label=_("Status"), accessor=admin_views.story_status_label),
        "language",
        "created_at",
    ]
    list_filter = ["language"]


class ProposalViewSet(TriageViewSet):
    model = Proposal
    icon = "pick"
    menu_label = _("Advocacy proposals")
    decide_view_class = admin_views.DecideProposalView
    list_display = [
        "title",
        "kind",
        Column("country", label=_("Country"), accessor=admin_views.country),
        Column("by", label=_("Proposed by"), accessor=admin_views.proposer),
        "status",
        "language",
        "created_at",
    ]
    list_filter = ["status", "kind", "language"]


class ContributionsGroup(ViewSetGroup):
    menu_label = _("Contributions")
    menu_icon = "group"
    menu_order = 220
    items = (
        StorySubmissionViewSet("contributed_stories", url_prefix="contributions/stories"),
        ProposalViewSet("proposals", url_prefix="contributions/proposals"),
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return ContributionsGroup()
