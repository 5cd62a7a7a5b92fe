"""The translation workflow's own records. Translations themselves are wagtail-localize's."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LocaleRole(models.Model):
    """Marks a group as the translators or the reviewers of one language."""

    class Role(models.TextChoices):
        TRANSLATOR = "translator", _("Translators")
        REVIEWER = "reviewer", _("Reviewers")

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="locale_role")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "role"], name="unique_role_per_locale")
        ]

    def __str__(self):
        return f"{self.group.name}"


class Priority(models.IntegerChoices):
    LOW = -1, _("Low")
    NORMAL = 0, _("Normal")
    HIGH = 1, _("High")
    URGENT = 2, _("Urgent")


class TranslationPlan(models.Model):
    """What editors decide about translating one source page: its priority and due date."""

    translation_key = models.UUIDField(unique=True)
    priority = models.IntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)
    due_date = models.DateField(_("due date"), null=True, blank=True)

    def __str__(self):
        return f"{self.translation_key}: {self.get_priority_display()}"


class TranslationClaim(models.Model):
    """A translator's claim on translating one source page into one language."""

    translation_key = models.UUIDField()
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translation_claims"
    )
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"], name="one_claim_per_item_and_locale"
            )
        ]

    def __str__(self):
        return f"{self.translation_key} ({self.locale_id}) claimed by {self.user_id}"


class TranslationDigest(models.Model):
    """How far a language's translators have been told about new work."""

    locale = models.OneToOneField("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    sent_through = models.DateTimeField()

    def __str__(self):
        return f"Digest for {self.locale_id} through {self.sent_through:%Y-%m-%d %H:%M}"


class CoordinatedLaunch(models.Model):
    """A source page that goes live together with its translations into ``locales``.

    While the launch is pending, publishing the source page or one of those translations is
    held (the approved revision is recorded, the page stays as it is); once the source and
    every language are approved, all of them are published at once.
    """

    translation_key = models.UUIDField(unique=True)
    locales = models.ManyToManyField("wagtailcore.Locale", related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    launched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        state = f"launched {self.launched_at:%Y-%m-%d %H:%M}" if self.launched_at else "pending"
        return f"Launch of {self.translation_key} ({state})"


class LaunchHold(models.Model):
    """An approved revision waiting for its coordinated launch."""

    launch = models.ForeignKey(CoordinatedLaunch, on_delete=models.CASCADE, related_name="holds")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    held_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["launch", "page"], name="one_hold_per_launch_page")
        ]

    def __str__(self):
        return f"Revision {self.revision_id} of page {self.page_id} held for launch"


class TranslationNotice(models.Model):
    """Something one user of the translation workflow should know about one translated page.

    Shown on their admin dashboard and in their digest until read; deleted
    ``PORTAL_TRANSLATION_NOTICE_DAYS`` after it was read. At most one unread notice per user,
    kind and page.
    """

    class Kind(models.TextChoices):
        OUTDATED = "outdated", _("Outdated")
        SENT_BACK = "sent_back", _("Sent back")
        AWAITING_REVIEW = "awaiting_review", _("Awaiting review")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translation_notices"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "page"],
                condition=models.Q(read_at__isnull=True),
                name="one_unread_notice_per_user_kind_page",
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_read")]

    def __str__(self):
        return f"{self.kind} notice on page {self.page_id} for user {self.user_id}"
