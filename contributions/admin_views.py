"""The triage pages of the admin: decide on one contributed story or one proposal.

Only staff with the model's change permission decide (Moderators); the listings are the
viewsets' (``wagtail_hooks``). The contributor is shown only as they chose: a pseudonym, or
"Anonymous"; no address is shown (it is kept apart, for status mails only).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from actions.countries import country_name
from stories.models import AuthorMode

from . import services
from .models import Proposal, StorySubmission


def attribution(submission):
    page = submission.page
    if page is None or page.author_mode == AuthorMode.ANONYMOUS:
        return _("Anonymous")
    return f"{page.author_name} ({page.get_author_mode_display()})"


def story_status_label(submission):
    return services.story_status(submission).label


def country(proposal):
    return country_name(proposal.country)


def proposer(proposal):
    return f"{proposal.name} ({proposal.get_name_mode_display()})"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the contributor reads it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecideView(WagtailAdminTemplateMixin, FormView):
    form_class = ReasonForm
    header_icon = "tasks"
    model = None
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        meta = self.model._meta
        if not request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "status": services.status_of(self.object),
        }

    def done(self, message):
        messages.success(self.request, message)
        return redirect(self.index_url_name)


class DecideStoryView(DecideView):
    model = StorySubmission
    template_name = "contributions/admin/decide_story.html"
    index_url_name = "contributed_stories:index"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "attribution": attribution(self.object)}

    def form_valid(self, form):
        reason = form.cleaned_data["reason"].strip()
        if not reason:
            form.add_error("reason", _("Say why: the contributor reads the reason."))
            return self.form_invalid(form)
        try:
            services.decline_story(submission=self.object, reason=reason, user=self.request.user)
        except services.AlreadyDecided:
            form.add_error(None, _("This contribution was decided on already."))
            return self.form_invalid(form)
        return self.done(_("The story was declined; the contributor can read the reason."))


class DecideProposalView(DecideView):
    model = Proposal
    template_name = "contributions/admin/decide_proposal.html"
    index_url_name = "proposals:index"

    def get_context_data(self, **kwargs):
        proposal = self.object
        return {
            **super().get_context_data(**kwargs),
            "country": country(proposal),
            "proposer": proposer(proposal),
            "links": proposal.links.split(),
        }

    def form_valid(self, form):
        reason = form.cleaned_data["reason"].strip()
        try:
            if "accept" in self.request.POST:
                campaign = services.accept_proposal(
                    proposal=self.object, user=self.request.user, reason=reason
                )
                messages.success(self.request, _("Accepted: a draft campaign was made."))
                return redirect("wagtailadmin_pages:edit", campaign.pk)
            if not reason:
                form.add_error("reason", _("Say why: the contributor reads the reason."))
                return self.form_invalid(form)
            services.decline_proposal(proposal=self.object, reason=reason, user=self.request.user)
        except services.AlreadyDecided:
            form.add_error(None, _("This contribution was decided on already."))
            return self.form_invalid(form)
        except services.NoIndex:
            form.add_error(None, _("There is no campaigns index in this language."))
            return self.form_invalid(form)
        return self.done(_("The proposal was declined; the proposer can read the reason."))
