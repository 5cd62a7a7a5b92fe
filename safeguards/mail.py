"""Email addresses: how they are normalised, and the mails public forms send.

One address counts once (one signature per action, one registration per event), whatever its
case, surrounding spaces or Unicode form (NFKC folds the full-width letters some input methods
type). Mails are written in the reader's language, from plain-text templates, through Django's
mail backend (the console in development, local memory in tests, SMTP in production).
"""

import logging
import smtplib
import unicodedata

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Site

logger = logging.getLogger(__name__)


class MailError(Exception):
    """The mail could not be handed to the mail server."""


def normalize_email(value):
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def site_base_url():
    """The site's address for links in mails, from settings (``PORTAL_BASE_URL``, else
    ``WAGTAILADMIN_BASE_URL``, else the default Wagtail site's root URL), never from a
    request: a forged Host header must not put another site's address in a mail."""
    configured = getattr(settings, "PORTAL_BASE_URL", "") or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    if not configured:
        site = Site.objects.filter(is_default_site=True).first()
        configured = site.root_url if site else ""
    return configured.rstrip("/")


def send(*, template, to, language, context, reply_to=None):
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` in ``language`` and send
    them; ``template`` names the app's folder too (``actions/email/confirm``). ``reply_to``:
    an address a reply goes to instead of the portal's (a relayed message's writer)."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    try:
        EmailMessage(
            " ".join(subject.split()), body, None, [to], reply_to=[reply_to] if reply_to else None
        ).send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Could not send the %s mail: %s", template, type(error).__name__)
        raise MailError from error
