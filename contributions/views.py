"""Public views: the story form, the proposal form, the private status page, the confirmation
of an address. None is kept in the page cache (they hold forms and private links)."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from safeguards import ratelimit
from safeguards.mail import site_base_url

from . import selectors, services, tokens
from .forms import ProposalForm, StoryForm

TOO_MANY = gettext_lazy(
    "Too many attempts from your connection. Please wait a while and try again."
)


def _form_page(request, form, template, status=200):
    return render(request, template, {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contribute_story(request):
    language = get_language()
    choices = {
        "region_choices": selectors.region_choices(language),
        "topic_choices": selectors.topic_choices(language),
    }
    if request.method != "POST":
        return _form_page(request, StoryForm(**choices), "contributions/story_form.html")
    form = StoryForm(request.POST, request.FILES, **choices)
    if not ratelimit.hit(request, "contribute"):
        form.add_error(None, TOO_MANY)
        return _form_page(request, form, "contributions/story_form.html", status=429)
    if form.is_valid():
        try:
            submission = services.submit_story(language=language, **form.story_details())
        except services.NoIndex:
            form.add_error(None, _("Stories cannot be received in this language yet."))
        else:
            return _to_status(submission)
    return _form_page(request, form, "contributions/story_form.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    if request.method != "POST":
        return _form_page(request, ProposalForm(), "contributions/proposal_form.html")
    form = ProposalForm(request.POST)
    if not ratelimit.hit(request, "contribute"):
        form.add_error(None, TOO_MANY)
        return _form_page(request, form, "contributions/proposal_form.html", status=429)
    if form.is_valid():
        proposal = services.submit_proposal(language=get_language(), **form.proposal_details())
        return _to_status(proposal)
    return _form_page(request, form, "contributions/proposal_form.html")


def _to_status(contribution):
    url = reverse("contributions:status", args=[tokens.status_token(contribution)])
    return redirect(url + "?new=1")


@never_cache
@require_http_methods(["GET", "HEAD"])
def status(request, token):
    try:
        contribution = selectors.contribution_for_status(token)
    except tokens.BadToken:
        return render(request, "contributions/invalid_link.html", status=400)
    context = {
        "status": services.status_of(contribution),
        "new": request.GET.get("new") == "1",
        # From settings, not the Host header: the reader copies this link and keeps it.
        "status_url": site_base_url() + request.path,
        "has_contact": hasattr(contribution, "contact"),
    }
    response = render(request, "contributions/status.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation mail: a button confirms (mail scanners that follow links
    confirm nothing)."""
    try:
        kind, pk, contact_id, secret = tokens.read_confirm(token)
    except tokens.BadToken:
        return render(request, "contributions/invalid_link.html", status=400)
    contact = services.contact_for_link(kind=kind, pk=pk, contact_id=contact_id, secret=secret)
    if contact is None:
        return render(request, "contributions/invalid_link.html", status=400)
    if request.method == "POST":
        services.confirm_contact(contact=contact)
        return render(request, "contributions/confirmed.html")
    if contact.confirmed_at is not None:
        return render(request, "contributions/confirmed.html")
    return render(request, "contributions/confirm.html", {"token": token})
