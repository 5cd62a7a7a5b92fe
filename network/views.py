"""Public views: ask to endorse a position or join a coalition, confirm by email, renew."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safeguards import ratelimit
from safeguards.mail import MailError

from . import selectors, services, tokens
from .forms import EndorsementRequestForm

TOO_MANY = ratelimit.TOO_MANY
MESSAGES = {
    "confirmed": (
        gettext_lazy("Request confirmed"),
        gettext_lazy(
            "Thank you. Our staff will check the request and write to you with their decision."
        ),
    ),
    "renewed": (
        gettext_lazy("Thank you"),
        gettext_lazy("Your organisation now endorses the current version."),
    ),
    "outdated": (
        gettext_lazy("The position has changed again"),
        gettext_lazy(
            "This link was for a version that has since been replaced. We send a new link "
            "when a position changes."
        ),
    ),
    "invalid": (
        gettext_lazy("This link does not work"),
        gettext_lazy("It may have expired, or been copied incompletely."),
    ),
}


def _message(request, name, status=200):
    heading, text = MESSAGES[name]
    context = {"heading": heading, "text": text}
    return render(request, "network/message.html", context, status=status)


def _page_or_404(page_id):
    page = selectors.endorsable_page(page_id, get_language())
    if page is None:
        raise Http404
    return page


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def endorse(request, page_id):
    page = _page_or_404(page_id)
    status = 200
    if request.method == "POST":
        form = EndorsementRequestForm(request.POST)
        if (
            not ratelimit.hit(request, "endorse")
            or form.is_valid()
            and not ratelimit.hit_address(form.cleaned_data["contact_email"], "endorse", 5)
        ):
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            try:
                services.request_endorsement(
                    page=page,
                    organisation=form.cleaned_data["organisation"],
                    website=form.cleaned_data["organisation_website"],
                    contact_email=form.cleaned_data["contact_email"],
                    statement=form.cleaned_data["statement"],
                    language=get_language(),
                )
            except MailError:
                form.add_error(
                    None,
                    _(
                        "We could not send you the confirmation email just now. "
                        "Please try again in a few minutes."
                    ),
                )
            else:
                return redirect("network:check_email", page_id=page.pk)
    else:
        form = EndorsementRequestForm()
    context = {"page": page, "form": form, "coalition": page._meta.model_name == "campaignpage"}
    return render(request, "network/endorse.html", context, status=status)


@require_safe
def check_email(request, page_id):
    return render(request, "network/check_email.html", {"page": _page_or_404(page_id)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation mail: a button (mail scanners that follow links confirm
    nothing), then the outcome."""
    try:
        request_id, digest, _extra = tokens.read(tokens.CONFIRM_SALT, token)
    except tokens.BadToken:
        return _invalid_link(request)
    found = selectors.request_for_link(request_id, digest)
    if found is None:
        return _invalid_link(request)
    if request.method == "POST":
        services.confirm_request(request_id=request_id, digest=digest)
        return _message(request, "confirmed")
    return render(request, "network/confirm.html", {"request_row": found, "token": token})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def renew(request, token):
    try:
        endorsement_id, digest, revision_id = tokens.read(tokens.RENEW_SALT, token)
    except tokens.BadToken:
        return _invalid_link(request)
    endorsement = selectors.endorsement_for_link(endorsement_id, digest)
    if endorsement is None:
        return _invalid_link(request)
    if endorsement.page.live_revision_id != revision_id:
        return _message(request, "outdated", status=410)
    if request.method == "POST":
        services.renew(endorsement_id=endorsement_id, digest=digest, revision_id=revision_id)
        return _message(request, "renewed")
    return render(request, "network/renew.html", {"endorsement": endorsement, "token": token})


def _invalid_link(request):
    return _message(request, "invalid", status=400)
