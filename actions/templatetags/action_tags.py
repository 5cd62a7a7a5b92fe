from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from actions import selectors
from actions.views import panel_context
from home.memo import ProcessMemo

register = template.Library()


@register.inclusion_tag("actions/includes/campaign_actions.html", takes_context=True)
def campaign_actions(context, page):
    """The actions of a campaign page, in its language: one query, and one more for recent
    signers when an action shows them and has any."""
    actions = selectors.actions_for_page(page)
    signers = selectors.recent_signers([action for action in actions if action.confirmed_count])
    return {
        "panels": [panel_context(action, signers=signers.get(action.pk, ())) for action in actions],
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


_field_markup = ProcessMemo(max_entries=1024)


@register.simple_tag
def signature_fields(form):
    """The fields of a signature form. An empty form's markup is the same for every reader of
    an action in a language, so it is rendered once per process; the key holds all the action
    shows in the form. A submitted form, with its values and errors, is rendered each time."""
    if form.is_bound:
        return render_to_string("actions/includes/signature_fields.html", {"form": form})
    action = form.action
    key = (
        action.pk,
        action.collects_name,
        action.collects_country,
        action.collects_comment,
        action.consent_text,
        get_language(),
    )
    markup = _field_markup.get_or_set(
        key, lambda: render_to_string("actions/includes/signature_fields.html", {"form": form})
    )
    return mark_safe(markup)  # noqa: S308 - rendered by the template, which escapes
