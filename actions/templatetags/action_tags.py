from django import template

from actions import selectors
from actions.views import panel_context

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
