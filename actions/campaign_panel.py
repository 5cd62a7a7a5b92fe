"""A campaign's actions in its editor, with their languages, and adding one in place.

``CampaignActionsPanel`` lists the campaign's source-language actions, each with a chip per
language: a translation that exists (a link to it where the user may change it) or, where it
does not, a link to start it for whoever may translate into that language. "Add an action"
opens a Wagtail modal with the action's form, the campaign and the source language filled in;
on success the list is renewed in place (``static/actions/js/campaign-actions-panel.js``; the
admin's CSP allows no inline script).

Where it is attached: ``actions`` sits above ``campaigns`` in the layers, so the campaign page
cannot name this panel. ``ActionsConfig.ready()`` appends it to ``CampaignPage.content_panels``
before Wagtail builds the page's edit handler (on first use). Who may do what is asked of the
action model's registered permission policy (``wagtail.permissions``: the translations app
scopes it per language) with Wagtail's own API: may this user change an action in that
language, may they add one. The "translate" link is the translations app's start URL, reversed
by name.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.panels import Panel
from wagtail.permissions import policy_registry

from campaigns.models import CampaignPage
from core import lookups

from . import selectors
from .models import CampaignAction

LIST_TEMPLATE = "actions/panels/campaign_actions_list.html"


def _label(locale):
    return str(settings.PORTAL_LANGUAGE_LABELS.get(locale.language_code, locale.language_code))


def _edit_url(action):
    return reverse(action.snippet_viewset.get_url_name("edit"), args=[quote(action.pk)])


def _start_url(action, locale):
    try:
        return reverse(
            "translations:start_snippet",
            args=["actions", "campaignaction", quote(action.pk), locale.language_code],
        )
    except NoReverseMatch:  # the translations app is not installed
        return None


def list_context(page, user):
    """What the panel's list shows ``user`` for the campaign ``page``."""
    if page is None or not page.pk:
        return {"saved": False}
    policy = policy_registry.get_by_type(CampaignAction)
    source_id = lookups.source_locale_id() or page.locale_id
    locales = sorted(lookups.locales().values(), key=lambda locale: locale.pk != source_id)
    rows = []
    for action, translations in selectors.campaign_actions_by_language(page):
        chips = []
        for locale in locales:
            found = action if locale.pk == source_id else translations.get(locale.pk)
            may_change = policy.user_has_permission_for_instance(
                user, "change", found or CampaignAction(locale=locale)
            )
            chips.append(
                {
                    "code": locale.language_code,
                    "label": _label(locale),
                    "exists": found is not None,
                    "edit_url": _edit_url(found) if found is not None and may_change else None,
                    "start_url": _start_url(action, locale)
                    if found is None and may_change
                    else None,
                }
            )
        rows.append({"action": action, "chips": chips})
    return {
        "saved": True,
        "rows": rows,
        "add_url": reverse("actions_campaign_add", args=[page.pk])
        if policy.user_has_permission(user, "add")
        else None,
    }


class CampaignActionsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "actions/panels/campaign_actions.html"

        class Media:
            js = ["actions/js/campaign-actions-panel.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(list_context(self.instance, self.request.user))
            context["list_template"] = LIST_TEMPLATE
            return context


class ActionModalForm(forms.ModelForm):
    class Meta:
        model = CampaignAction
        fields = ["kind", "title", "intro", "consent_text", "thank_you_text", "goal"]


def add_action_view(request, page_id):
    """The modal's steps: the form ("form"), then the renewed list ("created")."""
    page = get_object_or_404(CampaignPage, pk=page_id)
    policy = policy_registry.get_by_type(CampaignAction)
    if not (
        policy.user_has_permission(request.user, "add")
        and page.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied
    campaign = selectors.source_campaign(page)
    if campaign is None:
        raise PermissionDenied
    instance = CampaignAction(campaign=campaign, locale_id=campaign.locale_id)
    form = ActionModalForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        html = render_to_string(LIST_TEMPLATE, list_context(page, request.user), request=request)
        return render_modal_workflow(
            request, None, json_data={"step": "created", "panel_html": html}
        )
    return render_modal_workflow(
        request,
        "actions/panels/add_action_modal.html",
        template_vars={"form": form, "page": page, "action_url": request.path},
        json_data={"step": "form"},
    )


PANEL_HEADING = _("Actions")
