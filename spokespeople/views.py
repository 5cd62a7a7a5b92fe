"""Public views: the directory, the offer to speak, its confirmation, the relay form, leaving."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import lookups
from safeguards import ratelimit
from safeguards.mail import MailError

from . import selectors, services
from .forms import DirectoryFilterForm, OfferForm, RelayForm

MAIL_FAILED = gettext_lazy(
    "We could not send the email just now. Please try again in a few minutes."
)
MESSAGES = {
    "confirmed": (
        gettext_lazy("Thank you"),
        gettext_lazy(
            "Your consent is recorded. Our staff will check your offer before you are listed; "
            "we write to you when you are."
        ),
    ),
    "left": (
        gettext_lazy("You have left the directory"),
        gettext_lazy("Your entry and your address have been deleted."),
    ),
    "sent": (
        gettext_lazy("Message sent"),
        gettext_lazy(
            "Your message has been forwarded. If the spokesperson wishes to answer, they will "
            "reply to the address you gave. We have not kept your message."
        ),
    ),
    "invalid": (
        gettext_lazy("This link does not work"),
        gettext_lazy("It may have expired, been copied incompletely, or its entry was deleted."),
    ),
}


def _message(request, name, status=200):
    heading, text = MESSAGES[name]
    return render(
        request, "spokespeople/message.html", {"heading": heading, "text": text}, status=status
    )


@require_safe
def directory(request):
    locale = lookups.active_locale(request)
    form = DirectoryFilterForm(request.GET, locale=locale, languages=selectors.languages_spoken())
    form.is_valid()
    filters = {name: form.cleaned_data.get(name, "") for name in form.lookups}
    context = {
        "entries": selectors.directory(locale=locale, **filters),
        "filter_form": form,
        "filtered": any(filters.values()),
        "ignored_filters": form.ignored_filters(),
    }
    return render(request, "spokespeople/directory.html", context)


def _over_limit(request, scope, form, email_field):
    """The signing form's limits: per client, then per address given."""
    return not ratelimit.hit(request, scope) or (
        form.is_valid() and not ratelimit.hit_address(form.cleaned_data[email_field], scope, 5)
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def offer(request):
    locale = lookups.active_locale(request)
    status = 200
    if request.method == "POST":
        form = OfferForm(request.POST, locale=locale)
        if _over_limit(request, "spokesperson-offer", form, "email"):
            form.add_error(None, ratelimit.TOO_MANY)
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.offer(
                    public_name=data["public_name"],
                    name_kind=data["name_kind"],
                    bio=data["bio"],
                    topic_slugs=data["topics"],
                    region_slugs=data["regions"],
                    languages=data["languages"],
                    email=data["email"],
                    language=get_language(),
                )
            except MailError:
                form.add_error(None, MAIL_FAILED)
            else:
                return redirect("spokespeople:check_email")
    else:
        form = OfferForm(locale=locale)
    return render(request, "spokespeople/offer.html", {"form": form}, status=status)


@require_safe
def check_email(request):
    return render(request, "spokespeople/check_email.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link mailed to the person: the consent text and a button (mail scanners that follow
    links consent to nothing)."""
    person = services.person_for_link(services.CONFIRM_SALT, token)
    if person is None:
        return _message(request, "invalid", status=400)
    if request.method == "POST":
        services.confirm(person=person)
        return _message(request, "confirmed")
    return render(request, "spokespeople/confirm.html", {"person": person, "token": token})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def leave(request, token):
    person = services.person_for_link(services.LEAVE_SALT, token)
    if person is None:
        return _message(request, "invalid", status=400)
    if request.method == "POST":
        services.leave(person=person)
        return _message(request, "left")
    return render(request, "spokespeople/leave.html", {"person": person, "token": token})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def relay(request, person_id):
    person = selectors.listed_person(person_id)
    if person is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = RelayForm(request.POST)
        if _over_limit(request, "spokesperson-relay", form, "email") or (
            form.is_valid()
            and not ratelimit.hit_address(
                person.email, "spokesperson-inbox", settings.PORTAL_SPOKESPEOPLE_INBOX_LIMIT
            )
        ):
            form.add_error(None, ratelimit.TOO_MANY)
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.relay(
                    person=person,
                    name=data["name"],
                    outlet=data["outlet"],
                    email=data["email"],
                    message=data["message"],
                    language=get_language(),
                )
            except MailError:
                form.add_error(None, MAIL_FAILED)
            else:
                return redirect("spokespeople:sent")
    else:
        form = RelayForm()
    context = {"person": person, "form": form}
    return render(request, "spokespeople/relay.html", context, status=status)


@require_safe
def sent(request):
    return _message(request, "sent")
