"""A signer's own data: ask for a link by email, see what is held, delete it.

The request page answers the same whether or not the address has signed, so that nobody can
use it to find out who signed what.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safeguards import ratelimit

from . import selectors, services, tokens
from .countries import country_name
from .forms import DataRequestForm
from .tasks import send_data_link_task
from .views import TOO_MANY

TOO_MANY_FOR_ADDRESS = gettext_lazy(
    "Too many requests for this address. Please wait a while and try again."
)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def my_data(request):
    form = DataRequestForm()
    status = 200
    if request.method == "POST":
        form = DataRequestForm(request.POST)
        if not ratelimit.hit(request, "data"):
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            email = form.cleaned_data["email"]
            if not ratelimit.hit_address(
                email, "data", settings.PORTAL_ACTIONS_DATA_REQUESTS_PER_ADDRESS
            ):
                # The same for every address, signed or not: it tells nothing.
                form.add_error(None, TOO_MANY_FOR_ADDRESS)
                status = 429
            else:
                # The same work for every address: whether it signed is looked up, and the
                # link mailed, by the task, outside this request.
                send_data_link_task.enqueue(email=email, language=get_language())
                return redirect("actions:my_data_sent")
    return render(request, "actions/my_data.html", {"form": form}, status=status)


@require_safe
def my_data_sent(request):
    return render(request, "actions/my_data_sent.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def my_data_detail(request, token):
    try:
        signature_ids, digest = tokens.read_data_token(token)
    except tokens.BadToken:
        return render(request, "actions/invalid_link.html", {"data_link": True}, status=400)
    signatures = selectors.signatures_for_link(signature_ids, digest)
    if request.method == "POST":
        deleted = services.delete_signatures(signature_ids=[s.pk for s in signatures])
        tokens.end_data_link(digest)  # a link deletes once
        return render(request, "actions/my_data_deleted.html", {"deleted": deleted})
    language = get_language()
    rows = []
    for signature in signatures:
        action = selectors.action_for_tally(signature.tally_id, language)
        rows.append(
            {
                "signature": signature,
                "action": action,
                "country": country_name(signature.country) if signature.country else "",
                "purge_date": action.purge_date if action else None,
            }
        )
    return render(request, "actions/my_data_detail.html", {"rows": rows, "token": token})
