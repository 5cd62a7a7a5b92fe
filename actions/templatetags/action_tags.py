from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from actions import display, selectors
from core import holes, lookups
from core.memo import ProcessMemo

register = template.Library()


_panels = ProcessMemo("action panels", max_entries=2048, by_generation=True)


@register.simple_tag(takes_context=True)
def campaign_actions(context, page):
    """The actions of a campaign page, in its language: one query, and one more for recent
    signers when an action shows them and has any.

    The panels are kept per process (``core.holes.kept``) under a key that holds what
    changes them: the lookups generation (which an edited action renews), each action's count,
    whether it takes signatures, and its recent signers. Their CSRF token and start time are
    filled in for each reader."""
    request = context.get("request")
    actions = selectors.actions_for_page(page)
    signers = selectors.recent_signers([action for action in actions if action.confirmed_count])

    def render():
        panels = [
            display.panel_context(action, signers=signers.get(action.pk, ()), shown_in=page.locale)
            for action in actions
        ]
        return render_to_string(
            "actions/includes/campaign_actions.html", {"panels": panels, "request": request}
        )

    key = lookups.fragment_key(
        request,
        "actions",
        page.pk,
        tuple(
            (
                action.pk,
                action.public_id,
                action.confirmed_count,
                action.accepts_signatures,
                tuple(display.signer_label(signature) for signature in signers.get(action.pk, ())),
            )
            for action in actions
        ),
    )
    if key is None:
        return render()
    return holes.kept(request, _panels, key, render)


@register.inclusion_tag("actions/includes/take_action_link.html")
def take_action_link(page):
    """A link by the campaign's title to its first open action's form. Not kept with the
    page's own markup: an action opens and closes without a publish (and on its end date).
    The actions are the ones the panels show, read once for both (``actions_for_page``)."""
    return {"action": selectors.first_open_action(selectors.actions_for_page(page))}


_field_markup = ProcessMemo("action form fields", max_entries=1024)


@register.simple_tag
def signature_fields(form, original=None):
    """The fields of a signature form. An empty form's markup is the same for every reader of
    an action in a language, so it is rendered once per process; the key holds all the action
    shows in the form (``original``, the action's language when it is shown untranslated,
    follows from the action and the reader's language). A submitted form, with its values and
    errors, is rendered each time."""
    context = {"form": form, "panel": {"original": original}}
    if form.is_bound:
        return render_to_string("actions/includes/signature_fields.html", context)
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
        key, lambda: render_to_string("actions/includes/signature_fields.html", context)
    )
    return mark_safe(markup)  # noqa: S308 - rendered by the template, which escapes
