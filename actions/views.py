"""Public views: sign, confirm, thank-you, counter. Data requests are in ``data_views``."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safeguards import ratelimit
from safeguards.mail import MailError, site_base_url

from . import display, selectors, services, tokens
from .countries import country_name
from .forms import SignatureForm

TOO_MANY = ratelimit.TOO_MANY


def action_or_404(public_id):
    """The action in the reader's language while its campaign page is live and public."""
    action = selectors.get_action(public_id, get_language())
    if action is None:
        raise Http404
    return action


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def action_detail(request, public_id):
    """The action on a page of its own; the campaign page's form posts here."""
    action = action_or_404(public_id)
    form = None
    status = 200
    if request.method == "POST":
        form = SignatureForm(request.POST, action=action)
        if not action.accepts_signatures:
            form.add_error(None, _("This action has closed and no longer takes signatures."))
        elif not ratelimit.hit(request, "sign"):
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            try:
                outcome = services.sign(
                    action=action,
                    email=form.cleaned_data["email"],
                    language=get_language(),
                    **form.signer_details(),
                )
                services.notify_signer(outcome=outcome, action=action)
            except services.ActionClosed:
                form.add_error(None, _("This action has closed and no longer takes signatures."))
            except MailError:
                form.add_error(
                    None,
                    _(
                        "We could not send you the confirmation email just now. "
                        "Please try again in a few minutes."
                    ),
                )
            else:
                return redirect("actions:check_email", public_id=action.public_id)
    signers = selectors.recent_signers([action]).get(action.pk, ())
    context = {
        "panel": display.panel_context(action, form=form, signers=signers),
        "campaign_page": selectors.campaign_page_for(action),
    }
    return render(request, "actions/action_page.html", context, status=status)


@require_safe
def check_email(request, public_id):
    action = action_or_404(public_id)
    return render(
        request,
        "actions/check_email.html",
        {
            "action": action,
            "campaign_page": selectors.campaign_page_for(action),
            "notice": display.privacy_notice(action),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation mail: a button to confirm (mail scanners that follow
    links do not confirm anything), then the thank-you step. The page shows the details the
    link confirms: they are the ones of the submission this link was sent for."""
    try:
        signature_id, digest, submitted = tokens.read_confirmation(token)
    except tokens.BadToken:
        return _invalid_link(request)
    signature = selectors.signatures_for_link([signature_id], digest)
    if not signature:
        return _invalid_link(request)
    signature = signature[0]
    action = selectors.action_for_tally(signature.tally_id, get_language())
    if action is None:
        return _invalid_link(request)
    if selectors.public_campaign_page(action) is None:
        raise Http404
    thanks_url = reverse("actions:thanks", args=[action.public_id])
    if signature.is_confirmed:
        return redirect(thanks_url + "?already=1")
    if not action.accepts_signatures:
        return render(request, "actions/closed.html", {"action": action}, status=410)
    if request.method == "POST":
        outcome = services.confirm(signature_id=signature_id, digest=digest, submitted=submitted)
        if outcome is None:
            return _invalid_link(request)
        suffix = "" if outcome.newly_confirmed else "?already=1"
        return redirect(thanks_url + suffix)
    shown = submitted if submitted is not None else vars(signature)
    country = shown.get("country", "") if action.collects_country else ""
    details = [
        (label, value)
        for label, value in (
            (_("First name"), shown.get("name", "") if action.collects_name else ""),
            (_("Country"), country_name(country) if country else ""),
            (_("Comment"), shown.get("comment", "") if action.collects_comment else ""),
        )
        if value
    ]
    return render(
        request, "actions/confirm.html", {"action": action, "token": token, "details": details}
    )


def _invalid_link(request):
    return render(request, "actions/invalid_link.html", status=400)


@never_cache
@require_safe
def thanks(request, public_id):
    action = action_or_404(public_id)
    campaign_page = selectors.campaign_page_for(action)
    page_url = campaign_page.url or ""
    if page_url.startswith("/"):
        page_url = site_base_url() + page_url
    signers = selectors.recent_signers([action]).get(action.pk, ())
    return render(
        request,
        "actions/thanks.html",
        {
            "action": action,
            "already": request.GET.get("already") == "1",
            "campaign_page": campaign_page,
            "progress": display.progress(action, action.confirmed_count),
            "share_links": display.share_links(action, page_url),
            "signers": [display.signer_label(signature) for signature in signers],
        },
    )


@never_cache
@require_safe
def count(request, public_id):
    """The live count, for the page's own script and for partners: JSON, no personal data."""
    action = action_or_404(public_id)
    progress = display.progress(action, action.confirmed_count)
    return JsonResponse(
        {
            "count": progress.count,
            "goal": progress.goal,
            "percent": progress.percent,
            "label": progress.label,
            "goal_label": progress.goal_label,
        }
    )
