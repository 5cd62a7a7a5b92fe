"""Public views: registering for an event (form, check your email, confirm) and the
calendars (a language's upcoming events, one event)."""

from urllib.parse import urlsplit

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import lookups
from safeguards import ratelimit
from safeguards.mail import MailError, site_base_url

from . import ics, selectors, services, tokens
from .registration import RegistrationForm

TOO_MANY = gettext_lazy(
    "Too many attempts from your connection. Please wait a while and try again."
)
CLOSED = gettext_lazy("This event no longer takes registrations.")


def registering_event_or_404(pk):
    """The event in the reader's language while it is live, public and registers here."""
    event = selectors.live_event(pk, get_language())
    if event is None or event.registration != "internal":
        raise Http404
    return event


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, pk):
    """The registration form on a page of its own; the event page's form posts here."""
    event = registering_event_or_404(pk)
    form = RegistrationForm(request.POST or None, event=event)
    status = 200
    if request.method == "POST":
        if not event.takes_registrations:
            form.add_error(None, CLOSED)
            status = 410
        elif not ratelimit.hit(request, "event-register"):
            form.add_error(None, TOO_MANY)
            status = 429
        elif form.is_valid():
            language = get_language()
            try:
                outcome = services.register(
                    event=event, email=form.cleaned_data["email"], language=language
                )
                services.notify(outcome=outcome, event=event, language=language)
            except services.RegistrationClosed:
                form.add_error(None, CLOSED)
            except MailError:
                form.add_error(
                    None,
                    _(
                        "We could not send you the confirmation email just now. "
                        "Please try again in a few minutes."
                    ),
                )
            else:
                return redirect("events:check_email", pk=event.pk)
    return render(request, "events/register.html", {"event": event, "form": form}, status=status)


@require_safe
def check_email(request, pk):
    event = registering_event_or_404(pk)
    return render(request, "events/check_email.html", {"event": event})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation mail: a button to confirm (mail scanners that follow
    links confirm nothing), then the confirmation."""
    try:
        registration_id, digest = tokens.read_confirmation(token)
    except tokens.BadToken:
        return _invalid_link(request)
    registration = selectors.registration_for_link(registration_id)
    if registration is None or not tokens.matches(registration, digest):
        return _invalid_link(request)
    event = selectors.live_event(registration.event_id, get_language())
    if event is None:
        return _invalid_link(request)
    if not event.takes_registrations and not registration.is_confirmed:
        return render(request, "events/closed.html", {"event": event}, status=410)
    if request.method == "POST" or registration.is_confirmed:
        if services.confirm(registration_id=registration_id, digest=digest) is None:
            return _invalid_link(request)
        return render(request, "events/registered.html", {"event": event})
    return render(request, "events/confirm.html", {"event": event, "token": token})


def _invalid_link(request):
    return render(request, "events/invalid_link.html", status=400)


# -- calendars ---------------------------------------------------------------------------------


def _calendar_event(event, request):
    url = event.get_url(request) or ""
    if url.startswith("/"):
        url = site_base_url() + url
    host = urlsplit(site_base_url()).hostname or "portal.invalid"
    description = "\n\n".join(part for part in (event.summary, url) if part)
    return ics.CalendarEvent(
        uid=f"event-{event.translation_key}@{host}",
        start=event.start,
        end=event.end,
        stamp=event.last_published_at or event.first_published_at or event.start,
        summary=event.title,
        description=description,
        location=event.location,
        url=url,
    )


def _calendar_response(events, request, *, name, filename):
    body = ics.calendar(
        [_calendar_event(event, request) for event in events],
        name=name,
        product=lookups.portal_settings(request).name,
        language=get_language(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def calendar_feed(request):
    """The upcoming events of the reader's language, as a calendar to subscribe to."""
    locale = lookups.active_locale(request)
    events = selectors.upcoming_events(locale)
    name = f"{_('Events')} · {lookups.portal_settings(request).name}"
    return _calendar_response(events, request, name=name, filename="events.ics")


@require_safe
def event_calendar(request, pk):
    """One event, to add to a calendar."""
    event = selectors.live_event(pk, get_language())
    if event is None:
        raise Http404
    return _calendar_response([event], request, name=event.title, filename=f"event-{pk}.ics")


def calendar_url(event):
    return reverse("events:event_ics", args=[event.pk])
