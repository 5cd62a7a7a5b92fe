"""Signatures and the count they add up to, shared by every translation of an action.

What is stored, and why: the normalised email address (to send the confirmation link, and the
link to see or delete one's data), the language signed in (to write to the signer in it), the
optional first name, country and comment when the action asks for them, and two timestamps.
Never an IP address, a user agent or the address as typed. Unconfirmed signatures are deleted
once their confirmation link has expired, and everything but the count is deleted a set number
of days after the campaign ends (``purge_personal_data``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActionTally(models.Model):
    """The language-independent side of an action: its signatures and confirmed count.

    ``key`` is the action's ``translation_key``. ``confirmed_count`` moves only with F()
    updates in the same transaction as the signature whose state changes, so it stays exact
    under concurrency, and it survives the purge of personal data.
    """

    key = models.UUIDField(_("action"), unique=True, editable=False)
    confirmed_count = models.PositiveIntegerField(_("confirmed signatures"), default=0)
    purged_at = models.DateTimeField(_("personal data purged"), null=True, blank=True)

    class Meta:
        verbose_name = _("action tally")
        verbose_name_plural = _("action tallies")
        default_permissions = ()

    def __str__(self):
        return f"{self.key}: {self.confirmed_count}"


class Signature(models.Model):
    tally = models.ForeignKey(ActionTally, on_delete=models.CASCADE, related_name="signatures")
    language = models.CharField(_("language"), max_length=10)
    email = models.CharField(_("email address"), max_length=254)
    name = models.CharField(_("first name"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("signed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        default_permissions = ()
        permissions = [("export_signatures", _("Can export signatures"))]
        constraints = [
            models.UniqueConstraint(fields=["tally", "email"], name="actions_one_signature_each")
        ]
        indexes = [
            models.Index(fields=["tally", "confirmed_at"], name="actions_sig_confirmed"),
            models.Index(fields=["email"], name="actions_sig_email"),
        ]

    def __str__(self):
        return f"{self.tally_id}/{self.pk}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
