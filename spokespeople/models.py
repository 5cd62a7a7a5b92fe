"""A spokesperson: someone willing to speak to the media on some topics, in some languages and
regions, under their own name or a public pseudonym.

The address is private: it is never shown on a public page, in the API, the search index or a
feed; journalists write through the relay form, which mails it. Nobody is listed until they
have given their consent themselves, through the link mailed to them (``consent_version``,
``consented_at``), and staff have listed them. Leaving deletes the row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models.pages import source_locale_only
from core.spoken_languages import language_name

# The version of the consent text people confirm (``spokespeople/includes/consent.html``):
# change it with the text, so that each row says which text was agreed to.
CONSENT_VERSION = "2026-12"


class Spokesperson(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("waiting for the person's confirmation")
        CONFIRMED = "confirmed", _("confirmed, waiting for staff")
        LISTED = "listed", _("listed in the directory")

    class NameKind(models.TextChoices):
        REAL = "real", _("real name")
        PSEUDONYM = "pseudonym", _("public pseudonym")

    public_name = models.CharField(_("public name"), max_length=120)
    name_kind = models.CharField(
        _("the public name is"), max_length=10, choices=NameKind.choices, default=NameKind.REAL
    )
    bio = models.TextField(_("short biography"), max_length=600)
    topics = models.ManyToManyField(
        "core.Topic",
        verbose_name=_("topics"),
        related_name="+",
        blank=True,
        limit_choices_to=source_locale_only,
    )
    regions = models.ManyToManyField(
        "core.Region",
        verbose_name=_("regions"),
        related_name="+",
        blank=True,
        limit_choices_to=source_locale_only,
    )
    # ISO 639-1 codes between commas (",ar,fr,"): a filter is one ``contains`` on any database.
    languages = models.CharField(_("languages spoken"), max_length=200)
    email = models.EmailField(
        _("private address"),
        help_text=_("Never shown. Journalists' messages are relayed to it."),
    )
    language = models.CharField(_("language of the mails"), max_length=10)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    consent_version = models.CharField(
        _("consent text agreed to"), max_length=20, blank=True, editable=False
    )
    consented_at = models.DateTimeField(
        _("consent given on"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("spokesperson")
        verbose_name_plural = _("spokespeople")
        ordering = ["public_name", "pk"]

    def __str__(self):
        return self.public_name

    @property
    def language_codes(self):
        return [code for code in self.languages.split(",") if code]

    @language_codes.setter
    def language_codes(self, codes):
        self.languages = "," + ",".join(dict.fromkeys(codes)) + "," if codes else ""

    @property
    def language_names(self):
        return sorted((language_name(code) for code in self.language_codes), key=str.casefold)

    @property
    def is_pseudonym(self):
        return self.name_kind == self.NameKind.PSEUDONYM
