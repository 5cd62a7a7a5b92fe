"""A signer's own data: ask for a link by email, see what is held, delete it.

The request page answers the same whether or not the address has signed, so that nobody can
use it to find out who signed what.
"""

import logging

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import ratelimit, selectors, services, tokens
from .countries import country_name
from .emails import MailError
from .forms import DataRequestForm
from .views import TOO_MANY, base_url

logger = logging.getLogger(__name__)


@never_cache
@require_http_methods(["GET", "POST"])
def my_data(request):
    form = DataRequestForm()
    status = 200
    if request.method == "POST":
        form = DataRequestForm(request.POST)
        if not ratelimit.hit(request, "data"):
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            try:
                services.request_data_link(
                    email=form.cleaned_data["email"],
                    language=get_language(),
                    base_url=base_url(request),
                )
            except MailError:
                # Saying so would tell whether the address has signed: the answer is the same.
                logger.warning("A data link could not be mailed.")
            return redirect("actions:my_data_sent")
    return render(request, "actions/my_data.html", {"form": form}, status=status)


@require_GET
def my_data_sent(request):
    return render(request, "actions/my_data_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def my_data_detail(request, token):
    try:
        signature_ids, digest = tokens.read_data_token(token)
    except tokens.BadToken:
        return render(request, "actions/invalid_link.html", {"data_link": True}, status=400)
    signatures = selectors.signatures_for_link(signature_ids, digest)
    if request.method == "POST":
        deleted = services.delete_signatures(signature_ids=[s.pk for s in signatures])
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
