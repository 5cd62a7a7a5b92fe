"""What readers see of an action: its count and progress, share links, the privacy notice."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from babel import Locale as BabelLocale
from babel import UnknownLocaleError
from babel.lists import format_list

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, get_language_info, gettext, ngettext

from .countries import country_name
from .forms import SignatureForm
from .models import ActionKind


@dataclass(frozen=True)
class Progress:
    count: int
    goal: int
    label: str
    goal_label: str

    @property
    def percent(self):
        return min(100, round(100 * self.count / self.goal)) if self.goal else 100

    @property
    def value(self):
        """The <progress> value: the count, capped at the goal."""
        return min(self.count, self.goal)


def progress(action, count):
    shown = number_format(count, force_grouping=True)
    if action.kind == ActionKind.PLEDGE:
        label = ngettext("%(count)s pledge", "%(count)s pledges", count)
    elif action.kind == ActionKind.SIGN_UP:
        label = ngettext("%(count)s person signed up", "%(count)s people signed up", count)
    else:
        label = ngettext("%(count)s signature", "%(count)s signatures", count)
    goal = gettext("Goal: %(goal)s") % {"goal": number_format(action.goal, force_grouping=True)}
    return Progress(count=count, goal=action.goal, label=label % {"count": shown}, goal_label=goal)


def submit_label(action):
    if action.kind == ActionKind.PLEDGE:
        return gettext("Make the pledge")
    if action.kind == ActionKind.SIGN_UP:
        return gettext("Sign up")
    return gettext("Sign the petition")


def first_name(name):
    parts = (name or "").split()
    return parts[0] if parts else ""


def signer_label(signature):
    """“Amina (Kenya)”: the first name and the country, whichever the action shows."""
    name = first_name(signature.name)
    country = country_name(signature.country) if signature.country else ""
    if name and country:
        return gettext("%(name)s (%(country)s)") % {"name": name, "country": country}
    return name or country


@dataclass(frozen=True)
class ShareLink:
    label: str
    url: str


def share_links(action, page_url):
    """Plain links to well-known share pages; nothing is loaded from them until clicked."""
    text = action.share_text or action.title
    both = f"{text} {page_url}"
    targets = [
        ("Bluesky", "https://bsky.app/intent/compose", {"text": both}),
        ("X", "https://twitter.com/intent/tweet", {"text": text, "url": page_url}),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php", {"u": page_url}),
        ("WhatsApp", "https://wa.me/", {"text": both}),
        ("Telegram", "https://t.me/share/url", {"url": page_url, "text": text}),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/", {"url": page_url}),
        ("VK", "https://vk.com/share.php", {"url": page_url, "title": text}),
        ("Weibo", "https://service.weibo.com/share/share.php", {"url": page_url, "title": text}),
    ]
    mail = "mailto:?" + urlencode({"subject": action.title, "body": both}, quote_via=quote)
    return [
        ShareLink(gettext("Email"), mail),
        *(ShareLink(label, f"{url}?{urlencode(query)}") for label, url, query in targets),
    ]


def privacy_notice(action):
    """What is kept, why, and for how long, in the reader's language."""
    kept = [gettext("your email address")]
    if action.collects_name:
        kept.append(gettext("your first name"))
    if action.collects_country:
        kept.append(gettext("your country"))
    if action.collects_comment:
        kept.append(gettext("your comment"))
    try:
        listed = format_list(kept, locale=BabelLocale.parse(get_language() or "en", sep="-"))
    except (ValueError, LookupError, UnknownLocaleError):
        listed = ", ".join(kept)
    sentences = [
        gettext(
            "We keep %(kept)s to confirm your signature and to let you see or delete it. "
            "We never store your IP address."
        )
        % {"kept": listed}
    ]
    if action.advocate_safety:
        sentences.append(
            gettext(
                "Advocate-safety mode: we ask for nothing but your email address, and no name "
                "or place is shown anywhere."
            )
        )
    if action.retention_days is None:
        sentences.append(gettext("We keep it until you ask us to delete it."))
    else:
        sentences.append(
            ngettext(
                "%(days)s day after the campaign ends, we delete it and keep only the number "
                "of signatures.",
                "%(days)s days after the campaign ends, we delete it and keep only the number "
                "of signatures.",
                action.retention_days,
            )
            % {"days": action.retention_days}
        )
        if action.purge_date:
            sentences.append(
                gettext("That will be on %(date)s.")
                % {"date": date_format(action.purge_date, "DATE_FORMAT")}
            )
    return " ".join(sentences)


def panel_context(action, *, form=None, signers=(), shown_in=None):
    """What the action panel template needs (see actions/includes/action_panel.html).
    ``shown_in``: the locale of the page the panel is on; an action not translated into it
    yet is shown in its own language, with a notice naming the page's."""
    untranslated = shown_in is not None and action.locale_id != shown_in.pk
    return {
        "untranslated_in": settings.PORTAL_LANGUAGE_LABELS.get(shown_in.language_code, "")
        if untranslated
        else None,
        # The action's own words are marked with their language; the portal's words around
        # them (labels, buttons, notices) are in the reader's.
        "original": {
            "lang": action.locale.language_code,
            "dir": "rtl" if get_language_info(action.locale.language_code)["bidi"] else "ltr",
        }
        if untranslated
        else None,
        "action": action,
        "form": form if form is not None else SignatureForm(action=action),
        "progress": progress(action, action.confirmed_count),
        "signers": [signer_label(signature) for signature in signers],
        "notice": privacy_notice(action),
        "submit_label": submit_label(action),
        "sign_url": reverse("actions:detail", args=[action.public_id]),
    }
